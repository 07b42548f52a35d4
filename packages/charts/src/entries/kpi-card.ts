/** Subpath entry `@cskit/charts/kpi-card`: an app importing only this chart bundles only this chart. */
export { KpiCard } from '../kpi-card/KpiCard.js';
export type { KpiCardData, KpiCardProps, KpiFormat } from '../kpi-card/KpiCard.js';
