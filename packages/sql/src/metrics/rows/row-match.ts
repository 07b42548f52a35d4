/**
 * Column filters and search of a page in SQL, as `queryOrder` of `@cskit/metrics` (core/rows.ts) matches rows: a
 * `number` column's filter keeps the cells in `[min, max]` (either bound open, swapped when reversed; an empty cell
 * never matches); an `enum` or `rank` column's keeps the cells whose name, lower-cased, equals the filter's; a `text`
 * column's those whose text, lower-cased, holds it; a search keeps the rows where any `text` or `enum` cell, lower-cased,
 * holds it. An empty filter or search keeps every row.
 *
 * Text is never compared by the database's collation: an enum's names are compared here in JS (the codes whose names
 * match are bound), and an account's name and id are matched within their lower-cased forms written with the data
 * (`cskit_account_keys`: `textSortKey`, the JS engine's own lower-casing) by `strpos` with the value bound. A column
 * SQL cannot match (a date, a contract id) leaves the query to the prepared engine.
 */
import type { RowColumn, RowFilter, RowQuery } from '@cskit/metrics';
import type { Dialect } from '../../schema/dialect.js';
import type { Params } from '../arr/runs-sql.js';

/** What a column of a page set answered in SQL offers for matching (row-pages.ts `SortableColumn`). */
export interface MatchableColumn {
  sql: string;
  /** An enum's or rank's code (an expression; NULL: empty) and each code's name: filters and search compare names. */
  names?: { code: string; names: readonly string[] };
  /** A text column's lower-cased text (an expression): filters and search look within it. */
  lower?: string;
}

type Columns = Readonly<Record<string, MatchableColumn>>;
type Spec = ReadonlyArray<Pick<RowColumn<unknown>, 'id' | 'kind'>>;

const own = (columns: Columns, id: string) => (Object.prototype.hasOwnProperty.call(columns, id) ? columns[id] : undefined);

/** Whether SQL can apply a filter of this column. */
function filterable(columns: Columns, spec: Spec, filter: RowFilter): boolean {
  const kind = spec.find((column) => column.id === filter.id)?.kind;
  const column = own(columns, filter.id);
  if (!column || kind === undefined) return false;
  if (kind === 'number') return Array.isArray(filter.value);
  if (kind === 'enum' || kind === 'rank') return column.names !== undefined;
  return kind === 'text' && (column.lower !== undefined || column.names !== undefined);
}

/** Whether SQL can apply the query's filters and search to a set of these columns (`spec`: the set's JS columns). */
export function matchableInSql(query: RowQuery, columns: Columns, spec: Spec): boolean {
  if (!(query.filters ?? []).every((filter) => filterable(columns, spec, filter))) return false;
  if ((query.search ?? '').trim() === '') return true;
  return spec.filter((c) => c.kind === 'text' || c.kind === 'enum').every((c) => own(columns, c.id)?.lower !== undefined || own(columns, c.id)?.names !== undefined);
}

/**
 * A lower-cased text holding `wanted` (bound): `strpos`, which DuckDB, PostgreSQL, BigQuery, Trino and Redshift share
 * and which has no wildcards to escape (`LIKE ... ESCAPE` is not in every grammar: node-sql-parser refuses it for all
 * five dialects it checks).
 */
function holds(p: Params, lower: string, wanted: string): string {
  return `strpos(${lower}, ${p.text(wanted)}) > 0`;
}

/** The codes whose names pass `test`, as a condition on `code` (bound). */
function codesWhere(p: Params, names: NonNullable<MatchableColumn['names']>, test: (name: string) => boolean): string {
  const codes = names.names.flatMap((name, code) => (test(name.toLowerCase()) ? [p.int(code)] : []));
  return codes.length === 0 ? '1 = 0' : `${names.code} IN (${codes.join(', ')})`;
}

/** A filter's condition (null: it keeps every row). */
function filterSql(p: Params, dialect: Dialect, column: MatchableColumn, kind: string, value: RowFilter['value']): string | null {
  if (kind === 'number') {
    const [low, high] = value as readonly [number | null, number | null];
    let [min, max] = [low ?? -Infinity, high ?? Infinity];
    if (min > max) [min, max] = [max, min];
    const bounds = [`${column.sql} IS NOT NULL`];
    if (min !== -Infinity) bounds.push(`${column.sql} >= ${p.double(min, dialect)}`);
    if (max !== Infinity) bounds.push(`${column.sql} <= ${p.double(max, dialect)}`);
    return `(${bounds.join(' AND ')})`;
  }
  const wanted = String(value).toLowerCase();
  if (wanted === '') return null;
  if (column.names) return codesWhere(p, column.names, kind === 'text' ? (name) => name.includes(wanted) : (name) => name === wanted);
  return holds(p, column.lower as string, wanted);
}

/** The query's filters and search as one condition over the set's rows `x` and keys `k` (null: none). */
export function matchSql(p: Params, dialect: Dialect, query: RowQuery, columns: Columns, spec: Spec): string | null {
  const conditions: string[] = [];
  for (const filter of query.filters ?? []) {
    const condition = filterSql(p, dialect, own(columns, filter.id) as MatchableColumn, spec.find((c) => c.id === filter.id)?.kind as string, filter.value);
    if (condition !== null) conditions.push(condition);
  }
  const search = (query.search ?? '').trim().toLowerCase();
  if (search !== '') {
    const any = spec.filter((c) => c.kind === 'text' || c.kind === 'enum').map((c) => {
      const column = own(columns, c.id) as MatchableColumn;
      return column.names ? codesWhere(p, column.names, (name) => name.includes(search)) : holds(p, column.lower as string, search);
    });
    conditions.push(`(${any.join(' OR ')})`);
  }
  return conditions.length === 0 ? null : conditions.join(' AND ');
}
