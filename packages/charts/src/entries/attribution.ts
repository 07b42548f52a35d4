/** Subpath entry `@cskit/charts/attribution`: an app importing only this chart bundles only this chart. */
export { AttributionBars } from '../attribution/AttributionBars.js';
export type { AttributionBarsProps } from '../attribution/AttributionBars.js';
