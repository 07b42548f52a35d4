/**
 * CS-attributed revenue (SPEC 6) in SQL, as `csAttributionOf` in `metrics/src/csm/cs-attribution.ts` sums it over the
 * view's accounts and period:
 * - retain: the renewal ARR of due contracts renewed (renewals.ts) whose account was saved or won over the lookback
 *   (its tier in the due month minus `lookbackMonths` against its tier in the due month: health-sql.ts, the cells
 *   read and no others); the ARR of contracts with an opt-out in the period and coverage past it;
 * - expand: won leads closed in the period; the expansion movements in the period (waterfall.ts) of accounts saved or
 *   won over the period; `poc` revenue;
 * - land: advocacy records in the period, and revenue by source (`revenueFieldOf` maps a source to its figure).
 * A save lifts red to any higher tier, a win yellow or green-yellow (`transitionCode`): with tier codes counting down
 * from green, a save is `to < from = red`, a win `to < from < red`. Sums are of the same numbers in another order:
 * equal to the JS engine's to the cent.
 */
import { attributionFromFigures } from '@cskit/metrics/facts';
import { HEALTH_TIERS, monthIndex, revenueFieldOf, type CsAttribution, type Period, type RevenueSource, type View } from '@cskit/metrics';
import { monthsCte, num, Params } from '../arr/runs-sql.js';
import { EXPANSION, movementCtes } from '../arr/waterfall.js';
import { edgeMonths, withHealth, type HealthCells, type HealthQuery } from '../health/health-sql.js';
import { dueCtes, renewedSql } from '../renewals/renewals.js';
import { tableName } from '../../schema/dialect.js';
import { CONTRACT_FACTS_TABLE } from '../../facts/renewal-facts.js';

export type AttributionView = Pick<View, 'period' | 'asOf' | 'graceMonths' | 'model' | 'lookbackMonths'>;

const RED = HEALTH_TIERS.indexOf('red');
/** The renewal or movement of an account whose tier moved from `a` to `b` is a save ('s'), a win ('w') or neither. */
const kindSql = (a: string, b: string) => `CASE WHEN ${b}.tier < ${a}.tier AND ${a}.tier = ${RED} THEN 's' WHEN ${b}.tier < ${a}.tier THEN 'w' END`;

/**
 * The health cells of the retain rule (SPEC 6): each renewed due contract of the view's period (`dueCtes`' `f`, as of
 * the view's `asOf` and grace) in its due month and `back` months before it, and the months they lie in; `L()` is the
 * lookback's placeholder once bound. Attribution, credit and targets read these cells and no others.
 */
export function renewedCells(q: HealthQuery, view: Pick<View, 'period' | 'asOf' | 'graceMonths'>, back: number): { months: (p: Params) => string; cells: HealthCells; L: () => string } {
  const [from, to] = [monthIndex(view.period.from), monthIndex(view.period.to)];
  let L = '';
  return {
    months: (params: Params) => `${monthsCte(params.int(from - back), params.int(to))},\nhm AS (SELECT k FROM months)`,
    cells: {
      ctes: (params: Params) => {
        L = params.int(back);
        return dueCtes(params, q.accounts, view, q.schema);
      },
      get grid() {
        return `SELECT va.acct, va.segment, va.stage, f.end_month AS k FROM f JOIN va ON va.acct = f.acct WHERE ${renewedSql('f')}
  UNION SELECT va.acct, va.segment, va.stage, f.end_month - ${L} AS k FROM f JOIN va ON va.acct = f.acct WHERE ${renewedSql('f')}`;
      },
    },
    L: () => L,
  };
}

/** Per due month, saved and won renewal ARR: each renewed due contract's account's tiers in its due month minus the lookback, and then. */
export async function retainedByMonth(q: HealthQuery, view: AttributionView): Promise<Map<number, { saved: number; won: number }>> {
  const p = new Params(q.accounts?.params);
  const renewed = renewedCells(q, view, view.lookbackMonths);
  const L = () => renewed.L();
  const rows = await q.client.query(`${withHealth(q, p, view.model, renewed.months, renewed.cells)},
sw AS (SELECT f.end_month AS month, ${kindSql('ta', 'tb')} AS kind, f.renewal_arr FROM f LEFT JOIN ht ta ON ta.acct = f.acct AND ta.k = f.end_month - ${L()}
  LEFT JOIN ht tb ON tb.acct = f.acct AND tb.k = f.end_month WHERE ${renewedSql('f')})
SELECT sw.month, sw.kind, sum(sw.renewal_arr) AS arr FROM sw WHERE sw.kind IS NOT NULL GROUP BY sw.month, sw.kind`, p.values);
  const byMonth = new Map<number, { saved: number; won: number }>();
  for (const row of rows) {
    const month = num(row.month);
    const sums = byMonth.get(month) ?? { saved: 0, won: 0 };
    if (row.kind === 's') sums.saved += num(row.arr);
    else sums.won += num(row.arr);
    byMonth.set(month, sums);
  }
  return byMonth;
}

/**
 * The expansion movements in the period of accounts saved or won over the period: each view account's tiers in the
 * period's first and last months in one row (as `healthTransitions` reads them), the saved or won ones a set the
 * movements are matched against. Health is worked out for every view account, not only those with an expansion:
 * PostgreSQL estimates a few rows for CTEs of window functions (the movements) and, given cells drawn from them,
 * planned nested loops (118 s at 1,000,000 accounts; 20 s at 100,000 with the movements joined to the tiers).
 */
async function savedWonExpansion(q: HealthQuery, view: AttributionView): Promise<number> {
  const p = new Params(q.accounts?.params);
  const edges = edgeMonths(view.period);
  const health = withHealth(q, p, view.model, edges.months);
  const [F, T] = [edges.F(), edges.T()];
  const movements = movementCtes(p, q.accounts, view, q.schema).ctes;
  const [row = {}] = await q.client.query(`${health},
tr AS (SELECT ht.acct, max(CASE WHEN ht.k = ${F} THEN ht.tier END) AS tier_from, max(CASE WHEN ht.k = ${T} THEN ht.tier END) AS tier_to FROM ht GROUP BY ht.acct),
${movements}
SELECT sum(x.arr) AS arr FROM tr LEFT JOIN (SELECT mv.acct, sum(mv.amount) AS arr FROM mv WHERE mv.kind = ${EXPANSION} GROUP BY mv.acct) x ON x.acct = tr.acct
WHERE tr.tier_to < tr.tier_from`, p.values);
  return num(row.arr);
}

/** What a period sums per month: opt-outs retained, won leads, advocacy records, and revenue by source. */
export interface MonthSums {
  optOutRetainedArr: number;
  csqlArr: number;
  csqaCount: number;
  revenue: Map<RevenueSource, number>;
}

/** Per month of the period: its opt-outs retained, won leads, advocacy records and revenue by source. */
export async function sumsByMonth(q: HealthQuery, view: AttributionView): Promise<Map<number, MonthSums>> {
  const p = new Params(q.accounts?.params);
  const [F, T] = [p.int(monthIndex(view.period.from)), p.int(monthIndex(view.period.to))];
  const scoped = (column: string) => (q.accounts === null ? '' : ` AND ${column} IN (SELECT a.seq ${q.accounts.accountsOnly})`);
  const t = (name: string) => tableName(name, q.schema);
  const rows = await q.client.query(`SELECT 'optOut' AS part, c.opt_out_month AS month, '' AS source, sum(k.arr) AS arr
  FROM ${t(CONTRACT_FACTS_TABLE)} k JOIN ${t('cskit_contracts')} c ON c.seq = k.seq
  WHERE c.opt_out_month >= ${F} AND c.opt_out_month <= ${T} AND (c.end_day IS NULL OR c.end_day > c.opt_out_day)${scoped('k.account_seq')} GROUP BY c.opt_out_month
UNION ALL SELECT 'csql' AS part, l.closed_month AS month, '' AS source, sum(COALESCE(l.arr, 0)) AS arr FROM ${t('cskit_leads')} l
  WHERE l.stage = 'won' AND l.closed_month >= ${F} AND l.closed_month <= ${T}${scoped('l.account_seq')} GROUP BY l.closed_month
UNION ALL SELECT 'csqa' AS part, v.record_month AS month, '' AS source, count(*) AS arr FROM ${t('cskit_advocacy')} v
  WHERE v.record_month >= ${F} AND v.record_month <= ${T}${scoped('v.account_seq')} GROUP BY v.record_month
UNION ALL SELECT 'revenue' AS part, e.event_month AS month, e.source, sum(e.arr) AS arr FROM ${t('cskit_revenue')} e
  WHERE e.event_month >= ${F} AND e.event_month <= ${T}${scoped('e.account_seq')} GROUP BY e.event_month, e.source`, p.values);
  const months = new Map<number, MonthSums>();
  for (const row of rows) {
    const month = num(row.month);
    let sums = months.get(month);
    if (!sums) months.set(month, (sums = { optOutRetainedArr: 0, csqlArr: 0, csqaCount: 0, revenue: new Map() }));
    const arr = num(row.arr);
    if (row.part === 'optOut') sums.optOutRetainedArr += arr;
    else if (row.part === 'csql') sums.csqlArr += arr;
    else if (row.part === 'csqa') sums.csqaCount += arr;
    else sums.revenue.set(String(row.source) as RevenueSource, (sums.revenue.get(String(row.source) as RevenueSource) ?? 0) + arr);
  }
  return months;
}

/** CS attribution of a period's (or a month's) sums (`attributionFromFigures`); `revenueFieldOf` maps each source. */
export function attributionOf(period: Period, lookbackMonths: number, retained: { saved: number; won: number }, savedWonExpansionArr: number, sums: MonthSums): CsAttribution {
  const revenue = { pocArr: 0, referralArr: 0, premiumServicesArr: 0, assistedSalesArr: 0 };
  for (const [source, arr] of sums.revenue) revenue[revenueFieldOf(source)] += arr;
  return attributionFromFigures(period, lookbackMonths, {
    savedRenewalArr: retained.saved, wonRenewalArr: retained.won, optOutRetainedArr: sums.optOutRetainedArr,
    csqlArr: sums.csqlArr, savedWonExpansionArr, csqaCount: sums.csqaCount, ...revenue,
  });
}

/** The months' sums added up. */
function addUp<T>(months: Iterable<T>, into: T, add: (into: T, month: T) => void): T {
  for (const month of months) add(into, month);
  return into;
}

/** `csAttribution` of the view's accounts (`accounts` null: every account). */
export async function csAttributionInSql(q: HealthQuery, view: AttributionView): Promise<CsAttribution> {
  const retained = addUp((await retainedByMonth(q, view)).values(), { saved: 0, won: 0 }, (into, month) => {
    into.saved += month.saved;
    into.won += month.won;
  });
  const sums = addUp((await sumsByMonth(q, view)).values(), { optOutRetainedArr: 0, csqlArr: 0, csqaCount: 0, revenue: new Map() }, (into, month) => {
    into.optOutRetainedArr += month.optOutRetainedArr;
    into.csqlArr += month.csqlArr;
    into.csqaCount += month.csqaCount;
    for (const [source, arr] of month.revenue) into.revenue.set(source, (into.revenue.get(source) ?? 0) + arr);
  });
  return attributionOf(view.period, view.lookbackMonths, retained, await savedWonExpansion(q, view), sums);
}
