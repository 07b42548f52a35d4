export { createCsStore, comparisonPeriodOf, DEFAULT_EARLY_WARNING, FILTER_KEYS } from './store.js';
export type {
  Comparison, CsActions, CsFilters, CsLocale, CsSelection, CsSettings, CsState, CsStore, CsStoreInit, CurrencyDisplay,
  EarlyWarningSettings, FilterKey,
} from './store.js';
export { CsKitProvider, useCsActions, useCsStore, useCsStoreApi, useOptionalCsStore, useOptionalCsStoreApi } from './context.js';
export type { CsKitProviderProps } from './context.js';
export {
  useAccountSummaries, useArrWaterfall, useBreakdown, useCohorts, useComparisonPeriod, useCsAttribution, useCsmScorecard, useEarlyWarnings,
  useFilteredAccounts, useFilteredDataset, useHealthDistribution, useHealthQuadrants, useHealthScores, useHealthTransitions,
  useKpis, useNps, useRenewalFunnel, useRenewals, useRetention, useSelection,
} from './hooks.js';
export { createFormatters, MISSING, useFormatters } from './formatters.js';
export type { FormatterOptions, Formatters } from './formatters.js';
export { drillDownAccountIds, useDrillDown } from './drill-down.js';
export type { DrillDown, DrillDownContext, DrillDownTarget } from './drill-down.js';
export { DOMAIN_LABELS } from './domain-labels.js';
export type { DomainLabels } from './domain-labels.js';
