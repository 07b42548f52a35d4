/**
 * `computeDashboard` (SPEC 7): every result for one period, answered by the prepared dataset (`prepareDataset`),
 * so repeated calls on one dataset object index it once. Results are plain, JSON-serialisable objects, so a server
 * may compute them and a browser only render them.
 *
 * Choices for the dashboard, where the SPEC leaves them open:
 * - Retention runs from the month before the period (the waterfall's opening) to `period.to`.
 * - The comparison period defaults to the one of the same length just before `period` (`null` turns it off); its
 *   KPIs feed the deltas of KPI cards. A comparison that would start before year 0 is none.
 * - Early warnings and health snapshots are read at `period.to`; cohorts are the accounts signed within the period.
 */
import { prepareDataset, type Dashboard, type DashboardKpis } from './prepared.js';
import type { Dataset } from '../core/types.js';
import type { ViewOptions } from './view.js';

/** The options of `computeDashboard`: a view (SPEC 7's options, plus account filters and ids). */
export type DashboardOptions = ViewOptions;

/**
 * The header KPIs of one period without the rest of the dashboard: for hosts that show KPIs with a comparison
 * period and compute the charts separately.
 */
export function dashboardKpis(
  dataset: Dataset,
  options: Pick<DashboardOptions, 'period' | 'graceMonths' | 'asOf' | 'earlyWarning' | 'filters' | 'accountIds'>,
): DashboardKpis {
  return prepareDataset(dataset).kpis({ ...options, comparisonPeriod: null }).kpis;
}

export function computeDashboard(dataset: Dataset, options: DashboardOptions): Dashboard {
  return prepareDataset(dataset).dashboard(options);
}
