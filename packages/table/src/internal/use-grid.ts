import { useTable } from '@tanstack/react-table';
import type { ColumnDef, ColumnFiltersState, RowData, RowSelectionState, SortingState, Updater } from '@tanstack/react-table';
import { FEATURES } from './features.js';
import type { Features } from './features.js';

export interface GridOptions<TData extends RowData> {
  data: TData[];
  // Each column has its own value type; TanStack's own examples type such a list with `any` too.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: Array<ColumnDef<Features, TData, any>>;
  getRowId: (row: TData) => string;
  initialSorting?: SortingState;
  rowSelection?: RowSelectionState;
  onRowSelectionChange?: (updater: Updater<RowSelectionState>) => void;
  /** Paged: the source sorts, filters and searches; the table holds only that state (see paging.ts). */
  manual?: GridManual;
}

/** Sorting and filters held outside the grid (by a paged source), which the grid shows and changes but does not apply. */
export interface GridManual {
  sorting: SortingState;
  onSortingChange: (updater: Updater<SortingState>) => void;
  columnFilters: ColumnFiltersState;
  onColumnFiltersChange: (updater: Updater<ColumnFiltersState>) => void;
  globalFilter: string;
  onGlobalFilterChange: (updater: Updater<string>) => void;
}

/** A cskit table instance: every feature on, shift-click multi-sort, null values sorted last. */
export function useGrid<TData extends RowData>(options: GridOptions<TData>) {
  const { manual } = options;
  const selection = options.rowSelection && options.onRowSelectionChange
    ? { rowSelection: options.rowSelection, onRowSelectionChange: options.onRowSelectionChange }
    : undefined;
  return useTable({
    features: FEATURES,
    data: options.data,
    columns: options.columns,
    getRowId: options.getRowId,
    enableMultiSort: true,
    enableRowSelection: options.onRowSelectionChange !== undefined,
    globalFilterFn: 'includesString',
    initialState: { sorting: options.initialSorting ?? [] },
    ...(manual ? {
      manualSorting: true,
      manualFiltering: true,
      onSortingChange: manual.onSortingChange,
      onColumnFiltersChange: manual.onColumnFiltersChange,
      onGlobalFilterChange: manual.onGlobalFilterChange,
    } : {}),
    ...(selection ? { onRowSelectionChange: selection.onRowSelectionChange } : {}),
    ...(manual || selection ? {
      state: {
        ...(manual ? { sorting: manual.sorting, columnFilters: manual.columnFilters, globalFilter: manual.globalFilter } : {}),
        ...(selection ? { rowSelection: selection.rowSelection } : {}),
      },
    } : {}),
  });
}
