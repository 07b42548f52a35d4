/**
 * The KPIs (SPEC 7's header figures) in SQL, for the view's period and its comparison period (read as of its last
 * day), as `kpisOf` in `metrics/src/kpis/metrics.ts` takes them from the parts they read: the waterfall, retention,
 * renewals and NPS (each already in SQL), the early warnings' totals and the activity rate (engagement/), finished
 * by the JS engine's own `kpisFromParts` (its ratios too), so both give the same numbers.
 */
import { lastDayOfMonth, type DashboardKpis, type DateString, type Period, type View } from '@cskit/metrics';
import { kpisFromParts } from '@cskit/metrics/facts';
import type { SqlClient } from '../../client/clients.js';
import type { Predicate } from '../../engine/scope-sql.js';
import type { Dialect } from '../../schema/dialect.js';
import { retentionSummaryInSql } from '../arr/retention.js';
import { waterfallInSql } from '../arr/waterfall.js';
import { activityRateInSql, warningTotalsInSql } from '../engagement/early-warnings.js';
import { npsInSql } from '../engagement/nps.js';
import { renewalsInSql } from '../renewals/renewals.js';

export type KpiView = Pick<View, 'period' | 'asOf' | 'graceMonths' | 'comparisonPeriod' | 'earlyWarning'>;

interface KpiQuery {
  client: SqlClient;
  accounts: Predicate | null;
  schema: string | undefined;
  dialect: Dialect;
}

async function kpisOf(q: KpiQuery, view: KpiView, period: Period, asOf: DateString): Promise<DashboardKpis> {
  const { client, accounts, schema } = q;
  const { core: waterfall } = await waterfallInSql(client, accounts, { period, asOf, graceMonths: view.graceMonths }, schema);
  const retention = await retentionSummaryInSql(client, accounts, period, schema);
  const renewals = await renewalsInSql(client, accounts, { period, asOf, graceMonths: view.graceMonths }, schema);
  return kpisFromParts({
    waterfall, retention, renewals,
    nps: (await npsInSql(client, accounts, period, schema)).score,
    warnings: await warningTotalsInSql(client, accounts, period.to, view.earlyWarning, schema, q.dialect),
    activityRate: await activityRateInSql(client, accounts, period.to, schema),
  });
}

/** The `kpis` metric: the view's period's KPIs and its comparison period's (`kpiPair`). */
export async function kpisInSql(client: SqlClient, accounts: Predicate | null, view: KpiView, schema: string | undefined, dialect: Dialect) {
  const q = { client, accounts, schema, dialect };
  const compare = view.comparisonPeriod;
  return {
    kpis: await kpisOf(q, view, view.period, view.asOf),
    comparisonKpis: compare ? await kpisOf(q, view, compare, lastDayOfMonth(compare.to)) : null,
  };
}
