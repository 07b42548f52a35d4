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

export async function infoInSql(client: SqlClient, scope: Predicate, currency: string, schema: string | undefined): Promise<DatasetInfo> {
  const t = (name: string) => tableName(name, schema);
  const inScope = 'account_id IN (SELECT id FROM scoped)';
  const sql = `WITH scoped AS (SELECT a.id AS id ${scope.sql})
SELECT
  (SELECT CAST(count(*) AS INTEGER) FROM scoped) AS accounts,
  (SELECT CAST(count(*) AS INTEGER) FROM ${t('cskit_arr')}) AS snapshots,
  (SELECT min(month) FROM ${t('cskit_arr')} WHERE ${inScope}) AS arr_first,
  (SELECT max(month) FROM ${t('cskit_arr')} WHERE ${inScope}) AS arr_last,
  (SELECT min(start_month) FROM ${t('cskit_contracts')} WHERE ${inScope}) AS start_first,
  (SELECT max(start_month) FROM ${t('cskit_contracts')} WHERE ${inScope}) AS start_last`;
  const [row = {}] = await client.query(sql, scope.params);
  const month = (value: unknown) => (value === null || value === undefined ? null : Number(value));
  const fromSnapshots = Number(row.snapshots) > 0;
  const first = month(fromSnapshots ? row.arr_first : row.start_first);
  const last = month(fromSnapshots ? row.arr_last : row.start_last);
  const freshest = [month(row.arr_last), month(row.start_last)].filter((m): m is number => m !== null);
  const keys = await client.query(`WITH scoped AS (SELECT a.id AS id ${scope.sql}) SELECT DISTINCT key FROM ${t('cskit_measures')} WHERE ${inScope}`, scope.params);
  return {
    accountCount: Number(row.accounts),
    currency,
    dataPeriod: first === null || last === null ? null : { from: monthFromIndex(first), to: monthFromIndex(last) },
    defaultPeriod: periodEndingIn(freshest.length === 0 ? null : monthFromIndex(Math.max(...freshest))),
    measureKeys: keys.map((k) => String(k.key)).sort(),
  };
}
