/** Subpath entry `@cskit/charts/drivers`: an app importing only this chart bundles only this chart. */
export { HealthDriversChart } from '../drivers/HealthDriversChart.js';
export type { HealthDriversChartProps } from '../drivers/HealthDriversChart.js';
