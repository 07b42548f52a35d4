/**
 * The metrics answered in SQL, by name: each a query (or two) in the folder of its family, mirroring
 * `metrics/src/<family>/`, equal to the JS engine's part of the same name. The others are answered by the prepared
 * engine. `accounts` null means every account (no predicate; for `nps` the responses without an account count too).
 */
import type { View } from '@cskit/metrics';
import type { SqlClient } from '../client/clients.js';
import type { Predicate } from '../engine/scope-sql.js';
import { arrMetricInSql, ARR_METRICS_IN_SQL, type ArrMetricInSql } from './arr/arr-metrics.js';
import { npsInSql } from './engagement/nps.js';
import { renewalFunnelInSql, renewalsInSql } from './renewals/renewals.js';

export const METRICS_IN_SQL = [...ARR_METRICS_IN_SQL, 'nps', 'renewals', 'renewalFunnel'] as const;
export type MetricInSql = (typeof METRICS_IN_SQL)[number];

export const isMetricInSql = (metric: string): metric is MetricInSql => (METRICS_IN_SQL as readonly string[]).includes(metric);

export async function metricInSql(
  client: SqlClient, accounts: Predicate | null, view: Pick<View, 'period' | 'asOf' | 'graceMonths'>, metric: MetricInSql, schema: string | undefined,
): Promise<unknown> {
  switch (metric) {
    case 'nps':
      return npsInSql(client, accounts, view.period, schema);
    case 'renewals':
      return renewalsInSql(client, accounts, view, schema);
    case 'renewalFunnel':
      return renewalFunnelInSql(client, accounts, view, schema);
    default:
      return arrMetricInSql(client, accounts, view, metric as ArrMetricInSql, schema);
  }
}
