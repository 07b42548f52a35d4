/**
 * The `info` request in SQL: the scope's account count, the data period (first and last month of ARR data: snapshot
 * months when the data has snapshots, else contract start months, as `accountSpans` and `arrSpan` of
 * `@cskit/metrics` read them), the default period (twelve months to the freshest contract start or snapshot) and
 * the measure keys. One query; the keys are sorted here as `measureKeysOf` sorts them (UTF-16 order, whatever the
 * database's collation).
 */
import { monthFromIndex, periodEndingIn, type DatasetInfo } from '@cskit/metrics';
import type { SqlClient } from '../client/clients.js';
import { tableName } from '../schema/dialect.js';
import type { Predicate } from './scope-sql.js';

/** The first and last month of ARR data of a scope's accounts (`scopeDataPeriod`), and its freshest month. */
export async function dataSpanInSql(client: SqlClient, scope: Predicate, schema: string | undefined) {
  const t = (name: string) => tableName(name, schema);
  const inScope = 'account_seq IN (SELECT seq FROM scoped)';
  // Aggregates joined side by side rather than scalar subqueries in the SELECT list, which Trino's grammar refuses.
  const sql = `WITH scoped AS (SELECT a.seq AS seq ${scope.accountsOnly}),
  n AS (SELECT CAST(count(*) AS INTEGER) AS accounts FROM scoped),
  s AS (SELECT CAST(count(*) AS INTEGER) AS snapshots FROM ${t('cskit_arr')}),
  r AS (SELECT min(month) AS arr_first, max(month) AS arr_last FROM ${t('cskit_arr')} WHERE ${inScope}),
  k AS (SELECT min(start_month) AS start_first, max(start_month) AS start_last FROM ${t('cskit_contracts')} WHERE ${inScope})
SELECT n.accounts, s.snapshots, r.arr_first, r.arr_last, k.start_first, k.start_last FROM n CROSS JOIN s CROSS JOIN r CROSS JOIN k`;
  const [row = {}] = await client.query(sql, scope.params);
  const month = (value: unknown) => (value === null || value === undefined ? null : Number(value));
  const fromSnapshots = Number(row.snapshots) > 0;
  const first = month(fromSnapshots ? row.arr_first : row.start_first);
  const last = month(fromSnapshots ? row.arr_last : row.start_last);
  const freshest = [month(row.arr_last), month(row.start_last)].filter((m): m is number => m !== null);
  return {
    accountCount: Number(row.accounts),
    dataPeriod: first === null || last === null ? null : { from: monthFromIndex(first), to: monthFromIndex(last) },
    freshest: freshest.length === 0 ? null : Math.max(...freshest),
  };
}

export async function infoInSql(client: SqlClient, scope: Predicate, currency: string, schema: string | undefined): Promise<DatasetInfo> {
  const span = await dataSpanInSql(client, scope, schema);
  const keys = await client.query(`WITH scoped AS (SELECT a.seq AS seq ${scope.accountsOnly}) SELECT DISTINCT key FROM ${tableName('cskit_measures', schema)} WHERE account_seq IN (SELECT seq FROM scoped)`, scope.params);
  return {
    accountCount: span.accountCount,
    currency,
    dataPeriod: span.dataPeriod,
    defaultPeriod: periodEndingIn(span.freshest === null ? null : monthFromIndex(span.freshest)),
    measureKeys: keys.map((k) => String(k.key)).sort(),
  };
}
