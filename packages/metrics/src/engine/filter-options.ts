/** The choices of each account field within a view's accounts (`engine.filterOptions`). */
import { activeFilters, BREAKDOWN_DIMENSIONS, type BreakdownDimension } from '../data/dimensions.js';
import type { DatasetIndex } from '../data/dataset-index.js';
import { dimensionColumn, type Selection } from '../data/selection.js';
import type { Scoping } from '../core/metric.js';
import { checkAccountIds, type ViewOptions } from './view.js';

/**
 * The distinct values of each account field within a view's accounts, with how many accounts have each; CSM ids
 * carry the CSM's name as `label`.
 */
export type FilterOptions = Record<BreakdownDimension, Array<{ value: string; count: number; label?: string }>>;

export function filterOptionsOf(
  index: DatasetIndex, options: Partial<ViewOptions>, scope: Scoping['scope'], selectionOf: (view: Scoping) => Selection,
): FilterOptions {
  const filters = options.filters ?? {};
  activeFilters(filters);
  const accountIds = checkAccountIds(options.accountIds);
  const result = {} as FilterOptions;
  const csmNames = new Map((index.dataset.csms ?? []).map((csm) => [csm.id, csm.name]));
  for (const dimension of BREAKDOWN_DIMENSIONS) {
    // Each field's choices come from the accounts the other filters keep, so a chosen value never hides its siblings.
    const { [dimension]: _own, ...others } = filters;
    const selection = selectionOf({ filters: others, accountIds, scope });
    const column = dimensionColumn(index, dimension);
    const counts = new Int32Array(column.values.length);
    for (const position of selection.positions) counts[column.codes[position] as number] = (counts[column.codes[position] as number] as number) + 1;
    result[dimension] = column.values.flatMap((value, code) => {
      if ((counts[code] as number) === 0) return [];
      const label = dimension === 'csmId' ? csmNames.get(value) : undefined;
      return [{ value, count: counts[code] as number, ...(label === undefined ? {} : { label }) }];
    });
  }
  return result;
}
