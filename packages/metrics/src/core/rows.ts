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
import { checkText, VIEW_LIMITS, ViewError } from './limits.js';
import { stableNumberOrder } from './sort.js';

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

export type Cell = string | number | null | undefined;

export interface RowColumn<R> {
  id: string;
  kind: ColumnKind;
  value: (row: R) => Cell;
  /** For `rank` columns: the values in their sort order. */
  order?: readonly string[];
}

export interface RowSetSpec<R> {
  name: string;
  columns: ReadonlyArray<RowColumn<R>>;
  /**
   * Sorts the set's own order already satisfies (its rows come sorted by these, ties in a fixed order), so a query
   * that asks for them needs no sort at all.
   */
  natural?: readonly RowSort[];
}

/**
 * The rows of a row set for one view, read by index: row objects are built only for the rows a page returns (and
 * for columns without a fast reader), so a 150k-row set costs its sort keys, not 150k objects.
 */
export interface RowTable<R> {
  readonly length: number;
  row(index: number): R;
  /** The account position of a row: what a drill-down narrows by. */
  position(index: number): number;
  /** A reader of one column's cells without building rows, where the table has one. */
  cell?(column: string): ((index: number) => Cell) | undefined;
}

/** A table whose rows are built on first read and kept. */
export function lazyTable<R>(length: number, build: (index: number) => R, position: (index: number) => number, cell?: RowTable<R>['cell']): RowTable<R> {
  const built: Array<R | undefined> = new Array(length);
  return {
    length,
    row: (index) => (built[index] ??= build(index)),
    position,
    ...(cell ? { cell } : {}),
  };
}

/** The rows of `table` whose account `keep` selects, in their order. */
export function narrowTable<R>(table: RowTable<R>, keep: (position: number) => boolean): RowTable<R> {
  const kept: number[] = [];
  for (let index = 0; index < table.length; index += 1) if (keep(table.position(index))) kept.push(index);
  const map = Int32Array.from(kept);
  const cell = table.cell;
  return {
    length: map.length,
    row: (index) => table.row(map[index] as number),
    position: (index) => table.position(map[index] as number),
    ...(cell ? { cell: (column: string) => { const read = cell(column); return read ? (index: number) => read(map[index] as number) : undefined; } } : {}),
  };
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
    if (query.sort.length > VIEW_LIMITS.sortKeys) throw new ViewError('query.sort', `may hold at most ${VIEW_LIMITS.sortKeys} sort keys, got ${query.sort.length}`);
    query.sort.forEach((sort: RowSort, i) => {
      column(sort?.id, `query.sort[${i}].id`);
      if (sort.desc !== undefined && typeof sort.desc !== 'boolean') throw new TypeError(`query.sort[${i}].desc must be a boolean`);
    });
  }
  if (query.filters !== undefined) {
    if (!Array.isArray(query.filters)) throw new TypeError('query.filters must be a list of { id, value }');
    if (query.filters.length > VIEW_LIMITS.rowFilters) throw new ViewError('query.filters', `may hold at most ${VIEW_LIMITS.rowFilters} filters, got ${query.filters.length}`);
    query.filters.forEach((filter: RowFilter, i) => {
      const found = column(filter?.id, `query.filters[${i}].id`);
      const value = filter.value;
      if (found.kind === 'number') {
        const ok = Array.isArray(value) && value.length === 2 && value.every((end) => end === null || (typeof end === 'number' && Number.isFinite(end)));
        if (!ok) throw new TypeError(`query.filters[${i}].value must be [min, max] with numbers or null`);
      } else {
        checkText(value, `query.filters[${i}].value`);
      }
    });
  }
  if (query.search !== undefined) checkText(query.search, 'query.search', VIEW_LIMITS.searchLength);
  return { offset, limit };
}

/** A column's cells: the table's fast reader, or the column's value of the row. */
function reader<R>(table: RowTable<R>, column: RowColumn<R>): (index: number) => Cell {
  return table.cell?.(column.id) ?? ((index) => column.value(table.row(index)));
}

function filterTest<R>(table: RowTable<R>, column: RowColumn<R>, value: RowFilter['value']): (index: number) => boolean {
  const read = reader(table, column);
  if (column.kind === 'number') {
    const [low, high] = value as readonly [number | null, number | null];
    let min = low ?? -Infinity;
    let max = high ?? Infinity;
    if (min > max) [min, max] = [max, min];
    return (index) => {
      const cell = read(index);
      return typeof cell === 'number' && !Number.isNaN(cell) && cell >= min && cell <= max;
    };
  }
  const wanted = String(value).toLowerCase();
  if (wanted === '') return () => true;
  if (column.kind === 'enum' || column.kind === 'rank') return (index) => { const cell = read(index); return !isEmpty(cell) && String(cell).toLowerCase() === wanted; };
  return (index) => { const cell = read(index); return !isEmpty(cell) && String(cell).toLowerCase().includes(wanted); };
}

/** Sort keys of the kept rows: numbers (NaN for empty) in a typed array, or strings (undefined for empty). */
function sortKeys<R>(table: RowTable<R>, column: RowColumn<R>, kept: Int32Array): Float64Array | Array<string | undefined> {
  const read = reader(table, column);
  if (column.kind === 'number' || column.kind === 'rank') {
    const ranks = column.kind === 'rank' ? new Map((column.order ?? []).map((value, i) => [value, i])) : null;
    const keys = new Float64Array(kept.length);
    kept.forEach((index, k) => {
      const cell = read(index);
      if (isEmpty(cell)) keys[k] = Number.NaN;
      else keys[k] = ranks ? ranks.get(String(cell)) ?? ranks.size : typeof cell === 'number' ? cell : Number.NaN;
    });
    return keys;
  }
  const lower = column.kind !== 'date';
  return Array.from(kept, (index) => {
    const cell = read(index);
    return isEmpty(cell) ? undefined : lower ? textSortKey(cell) : String(cell);
  });
}

/** What a `text` (or `enum`) column sorts a cell by: the text lower-cased, compared by code unit. */
export const textSortKey = (cell: unknown): string => String(cell).toLowerCase();

/**
 * Dense ranks of texts in the order their `key`s compare by code unit (by default `textSortKey`, as a `text` column
 * sorts): equal keys share a rank. A database sorts by these ranks (ties in its set's order) exactly as `queryOrder`
 * sorts the texts, without comparing text itself, whose collations differ by database (`@cskit/sql` writes them).
 */
export function textSortRanks(texts: readonly string[], key: (text: string) => string = textSortKey): Int32Array {
  const keys = texts.map(key);
  const order = Array.from(keys, (_, i) => i).sort((a, b) => ((keys[a] as string) < (keys[b] as string) ? -1 : (keys[a] as string) > (keys[b] as string) ? 1 : a - b));
  const ranks = new Int32Array(texts.length);
  let rank = -1;
  order.forEach((i, k) => {
    if (k === 0 || keys[i] !== keys[order[k - 1] as number]) rank += 1;
    ranks[i] = rank;
  });
  return ranks;
}

/** Whether sorting by `sort` leaves the set's own order as it is (see `RowSetSpec.natural`). */
export function isNatural(sort: readonly RowSort[], natural: readonly RowSort[] | undefined): boolean {
  if (!natural || sort.length > natural.length) return false;
  return sort.every((s, i) => s.id === natural[i]?.id && (s.desc === true) === (natural[i]?.desc === true));
}

/** The row indexes that match the query's filters and search, in its sort order. */
export function queryOrder<R>(spec: RowSetSpec<R>, table: RowTable<R>, query: RowQuery): Int32Array {
  const tests: Array<(index: number) => boolean> = [];
  for (const filter of query.filters ?? []) tests.push(filterTest(table, spec.columns.find((c) => c.id === filter.id) as RowColumn<R>, filter.value));
  const search = (query.search ?? '').trim().toLowerCase();
  if (search !== '') {
    const readers = spec.columns.filter((c) => c.kind === 'text' || c.kind === 'enum').map((c) => reader(table, c));
    tests.push((index) => readers.some((read) => { const cell = read(index); return !isEmpty(cell) && String(cell).toLowerCase().includes(search); }));
  }
  let kept: Int32Array;
  if (tests.length === 0) {
    kept = new Int32Array(table.length);
    for (let index = 0; index < table.length; index += 1) kept[index] = index;
  } else {
    const matching: number[] = [];
    for (let index = 0; index < table.length; index += 1) if (tests.every((test) => test(index))) matching.push(index);
    kept = Int32Array.from(matching);
  }
  const sort = query.sort ?? [];
  if (sort.length === 0 || isNatural(sort, spec.natural)) return kept;
  const sorts = sort.map((s) => ({ desc: s.desc === true, keys: sortKeys(table, spec.columns.find((c) => c.id === s.id) as RowColumn<R>, kept) }));
  // Sort positions within `kept`, ties in the set's order; empty values last in either direction (sortUndefined 'last').
  const order = new Int32Array(kept.length);
  for (let k = 0; k < order.length; k += 1) order[k] = k;
  const only = sorts.length === 1 ? sorts[0] : undefined;
  if (only && only.keys instanceof Float64Array) {
    // One number column (the common case: ARR): a radix order, empty cells (NaN) last, ties in the set's order.
    return stableNumberOrder(only.keys, only.desc).map((k) => kept[k] as number);
  }
  order.sort((a, b) => {
    for (const { desc, keys } of sorts) {
      const x = keys[a];
      const y = keys[b];
      const xEmpty = x === undefined || (typeof x === 'number' && Number.isNaN(x));
      const yEmpty = y === undefined || (typeof y === 'number' && Number.isNaN(y));
      if (xEmpty || yEmpty) {
        if (xEmpty && yEmpty) continue;
        return xEmpty ? 1 : -1;
      }
      if (x === y) continue;
      const result = (x as number | string) > (y as number | string) ? 1 : -1;
      return desc ? -result : result;
    }
    return a - b;
  });
  return order.map((k) => kept[k] as number);
}

/** One page of a table for a query whose order is known. */
export function pageOf<R>(spec: RowSetSpec<R>, table: RowTable<R>, order: Int32Array, offset: number, limit: number): RowPage<R> {
  const page: R[] = [];
  for (let i = offset; i < Math.min(order.length, offset + limit); i += 1) page.push(table.row(order[i] as number));
  return { rowSet: spec.name, rows: page, offset, total: order.length, count: table.length };
}

/** A stable key of what a query's order depends on (not its page), for caches. */
export function orderKey(query: RowQuery): string {
  return JSON.stringify([query.sort ?? [], query.filters ?? [], (query.search ?? '').trim().toLowerCase()]);
}
