/**
 * Retention (SPEC 2, 3) in SQL: the accounts with ARR > 0 in a start month (recorded ARR, never bridged), their ARR
 * then and in the end month, and Σ min(end, start) per account, for end months `from..to` each `lag` months after
 * its start. The JS forms are `retentionOf` and `retentionSeries` in `metrics/src/arr/retention.ts`;
 * `retentionFiguresOf` and `retentionSummaryFromSums` turn both engines' sums into NRR and GRR.
 */
import { addMonthsToMonth, monthIndex, type Period } from '@cskit/metrics';
import { retentionSummaryFromSums } from '@cskit/metrics/facts';
import type { SqlClient } from '../../client/clients.js';
import type { Predicate } from '../../engine/scope-sql.js';
import { monthsCte, num, Params, runsCte } from './runs-sql.js';

/** A cohort's sums: its ARR at the start and at the end, Σ min(end, start), and its accounts (ARR > 0 at the start). */
export interface RetentionSums {
  starting: number;
  ending: number;
  kept: number;
  accounts: number;
}

/**
 * `<name> (acct, start_arr, end_arr)`, after `runsCte`: a retention cohort per account (`retentionOf`), its recorded
 * ARR in month `start` (the runs hold ARR > 0 only, so every row is in the cohort) and in month `end` (0 without).
 */
export const cohortCte = (name: string, start: string, end: string): string => `${name} AS (SELECT st.acct, st.arr AS start_arr, COALESCE(en.arr, 0) AS end_arr
  FROM r st LEFT JOIN r en ON en.acct = st.acct AND en.mf <= ${end} AND ${end} <= en.mt WHERE st.mf <= ${start} AND ${start} <= st.mt)`;

/** Per end month `from..to` (month indexes), the cohort of `lag` months before it followed to it. */
export async function retentionInSql(
  client: SqlClient, accounts: Predicate | null, from: number, to: number, lag: number, schema: string | undefined,
): Promise<RetentionSums[]> {
  const p = new Params(accounts?.params);
  const [F, T, L] = [p.int(from), p.int(to), p.int(lag)];
  const sql = `WITH ${runsCte(accounts, schema)},
${monthsCte(F, T)}
SELECT months.k AS k, sum(s.arr) AS starting, sum(COALESCE(e.arr, 0)) AS ending,
  sum(CASE WHEN COALESCE(e.arr, 0) < s.arr THEN COALESCE(e.arr, 0) ELSE s.arr END) AS kept, count(*) AS n
FROM months JOIN r s ON s.mf <= months.k - ${L} AND months.k - ${L} <= s.mt
LEFT JOIN r e ON e.acct = s.acct AND e.mf <= months.k AND months.k <= e.mt
GROUP BY months.k`;
  const rows = await client.query(sql, p.values);
  const sums = Array.from({ length: Math.max(0, to - from + 1) }, () => ({ starting: 0, ending: 0, kept: 0, accounts: 0 }));
  for (const row of rows) sums[num(row.k) - from] = { starting: num(row.starting), ending: num(row.ending), kept: num(row.kept), accounts: num(row.n) };
  return sums;
}

/** The `retention` metric of a period: the cohort of the month before it, followed to its last month. */
export async function retentionSummaryInSql(client: SqlClient, accounts: Predicate | null, period: Period, schema: string | undefined) {
  const [from, to] = [monthIndex(period.from), monthIndex(period.to)];
  const [sums = { starting: 0, ending: 0, kept: 0, accounts: 0 }] = await retentionInSql(client, accounts, to, to, to - from + 1, schema);
  return retentionSummaryFromSums(addMonthsToMonth(period.from, -1), period.to, sums.starting, sums.ending, sums.kept, sums.accounts);
}
