/**
 * Renewals and their funnel (SPEC 3) in SQL, over the renewal facts (facts/renewal-facts.ts): the view's accounts'
 * contracts whose end month lies in the period, each with its renewal for the view's grace and its status as of
 * `asOf` (`renewalStatusCode` in `metrics/src/renewals/renewals.ts` is the JS form: renewed when the renewal starts
 * by the day after the end, else renewed late; without one, open until the end, in grace until the end's next day
 * plus grace months, then churned), summed by status and by funnel depth (`funnelDepth`); `renewalFiguresFromSums`
 * and `funnelFromSums` finish both engines' sums alike.
 */
import { dayNumber, FUNNEL_STAGES, monthIndex, monthOf, type DateString, type FunnelStageName, type Period } from '@cskit/metrics';
import { funnelFromSums, renewalFiguresFromSums, type RenewalSums } from '@cskit/metrics/facts';
import type { SqlClient } from '../../client/clients.js';
import { tableName } from '../../schema/dialect.js';
import type { Predicate } from '../../engine/scope-sql.js';
import { CONTRACT_FACTS_TABLE, RENEWAL_MATCHES_TABLE } from '../../facts/renewal-facts.js';
import { num, Params } from '../arr/runs-sql.js';

export interface RenewalView {
  period: Period;
  asOf: DateString;
  graceMonths: number;
}

/** Status codes as `RENEWAL_STATUSES` orders them. */
export const [RENEWED, RENEWED_LATE, OPEN, IN_GRACE, CHURNED] = [0, 1, 2, 3, 4];

/** A due contract `alias` of `f` renewed (on time or late: `isRenewedCode`). */
export const renewedSql = (alias: string): string => `${alias}.status <= ${RENEWED_LATE}`;

/** A due contract `alias` of `f` decided at `asOf`: renewed, renewed late or churned (`isRenewedCode`, `isChurnedCode`). */
export const decidedSql = (alias: string): string => `(${alias}.status <= ${RENEWED_LATE} OR ${alias}.status = ${CHURNED})`;

/**
 * `d`, `s` and `f (acct, due_seq, due_arr, end_day, end_month, due_rank, renewal_seq, renewal_start, renewal_arr, status, depth)`: the view's accounts' contracts due in the period
 * (`accounts` null: every account), each with its renewal for the view's grace, its status as of `asOf` and its depth
 * in the funnel (`funnelDepth`: 0 due, 1 renewed, 2 retained, 3 expanded).
 */
export function dueCtes(p: Params, accounts: Predicate | null, view: RenewalView, schema: string | undefined): string {
  const [F, T, G] = [p.int(monthIndex(view.period.from)), p.int(monthIndex(view.period.to)), p.int(view.graceMonths)];
  const [asOfDay, asOfMonth, asOfDom] = [p.int(dayNumber(view.asOf)), p.int(monthIndex(monthOf(view.asOf))), p.int(Number(view.asOf.slice(8, 10)))];
  const contracts = tableName(CONTRACT_FACTS_TABLE, schema);
  const scoped = accounts === null ? '' : ` AND k.account_seq IN (SELECT a.seq ${accounts.accountsOnly})`;
  const inGrace = `${G} > 0 AND (${asOfMonth} < d.next_month + ${G} OR (${asOfMonth} = d.next_month + ${G} AND ${asOfDom} <= d.next_dom))`;
  return `d AS (SELECT k.seq AS due_seq, k.account_seq AS acct, k.arr AS due_arr, k.end_day, k.end_month, k.due_rank, k.next_month, k.next_dom, m.renewal_seq
  FROM ${contracts} k JOIN ${tableName(RENEWAL_MATCHES_TABLE, schema)} m ON m.due_seq = k.seq AND m.grace_from <= ${G} AND ${G} <= m.grace_to
  WHERE k.end_month >= ${F} AND k.end_month <= ${T}${scoped}),
s AS (SELECT d.acct, d.due_seq, d.due_arr, d.end_day, d.end_month, d.due_rank, d.renewal_seq, r.start_day AS renewal_start, r.arr AS renewal_arr,
    CASE WHEN d.renewal_seq IS NOT NULL THEN (CASE WHEN r.start_day <= d.end_day + 1 THEN ${RENEWED} ELSE ${RENEWED_LATE} END)
      WHEN ${asOfDay} <= d.end_day THEN ${OPEN} WHEN ${inGrace} THEN ${IN_GRACE} ELSE ${CHURNED} END AS status
  FROM d LEFT JOIN ${contracts} r ON r.seq = d.renewal_seq),
f AS (SELECT s.*, CASE WHEN s.status > ${RENEWED_LATE} THEN 0 WHEN s.renewal_arr > s.due_arr THEN 3 WHEN s.renewal_arr >= s.due_arr THEN 2 ELSE 1 END AS depth FROM s)`;
}

/**
 * `du (acct, n, due_arr, renewed_arr, flag)`, after `dueCtes`: each account's contracts due in the view, their ARR,
 * the ARR of those renewed, and `flag` 2 when any was renewed, 1 when none was (an account with nothing due has no row).
 */
export const dueByAccountCte = (): string => `du AS (SELECT acct, count(*) AS n, sum(due_arr) AS due_arr,
  sum(CASE WHEN ${renewedSql('f')} THEN renewal_arr ELSE 0 END) AS renewed_arr, max(CASE WHEN ${renewedSql('f')} THEN 2 ELSE 1 END) AS flag
  FROM f GROUP BY acct)`;

/** The sums of the view's accounts' due contracts, by status and by funnel depth, and their accounts. */
async function renewalSums(client: SqlClient, accounts: Predicate | null, view: RenewalView, schema: string | undefined) {
  const p = new Params(accounts?.params);
  const sql = `WITH ${dueCtes(p, accounts, view, schema)}
SELECT 's' AS part, status AS code, count(*) AS n, sum(due_arr) AS due_arr, sum(COALESCE(renewal_arr, 0)) AS renewal_arr,
  sum(CASE WHEN renewal_arr < due_arr THEN renewal_arr ELSE due_arr END) AS capped FROM f GROUP BY status
UNION ALL SELECT 'f' AS part, depth AS code, count(*) AS n, sum(due_arr) AS due_arr, sum(COALESCE(renewal_arr, 0)) AS renewal_arr, 0 AS capped FROM f GROUP BY depth
UNION ALL SELECT 'a' AS part, 0 AS code, count(DISTINCT acct) AS n, 0 AS due_arr, 0 AS renewal_arr, 0 AS capped FROM f
UNION ALL SELECT 'a' AS part, 1 AS code, count(DISTINCT acct) AS n, 0 AS due_arr, 0 AS renewal_arr, 0 AS capped FROM f WHERE status <= ${RENEWED_LATE}`;
  return client.query(sql, p.values);
}

/**
 * The drill-down to a funnel stage (`{ kind: 'renewal-stage', stage }`): the view's accounts with a contract due in
 * the period that reached it, in the data's order (the `renewal-stage` case of `drillDownPositions`).
 */
export async function renewalStageAccountsInSql(
  client: SqlClient, accounts: Predicate | null, view: RenewalView, stage: FunnelStageName, schema: string | undefined,
): Promise<{ accountIds: string[] }> {
  const p = new Params(accounts?.params);
  const ctes = dueCtes(p, accounts, view, schema);
  const depth = p.int(FUNNEL_STAGES.indexOf(stage));
  const rows = await client.query(`WITH ${ctes}
SELECT a.id AS id FROM ${tableName('cskit_accounts', schema)} a WHERE a.seq IN (SELECT acct FROM f WHERE depth >= ${depth}) ORDER BY a.seq`, p.values);
  return { accountIds: rows.map((row) => String(row.id)) };
}

/** The `renewals` metric's figures of the view's accounts. */
export async function renewalsInSql(client: SqlClient, accounts: Predicate | null, view: RenewalView, schema: string | undefined) {
  const rows = await renewalSums(client, accounts, view, schema);
  const group = () => ({ count: 0, arr: 0 });
  const sums: RenewalSums = {
    period: view.period, asOf: view.asOf, graceMonths: view.graceMonths,
    due: group(), renewed: group(), churned: group(), pending: group(), cappedArr: 0, dueAccounts: 0, renewedAccounts: 0,
  };
  for (const row of rows) {
    const code = num(row.code);
    if (row.part === 'a') {
      if (code === 0) sums.dueAccounts = num(row.n);
      else sums.renewedAccounts = num(row.n);
      continue;
    }
    if (row.part !== 's') continue;
    const [count, dueArr] = [num(row.n), num(row.due_arr)];
    sums.due.count += count;
    sums.due.arr += dueArr;
    if (code <= RENEWED_LATE) {
      sums.renewed.count += count;
      sums.renewed.arr += num(row.renewal_arr);
      sums.cappedArr += num(row.capped);
    } else if (code === CHURNED) sums.churned = { count, arr: dueArr };
    else {
      sums.pending.count += count;
      sums.pending.arr += dueArr;
    }
  }
  return renewalFiguresFromSums(sums);
}

/** The `renewalFunnel` metric of the view's accounts: stage s holds the contracts of depth >= s. */
export async function renewalFunnelInSql(client: SqlClient, accounts: Predicate | null, view: RenewalView, schema: string | undefined) {
  const rows = (await renewalSums(client, accounts, view, schema)).filter((row) => row.part === 'f');
  const [counts, dueArrs, renewalArrs] = [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]];
  for (const row of rows) {
    for (let stage = 0; stage <= num(row.code); stage += 1) {
      counts[stage] = (counts[stage] as number) + num(row.n);
      dueArrs[stage] = (dueArrs[stage] as number) + num(row.due_arr);
      renewalArrs[stage] = (renewalArrs[stage] as number) + num(row.renewal_arr);
    }
  }
  return funnelFromSums(view.period, counts, dueArrs, renewalArrs);
}
