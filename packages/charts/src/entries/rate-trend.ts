/** Subpath entry `@cskit/charts/rate-trend`: an app importing only this chart bundles only this chart. */
export { RateTrend } from '../rate-trend/RateTrend.js';
export type { RateSeries, RateTrendProps } from '../rate-trend/RateTrend.js';
