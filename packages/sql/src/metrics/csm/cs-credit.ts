/**
 * A book's CS credit in detail (`csCredit`) in SQL, as `csCreditOf` in `metrics/src/csm/cs-credit.ts` lays it out: CS
 * attribution month by month (cs-attribution.ts, grouped by month: a renewal by its due month, an opt-out, a lead, an
 * advocacy record or a revenue event by its own; the expansion test reads a month's own transition, from a month to
 * itself, which is never a save or a win, so it is 0 each month), premium CSM and consulting revenue apart, the CSQL
 * funnel of the leads created in the period (each counted at every stage up to the furthest it reached; a lost lead at
 * submitted only, and in `lost`) and the advocacy records by kind.
 */
import { ADVOCACY_KINDS, addMonthsToMonth, CSQL_STAGES, monthIndex, type AdvocacyKind, type CsCredit, type LeadStage } from '@cskit/metrics';
import { creditMonthFrom, csqlStageReached, ratio } from '@cskit/metrics/facts';
import { num, Params } from '../arr/runs-sql.js';
import type { HealthQuery } from '../health/health-sql.js';
import { tableName } from '../../schema/dialect.js';
import { attributionOf, retainedByMonth, sumsByMonth, type AttributionView, type MonthSums } from './cs-attribution.js';

/** Leads created in the period by stage (count, ARR), and advocacy records in the period by kind. */
async function funnelAndKinds(q: HealthQuery, view: AttributionView) {
  const p = new Params(q.accounts?.params);
  const [F, T] = [p.int(monthIndex(view.period.from)), p.int(monthIndex(view.period.to))];
  const scoped = (column: string) => (q.accounts === null ? '' : ` AND ${column} IN (SELECT a.seq ${q.accounts.accountsOnly})`);
  return q.client.query(`SELECT 'lead' AS part, l.stage AS key, count(*) AS n, sum(COALESCE(l.arr, 0)) AS arr FROM ${tableName('cskit_leads', q.schema)} l
  WHERE l.created_month >= ${F} AND l.created_month <= ${T}${scoped('l.account_seq')} GROUP BY l.stage
UNION ALL SELECT 'kind' AS part, v.kind AS key, count(*) AS n, 0 AS arr FROM ${tableName('cskit_advocacy', q.schema)} v
  WHERE v.record_month >= ${F} AND v.record_month <= ${T}${scoped('v.account_seq')} GROUP BY v.kind`, p.values);
}

const noSums = (): MonthSums => ({ optOutRetainedArr: 0, csqlArr: 0, csqaCount: 0, revenue: new Map() });

/** `csCredit` of the view's accounts (`accounts` null: every account). */
export async function csCreditInSql(q: HealthQuery, view: AttributionView): Promise<CsCredit> {
  const retained = await retainedByMonth(q, view);
  const sums = await sumsByMonth(q, view);
  const months: CsCredit['months'] = [];
  const apart = { premiumCsmArr: 0, consultingArr: 0 };
  for (let month = view.period.from; monthIndex(month) <= monthIndex(view.period.to); month = addMonthsToMonth(month, 1)) {
    const k = monthIndex(month);
    const own = sums.get(k) ?? noSums();
    const a = attributionOf({ from: month, to: month }, view.lookbackMonths, retained.get(k) ?? { saved: 0, won: 0 }, 0, own);
    const monthApart = { premiumCsmArr: own.revenue.get('premium-csm') ?? 0, consultingArr: own.revenue.get('consulting') ?? 0 };
    apart.premiumCsmArr += monthApart.premiumCsmArr;
    apart.consultingArr += monthApart.consultingArr;
    months.push(creditMonthFrom(month, a, monthApart));
  }
  const rows = await funnelAndKinds(q, view);
  const stages = CSQL_STAGES.map((stage) => ({ stage, count: 0, arr: 0 }));
  const lost = { count: 0, arr: 0 };
  const csqaByKind = Object.fromEntries(ADVOCACY_KINDS.map((kind) => [kind, 0])) as Record<AdvocacyKind, number>;
  for (const row of rows) {
    if (row.part === 'kind') {
      csqaByKind[String(row.key) as AdvocacyKind] += num(row.n);
      continue;
    }
    const stage = String(row.key) as LeadStage;
    const [count, arr] = [num(row.n), num(row.arr)];
    if (stage === 'lost') [lost.count, lost.arr] = [lost.count + count, lost.arr + arr];
    // Counted at every stage up to the furthest it reached.
    const reached = csqlStageReached(stage);
    for (const reachedStage of stages.slice(0, reached + 1)) [reachedStage.count, reachedStage.arr] = [reachedStage.count + count, reachedStage.arr + arr];
  }
  return {
    period: { from: view.period.from, to: view.period.to }, months, ...apart,
    csqlFunnel: { stages, lost, conversion: ratio(stages[3]?.count ?? 0, stages[0]?.count ?? 0) }, csqaByKind,
  };
}
