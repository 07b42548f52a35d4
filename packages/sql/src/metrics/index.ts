/**
 * The metrics answered in SQL, by name: each a query (or two) in the folder of its family, mirroring
 * `metrics/src/<family>/`, equal to the JS engine's part of the same name. The others are answered by the prepared
 * engine. `accounts` null means every account (no predicate; for `nps` the responses without an account count too).
 */
import type { TargetProgress, View } from '@cskit/metrics';
import type { SqlClient } from '../client/clients.js';
import type { Predicate } from '../engine/scope-sql.js';
import { arrMetricInSql, ARR_METRICS_IN_SQL, type ArrMetricInSql } from './arr/arr-metrics.js';
import { npsInSql } from './engagement/nps.js';
import { warningTotalsInSql } from './engagement/early-warnings.js';
import { kpisInSql } from './kpis/kpis.js';
import { HEALTH_METRICS_IN_SQL, healthMetricInSql, type HealthMetricInSql } from './health/health-metrics.js';
import type { Dialect } from '../schema/dialect.js';
import type { HealthFactsEntry } from '../facts/health-facts.js';
import { renewalFunnelInSql, renewalsInSql } from './renewals/renewals.js';
import { renewalsAheadInSql } from './renewals/renewals-ahead.js';
import { rolesInSql } from './accounts/roles.js';
import { csAttributionInSql } from './csm/cs-attribution.js';
import { csCreditInSql } from './csm/cs-credit.js';
import { breakdownsInSql } from './accounts/breakdowns.js';
import { readTargets, targetsInSql } from './csm/targets.js';
import { csmScorecardInSql, readCsms } from './csm/csm-scorecard.js';

/** The metrics answered in SQL. */
export const METRICS_IN_SQL = [...ARR_METRICS_IN_SQL, 'nps', 'renewals', 'renewalFunnel', 'renewalsAhead', 'earlyWarnings', 'kpis', 'roles', 'csAttribution', 'csCredit', 'breakdowns', 'targets', 'csmScorecard', ...HEALTH_METRICS_IN_SQL] as const;
export type MetricInSql = (typeof METRICS_IN_SQL)[number];

export const isMetricInSql = (metric: string): metric is MetricInSql => (METRICS_IN_SQL as readonly string[]).includes(metric);

/**
 * What the metrics of a CSM's or team's book read of the viewer's scope: its accounts alone (the view's filters and
 * account ids never change a target's owners; null: every account), and the CSMs it names (null: every CSM).
 */
export interface ScopeInSql {
  accounts: Predicate | null;
  csms: () => Promise<ReadonlySet<string> | null>;
  /** The `targets` metric of the same view (the scorecard counts its items), as the caller keeps it. */
  targets: () => Promise<TargetProgress>;
}

export async function metricInSql(
  client: SqlClient, accounts: Predicate | null, view: Pick<View, 'period' | 'asOf' | 'graceMonths' | 'model' | 'comparisonPeriod' | 'earlyWarning' | 'lookbackMonths' | 'ahead' | 'breakdownDimensions' | 'accountIds'>, metric: MetricInSql, schema: string | undefined,
  dialect: Dialect, scope: ScopeInSql, facts: readonly HealthFactsEntry[] = [],
): Promise<unknown> {
  // What a metric reading health reads: with the data version's health facts (facts/health-facts.ts).
  const q = { client, accounts, schema, dialect, facts };
  if ((HEALTH_METRICS_IN_SQL as readonly string[]).includes(metric)) return healthMetricInSql(q, view, metric as HealthMetricInSql);
  switch (metric) {
    case 'nps':
      return npsInSql(client, accounts, view.period, schema);
    case 'renewals':
      return renewalsInSql(client, accounts, view, schema);
    case 'earlyWarnings': {
      const totals = await warningTotalsInSql(client, accounts, view.period.to, view.earlyWarning, schema, dialect);
      return { asOf: view.period.to, ...view.earlyWarning, ...totals };
    }
    case 'renewalsAhead':
      return renewalsAheadInSql(q, view);
    case 'csCredit':
      return csCreditInSql(q, view);
    case 'csAttribution':
      return csAttributionInSql(q, view);
    case 'breakdowns':
      return breakdownsInSql(q, view);
    case 'targets':
      return targetsInSql({ ...q, accounts: scope.accounts }, view, await readTargets(client, schema), await scope.csms());
    case 'csmScorecard': {
      return csmScorecardInSql(q, view, { csms: await readCsms(client, schema), scopeCsms: await scope.csms(), progress: await scope.targets() });
    }
    case 'roles':
      return rolesInSql(client, accounts, view.period, schema);
    case 'kpis':
      return kpisInSql(client, accounts, view, schema, dialect);
    case 'renewalFunnel':
      return renewalFunnelInSql(client, accounts, view, schema);
    default:
      return arrMetricInSql(client, accounts, view, metric as ArrMetricInSql, schema);
  }
}
