/** Subpath entry `@cskit/charts/cohort-heatmap`: an app importing only this chart bundles only this chart. */
export { CohortHeatmap } from '../cohort-heatmap/CohortHeatmap.js';
export type { CohortHeatmapProps } from '../cohort-heatmap/CohortHeatmap.js';
