/**
 * What pages of a row set answered in SQL share (`queryOrder` and `pageOf` of `@cskit/metrics`, core/rows.ts): which
 * queries SQL can order, the `ORDER BY` of a query (its sort keys, empty cells last in either direction, ties in the
 * set's order), and the page cut from the rows numbered in that order, with their count in a row of its own (so a
 * page past the end still has it), after the query's filters and search (row-match.ts). Text is never compared in
 * SQL (collations differ by database): an account's name and id sort by their keys (`ACCOUNT_TEXT`,
 * facts/account-keys.ts: integers in the JS engine's text order); a sort by another text column, a filter of a date or
 * a search of a set with another text column are left to the prepared engine, as is a view with a drill-down
 * selection.
 */
import type { RowColumn, RowQuery, RowSort, View, ViewOptions } from '@cskit/metrics';
import { isNatural, textSortRanks } from '@cskit/metrics/facts';
import type { SqlClient } from '../../client/clients.js';
import { num, type Params } from '../arr/runs-sql.js';
import type { HealthQuery } from '../health/health-sql.js';
import { ACCOUNT_KEYS_TABLE } from '../../facts/account-keys.js';
import { tableName, type Dialect } from '../../schema/dialect.js';
import { matchableInSql, matchSql, type MatchableColumn } from './row-match.js';

/**
 * A column SQL can sort by: its expression over the set's rows `x` (and `k`, the keys of the row's account `x.acct`),
 * and whether it may be empty (NULL, sorted last).
 */
export interface SortableColumn extends MatchableColumn {
  sql: string;
  nullable?: boolean;
}

/** The text columns of every row set of accounts: the account's name and id, by their sort keys and lower-cased. */
export const ACCOUNT_TEXT: Readonly<Record<string, SortableColumn>> = {
  name: { sql: 'k.name_key', lower: 'k.name_lower' },
  accountId: { sql: 'k.id_key', lower: 'k.id_lower' },
};

/**
 * An `enum` column over a code (an index of `names`; NULL: empty): sorted by its name's place in the JS engine's text
 * order (`textSortRanks`), matched by name.
 */
export function enumColumn(code: string, names: readonly string[], nullable = false): SortableColumn {
  const ranks = textSortRanks(names);
  return { sql: `CASE ${code} ${names.map((_, i) => `WHEN ${i} THEN ${ranks[i] as number}`).join(' ')} END`, names: { code, names }, nullable };
}

/** A `rank` column over a code that is its rank (an index of `names`, the column's order; NULL: empty), matched by name. */
export const rankColumn = (code: string, names: readonly string[], nullable = false): SortableColumn => ({ sql: code, names: { code, names }, nullable });

/** The set's JS columns (`ROW_SETS[name].columns`): what its filters and search read. */
export type SetColumns = ReadonlyArray<Pick<RowColumn<unknown>, 'id' | 'kind'>>;

/** Whether SQL over a set's rows reads the account keys `k` (`ACCOUNT_TEXT`): then the keys are joined as `k`. */
const readsKeys = (sql: string): boolean => /\bk\./.test(sql);

/** An `ORDER BY` list, and whether it reads the account keys `k`. */
export interface OrderBy {
  sql: string;
  keys: boolean;
}

/** The rows of a page: from `offset`, at most `limit`. */
export interface PageCut {
  offset: number;
  limit: number;
}

/** A row set whose pages SQL answers (the table of them is `ROW_PAGES_IN_SQL`, index.ts). */
export interface RowPagesInSql {
  /**
   * The columns SQL sorts, filters and searches it by (row-match.ts); a query that needs another (a date filter, a
   * contract id) is the prepared engine's.
   */
  sortable: Readonly<Record<string, SortableColumn>>;
  /** Whether its rows read the health model (a model past `SQL_MODEL_BOUNDS` then goes to the compact engine). */
  readsModel: boolean;
  /** One page of the view's accounts' rows (`q.accounts` null: every account), with their count. */
  page: (q: HealthQuery, view: View, query: RowQuery, page: PageCut) => Promise<unknown>;
}

/** Whether a query of a set with these sortable columns (and these JS columns) is answered in SQL. */
export function pageQueryInSql(query: RowQuery, view: ViewOptions, sortable: Readonly<Record<string, SortableColumn>>, spec: SetColumns): boolean {
  if (view.selection !== undefined && view.selection !== null) return false;
  if (!matchableInSql(query, sortable, spec)) return false;
  return (query.sort ?? []).every((sort) => Object.prototype.hasOwnProperty.call(sortable, sort.id));
}

/**
 * The `ORDER BY` list of a query: each key (empty cells last either way), then the set's own order. A sort the set's
 * order already follows (`natural`, `RowSetSpec.natural`: `isNatural`) is that order, as `queryOrder` keeps it.
 */
export function orderSql(query: RowQuery, sortable: Readonly<Record<string, SortableColumn>>, setOrder: readonly string[], natural?: readonly RowSort[]): OrderBy {
  const sorts = query.sort ?? [];
  const keys = (isNatural(sorts, natural) ? [] : sorts).flatMap((sort) => {
    const column = sortable[sort.id] as SortableColumn;
    const key = `${column.sql}${sort.desc === true ? ' DESC' : ''}`;
    return column.nullable ? [`CASE WHEN ${column.sql} IS NULL THEN 1 ELSE 0 END`, key] : [key];
  });
  const list = [...keys, ...setOrder];
  return { sql: list.join(', '), keys: list.some(readsKeys) };
}

/** What a page's rows are matched by: the query, the set's columns in SQL and its JS columns. */
export interface PageMatch {
  query: RowQuery;
  sortable: Readonly<Record<string, SortableColumn>>;
  spec: SetColumns;
}

/**
 * One page of rows: the rows of CTE `rows` that `match` keeps, numbered by `order`, the page's `columns` (each
 * `expression AS alias`, over `pg` and its `joins`) and, in a row of its own, how many rows matched (`total`) of how
 * many (`count`) (`blanks`: a constant of each column's type, in the same order). The rows come back in the page's
 * order.
 */
export async function numberedPage(
  client: SqlClient, p: Params,
  sql: { schema: string | undefined; dialect: Dialect; ctes: string; rows: string; order: OrderBy; columns: readonly string[]; blanks: readonly string[]; joins: string; match: PageMatch },
  page: { offset: number; limit: number },
): Promise<{ rows: Array<Record<string, unknown>>; total: number; count: number }> {
  const where = matchSql(p, sql.dialect, sql.match.query, sql.match.sortable, sql.match.spec);
  const keysJoin = ` JOIN ${tableName(ACCOUNT_KEYS_TABLE, sql.schema)} k ON k.seq = x.acct`;
  const keys = sql.order.keys ? keysJoin : '';
  // Matched: each row flagged once (`hit`), so the count of all rows and of those matched come from one pass.
  const flagged = where === null ? '' : `,\nsx AS (SELECT x.*, CASE WHEN ${where} THEN 1 ELSE 0 END AS hit FROM ${sql.rows} x${readsKeys(where) ? keysJoin : ''})`;
  const source = where === null ? `${sql.rows} x${keys}` : `sx x${keys} WHERE x.hit = 1`;
  const found = await client.query(`WITH ${sql.ctes}${flagged},
pg AS (SELECT x.*, ROW_NUMBER() OVER (ORDER BY ${sql.order.sql}) AS n FROM ${source})
SELECT pg.n AS n, ${sql.columns.join(', ')}, 0 AS total, 0 AS matched FROM pg ${sql.joins} WHERE pg.n > ${p.int(page.offset)} AND pg.n <= ${p.int(page.offset + page.limit)}
UNION ALL SELECT 0 AS n, ${sql.blanks.join(', ')}, count(*) AS total, ${where === null ? 'count(*)' : 'COALESCE(sum(hit), 0)'} AS matched FROM ${where === null ? sql.rows : 'sx'}`, p.values);
  const counted = found.find((row) => num(row.n) === 0);
  return { rows: found.filter((row) => num(row.n) > 0).sort((a, b) => num(a.n) - num(b.n)), total: num(counted?.matched), count: num(counted?.total) };
}
