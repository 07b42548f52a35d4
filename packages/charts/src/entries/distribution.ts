/** Subpath entry `@cskit/charts/distribution`: an app importing only this chart bundles only this chart. */
export { HealthDistribution } from '../distribution/HealthDistribution.js';
export type { HealthDistributionProps } from '../distribution/HealthDistribution.js';
