/** Subpath entry `@cskit/charts/nps`: an app importing only this chart bundles only this chart. */
export { NpsBreakdown } from '../nps/NpsBreakdown.js';
export type { NpsBreakdownProps } from '../nps/NpsBreakdown.js';
