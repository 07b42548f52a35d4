/**
 * Headless hooks: each reads the store through selectors, runs one `@cskit/metrics` function on the filtered
 * dataset, and returns its plain result. Results are memoised per store on exactly the inputs the metric uses,
 * so a filter change recomputes, a locale change does not, and two widgets share one computation.
 */
import {
  accountSummaries, arrMovements, breakdown, cohorts, csAttribution, csmScorecard, dashboardKpis, datasetNps, earlyWarnings, filterDataset,
  groupKey, groupSummaries, healthDistribution, healthQuadrants, healthScores, healthTransitions, renewalFunnel, renewals,
  retention, addMonthsToMonth,
} from '@cskit/metrics';
import type {
  Account, AccountSummary, ArrWaterfall, Breakdown, BreakdownDimension, CohortMeasure, Cohorts, CsAttribution, CsmScorecard, Dataset,
  DashboardKpis, EarlyWarnings, GroupSummary, HealthDistribution, HealthQuadrants, HealthScores, HealthTransitions, Month,
  NpsResult, Period, RenewalFunnel, RenewalSummary, RetentionResult,
} from '@cskit/metrics';
import { useMemo } from 'react';
import { useCsStore, useCsStoreApi } from './context.js';
import { derive } from './derived.js';
import { comparisonPeriodOf, FILTER_KEYS } from './store.js';
import type { CsFilters, CsSelection } from './store.js';

function keeps(filters: CsFilters): ((account: Account) => boolean) | null {
  const active = FILTER_KEYS.flatMap((key) => {
    const values = filters[key];
    return values && values.length > 0 ? [{ key, values: new Set(values) }] : [];
  });
  if (active.length === 0) return null;
  return (account) => active.every(({ key, values }) => values.has(groupKey(account, key)));
}

/** The dataset restricted to the accounts the filters keep (the whole dataset when no filter is set). */
export function useFilteredDataset(): Dataset {
  const store = useCsStoreApi();
  const dataset = useCsStore((s) => s.dataset);
  const filters = useCsStore((s) => s.filters);
  return useMemo(
    () => derive(store, 'filtered', [dataset, filters], () => {
      const keep = keeps(filters);
      return keep ? filterDataset(dataset, keep) : dataset;
    }),
    [store, dataset, filters],
  );
}

/** The accounts the filters keep. */
export function useFilteredAccounts(): Account[] {
  return useFilteredDataset().accounts;
}

/** Runs `compute` once per store for the given inputs, shared by every component that asks for `key`. */
function useDerived<T>(key: string, inputs: readonly unknown[], compute: () => T): T {
  const store = useCsStoreApi();
  // A generic helper: the memo is keyed on exactly the caller's inputs (compute is a fresh closure over them), so
  // the dependency list is built, not written out.
  // eslint-disable-next-line react-hooks/exhaustive-deps, react-hooks/use-memo
  return useMemo(() => derive(store, key, inputs, compute), [store, key, ...inputs]);
}

function usePeriod(override: Period | undefined): Period {
  const period = useCsStore((s) => s.period);
  return override ?? period;
}

export function useComparisonPeriod(): Period | null {
  const period = useCsStore((s) => s.period);
  const comparison = useCsStore((s) => s.comparison);
  return useMemo(() => comparisonPeriodOf(period, comparison), [period, comparison]);
}

export function useArrWaterfall(options: { period?: Period } = {}): ArrWaterfall {
  const dataset = useFilteredDataset();
  const period = usePeriod(options.period);
  const graceMonths = useCsStore((s) => s.graceMonths);
  return useDerived(`waterfall:${period.from}:${period.to}`, [dataset, period.from, period.to, graceMonths], () =>
    arrMovements(dataset, { period, graceMonths }));
}

export function useRetention(options: { period?: Period } = {}): RetentionResult {
  const dataset = useFilteredDataset();
  const period = usePeriod(options.period);
  // NRR/GRR compare ARR at the end of the month before the period with ARR at its end (SPEC 2).
  return useDerived(`retention:${period.from}:${period.to}`, [dataset, period.from, period.to], () =>
    retention(dataset, { start: addMonthsToMonth(period.from, -1), end: period.to }));
}

export function useRenewals(options: { period?: Period } = {}): RenewalSummary {
  const dataset = useFilteredDataset();
  const period = usePeriod(options.period);
  const graceMonths = useCsStore((s) => s.graceMonths);
  return useDerived(`renewals:${period.from}:${period.to}`, [dataset, period.from, period.to, graceMonths], () =>
    renewals(dataset, { period, graceMonths }));
}

export function useRenewalFunnel(options: { period?: Period } = {}): RenewalFunnel {
  const summary = useRenewals(options);
  return useDerived('renewal-funnel', [summary], () => renewalFunnel(summary));
}

export function useHealthScores(options: { month?: Month } = {}): HealthScores {
  const dataset = useFilteredDataset();
  const period = useCsStore((s) => s.period);
  const model = useCsStore((s) => s.model);
  const month = options.month ?? period.to;
  return useDerived(`health-scores:${month}`, [dataset, month, model], () => healthScores(dataset, { month, model }));
}

export function useHealthDistribution(options: { period?: Period } = {}): HealthDistribution {
  const dataset = useFilteredDataset();
  const period = usePeriod(options.period);
  const model = useCsStore((s) => s.model);
  return useDerived(`health-distribution:${period.from}:${period.to}`, [dataset, period.from, period.to, model], () =>
    healthDistribution(dataset, { period, model }));
}

export function useHealthTransitions(options: { period?: Period } = {}): HealthTransitions {
  const dataset = useFilteredDataset();
  const period = usePeriod(options.period);
  const model = useCsStore((s) => s.model);
  return useDerived(`health-transitions:${period.from}:${period.to}`, [dataset, period.from, period.to, model], () =>
    healthTransitions(dataset, { period, model }));
}

export function useHealthQuadrants(options: { month?: Month } = {}): HealthQuadrants {
  const dataset = useFilteredDataset();
  const period = useCsStore((s) => s.period);
  const model = useCsStore((s) => s.model);
  const month = options.month ?? period.to;
  return useDerived(`health-quadrants:${month}`, [dataset, month, model], () => healthQuadrants(dataset, { month, model }));
}

export function useNps(options: { period?: Period } = {}): NpsResult {
  const dataset = useFilteredDataset();
  const period = usePeriod(options.period);
  return useDerived(`nps:${period.from}:${period.to}`, [dataset, period.from, period.to], () => datasetNps(dataset, { period }));
}

export function useEarlyWarnings(options: { asOf?: Month } = {}): EarlyWarnings {
  const dataset = useFilteredDataset();
  const period = useCsStore((s) => s.period);
  const settings = useCsStore((s) => s.earlyWarning);
  const asOf = options.asOf ?? period.to;
  return useDerived(`early-warnings:${asOf}`, [dataset, asOf, settings], () => earlyWarnings(dataset, { asOf, ...settings }));
}

export function useCohorts(measure: CohortMeasure, options: { period?: Period } = {}): Cohorts {
  const dataset = useFilteredDataset();
  const period = usePeriod(options.period);
  return useDerived(`cohorts:${measure}:${period.from}:${period.to}`, [dataset, period.from, period.to], () =>
    cohorts(dataset, { from: period.from, to: period.to, measure }));
}

/** Per group of `dimension`: ARR, movements, NRR/GRR and renewal rates of the store's period. */
export function useBreakdown(dimension: BreakdownDimension): Breakdown<GroupSummary>;
/** Per group of `dimension`: any metric of `@cskit/metrics` with the options given (memoise `options`). */
export function useBreakdown<O, R>(dimension: BreakdownDimension, metric: (dataset: Dataset, options: O) => R, options: O): Breakdown<R>;
export function useBreakdown<O, R>(
  dimension: BreakdownDimension,
  metric?: (dataset: Dataset, options: O) => R,
  options?: O,
): Breakdown<R> | Breakdown<GroupSummary> {
  const dataset = useFilteredDataset();
  const waterfall = useArrWaterfall();
  const retentionResult = useRetention();
  const summary = useRenewals();
  const graceMonths = useCsStore((s) => s.graceMonths);
  return useDerived(
    `breakdown:${dimension}:${metric ? 'metric' : 'summary'}`,
    [dataset, metric, options, waterfall, retentionResult, summary, graceMonths],
    () => {
      if (metric) return breakdown(dataset, dimension, metric, options as O);
      const groups = groupSummaries(dataset, dimension, {
        waterfall, retention: retentionResult, renewals: summary, graceMonths, asOf: summary.asOf,
      });
      return { dimension, groups: groups.map((group) => ({ key: group.key, accounts: group.accounts, result: group })) };
    },
  );
}

export function useCsmScorecard(options: { period?: Period } = {}): CsmScorecard {
  const dataset = useFilteredDataset();
  const period = usePeriod(options.period);
  const model = useCsStore((s) => s.model);
  const graceMonths = useCsStore((s) => s.graceMonths);
  return useDerived(`csm-scorecard:${period.from}:${period.to}`, [dataset, period.from, period.to, model, graceMonths], () =>
    csmScorecard(dataset, { period, model, graceMonths }));
}

export function useCsAttribution(options: { period?: Period } = {}): CsAttribution {
  const dataset = useFilteredDataset();
  const period = usePeriod(options.period);
  const model = useCsStore((s) => s.model);
  const graceMonths = useCsStore((s) => s.graceMonths);
  const lookbackMonths = useCsStore((s) => s.lookbackMonths);
  return useDerived(
    `cs-attribution:${period.from}:${period.to}`,
    [dataset, period.from, period.to, model, graceMonths, lookbackMonths],
    () => csAttribution(dataset, { period, model, graceMonths, lookbackMonths }),
  );
}

/** The header KPIs of the period and of the comparison period (null when there is none). */
export function useKpis(): { kpis: DashboardKpis; comparisonKpis: DashboardKpis | null; comparisonPeriod: Period | null } {
  const dataset = useFilteredDataset();
  const period = useCsStore((s) => s.period);
  const comparisonPeriod = useComparisonPeriod();
  const graceMonths = useCsStore((s) => s.graceMonths);
  const earlyWarning = useCsStore((s) => s.earlyWarning);
  const kpis = useDerived(`kpis:${period.from}:${period.to}`, [dataset, period.from, period.to, graceMonths, earlyWarning], () =>
    dashboardKpis(dataset, { period, graceMonths, earlyWarning }));
  const comparisonKpis = useDerived(
    `kpis:comparison`,
    [dataset, comparisonPeriod?.from, comparisonPeriod?.to, graceMonths, earlyWarning],
    () => (comparisonPeriod ? dashboardKpis(dataset, { period: comparisonPeriod, graceMonths, earlyWarning }) : null),
  );
  return { kpis, comparisonKpis, comparisonPeriod };
}

/** The drill-down selection and its handlers. */
export function useSelection(): { selection: CsSelection | null; select: (s: { accountIds: Iterable<string>; label: string; source?: string }) => void; clear: () => void } {
  const selection = useCsStore((s) => s.selection);
  const actions = useCsStore((s) => s.actions);
  return { selection, select: actions.select, clear: actions.clearSelection };
}

/** One row per filtered account (ARR, health, quadrant, NPS, activity, renewal) for account tables. */
export function useAccountSummaries(options: { period?: Period } = {}): AccountSummary[] {
  const dataset = useFilteredDataset();
  const period = usePeriod(options.period);
  const model = useCsStore((s) => s.model);
  const graceMonths = useCsStore((s) => s.graceMonths);
  return useDerived(`account-summaries:${period.from}:${period.to}`, [dataset, period.from, period.to, model, graceMonths], () =>
    accountSummaries(dataset, { period, model, graceMonths }));
}
