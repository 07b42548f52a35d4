/**
 * Cohorts (SPEC 5, 7) in SQL: the view's accounts signed in each month of the period, followed month by month to
 * its end: how many have recorded ARR > 0 (runs, never bridged), their ARR, and the sum of their activity rates
 * (Σ activeUsers / Σ licensedUsers of the account's records in the month, 0 without records or users:
 * `activityRateAt` in `metrics/src/data/monthly-records.ts`). The JS form is `cohortsAllOf` in
 * `metrics/src/arr/cohorts.ts`; `cohortsFromSums` turns both engines' sums into the three measures' rows.
 */
import { monthIndex, type Period } from '@cskit/metrics';
import { cohortsFromSums, type CohortSums } from '@cskit/metrics/facts';
import type { SqlClient } from '../../client/clients.js';
import { tableName } from '../../schema/dialect.js';
import type { Predicate } from '../../engine/scope-sql.js';
import { monthsCte, num, Params, runsCte } from './runs-sql.js';

export async function cohortsInSql(client: SqlClient, accounts: Predicate | null, period: Period, schema: string | undefined) {
  const first = monthIndex(period.from);
  const last = monthIndex(period.to);
  const p = new Params(accounts?.params);
  const [F, T] = [p.int(first), p.int(last)];
  const signed = `a.signed_month >= ${F} AND a.signed_month <= ${T}`;
  const members = accounts === null ? `FROM ${tableName('cskit_accounts', schema)} a WHERE ${signed}` : `${accounts.accountsOnly} AND ${signed}`;
  const sql = `WITH mem AS (SELECT a.seq AS acct, a.signed_month AS c ${members}),
${runsCte({ seqs: 'SELECT acct FROM mem' }, schema)},
${monthsCte(F, T)},
cells AS (SELECT mem.c AS c, months.k AS k, count(*) AS members, count(r.acct) AS logo, sum(COALESCE(r.arr, 0)) AS arr
  FROM mem JOIN months ON months.k >= mem.c LEFT JOIN r ON r.acct = mem.acct AND r.mf <= months.k AND months.k <= r.mt
  GROUP BY mem.c, months.k),
act AS (SELECT v.account_seq AS acct, v.month AS k, sum(v.active_users) AS active, sum(v.licensed_users) AS licensed
  FROM ${tableName('cskit_activity', schema)} v WHERE v.month >= ${F} AND v.month <= ${T} AND v.account_seq IN (SELECT acct FROM mem)
  GROUP BY v.account_seq, v.month),
rates AS (SELECT mem.c AS c, act.k AS k, sum(CASE WHEN act.licensed > 0 THEN act.active / act.licensed ELSE 0 END) AS rate
  FROM act JOIN mem ON mem.acct = act.acct WHERE act.k >= mem.c GROUP BY mem.c, act.k)
SELECT cells.c AS c, cells.k AS k, cells.members AS members, cells.logo AS logo, cells.arr AS arr, rates.rate AS rate
FROM cells LEFT JOIN rates ON rates.c = cells.c AND rates.k = cells.k`;
  const rows = await client.query(sql, p.values);
  const byCohort = new Map<number, CohortSums & { logo: Float64Array; arr: Float64Array; rates: Float64Array }>();
  for (const row of rows) {
    const cohort = num(row.c);
    let sums = byCohort.get(cohort);
    if (!sums) {
      const months = last - cohort + 1;
      sums = { cohort, size: num(row.members), logo: new Float64Array(months), arr: new Float64Array(months), rates: new Float64Array(months) };
      byCohort.set(cohort, sums);
    }
    const k = num(row.k) - cohort;
    sums.logo[k] = num(row.logo);
    sums.arr[k] = num(row.arr);
    sums.rates[k] = num(row.rate);
  }
  return cohortsFromSums(period.from, period.to, [...byCohort.values()].sort((a, b) => a.cohort - b.cohort));
}
