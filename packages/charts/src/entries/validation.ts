/** Subpath entry `@cskit/charts/validation`: an app importing only this chart bundles only this chart. */
export { HealthValidationChart } from '../validation/HealthValidationChart.js';
export type { HealthValidationChartProps } from '../validation/HealthValidationChart.js';
