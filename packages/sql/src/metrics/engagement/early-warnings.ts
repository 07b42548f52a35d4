/**
 * Early warnings (SPEC 5) in SQL: how many of the view's accounts are warned in a month and their ARR, and the
 * accounts' activity rate in a month. The JS form is `warnedArr` in `metrics/src/engagement/early-warnings.ts`: an
 * account is warned when it has ARR > 0 in the month (`arrThrough`: recorded ARR, `cskit_arr_runs`), has any
 * activity record at all (unknown activity is never warned), and its activity rate (Σ active / Σ licensed of a
 * month's records, 0 without one: `activityRateAt`) is below the threshold in each of the `months` months ending with
 * it. A rate is never below a threshold <= 0; above 0, a month without a record is below it, so only the months with
 * records can clear an account.
 */
import { monthIndex, type Month } from '@cskit/metrics';
import { ratio } from '@cskit/metrics/facts';
import type { SqlClient } from '../../client/clients.js';
import type { Predicate } from '../../engine/scope-sql.js';
import { tableName, type Dialect } from '../../schema/dialect.js';
import { ARR_RUNS_TABLE } from '../../facts/arr-runs.js';
import { num, Params, runCovers } from '../arr/runs-sql.js';

export interface WarningSettings {
  threshold: number;
  months: number;
}

/**
 * `wa`, `whi` and `wn (acct, arr)`: the view's accounts (`accounts` null: every account) warned in `month`, with their
 * ARR then (binds to `p`).
 */
export function warnedCtes(p: Params, accounts: Predicate | null, month: Month, settings: WarningSettings, schema: string | undefined, dialect: Dialect): string {
  const last = monthIndex(month);
  const [L, F, T] = [p.int(last), p.int(last - settings.months + 1), p.double(settings.threshold, dialect)];
  const scoped = (column: string) => (accounts === null ? '' : ` AND ${column} IN (SELECT a.seq ${accounts.accountsOnly})`);
  const activity = tableName('cskit_activity', schema);
  return `wa AS (SELECT f.account_seq AS acct, f.arr FROM ${tableName(ARR_RUNS_TABLE, schema)} f
  WHERE ${runCovers('f', L)} AND f.arr > 0${scoped('f.account_seq')}),
whi AS (SELECT x.account_seq AS acct FROM ${activity} x WHERE x.month >= ${F} AND x.month <= ${L}${scoped('x.account_seq')}
  GROUP BY x.account_seq, x.month HAVING sum(x.active_users) / sum(x.licensed_users) >= ${T}),
wn AS (SELECT wa.acct, wa.arr FROM wa WHERE ${T} > 0 AND wa.acct IN (SELECT k.account_seq FROM ${activity} k) AND wa.acct NOT IN (SELECT whi.acct FROM whi))`;
}

/** The view's accounts (`accounts` null: every account) warned in `month`: how many, and their ARR then. */
export async function warningTotalsInSql(
  client: SqlClient, accounts: Predicate | null, month: Month, settings: WarningSettings, schema: string | undefined, dialect: Dialect,
): Promise<{ count: number; arr: number }> {
  if (!(settings.threshold > 0)) return { count: 0, arr: 0 };
  const p = new Params(accounts?.params);
  const [row = {}] = await client.query(`WITH ${warnedCtes(p, accounts, month, settings, schema, dialect)}
SELECT count(*) AS n, sum(wn.arr) AS arr FROM wn`, p.values);
  return { count: num(row.n), arr: num(row.arr) };
}

/** The view's accounts' activity rate in a month: Σ activeUsers / Σ licensedUsers of their records (`activityRateCore`). */
export async function activityRateInSql(client: SqlClient, accounts: Predicate | null, month: Month, schema: string | undefined): Promise<number | null> {
  const p = new Params(accounts?.params);
  const scoped = accounts === null ? '' : ` AND x.account_seq IN (SELECT a.seq ${accounts.accountsOnly})`;
  const [row = {}] = await client.query(`SELECT sum(x.active_users) AS active, sum(x.licensed_users) AS licensed
FROM ${tableName('cskit_activity', schema)} x WHERE x.month = ${p.int(monthIndex(month))}${scoped}`, p.values);
  return ratio(num(row.active), num(row.licensed));
}
