/** Subpath entry `@cskit/charts/renewals-ahead`: an app importing only this chart bundles only this chart. */
export { RenewalsAheadChart } from '../renewals-ahead/RenewalsAheadChart.js';
export type { RenewalsAheadChartProps } from '../renewals-ahead/RenewalsAheadChart.js';
