/**
 * The `info` request in SQL: the scope's account count, the data period (first and last month of ARR data: snapshot
 * months when the data has snapshots, else contract start months, as `accountSpans` and `arrSpan` of
 * `@cskit/metrics` read them), the default period (twelve months to the freshest contract start or snapshot) and
 * the measure keys. One query; the keys are sorted here as `measureKeysOf` sorts them (UTF-16 order, whatever the
 * database's collation).
 */
import { monthFromIndex, periodEndingIn, type DatasetInfo, type Period } from '@cskit/metrics';
import type { SqlClient } from '../client/clients.js';
import { tableName } from '../schema/dialect.js';
import type { DataSpans } from '../facts/data-spans.js';
import { countInSql, type Predicate } from './scope-sql.js';

/** A scope's data span: its accounts, its data period and its freshest month (month index), as `info` gives them. */
export interface DataSpanFigures {
  accountCount: number;
  dataPeriod: Period | null;
  freshest: number | null;
}

type MonthSpan = { first: number; last: number } | null;

/**
 * The rule of `accountSpans` and `arrSpan` of `@cskit/metrics`, in one place for both forms below: the data period is
 * the ARR snapshots' months when the whole data has snapshots, else the contracts' start months; the freshest month
 * is the later of the two spans' last months.
 */
function periodOf(dataHasSnapshots: boolean, snapshots: MonthSpan, starts: MonthSpan): Omit<DataSpanFigures, 'accountCount'> {
  const span = dataHasSnapshots ? snapshots : starts;
  const freshest = [snapshots?.last, starts?.last].filter((m): m is number => m !== undefined);
  return {
    dataPeriod: span === null ? null : { from: monthFromIndex(span.first), to: monthFromIndex(span.last) },
    freshest: freshest.length === 0 ? null : Math.max(...freshest),
  };
}

/**
 * Every account's data period and freshest month from the header's spans (written by `writeDataset`), or undefined
 * for spans written without the contracts' (an earlier `@cskit/sql`: read by `dataSpanInSql` instead). At 1M accounts
 * on PostgreSQL the query scans the contracts in 8.8 s.
 */
export function wholeDataSpan(spans: DataSpans): Omit<DataSpanFigures, 'accountCount'> | undefined {
  if (spans.contracts === undefined) return undefined;
  const [snapshots] = spans.arr ?? [];
  const [starts] = spans.contracts;
  return periodOf(snapshots !== undefined, snapshots ?? null, starts ?? null);
}

/** The data span of a scope's accounts (`scopeDataPeriod`), read from the tables. */
export async function dataSpanInSql(client: SqlClient, scope: Predicate, schema: string | undefined): Promise<DataSpanFigures> {
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
  const span = (first: unknown, last: unknown): MonthSpan => (first === null || first === undefined ? null : { first: Number(first), last: Number(last) });
  return { accountCount: Number(row.accounts), ...periodOf(Number(row.snapshots) > 0, span(row.arr_first, row.arr_last), span(row.start_first, row.start_last)) };
}

/**
 * `info` of a scope's accounts; `spans`: the header's, when the scope is every account (its span and measure keys
 * come from them, only its accounts are counted).
 */
export async function infoInSql(client: SqlClient, scope: Predicate, currency: string, schema: string | undefined, spans: DataSpans | null): Promise<DatasetInfo> {
  const whole = spans === null ? undefined : wholeDataSpan(spans);
  const span = whole === undefined ? await dataSpanInSql(client, scope, schema) : { accountCount: await countInSql(client, scope), ...whole };
  const keys = whole !== undefined && spans !== null
    ? (spans.measures ?? []).map((measure) => String(measure.group))
    : (await client.query(`WITH scoped AS (SELECT a.seq AS seq ${scope.accountsOnly}) SELECT DISTINCT key FROM ${tableName('cskit_measures', schema)} WHERE account_seq IN (SELECT seq FROM scoped)`, scope.params)).map((k) => String(k.key));
  return {
    accountCount: span.accountCount,
    currency,
    dataPeriod: span.dataPeriod,
    defaultPeriod: periodEndingIn(span.freshest === null ? null : monthFromIndex(span.freshest)),
    measureKeys: keys.sort(),
  };
}
