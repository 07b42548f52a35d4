/**
 * The ARR family's metrics answered in SQL: `waterfall`, `retention`, `arrTrend` and `cohorts` (SPEC 2, 3, 5, 8), each equal to
 * the JS engine's part of the same name (`metrics/src/arr/metrics.ts`): its money in whole cents, its ratios to
 * 1e-9 (the sums are the same numbers added in another order).
 */
import { monthIndex } from '@cskit/metrics';
import { arrTrendFromParts, retentionFiguresOf } from '@cskit/metrics/facts';
import type { SqlClient } from '../../client/clients.js';
import type { Predicate } from '../../engine/scope-sql.js';
import { cohortsInSql } from './cohorts.js';
import { retentionInSql, retentionSummaryInSql } from './retention.js';
import { waterfallInSql, type ArrView } from './waterfall.js';

export const ARR_METRICS_IN_SQL = ['waterfall', 'retention', 'arrTrend', 'cohorts'] as const;
export type ArrMetricInSql = (typeof ARR_METRICS_IN_SQL)[number];

export const isArrMetricInSql = (metric: string): metric is ArrMetricInSql => (ARR_METRICS_IN_SQL as readonly string[]).includes(metric);

/** One of the ARR family's metrics of the view's accounts (`accounts` null: every account). */
export async function arrMetricInSql(client: SqlClient, accounts: Predicate | null, view: ArrView, metric: ArrMetricInSql, schema: string | undefined): Promise<unknown> {
  const from = monthIndex(view.period.from);
  const to = monthIndex(view.period.to);
  if (metric === 'cohorts') return cohortsInSql(client, accounts, view.period, schema);
  if (metric === 'retention') return retentionSummaryInSql(client, accounts, view.period, schema);
  const { core, churned } = await waterfallInSql(client, accounts, view, schema);
  if (metric === 'arrTrend') {
    const retention = (await retentionInSql(client, accounts, from, to, 12, schema)).map((s) => retentionFiguresOf(s.starting, s.ending, s.kept));
    return arrTrendFromParts(view.period, core, churned, retention);
  }
  const { movementColumns: _columns, openingAt: _openingAt, closingAt: _closingAt, customers: _customers, ...figures } = core;
  return figures;
}
