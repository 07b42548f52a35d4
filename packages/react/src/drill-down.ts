/**
 * From a chart mark to the accounts behind it. Charts describe what was picked (`DrillDown`); `useDrillDown` turns
 * that into account ids with `@cskit/metrics` on the filtered dataset and makes it the store's selection.
 */
import { useCallback } from 'react';
import { useCsStore, useCsStoreApi } from './context.js';
import { drillDownAccountIds } from './drill-down-targets.js';
import type { DrillDown } from './drill-down-targets.js';
import { useFilteredDataset } from './hooks.js';

export { drillDownAccountIds } from './drill-down-targets.js';
export type { DrillDown, DrillDownContext, DrillDownTarget } from './drill-down-targets.js';

/** A handler for every chart's `onSelect`: it selects the accounts behind the mark in the nearest Provider. */
export function useDrillDown(): (drill: DrillDown) => void {
  const store = useCsStoreApi();
  const dataset = useFilteredDataset();
  const select = useCsStore((s) => s.actions.select);
  return useCallback((drill: DrillDown) => {
    const { period, model, graceMonths } = store.getState();
    const accountIds = drillDownAccountIds(dataset, drill.target, { period, model, graceMonths });
    select({ accountIds, label: drill.label, source: drill.source });
  }, [store, dataset, select]);
}
