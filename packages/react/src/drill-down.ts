/**
 * From a chart mark to the accounts behind it. Charts describe what was picked (`DrillDown`, with a
 * `DrillDownTarget` of `@cskit/metrics`); `useDrillDown` makes it the store's selection, which row sets and
 * `useSelectedAccountIds` resolve where the data is (the page, a worker, a server).
 */
import type { DrillDownTarget } from '@cskit/metrics';
import { useCallback } from 'react';
import { useCsStore } from './store-context.js';

/** What a chart reports when a mark is picked (click, Enter or Space). */
export interface DrillDown {
  /** Human words for the breadcrumb, in the chart's locale: "Churn", "Quadrant: critical". */
  label: string;
  /** The chart it came from, e.g. `'arr-waterfall'`. */
  source: string;
  target: DrillDownTarget;
}

/** A handler for every chart's `onSelect`: it makes the mark the drill-down selection of the nearest Provider. */
export function useDrillDown(): (drill: DrillDown) => void {
  const select = useCsStore((s) => s.actions.select);
  return useCallback((drill: DrillDown) => select({ target: drill.target, label: drill.label, source: drill.source }), [select]);
}
