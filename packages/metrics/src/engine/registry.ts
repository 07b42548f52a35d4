/**
 * The one list of metrics and row sets the engine answers. A new metric is a `defineMetric` in its family's
 * `metrics.ts` and a line here; its summary and dashboard types, `SUMMARY_PARTS`, the protocol's check of part names and
 * `prefetch` follow from this list.
 */
import { accountsTableCore, breakdownsMetric, rolesMetric } from '../accounts/metrics.js';
import { arrTrendMetric, cohortsMetric, retentionCore, retentionMetric, waterfallCore, waterfallMetric } from '../arr/metrics.js';
import type { EngineView, MetricDefinition, PartContext } from '../core/metric.js';
import type { RowTable } from '../core/rows.js';
import type { DateString, Period } from '../core/types.js';
import { csAttributionMetric, csCreditMetric, csmScorecardMetric, targetProgressMetric } from '../csm/metrics.js';
import { earlyWarningsMetric, npsMetric, warningsCore } from '../engagement/metrics.js';
import {
  healthDistributionMetric, healthQuadrantsMetric, healthScoresCore, healthScoresMetric, healthTransitionsMetric, healthValidationMetric, quadrantsCore,
  transitionsCore,
} from '../health/metrics.js';
import { kpisMetric } from '../kpis/metrics.js';
import { renewalFunnelMetric, renewalsAheadMetric, renewalsMetric, aheadCore, renewalsCore } from '../renewals/metrics.js';
import type { HealthModel } from '../model/health-model.js';
import {
  healthScoresTable, movementsTable, quadrantTable, renewalsAheadTable, renewalsTable, retentionTable, transitionsTable, warningsTable,
  type RowSetName, type RowSetRows,
} from './row-sets.js';

/** Every metric of a summary, in the order a summary lists them. */
export const METRICS = [
  kpisMetric, waterfallMetric, retentionMetric, renewalsMetric, renewalFunnelMetric, healthScoresMetric, healthDistributionMetric, healthTransitionsMetric,
  healthQuadrantsMetric, npsMetric, earlyWarningsMetric, cohortsMetric, csmScorecardMetric, csAttributionMetric, breakdownsMetric, arrTrendMetric,
  renewalsAheadMetric, healthValidationMetric, rolesMetric, targetProgressMetric, csCreditMetric,
] as const;

type Metric = (typeof METRICS)[number];

/** The metrics of a summary by name, each answerable on its own (`metric`); `MetricResults` is the same type. */
export type SummaryParts = { [P in Metric as P['name']]: ReturnType<P['summary']> };

/** A metric's name (one entry of a summary); `MetricName` is the same type. */
export type SummaryPart = keyof SummaryParts;

/** The metrics' names, in summary order; `METRIC_NAMES` is the same list. */
export const SUMMARY_PARTS: readonly SummaryPart[] = METRICS.map((metric) => metric.name);

// One name for the concept: a metric. The `SummaryPart` names are those SPEC 11 published first, kept.
export type MetricName = SummaryPart;
export type MetricResults = SummaryParts;
export const METRIC_NAMES: readonly MetricName[] = SUMMARY_PARTS;

/** The metrics `dashboard(view)` returns, with their per-account lists. */
export type DashboardParts = {
  [P in Metric as P extends MetricDefinition<string, unknown, infer D> ? ([D] extends [never] ? never : P['name']) : never]:
    P extends MetricDefinition<string, unknown, infer D> ? D : never;
};

/** What every summary and dashboard opens with: the view's resolved settings. */
export interface ViewHeader {
  period: Period;
  comparisonPeriod: Period | null;
  asOf: DateString;
  graceMonths: number;
  model: HealthModel;
}

/** A row set's table for a view, from the computations it reads. */
export const ROW_TABLES: { readonly [N in RowSetName]: (ctx: PartContext, view: EngineView) => RowTable<RowSetRows[N]> } = {
  accounts: (ctx, view) => ctx.use(accountsTableCore, view),
  movements: (ctx, view) => movementsTable(ctx.index, ctx.use(waterfallCore, view, view.period, view.asOf)),
  renewals: (ctx, view) => renewalsTable(ctx.index, ctx.use(renewalsCore, view, view.period, view.asOf)),
  'health-scores': (ctx, view) => healthScoresTable(ctx.index, ctx.use(healthScoresCore, view, view.period.to)),
  'quadrant-accounts': (ctx, view) => quadrantTable(ctx.index, ctx.use(quadrantsCore, view, view.period.to)),
  transitions: (ctx, view) => transitionsTable(ctx.index, ctx.use(transitionsCore, view, view.period)),
  'early-warnings': (ctx, view) => warningsTable(ctx.index, ctx.use(warningsCore, view, view.period.to)),
  'retention-accounts': (ctx, view) => retentionTable(ctx.index, ctx.use(retentionCore, view, view.period)),
  'renewals-ahead': (ctx, view) => renewalsAheadTable(ctx.index, ctx.use(aheadCore, view)),
};
