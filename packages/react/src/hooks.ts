/**
 * Headless hooks. Each asks the Provider's source one protocol request for the store's view (`viewOfState`) through
 * `useCsQuery`, and returns its answer: `undefined` until the first answer of an asynchronous source arrives, the
 * previous answer while a new one is on its way. Charts and tables take these answers as they are (undefined draws
 * a loading state). Two widgets asking the same question share one answer; a locale change asks nothing.
 */
import { breakdown, filterDataset } from '@cskit/metrics';
import type {
  Account, AccountHealthDrivers, DataIssue, AccountStory, AccountSummary, HealthModelInput, HealthValidation, Breakdown, BreakdownDimension, CohortMeasure, Cohorts, CsAttribution, CsmScorecard, DashboardKpis,
  DashboardSummary, Dataset, DrillDownTarget, FilterOptions, GroupSummary, HealthDistribution, Month, NpsResult, Period, RenewalFunnel,
  RowPage, RowQuery, RowSetName, RowSetRows, SummaryPart, SummaryParts, ViewOptions,
} from '@cskit/metrics';
import { comparisonPeriodOf } from '@cskit/metrics';
import { useMemo } from 'react';
import { useCsStore } from './store-context.js';
import { useCsQueries, useCsQuery } from './query.js';
import type { CsQueryResult } from './query.js';
import { viewOfState } from './store.js';
import type { CsFilters, CsSelection } from './store.js';

/** Overrides of the store's view for one widget. */
export interface ViewOverrides {
  period?: Period;
  /** A month for month-based results (health scores, quadrants, early warnings): the view ends there. */
  month?: Month;
}

/** The store's view, with a widget's overrides: memoised on exactly the settings a view holds. */
export function useView(overrides: Partial<ViewOptions> = {}): ViewOptions {
  const period = useCsStore((s) => s.period);
  const comparison = useCsStore((s) => s.comparison);
  const filters = useCsStore((s) => s.filters);
  const model = useCsStore((s) => s.model);
  const graceMonths = useCsStore((s) => s.graceMonths);
  const earlyWarning = useCsStore((s) => s.earlyWarning);
  const lookbackMonths = useCsStore((s) => s.lookbackMonths);
  const key = JSON.stringify(overrides);
  return useMemo(
    () => viewOfState({ period, comparison, filters, model, graceMonths, earlyWarning, lookbackMonths, locale: 'en-US', currencyDisplay: 'symbol' }, JSON.parse(key) as Partial<ViewOptions>),
    [period, comparison, filters, model, graceMonths, earlyWarning, lookbackMonths, key],
  );
}

function overridesOf({ period, month }: ViewOverrides): Partial<ViewOptions> {
  if (period) return { period };
  if (month) return { period: { from: month, to: month } };
  return {};
}

/** One metric of the view's summary, with its loading and error state: the primitive the named hooks read. */
export function useMetricQuery<K extends SummaryPart>(metric: K, overrides: Partial<ViewOptions> = {}): CsQueryResult<SummaryParts[K]> {
  const view = useView(overrides);
  const request = useMemo(() => ({ kind: 'metric' as const, view, metric }), [view, metric]);
  return useCsQuery(request) as CsQueryResult<SummaryParts[K]>;
}

/** One metric of the view's summary (`undefined` until it arrives). */
export function useMetric<K extends SummaryPart>(metric: K, overrides: ViewOverrides = {}): SummaryParts[K] | undefined {
  return useMetricQuery(metric, overridesOf(overrides)).data;
}

/**
 * The validation issues of the Provider's dataset (records with errors are left out of every figure), each naming its
 * collection, row and field; empty for a source that validated elsewhere (a worker or a server reports its own).
 */
export function useCsIssues(): readonly DataIssue[] {
  return useCsStore((s) => s.issues);
}

/** Every figure of the view at once (one request): for hosts that lay out a whole dashboard. */
export function useSummary(overrides: ViewOverrides = {}): CsQueryResult<DashboardSummary> {
  const view = useView(overridesOf(overrides));
  return useCsQuery(useMemo(() => ({ kind: 'summary' as const, view }), [view]));
}

export function useComparisonPeriod(): Period | null {
  const period = useCsStore((s) => s.period);
  const comparison = useCsStore((s) => s.comparison);
  return useMemo(() => {
    try {
      return comparisonPeriodOf(period, comparison);
    } catch {
      return null;
    }
  }, [period, comparison]);
}

export const useArrWaterfall = (options: { period?: Period } = {}) => useMetric('waterfall', options);
export const useRetention = (options: { period?: Period } = {}) => useMetric('retention', options);
export const useRenewals = (options: { period?: Period } = {}) => useMetric('renewals', options);
export const useRenewalFunnel = (options: { period?: Period } = {}): RenewalFunnel | undefined => useMetric('renewalFunnel', options);
export const useHealthScores = (options: { month?: Month } = {}) => useMetric('healthScores', options);
export const useHealthDistribution = (options: { period?: Period } = {}): HealthDistribution | undefined => useMetric('healthDistribution', options);
export const useHealthTransitions = (options: { period?: Period } = {}) => useMetric('healthTransitions', options);
export const useHealthQuadrants = (options: { month?: Month } = {}) => useMetric('healthQuadrants', options);
export const useNps = (options: { period?: Period } = {}): NpsResult | undefined => useMetric('nps', options);
export const useEarlyWarnings = (options: { month?: Month } = {}) => useMetric('earlyWarnings', options);
export const useCsmScorecard = (options: { period?: Period } = {}): CsmScorecard | undefined => useMetric('csmScorecard', options);
export const useCsAttribution = (options: { period?: Period } = {}): CsAttribution | undefined => useMetric('csAttribution', options);

export function useCohorts(measure: CohortMeasure, options: { period?: Period } = {}): Cohorts | undefined {
  return useMetric('cohorts', options)?.[measure];
}

/** The header KPIs of the period and of the comparison period (null when there is none). */
export function useKpis(): { kpis: DashboardKpis | undefined; comparisonKpis: DashboardKpis | null | undefined; comparisonPeriod: Period | null } {
  const pair = useMetric('kpis');
  const comparisonPeriod = useComparisonPeriod();
  return { kpis: pair?.kpis, comparisonKpis: pair?.comparisonKpis, comparisonPeriod };
}

/** Per group of `dimension`: ARR, movements, NRR/GRR and renewal rates of the store's view. */
export function useBreakdown(dimension: BreakdownDimension): Breakdown<GroupSummary> | undefined;
/**
 * Per group of `dimension`: any metric of `@cskit/metrics` with the options given (memoise `options`). It runs the
 * metric on the records themselves, so only a source that holds them in the page (a local dataset) answers it.
 */
export function useBreakdown<O, R>(dimension: BreakdownDimension, metric: (dataset: Dataset, options: O) => R, options: O): Breakdown<R> | undefined;
export function useBreakdown<O, R>(
  dimension: BreakdownDimension,
  metric?: (dataset: Dataset, options: O) => R,
  options?: O,
): Breakdown<R> | Breakdown<GroupSummary> | undefined {
  const groups = useMetricQuery('breakdowns', { breakdownDimensions: [dimension] }).data?.[dimension];
  const filtered = useFilteredDataset();
  return useMemo(() => {
    if (metric) return filtered ? breakdown(filtered, dimension, metric, options as O) : undefined;
    return groups ? { dimension, groups: groups.map((group) => ({ key: group.key, accounts: group.accounts, result: group })) } : undefined;
  }, [metric, options, filtered, dimension, groups]);
}

/**
 * The dataset restricted to the accounts the filters keep, when the source holds it in the page (undefined for a
 * worker or a server: their records never come to the page).
 */
export function useFilteredDataset(): Dataset | undefined {
  const dataset = useCsStore((s) => s.dataset);
  const filters = useCsStore((s) => s.filters);
  return useMemo(() => (dataset ? filterDataset(dataset, filters) : undefined), [dataset, filters]);
}

/** The accounts the filters keep (a dataset in the page only, as `useFilteredDataset`). */
export function useFilteredAccounts(): Account[] | undefined {
  return useFilteredDataset()?.accounts;
}

/** The drill-down selection and its handlers. */
export function useSelection(): {
  selection: CsSelection | null;
  select: (s: { target: DrillDownTarget; label: string; source?: string } | { accountIds: Iterable<string>; label: string; source?: string }) => void;
  clear: () => void;
} {
  const selection = useCsStore((s) => s.selection);
  const actions = useCsStore((s) => s.actions);
  return { selection, select: actions.select, clear: actions.clearSelection };
}

/** The accounts of the drill-down selection within the view (undefined without a selection, or until known). */
export function useSelectedAccountIds(): ReadonlySet<string> | undefined {
  const selection = useCsStore((s) => s.selection);
  const view = useView();
  const request = useMemo(() => (selection ? { kind: 'drill-down' as const, view, target: selection.target } : null), [selection, view]);
  const { data } = useCsQuery(request);
  return useMemo(() => (selection && data ? new Set(data.accountIds) : undefined), [selection, data]);
}

/**
 * A page of one of the view's per-account lists (`rows` of `@cskit/metrics`): sorted, filtered and searched where
 * the data is. With `drillDown` (default true) the list is narrowed to the drill-down selection.
 */
export function useRows<N extends RowSetName>(rowSet: N, query: RowQuery = {}, options: { drillDown?: boolean } = {}): CsQueryResult<RowPage<RowSetRows[N]>> {
  const selection = useCsStore((s) => s.selection);
  const useSelected = options.drillDown !== false && selection !== null;
  const view = useView(useSelected ? { selection: selection.target } : {});
  const queryKey = JSON.stringify(query);
  const request = useMemo(() => ({ kind: 'rows' as const, view, rowSet, query: JSON.parse(queryKey) as RowQuery }), [view, rowSet, queryKey]);
  return useCsQuery(request) as CsQueryResult<RowPage<RowSetRows[N]>>;
}

/** Distinct values of each account field within the view's other filters, with account counts. */
export function useFilterOptions(): FilterOptions | undefined {
  const filters = useCsStore((s) => s.filters);
  const request = useMemo(() => ({ kind: 'filter-options' as const, view: { filters } }), [filters]);
  return useCsQuery(request).data;
}

/** One row per filtered account (ARR, health, quadrant, NPS, activity, renewal) for account tables: a local source only. */
export function useAccountSummaries(options: { period?: Period } = {}): AccountSummary[] | undefined {
  const source = useCsStore((s) => s.source);
  const view = useView(overridesOf(options));
  return useMemo(() => source.engine?.rowsAll(view, 'accounts'), [source, view]);
}

export interface RowPages<R> {
  /** Loaded rows by their index in the whole sorted list. */
  rowAt: (index: number) => R | undefined;
  /** Rows matching the query (for the scroll height); undefined until the first page arrives. */
  total: number | undefined;
  /** Rows of the set before filters and search. */
  count: number | undefined;
  /** Some page in view is still on its way. */
  loading: boolean;
  error: Error | null;
  /** Asks again for the pages that failed. */
  retry: () => void;
}

/**
 * The pages of a row set that cover rows `first .. last` of the query's order, fetched (and kept) page by page:
 * what a virtualised table needs to draw the rows in view. `pageSize` rows per request.
 */
export function useRowPages<N extends RowSetName>(
  rowSet: N, query: Omit<RowQuery, 'offset' | 'limit'>, range: { first: number; last: number }, pageSize = 100, options: { drillDown?: boolean } = {},
): RowPages<RowSetRows[N]> {
  const selection = useCsStore((s) => s.selection);
  const useSelected = options.drillDown !== false && selection !== null;
  const view = useView(useSelected ? { selection: selection.target } : {});
  const queryKey = JSON.stringify(query);
  const firstPage = Math.floor(Math.max(0, range.first) / pageSize);
  const lastPage = Math.max(firstPage, Math.floor(Math.max(0, range.last) / pageSize));
  const requests = useMemo(() => {
    const base = JSON.parse(queryKey) as RowQuery;
    return Array.from({ length: lastPage - firstPage + 1 }, (_, i) => ({
      kind: 'rows' as const, view, rowSet, query: { ...base, offset: (firstPage + i) * pageSize, limit: pageSize },
    }));
  }, [view, rowSet, queryKey, firstPage, lastPage, pageSize]);
  const results = useCsQueries(requests) as Array<CsQueryResult<RowPage<RowSetRows[N]>>>;
  const known = results.find((result) => result.data && !result.stale)?.data ?? results.find((result) => result.data)?.data;
  return {
    rowAt: (index) => {
      // A page on its way shows the rows it had (the last answer stays on screen until the new one lands).
      const page = results[Math.floor(index / pageSize) - firstPage]?.data;
      return page ? page.rows[index - page.offset] : undefined;
    },
    total: known?.total,
    count: known?.count,
    loading: results.some((result) => result.loading || result.stale),
    error: results.find((result) => result.error)?.error ?? null,
    retry: () => { for (const result of results) if (result.error) result.retry(); },
  };
}

/** The view's ARR trends by month (SPEC 8). */
export const useArrTrend = (options: { period?: Period } = {}) => useMetric('arrTrend', options);

/** The renewals ahead of the view's `asOf` (SPEC 9), without their items (`useRows('renewals-ahead')` pages them). */
export const useRenewalsAhead = () => useMetric('renewalsAhead');

/**
 * The view's health model tested against renewals (SPEC 12): rates by tier and by score decile, AUC, monotonic.
 * `model` tests a draft instead (a settings editor shows it before the model is applied), with its loading state.
 */
export function useHealthValidation(options: { model?: HealthModelInput; period?: Period; filters?: CsFilters } = {}): CsQueryResult<HealthValidation> {
  return useMetricQuery('healthValidation', {
    ...(options.model === undefined ? {} : { model: options.model }),
    ...(options.period === undefined ? {} : { period: options.period }),
    // Another view's accounts (a health profile's segment): the store's filters are replaced, not combined.
    ...(options.filters === undefined ? {} : { filters: options.filters }),
  });
}

/** Why one account's health is what it is at the view's end, against the month before (SPEC 12), from its story. */
export function useHealthDrivers(accountId: string | null): AccountHealthDrivers | null | undefined {
  return useAccountStory(accountId).data?.drivers;
}

/** One account's story (SPEC 10) with the view's settings; `error` for an account outside the view or unknown. */
export function useAccountStory(accountId: string | null): CsQueryResult<AccountStory> {
  const view = useView();
  const request = useMemo(() => (accountId === null ? null : { kind: 'account-story' as const, view, accountId }), [view, accountId]);
  return useCsQuery(request);
}
