/**
 * The `breakdowns` metric (SPEC 6, 14) in SQL: per group of each of the view's dimensions, its accounts' figures. The
 * JS form is `accountTotalsOf` and `groupSummariesOf` in `metrics/src/accounts/group-summary.ts`: each account's share
 * (the waterfall's opening and closing ARR after the grace rule and its movements by kind; the retention cohort's ARR
 * at the start and end; its contracts due and renewed; its activity users in the last month; its responses in the
 * period; its health tier in the last month when it has ARR then) is worked out once per account here too (`pa`),
 * then summed per group of each dimension (`groupKeySql`: a group key as `groupKey` reads it). `groupSummariesFromSums`
 * finishes both engines' sums alike (whole cents, ratios, groups in key order).
 */
import { MOVEMENT_KINDS, monthFromIndex, monthIndex, type BreakdownDimension, type GroupSummary, type HealthModel, type HealthTier, type View } from '@cskit/metrics';
import { groupSummariesFromSums, type GroupSums } from '@cskit/metrics/facts';
import { tableName } from '../../schema/dialect.js';
import { groupKeySql } from '../../engine/scope-sql.js';
import { movementCtes } from '../arr/waterfall.js';
import { cohortCte } from '../arr/retention.js';
import { arrAtCte, num, Params } from '../arr/runs-sql.js';
import { dueByAccountCte, dueCtes } from '../renewals/renewals.js';
import { withHealth, type HealthQuery } from '../health/health-sql.js';
import { npsCountSql } from '../engagement/nps.js';

export type BreakdownView = Pick<View, 'period' | 'asOf' | 'graceMonths' | 'breakdownDimensions'> & { model: HealthModel };

/** Health mix codes: the tiers' codes (`HEALTH_TIERS`), then 4 for an account with ARR and no health. */
const MIX: ReadonlyArray<HealthTier | 'unknown'> = ['green', 'green-yellow', 'yellow', 'red', 'unknown'];

/**
 * `bo`, `bc`, `bm`, `rt`, `du`, `ac`, `np` and `pa (acct, opening, closing, k0..k4, start_arr, end_arr, kept, due_n,
 * due_arr, renewal_arr, due_flag, active, licensed, responses, promoters, passives, mix)`: each view account's share.
 */
function accountShares(q: HealthQuery, p: Params, view: BreakdownView): string {
  const [from, to] = [monthIndex(view.period.from), monthIndex(view.period.to)];
  const movements = movementCtes(p, q.accounts, view, q.schema);
  const due = dueCtes(p, q.accounts, view, q.schema);
  const [O, T] = [p.int(from - 1), p.int(to)];
  const F = p.int(from);
  const kinds = MOVEMENT_KINDS.map((_, code) => `sum(CASE WHEN kind = ${code} THEN amount ELSE 0 END) AS k${code}`).join(', ');
  const mine = (column: string) => `${column} IN (SELECT acct FROM va)`;
  return `${movements.ctes},
${due},
${arrAtCte('bo', O)},
${arrAtCte('bc', T)},
bm AS (SELECT acct, ${kinds} FROM mv GROUP BY acct),
${cohortCte('rt', O, T)},
${dueByAccountCte()},
ac AS (SELECT x.account_seq AS acct, sum(x.active_users) AS active, sum(x.licensed_users) AS licensed
  FROM ${tableName('cskit_activity', q.schema)} x WHERE x.month = ${T} AND ${mine('x.account_seq')} GROUP BY x.account_seq),
np AS (SELECT n.account_seq AS acct, count(*) AS responses, ${npsCountSql('promoters', 'n.score')} AS promoters,
  ${npsCountSql('passives', 'n.score')} AS passives
  FROM ${tableName('cskit_nps', q.schema)} n WHERE n.response_month >= ${F} AND n.response_month <= ${T} AND ${mine('n.account_seq')} GROUP BY n.account_seq),
pa AS (SELECT va.acct, COALESCE(bo.arr, 0) AS opening, COALESCE(bc.arr, 0) AS closing,
  ${MOVEMENT_KINDS.map((_, code) => `COALESCE(bm.k${code}, 0) AS k${code}`).join(', ')},
  COALESCE(rt.start_arr, 0) AS start_arr, COALESCE(rt.end_arr, 0) AS end_arr,
  CASE WHEN rt.acct IS NULL THEN 0 WHEN rt.end_arr < rt.start_arr THEN rt.end_arr ELSE rt.start_arr END AS kept,
  COALESCE(du.n, 0) AS due_n, COALESCE(du.due_arr, 0) AS due_arr, COALESCE(du.renewed_arr, 0) AS renewal_arr, COALESCE(du.flag, 0) AS due_flag,
  COALESCE(ac.active, 0) AS active, COALESCE(ac.licensed, 0) AS licensed,
  COALESCE(np.responses, 0) AS responses, COALESCE(np.promoters, 0) AS promoters, COALESCE(np.passives, 0) AS passives,
  CASE WHEN COALESCE(bc.arr, 0) > 0 THEN COALESCE(ht.tier, 4) ELSE -1 END AS mix
FROM va LEFT JOIN bo ON bo.acct = va.acct LEFT JOIN bc ON bc.acct = va.acct LEFT JOIN bm ON bm.acct = va.acct LEFT JOIN rt ON rt.acct = va.acct
  LEFT JOIN du ON du.acct = va.acct LEFT JOIN ac ON ac.acct = va.acct LEFT JOIN np ON np.acct = va.acct LEFT JOIN ht ON ht.acct = va.acct)`;
}

/** One dimension's groups: the shares of `pa` summed per group key (`gm`, the signing month's index, for `signedMonth`). */
function groupsSelect(q: HealthQuery, dimension: BreakdownDimension, code: number): string {
  const key = dimension === 'signedMonth' ? `'' AS gkey, a.signed_month AS gm` : `${groupKeySql(dimension)} AS gkey, 0 AS gm`;
  const sum = (column: string) => `sum(pa.${column}) AS ${column}`;
  const mix = MIX.map((_, tier) => `sum(CASE WHEN pa.mix = ${tier} THEN 1 ELSE 0 END) AS mix${tier}`).join(', ');
  return `SELECT ${code} AS dim, ${key}, sum(CASE WHEN pa.closing > 0 THEN 1 ELSE 0 END) AS accounts, sum(CASE WHEN pa.closing > 0 THEN pa.closing ELSE 0 END) AS arr,
  ${['opening', ...MOVEMENT_KINDS.map((_, c) => `k${c}`), 'start_arr', 'end_arr', 'kept', 'due_n', 'due_arr', 'renewal_arr', 'active', 'licensed', 'responses', 'promoters', 'passives'].map(sum).join(', ')},
  sum(CASE WHEN pa.due_flag >= 1 THEN 1 ELSE 0 END) AS due_accounts, sum(CASE WHEN pa.due_flag = 2 THEN 1 ELSE 0 END) AS renewed_accounts, ${mix}
FROM pa JOIN ${tableName('cskit_accounts', q.schema)} a ON a.seq = pa.acct LEFT JOIN ${tableName('cskit_csms', q.schema)} c ON c.id = a.csm_id
GROUP BY ${dimension === 'signedMonth' ? 'a.signed_month' : groupKeySql(dimension)}`;
}

const sumsOf = (row: Record<string, unknown>, key: string): GroupSums => {
  const responses = num(row.responses);
  const [promoters, passives] = [num(row.promoters), num(row.passives)];
  return {
    key, accounts: num(row.accounts), arr: num(row.arr), openingArr: num(row.opening), kinds: MOVEMENT_KINDS.map((_, code) => num(row[`k${code}`])),
    startingArr: num(row.start_arr), endingArr: num(row.end_arr), keptArr: num(row.kept), renewalsDue: num(row.due_n), dueArr: num(row.due_arr),
    renewalArr: num(row.renewal_arr), dueAccounts: num(row.due_accounts), renewedAccounts: num(row.renewed_accounts),
    users: [num(row.active), num(row.licensed)], nps: { responses, promoters, passives, detractors: responses - promoters - passives },
    healthMix: Object.fromEntries(MIX.map((name, tier) => [name, num(row[`mix${tier}`])])) as GroupSums['healthMix'],
  };
};

/** The `breakdowns` metric of the view's accounts (`accounts` null: every account), one statement for every dimension. */
export async function breakdownsInSql(q: HealthQuery, view: BreakdownView): Promise<Partial<Record<BreakdownDimension, GroupSummary[]>>> {
  const dimensions = [...new Set(view.breakdownDimensions)];
  if (dimensions.length === 0) return {};
  const p = new Params(q.accounts?.params);
  const health = withHealth(q, p, view.model, (params) => `hm AS (SELECT ${params.int(monthIndex(view.period.to))} AS k)`);
  const shares = accountShares(q, p, view);
  const rows = await q.client.query(`${health},\n${shares}\n${dimensions.map((dimension, code) => groupsSelect(q, dimension, code)).join('\nUNION ALL ')}`, p.values);
  const result: Partial<Record<BreakdownDimension, GroupSummary[]>> = {};
  dimensions.forEach((dimension, code) => {
    const mine = rows.filter((row) => num(row.dim) === code);
    result[dimension] = groupSummariesFromSums(mine.map((row) => sumsOf(row, dimension === 'signedMonth' ? monthFromIndex(num(row.gm)) : String(row.gkey))));
  });
  // In the view's order, as the JS engine lists them.
  return Object.fromEntries(view.breakdownDimensions.map((dimension) => [dimension, result[dimension]]));
}
