/**
 * Paged tables: the rows live where the data is (the page, a worker, a server) and arrive a page at a time as the
 * table scrolls, sorts and filters. TanStack keeps the header, sort, filter, search, visibility and selection
 * state (`manualSorting`, `manualFiltering`); the source sorts and filters all rows (`rows` of `@cskit/metrics`,
 * in TanStack's order) and the table draws only the rows in view.
 */
import type { RowFilter, RowQuery, RowSetName, RowSetRows, RowSort } from '@cskit/metrics';
import { useCsStoreApi, useRowPages, viewOfState } from '@cskit/react';
import type { ColumnFiltersState, SortingState } from '@tanstack/react-table';
import type { GridManual } from './use-grid.js';
import { useCallback, useMemo, useState } from 'react';

/** Rows per request while scrolling; a page is a few screens of rows. */
export const PAGE_ROWS = 100;
/** Rows per request when all rows are exported. */
const EXPORT_ROWS = 5_000;

/** TanStack's sort, column filter and search state as a row query of the source. */
export function rowQueryOf(sorting: SortingState, filters: ColumnFiltersState, search: string): Omit<RowQuery, 'offset' | 'limit'> {
  const sort: RowSort[] = sorting.map(({ id, desc }) => ({ id, desc }));
  const rowFilters: RowFilter[] = [];
  for (const { id, value } of filters) {
    if (Array.isArray(value)) {
      const [min, max] = value as Array<number | undefined>;
      if (min !== undefined || max !== undefined) rowFilters.push({ id, value: [min ?? null, max ?? null] });
    } else if (typeof value === 'string' && value !== '') {
      rowFilters.push({ id, value });
    }
  }
  return { sort, filters: rowFilters, ...(search.trim() === '' ? {} : { search }) };
}

export interface Paging<R> {
  /** Rows matching the query (the scroll height). */
  total: number;
  /** Rows of the set before filters and search. */
  count: number;
  /** The index of the first row of `rows` in the whole sorted list. */
  windowStart: number;
  /** Reports the rows in view; pages covering them are fetched. */
  onRange: (first: number, last: number) => void;
  loading: boolean;
  error: Error | null;
  /** Asks again for the pages that failed. */
  retry?: () => void;
  /** Every matching row, fetched page by page (for CSV export). */
  all: () => Promise<R[]>;
}

export interface PagedState<R> {
  sorting: SortingState;
  setSorting: (updater: SortingState | ((old: SortingState) => SortingState)) => void;
  columnFilters: ColumnFiltersState;
  setColumnFilters: (updater: ColumnFiltersState | ((old: ColumnFiltersState) => ColumnFiltersState)) => void;
  globalFilter: string;
  setGlobalFilter: (updater: string | ((old: string) => string)) => void;
  /** The loaded rows of the pages in view, in order: the table's data. */
  rows: R[];
  paging: Paging<R>;
}

/**
 * The state, pages and data of a paged table over a row set of the nearest Provider. With `drillDown` the rows are
 * narrowed to the Provider's drill-down selection.
 */
export function usePagedRows<N extends RowSetName>(rowSet: N, initialSorting: SortingState, drillDown = false): PagedState<RowSetRows[N]> {
  const store = useCsStoreApi();
  const [sorting, setSorting] = useState<SortingState>(initialSorting);
  const [columnFilters, setColumnFilters] = useState<ColumnFiltersState>([]);
  const [globalFilter, setGlobalFilter] = useState('');
  const query = useMemo(() => rowQueryOf(sorting, columnFilters, globalFilter), [sorting, columnFilters, globalFilter]);
  const [pages, setPages] = useState({ first: 0, last: 0 });
  const range = useMemo(() => ({ first: pages.first * PAGE_ROWS, last: pages.last * PAGE_ROWS }), [pages]);
  const loaded = useRowPages(rowSet, query, range, PAGE_ROWS, { drillDown });
  const windowStart = pages.first * PAGE_ROWS;
  const rows: Array<RowSetRows[N]> = [];
  for (let index = windowStart; index < (pages.last + 1) * PAGE_ROWS; index += 1) {
    const row = loaded.rowAt(index);
    if (row === undefined) break;
    rows.push(row);
  }
  const onRange = useCallback((first: number, last: number) => {
    const next = { first: Math.floor(Math.max(0, first) / PAGE_ROWS), last: Math.floor(Math.max(0, last) / PAGE_ROWS) };
    setPages((current) => (current.first === next.first && current.last === next.last ? current : next));
  }, []);
  const all = useCallback(async () => {
    const state = store.getState();
    const view = viewOfState(state, drillDown && state.selection ? { selection: state.selection.target } : {});
    const collected: Array<RowSetRows[N]> = [];
    for (let offset = 0; ; offset += EXPORT_ROWS) {
      const page = await state.source.request({ kind: 'rows', view, rowSet, query: { ...query, offset, limit: EXPORT_ROWS } });
      collected.push(...(page.rows as Array<RowSetRows[N]>));
      if (offset + EXPORT_ROWS >= page.total) break;
    }
    return collected;
  }, [store, rowSet, query, drillDown]);
  return {
    sorting, setSorting, columnFilters, setColumnFilters, globalFilter, setGlobalFilter, rows,
    paging: { total: loaded.total ?? 0, count: loaded.count ?? 0, windowStart, onRange, loading: loaded.loading, error: loaded.error, retry: loaded.retry, all },
  };
}

/** A paged table's sorting and filters as the grid's `manual` state: sorted and filtered where the rows are. */
export function manualOf<R>(paged: PagedState<R>): GridManual {
  return {
    sorting: paged.sorting, onSortingChange: paged.setSorting, columnFilters: paged.columnFilters, onColumnFiltersChange: paged.setColumnFilters,
    globalFilter: paged.globalFilter, onGlobalFilterChange: paged.setGlobalFilter,
  };
}
