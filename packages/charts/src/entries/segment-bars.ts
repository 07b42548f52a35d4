/** Subpath entry `@cskit/charts/segment-bars`: an app importing only this chart bundles only this chart. */
export { SegmentBars } from '../segment-bars/SegmentBars.js';
export type { SegmentBarsData, SegmentBarsProps } from '../segment-bars/SegmentBars.js';
