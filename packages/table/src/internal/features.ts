/** The TanStack Table features every cskit table uses, declared once at module scope (stable, as v9 requires). */
import {
  columnFilteringFeature, columnVisibilityFeature, createFilteredRowModel, filterFn_equalsString,
  filterFn_includesString, filterFn_inNumberRange, globalFilteringFeature, rowSelectionFeature, rowSortingFeature,
  sortFn_alphanumeric, sortFn_basic, sortFn_text, tableFeatures,
} from '@tanstack/react-table';
import type { CsvValue } from '../csv.js';
import { createKeyedSortedRowModel } from './sorted-row-model.js';

export interface CskitColumnMeta {
  /** Numbers align right, so digits line up. */
  align?: 'left' | 'right';
  /** The per-column filter control. */
  filter?: 'text' | 'range' | 'select';
  /** Choices of a `select` filter: value and label. */
  options?: ReadonlyArray<{ value: string; label: string }>;
  /** The cell as exported to CSV: raw numbers, plain text. */
  csv?: (row: never) => CsvValue;
  /**
   * Which columns a narrow table keeps: 1 always; higher numbers are hidden first when the columns do not fit (they
   * stay in the Columns menu). Default: the column's place (the first column 1, the next 2...).
   */
  priority?: number;
}

export const FEATURES = tableFeatures({
  rowSortingFeature,
  columnFilteringFeature,
  globalFilteringFeature,
  columnVisibilityFeature,
  rowSelectionFeature,
  filteredRowModel: createFilteredRowModel(),
  // TanStack's order and options, with each row's sort key read once (see sorted-row-model.ts).
  sortedRowModel: createKeyedSortedRowModel(),
  sortFns: { basic: sortFn_basic, alphanumeric: sortFn_alphanumeric, text: sortFn_text },
  filterFns: { includesString: filterFn_includesString, inNumberRange: filterFn_inNumberRange, equalsString: filterFn_equalsString },
  columnMeta: {} as CskitColumnMeta,
});

export type Features = typeof FEATURES;
