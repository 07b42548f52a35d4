/** Subpath entry `@cskit/charts/transitions`: an app importing only this chart bundles only this chart. */
export { HealthTransitions } from '../transitions/HealthTransitions.js';
export type { HealthTransitionsProps } from '../transitions/HealthTransitions.js';
