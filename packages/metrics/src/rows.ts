/**
 * Row sets read in pages: a per-account list (accounts, movements, renewal items...) sorted, filtered, searched and
 * cut to `offset .. offset + limit`, with the total count, all in plain JSON so the same query can cross a worker
 * boundary or HTTP. The order follows TanStack Table's, so a paged table sorts as a local one would:
 * - sorts apply in order (multi-column), each ascending or `desc`; ties keep the row set's own order;
 * - empty values (null, undefined) sort last in either direction (`sortUndefined: 'last'`);
 * - `text` columns compare lower-cased strings by code unit (TanStack's `text`), `number` and `date` columns their
 *   values, `rank` columns a fixed order of their values (health tiers green to red).
 * Filters: `text` columns keep rows whose value contains the filter text, case-insensitively (`includesString`);
 * `enum` columns rows whose value equals it (`equalsString`); `number` columns rows inside `[min, max]` (either end
 * may be null; `inNumberRange`). `search` keeps rows where any `text` or `enum` column contains it.
 */

export interface RowSort {
  id: string;
  desc?: boolean;
}

export interface RowFilter {
  id: string;
  /** Text for `text` and `enum` columns; `[min, max]` for `number` columns. */
  value: string | readonly [number | null, number | null];
}

export interface RowQuery {
  sort?: readonly RowSort[];
  filters?: readonly RowFilter[];
  search?: string;
  /** Default 0. */
  offset?: number;
  /** Default 100; at most `MAX_PAGE_ROWS`. */
  limit?: number;
}

export interface RowPage<R> {
  rowSet: string;
  rows: R[];
  offset: number;
  /** Rows that match the filters and search. */
  total: number;
  /** Rows of the set before filters and search (and, for a view with a drill-down, before it). */
  count: number;
}

export const DEFAULT_PAGE_ROWS = 100;
export const MAX_PAGE_ROWS = 5_000;

export type ColumnKind = 'text' | 'enum' | 'number' | 'date' | 'rank';

export interface RowColumn<R> {
  id: string;
  kind: ColumnKind;
  value: (row: R) => string | number | null | undefined;
  /** For `rank` columns: the values in their sort order. */
  order?: readonly string[];
}

export interface RowSetSpec<R> {
  name: string;
  columns: ReadonlyArray<RowColumn<R>>;
}

const isEmpty = (value: unknown): value is null | undefined => value === null || value === undefined;

/** Checks a query's shape; what is wrong throws a `RangeError` or `TypeError` naming the field. */
export function checkQuery<R>(spec: RowSetSpec<R>, query: RowQuery = {}): Required<Pick<RowQuery, 'offset' | 'limit'>> {
  if (typeof query !== 'object' || query === null) throw new TypeError('query must be an object');
  const offset = query.offset ?? 0;
  const limit = query.limit ?? DEFAULT_PAGE_ROWS;
  if (!Number.isSafeInteger(offset) || offset < 0) throw new RangeError(`query.offset must be a whole number >= 0, got ${String(offset)}`);
  if (!Number.isSafeInteger(limit) || limit < 0 || limit > MAX_PAGE_ROWS) {
    throw new RangeError(`query.limit must be a whole number from 0 to ${MAX_PAGE_ROWS}, got ${String(limit)}`);
  }
  const column = (id: unknown, field: string) => {
    const found = spec.columns.find((c) => c.id === id);
    if (!found) throw new RangeError(`${field}: '${String(id)}' is not a column of ${spec.name}; columns: ${spec.columns.map((c) => c.id).join(', ')}`);
    return found;
  };
  if (query.sort !== undefined) {
    if (!Array.isArray(query.sort)) throw new TypeError('query.sort must be a list of { id, desc }');
    query.sort.forEach((sort: RowSort, i) => {
      column(sort?.id, `query.sort[${i}].id`);
      if (sort.desc !== undefined && typeof sort.desc !== 'boolean') throw new TypeError(`query.sort[${i}].desc must be a boolean`);
    });
  }
  if (query.filters !== undefined) {
    if (!Array.isArray(query.filters)) throw new TypeError('query.filters must be a list of { id, value }');
    query.filters.forEach((filter: RowFilter, i) => {
      const found = column(filter?.id, `query.filters[${i}].id`);
      const value = filter.value;
      if (found.kind === 'number') {
        const ok = Array.isArray(value) && value.length === 2 && value.every((end) => end === null || (typeof end === 'number' && Number.isFinite(end)));
        if (!ok) throw new TypeError(`query.filters[${i}].value must be [min, max] with numbers or null`);
      } else if (typeof value !== 'string') {
        throw new TypeError(`query.filters[${i}].value must be a string`);
      }
    });
  }
  if (query.search !== undefined && typeof query.search !== 'string') throw new TypeError('query.search must be a string');
  return { offset, limit };
}

function filterTest<R>(column: RowColumn<R>, value: RowFilter['value']): (row: R) => boolean {
  if (column.kind === 'number') {
    const [low, high] = value as readonly [number | null, number | null];
    let min = low ?? -Infinity;
    let max = high ?? Infinity;
    if (min > max) [min, max] = [max, min];
    return (row) => {
      const cell = column.value(row);
      return typeof cell === 'number' && !Number.isNaN(cell) && cell >= min && cell <= max;
    };
  }
  const wanted = String(value).toLowerCase();
  if (wanted === '') return () => true;
  if (column.kind === 'enum' || column.kind === 'rank') return (row) => { const cell = column.value(row); return !isEmpty(cell) && String(cell).toLowerCase() === wanted; };
  return (row) => { const cell = column.value(row); return !isEmpty(cell) && String(cell).toLowerCase().includes(wanted); };
}

/** The sort key of a cell: lower-cased text, a number, or a rank; undefined for an empty cell. */
function sortKey<R>(column: RowColumn<R>): (row: R) => string | number | undefined {
  if (column.kind === 'rank') {
    const ranks = new Map((column.order ?? []).map((value, i) => [value, i]));
    return (row) => { const cell = column.value(row); return isEmpty(cell) ? undefined : ranks.get(String(cell)) ?? ranks.size; };
  }
  if (column.kind === 'text' || column.kind === 'enum') return (row) => { const cell = column.value(row); return isEmpty(cell) ? undefined : String(cell).toLowerCase(); };
  return (row) => { const cell = column.value(row); return isEmpty(cell) || (typeof cell === 'number' && Number.isNaN(cell)) ? undefined : cell; };
}

/** The positions of `rows` that match the query's filters and search, in its sort order. */
export function queryOrder<R>(spec: RowSetSpec<R>, rows: readonly R[], query: RowQuery): Int32Array {
  const tests: Array<(row: R) => boolean> = [];
  for (const filter of query.filters ?? []) tests.push(filterTest(spec.columns.find((c) => c.id === filter.id) as RowColumn<R>, filter.value));
  const search = (query.search ?? '').trim().toLowerCase();
  if (search !== '') {
    const searched = spec.columns.filter((c) => c.kind === 'text' || c.kind === 'enum');
    tests.push((row) => searched.some((c) => { const cell = c.value(row); return !isEmpty(cell) && String(cell).toLowerCase().includes(search); }));
  }
  const kept: number[] = [];
  for (let i = 0; i < rows.length; i += 1) {
    const row = rows[i] as R;
    if (tests.every((test) => test(row))) kept.push(i);
  }
  const order = Int32Array.from(kept);
  const sorts = (query.sort ?? []).map((sort) => {
    const column = spec.columns.find((c) => c.id === sort.id) as RowColumn<R>;
    const key = sortKey(column);
    return { desc: sort.desc === true, keys: rows.map((row) => key(row)) };
  });
  if (sorts.length === 0) return order;
  order.sort((a, b) => {
    for (const { desc, keys } of sorts) {
      const x = keys[a];
      const y = keys[b];
      if (x === undefined || y === undefined) {
        if (x === y) continue;
        return x === undefined ? 1 : -1;
      }
      if (x === y) continue;
      const result = x > y ? 1 : -1;
      return desc ? -result : result;
    }
    return a - b;
  });
  return order;
}

/** One page of `rows` for a query whose order is known. */
export function pageOf<R>(spec: RowSetSpec<R>, rows: readonly R[], order: Int32Array, offset: number, limit: number): RowPage<R> {
  const page: R[] = [];
  for (let i = offset; i < Math.min(order.length, offset + limit); i += 1) page.push(rows[order[i] as number] as R);
  return { rowSet: spec.name, rows: page, offset, total: order.length, count: rows.length };
}

/** A stable key of what a query's order depends on (not its page), for caches. */
export function orderKey(query: RowQuery): string {
  return JSON.stringify([query.sort ?? [], query.filters ?? [], (query.search ?? '').trim().toLowerCase()]);
}
