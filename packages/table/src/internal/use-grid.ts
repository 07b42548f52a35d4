import { useTable } from '@tanstack/react-table';
import type { ColumnDef, RowData, RowSelectionState, SortingState, Updater } from '@tanstack/react-table';
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
}

/** A cskit table instance: every feature on, shift-click multi-sort, null values sorted last. */
export function useGrid<TData extends RowData>(options: GridOptions<TData>) {
  return useTable({
    features: FEATURES,
    data: options.data,
    columns: options.columns,
    getRowId: options.getRowId,
    enableMultiSort: true,
    enableRowSelection: options.onRowSelectionChange !== undefined,
    globalFilterFn: 'includesString',
    initialState: { sorting: options.initialSorting ?? [] },
    ...(options.rowSelection && options.onRowSelectionChange
      ? { state: { rowSelection: options.rowSelection }, onRowSelectionChange: options.onRowSelectionChange }
      : {}),
  });
}
