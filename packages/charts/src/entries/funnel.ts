/** Subpath entry `@cskit/charts/funnel`: an app importing only this chart bundles only this chart. */
export { RenewalFunnel } from '../funnel/RenewalFunnel.js';
export type { RenewalFunnelProps } from '../funnel/RenewalFunnel.js';
