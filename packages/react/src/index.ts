export { createCsStore, DEFAULT_EARLY_WARNING, FILTER_KEYS, validateSafely, viewOfState } from './store.js';
export type {
  CsActions, CsFilters, CsLocale, CsSelection, CsSettings, CsState, CsStore, CsStoreInit, CurrencyDisplay, EarlyWarningSettings, FilterKey,
} from './store.js';
export { comparisonPeriodOf } from '@cskit/metrics';
export type { Comparison, DrillDownTarget } from '@cskit/metrics';
export { CsKitProvider, issueSummary } from './context.js';
export { useCsActions, useCsStore, useCsStoreApi, useOptionalCsStore, useOptionalCsStoreApi, useOptionalMetricReader } from './store-context.js';
export type { CsMetricReader } from './store-context.js';
export type { CsKitProviderProps } from './context.js';
export { CsRemoteError, localSource, remoteSource } from './source.js';
export type { CsRequestOf, CsSource, RemoteSourceOptions } from './source.js';
export { workerSource } from './worker.js';
export type { CsWorkerLike } from './worker.js';
export { csQueryOptions, queryClientOf, useCsBusy, useCsError, useCsPending, useCsQueries, useCsQuery } from './query.js';
export type { CsQueryResult } from './query.js';
export {
  useAccountStory, useAccountSummaries, useCsIssues, useArrTrend, useHealthDrivers, useHealthValidation, useArrWaterfall, useBreakdown, useCohorts, useComparisonPeriod, useCsAttribution, useCsmScorecard, useEarlyWarnings,
  useFilteredAccounts, useFilteredDataset, useFilterOptions, useHealthDistribution, useHealthQuadrants, useHealthScores, useHealthTransitions,
  useKpis, useMetric, useRenewalsAhead, useMetricQuery, useNps, useRenewalFunnel, useRenewals, useRetention, useRowPages, useRows, useSelectedAccountIds, useSelection,
  useSummary, useView,
} from './hooks.js';
export type { RowPages, ViewOverrides } from './hooks.js';
export { createFormatters, MISSING } from './formatters.js';
export { useFormatters } from './use-formatters.js';
export type { FormatterOptions, Formatters } from './formatters.js';
export { useDrillDown } from './drill-down.js';
export type { DrillDown } from './drill-down.js';
export { componentLabel, DOMAIN_LABELS } from './domain-labels.js';
export type { DomainLabels } from './domain-labels.js';
