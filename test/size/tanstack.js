// What @cskit/table takes from TanStack: the baseline of its size budget (TanStack Table + Virtual + 10 kB).
export {
  columnFilteringFeature, columnVisibilityFeature, createColumnHelper, createFilteredRowModel, createSortedRowModel,
  filterFn_equalsString, filterFn_includesString, filterFn_inNumberRange, functionalUpdate, globalFilteringFeature,
  rowSelectionFeature, rowSortingFeature, sortFn_alphanumeric, sortFn_basic, sortFn_text, tableFeatures, useTable,
} from '@tanstack/react-table';
export { useVirtualizer } from '@tanstack/react-virtual';
