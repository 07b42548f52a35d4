/**
 * CS-attributed revenue (SPEC 6): what Customer Success retained, expanded and helped land in a period.
 * Every figure sums over the period; the groups' figures also stand flat on the result for direct access.
 *
 * Rules the SPEC leaves open, decided here:
 * - Renewals use the same `graceMonths` and `asOf` as `renewals`; a late renewal within grace counts as renewed.
 * - A lead without `arr` adds 0 to `csqlArr`.
 * - An open-ended contract covers every day after its opt-out date.
 */
import { assertGrace, MOVEMENT_KINDS, resolveAsOf, waterfallOf } from '../arr/arr-movements.js';
import type { SharedCores } from './csm-scorecard.js';
import { assertPeriod, monthIndex, monthIndexOfDayNumber } from '../core/dates.js';
import { leadColumns, recordColumns, REVENUE_FIELD_NAMES, revenueFieldColumn, type DatasetIndex } from '../data/dataset-index.js';
import type { RevenueField } from '../model/domain.js';
import { resolveHealthModel, type HealthModel, type HealthModelInput } from '../model/health-model.js';
import { transitionAt } from '../health/health-transitions.js';
import { healthScoreMatrix, type HealthScoreMatrix } from '../data/monthly-records.js';
import { isRenewedCode, renewalsOf, type RenewalCore } from '../renewals/renewals.js';
import { isSelected, wholeDataset, type Selection } from '../data/selection.js';
import type { AdvocacyRecord, DateString, Dataset, Lead, Period, RevenueEvent } from '../core/types.js';

export interface CsAttributionRetain {
  /** Renewal ARR of due contracts renewed whose account was saved (red -> higher) over the lookback. */
  savedRenewalArr: number;
  /** Renewal ARR of due contracts renewed whose account was won (yellow/green-yellow -> higher) over the lookback. */
  wonRenewalArr: number;
  /** ARR of contracts with an opt-out date in the period and coverage past it. */
  optOutRetainedArr: number;
  total: number;
}

export interface CsAttributionExpand {
  /** ARR of CSQL leads won in the period. */
  csqlArr: number;
  /** Expansion movements in the period of accounts saved or won over the period. */
  savedWonExpansionArr: number;
  pocArr: number;
  total: number;
}

export interface CsAttributionLand {
  /** Advocacy records (case studies, testimonials, events, references) in the period. */
  csqaCount: number;
  referralArr: number;
  /** `premium-csm` + `consulting` revenue. */
  premiumServicesArr: number;
  /** `csm-assisted` revenue. */
  assistedSalesArr: number;
  /** ARR only; `csqaCount` is a count. */
  total: number;
}

export interface CsAttribution extends Omit<CsAttributionRetain, 'total'>, Omit<CsAttributionExpand, 'total'>, Omit<CsAttributionLand, 'total'> {
  period: Period;
  lookbackMonths: number;
  retain: CsAttributionRetain;
  expand: CsAttributionExpand;
  land: CsAttributionLand;
  /** retain.total + expand.total + land.total. */
  totalArr: number;
}

export interface CsAttributionOptions {
  period: Period;
  model?: HealthModelInput;
  lookbackMonths?: number;
  graceMonths?: number;
  asOf?: DateString;
}

export interface AttributionSettings {
  period: Period;
  model: HealthModel;
  lookbackMonths: number;
  graceMonths: number;
  asOf: DateString;
}

/** Transition codes of `transitionCode`: 0 save, 1 win. */
const SAVE = 0;
const WIN = 1;

/**
 * The retain rule (SPEC 6) one due contract at a time: each renewed due contract of `summary` whose account was
 * saved or won over the lookback, with its renewal ARR (what `savedRenewalArr` and `wonRenewalArr` sum).
 */
export function savedWonRenewals(
  index: DatasetIndex, summary: RenewalCore, health: HealthScoreMatrix, lookbackMonths: number,
  visit: (position: number, kind: 'saved' | 'won', renewalArr: number) => void,
): void {
  const c = index.contracts;
  for (let i = 0; i < summary.dueRows.length; i += 1) {
    if (!isRenewedCode(summary.status[i] as number)) continue;
    const dueMonth = c.endMonth[summary.dueRows[i] as number] as number;
    const position = summary.dueAccount[i] as number;
    const kind = transitionAt(health, position, dueMonth - lookbackMonths, dueMonth);
    if (kind === SAVE) visit(position, 'saved', summary.renewalArr[i] as number);
    if (kind === WIN) visit(position, 'won', summary.renewalArr[i] as number);
  }
}

export function csAttributionOf(selection: Selection, settings: AttributionSettings, shared?: SharedCores): CsAttribution {
  const { index } = selection;
  const { period, model, lookbackMonths, graceMonths, asOf } = settings;
  const health = healthScoreMatrix(index, model);
  const from = monthIndex(period.from);
  const to = monthIndex(period.to);
  const c = index.contracts;

  const retain = { savedRenewalArr: 0, wonRenewalArr: 0, optOutRetainedArr: 0 };
  const summary = shared?.renewals ?? renewalsOf(selection, { period, graceMonths, asOf });
  savedWonRenewals(index, summary, health, lookbackMonths, (_, kind, renewalArr) => {
    if (kind === 'saved') retain.savedRenewalArr += renewalArr;
    else retain.wonRenewalArr += renewalArr;
  });
  // Contracts with an opt-out date in the period whose coverage runs past it, in account order (then start).
  const optOuts = c.withOptOut.filter((row) => {
    const month = monthIndexOfDayNumber(c.optOutDay[row] as number);
    return month >= from && month <= to && isSelected(selection, c.account[row] as number) && (c.endDay[row] as number) > (c.optOutDay[row] as number);
  });
  for (const row of optOuts.sort((a, b) => (c.orderRank[a] as number) - (c.orderRank[b] as number))) retain.optOutRetainedArr += c.arr[row] as number;

  const expand = { csqlArr: 0, savedWonExpansionArr: 0 };
  const leads = recordColumns<Lead>(index, 'leads');
  const { closedMonth, won } = leadColumns(index);
  for (let row = 0; row < leads.records.length; row += 1) {
    const closed = closedMonth[row] as number;
    if (won[row] === 1 && closed >= from && closed <= to && isSelected(selection, leads.account[row] as number)) expand.csqlArr += leads.value[row] as number;
  }
  const movements = (shared?.waterfall ?? waterfallOf(selection, { period, graceMonths, asOf })).movementColumns;
  const expansion = MOVEMENT_KINDS.indexOf('expansion');
  for (let row = 0; row < movements.position.length; row += 1) {
    if (movements.kind.at(row) !== expansion) continue;
    const kind = transitionAt(health, movements.position.at(row), from, to);
    if (kind === SAVE || kind === WIN) expand.savedWonExpansionArr += movements.amount.at(row);
  }

  let csqaCount = 0;
  const advocacy = recordColumns<AdvocacyRecord>(index, 'advocacy');
  for (let row = 0; row < advocacy.records.length; row += 1) {
    const month = advocacy.month[row] as number;
    if (month >= from && month <= to && isSelected(selection, advocacy.account[row] as number)) csqaCount += 1;
  }
  const revenue = recordColumns<RevenueEvent>(index, 'revenue');
  const fieldOf = revenueFieldColumn(index);
  const figures = { pocArr: 0, referralArr: 0, premiumServicesArr: 0, assistedSalesArr: 0 };
  for (let row = 0; row < revenue.records.length; row += 1) {
    const month = revenue.month[row] as number;
    if (month < from || month > to || !isSelected(selection, revenue.account[row] as number)) continue;
    figures[REVENUE_FIELD_NAMES[fieldOf[row] as number] as RevenueField] += revenue.value[row] as number;
  }
  return attributionFromFigures(period, lookbackMonths, { ...retain, ...expand, csqaCount, ...figures });
}

/** Every figure of CS attribution, summed over a period (or a month). */
export type AttributionFigures = Omit<CsAttribution, 'period' | 'lookbackMonths' | 'retain' | 'expand' | 'land' | 'totalArr'>;

/**
 * CS attribution from its figures: the groups with their totals, and the total ARR (`csqaCount` is a count, in no
 * total). How this engine and one that sums the figures itself (`@cskit/sql`) finish.
 */
export function attributionFromFigures(period: Period, lookbackMonths: number, f: AttributionFigures): CsAttribution {
  const retain = { savedRenewalArr: f.savedRenewalArr, wonRenewalArr: f.wonRenewalArr, optOutRetainedArr: f.optOutRetainedArr, total: 0 };
  retain.total = retain.savedRenewalArr + retain.wonRenewalArr + retain.optOutRetainedArr;
  const expand = { csqlArr: f.csqlArr, savedWonExpansionArr: f.savedWonExpansionArr, pocArr: f.pocArr, total: 0 };
  expand.total = expand.csqlArr + expand.savedWonExpansionArr + expand.pocArr;
  const land = { csqaCount: f.csqaCount, referralArr: f.referralArr, premiumServicesArr: f.premiumServicesArr, assistedSalesArr: f.assistedSalesArr, total: 0 };
  land.total = land.referralArr + land.premiumServicesArr + land.assistedSalesArr;
  const { total: retainTotal, ...retainFigures } = retain;
  const { total: expandTotal, ...expandFigures } = expand;
  const { total: landTotal, ...landFigures } = land;
  return {
    period: { from: period.from, to: period.to },
    lookbackMonths,
    ...retainFigures, ...expandFigures, ...landFigures,
    retain, expand, land,
    totalArr: retainTotal + expandTotal + landTotal,
  };
}

export function resolveAttributionSettings(options: CsAttributionOptions): AttributionSettings {
  const { period, lookbackMonths = 12, graceMonths = 0 } = options;
  assertPeriod(period);
  assertGrace(graceMonths);
  if (!Number.isInteger(lookbackMonths) || lookbackMonths < 0) throw new RangeError(`lookbackMonths must be a whole number >= 0, got ${String(lookbackMonths)}`);
  return { period, lookbackMonths, graceMonths, asOf: resolveAsOf(period, options.asOf), model: resolveHealthModel(options.model) };
}

export function csAttribution(dataset: Dataset, options: CsAttributionOptions): CsAttribution {
  return csAttributionOf(wholeDataset(dataset), resolveAttributionSettings(options));
}
