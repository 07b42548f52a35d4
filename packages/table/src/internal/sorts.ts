import { constructSortFn } from '@tanstack/react-table';
import type { RowData } from '@tanstack/react-table';
import type { Features } from './features.js';

/**
 * A sort in a domain order (tiers green to red, renewal statuses renewed to churned) instead of the alphabet: the
 * order a source sorts a `rank` column of a row set in, so local and paged tables agree.
 */
export function rankSort<TData extends RowData>(order: readonly string[]) {
  return constructSortFn<Features, TData>({
    resolveDataValue: (value) => order.indexOf(value as string),
    sort: (a: number, b: number) => a - b,
  });
}
