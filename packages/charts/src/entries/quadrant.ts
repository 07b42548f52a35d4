/** Subpath entry `@cskit/charts/quadrant`: an app importing only this chart bundles only this chart. */
export { HealthQuadrant } from '../quadrant/HealthQuadrant.js';
export type { HealthQuadrantProps } from '../quadrant/HealthQuadrant.js';
