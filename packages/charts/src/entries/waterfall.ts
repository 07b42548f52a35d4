/** Subpath entry `@cskit/charts/waterfall`: an app importing only this chart bundles only this chart. */
export { ArrWaterfall } from '../waterfall/ArrWaterfall.js';
export type { ArrWaterfallProps } from '../waterfall/ArrWaterfall.js';
