/**
 * `computeDashboard` (SPEC 7): every result for one period, from one index of the dataset. Results are plain,
 * JSON-serialisable objects, so a server may compute them and a browser only render them.
 *
 * Choices for the dashboard, where the SPEC leaves them open:
 * - Retention runs from the month before the period (the waterfall's opening) to `period.to`.
 * - The comparison period defaults to the one of the same length just before `period` (`null` turns it off); its
 *   KPIs feed the deltas of KPI cards.
 * - Early warnings and health snapshots are read at `period.to`; cohorts are the accounts signed within the period.
 */
import { arrMovements, assertGrace, resolveAsOf, type ArrWaterfall } from './arr-movements.js';
import { type BreakdownDimension } from './breakdown.js';
import { cohorts, type Cohorts } from './cohorts.js';
import { csAttribution, type CsAttribution } from './cs-attribution.js';
import { csmScorecard, type CsmScorecard } from './csm-scorecard.js';
import { addMonthsToMonth, assertPeriod, monthIndex } from './dates.js';
import { earlyWarnings, type EarlyWarnings } from './early-warnings.js';
import { groupSummaries, type GroupSummary } from './group-summary.js';
import { healthDistribution, healthQuadrants, healthScores, type HealthDistribution, type HealthQuadrants, type HealthScores } from './health.js';
import { resolveHealthModel, type HealthModel, type HealthModelInput } from './health-model.js';
import { healthTransitions, type HealthTransitions } from './health-transitions.js';
import { datasetNps, type NpsResult } from './nps.js';
import { renewalFunnel, renewals, type RenewalFunnel, type RenewalSummary } from './renewals.js';
import { retention, type RetentionResult } from './retention.js';
import type { DateString, Dataset, Period } from './types.js';

export interface DashboardOptions {
  period: Period;
  /** Default: the period of the same length just before `period`; `null` for none. */
  comparisonPeriod?: Period | null;
  model?: HealthModelInput;
  graceMonths?: number;
  asOf?: DateString;
  earlyWarning?: { threshold?: number; months?: number };
  lookbackMonths?: number;
  /** Group summaries to compute. Default: segment, region and channel. */
  breakdownDimensions?: readonly BreakdownDimension[];
}

export interface DashboardKpis {
  /** ARR at the end of the period (the waterfall's closing). */
  arr: number;
  netNewArr: number;
  nrr: number | null;
  grr: number | null;
  logoRate: number | null;
  dollarRate: number | null;
  nps: number | null;
  atRiskAccounts: number;
  atRiskArr: number;
}

export interface Dashboard {
  period: Period;
  comparisonPeriod: Period | null;
  asOf: DateString;
  graceMonths: number;
  model: HealthModel;
  kpis: DashboardKpis;
  comparisonKpis: DashboardKpis | null;
  waterfall: ArrWaterfall;
  retention: RetentionResult;
  renewals: RenewalSummary;
  renewalFunnel: RenewalFunnel;
  healthScores: HealthScores;
  healthDistribution: HealthDistribution;
  healthTransitions: HealthTransitions;
  healthQuadrants: HealthQuadrants;
  nps: NpsResult;
  earlyWarnings: EarlyWarnings;
  cohorts: { logo: Cohorts; arr: Cohorts; activity: Cohorts };
  csmScorecard: CsmScorecard;
  csAttribution: CsAttribution;
  breakdowns: Partial<Record<BreakdownDimension, GroupSummary[]>>;
}

/** The period of the same length that ends the month before `period` starts. */
export function previousPeriod(period: Period): Period {
  const length = monthIndex(period.to) - monthIndex(period.from) + 1;
  return { from: addMonthsToMonth(period.from, -length), to: addMonthsToMonth(period.from, -1) };
}

interface CoreResults {
  waterfall: ArrWaterfall;
  retention: RetentionResult;
  renewals: RenewalSummary;
  nps: NpsResult;
  earlyWarnings: EarlyWarnings;
}

function coreResults(dataset: Dataset, period: Period, options: Pick<DashboardOptions, 'graceMonths' | 'earlyWarning'>, asOf: DateString): CoreResults {
  const graceMonths = options.graceMonths ?? 0;
  return {
    waterfall: arrMovements(dataset, { period, graceMonths, asOf }),
    retention: retention(dataset, { start: addMonthsToMonth(period.from, -1), end: period.to }),
    renewals: renewals(dataset, { period, graceMonths, asOf }),
    nps: datasetNps(dataset, { period }),
    earlyWarnings: earlyWarnings(dataset, { asOf: period.to, ...options.earlyWarning }),
  };
}

function kpisOf(results: CoreResults): DashboardKpis {
  return {
    arr: results.waterfall.closing,
    netNewArr: results.waterfall.netNew,
    nrr: results.retention.nrr,
    grr: results.retention.grr,
    logoRate: results.renewals.logoRate,
    dollarRate: results.renewals.dollarRate,
    nps: results.nps.score,
    atRiskAccounts: results.earlyWarnings.items.length,
    atRiskArr: results.earlyWarnings.items.reduce((sum, item) => sum + item.arr, 0),
  };
}

/**
 * The header KPIs of one period without the rest of the dashboard: for hosts that show KPIs with a comparison
 * period and compute the charts separately.
 */
export function dashboardKpis(
  dataset: Dataset,
  options: Pick<DashboardOptions, 'period' | 'graceMonths' | 'asOf' | 'earlyWarning'>,
): DashboardKpis {
  assertPeriod(options.period);
  assertGrace(options.graceMonths ?? 0);
  return kpisOf(coreResults(dataset, options.period, options, resolveAsOf(options.period, options.asOf)));
}

export function computeDashboard(dataset: Dataset, options: DashboardOptions): Dashboard {
  const { period, graceMonths = 0, lookbackMonths = 12 } = options;
  assertPeriod(period);
  assertGrace(graceMonths);
  const asOf = resolveAsOf(period, options.asOf);
  const model = resolveHealthModel(options.model);
  const comparisonPeriod = options.comparisonPeriod === undefined ? previousPeriod(period) : options.comparisonPeriod;
  if (comparisonPeriod) assertPeriod(comparisonPeriod, 'comparisonPeriod');

  const core = coreResults(dataset, period, options, asOf);
  const comparison = comparisonPeriod ? coreResults(dataset, comparisonPeriod, options, resolveAsOf(comparisonPeriod, undefined)) : null;
  const breakdowns: Dashboard['breakdowns'] = {};
  for (const dimension of options.breakdownDimensions ?? ['segment', 'region', 'channel']) {
    breakdowns[dimension] = groupSummaries(dataset, dimension, { ...core, graceMonths, asOf });
  }
  return {
    period: { from: period.from, to: period.to },
    comparisonPeriod,
    asOf,
    graceMonths,
    model,
    kpis: kpisOf(core),
    comparisonKpis: comparison ? kpisOf(comparison) : null,
    ...core,
    renewalFunnel: renewalFunnel(core.renewals),
    healthScores: healthScores(dataset, { month: period.to, model }),
    healthDistribution: healthDistribution(dataset, { period, model }),
    healthTransitions: healthTransitions(dataset, { period, model }),
    healthQuadrants: healthQuadrants(dataset, { month: period.to, model }),
    cohorts: {
      logo: cohorts(dataset, { from: period.from, to: period.to, measure: 'logo' }),
      arr: cohorts(dataset, { from: period.from, to: period.to, measure: 'arr' }),
      activity: cohorts(dataset, { from: period.from, to: period.to, measure: 'activity' }),
    },
    csmScorecard: csmScorecard(dataset, { period, model, graceMonths, asOf }, core),
    csAttribution: csAttribution(dataset, { period, model, lookbackMonths, graceMonths, asOf }, core),
    breakdowns,
  };
}
