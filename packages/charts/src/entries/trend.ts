/** Subpath entry `@cskit/charts/trend`: an app importing only this chart bundles only this chart. */
export { ArrTrend } from '../trend/ArrTrend.js';
export type { ArrTrendProps } from '../trend/ArrTrend.js';
