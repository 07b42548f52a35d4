/**
 * Everything the dashboard shows, computed in one call from the dataset and the view's settings. The same function
 * runs on the main thread for small datasets and in the Web Worker for large ones, so both paths agree.
 */
import { accountSummaries, computeDashboard, filterDataset, groupKey } from '@cskit/metrics';
import type { AccountSummary, Dashboard, Dataset, HealthModelInput, Period } from '@cskit/metrics';
import type { CsFilters, EarlyWarningSettings, FilterKey } from '@cskit/react';

export interface ComputeRequest {
  period: Period;
  comparisonPeriod: Period | null;
  filters: CsFilters;
  model: HealthModelInput;
  graceMonths: number;
  earlyWarning: EarlyWarningSettings;
  lookbackMonths: number;
}

export interface ComputeResult {
  dashboard: Dashboard;
  accounts: AccountSummary[];
}

/**
 * Datasets at or below this many accounts are computed on the main thread: every metric of the dashboard costs
 * about 0.045 ms per account (BENCHMARKS.md, 2,000 accounts in 90 ms), so 300 accounts fit a 16 ms frame.
 * Anything larger goes to the Web Worker.
 */
export const MAIN_THREAD_LIMIT = 300;

export function applyFilters(dataset: Dataset, filters: CsFilters): Dataset {
  const active = (Object.keys(filters) as FilterKey[]).filter((key) => (filters[key]?.length ?? 0) > 0);
  if (active.length === 0) return dataset;
  return filterDataset(dataset, (account) => active.every((key) => filters[key]?.includes(groupKey(account, key))));
}

/** What the page keeps of a dataset the worker holds: accounts and CSMs, for filters, names and the tables. */
export function lightDataset(dataset: Dataset): Dataset {
  return {
    ...(dataset.currency === undefined ? {} : { currency: dataset.currency }),
    ...(dataset.fxRates === undefined ? {} : { fxRates: dataset.fxRates }),
    accounts: dataset.accounts,
    ...(dataset.csms === undefined ? {} : { csms: dataset.csms }),
  };
}

export function computeAll(dataset: Dataset, request: ComputeRequest): ComputeResult {
  const filtered = applyFilters(dataset, request.filters);
  const { period, comparisonPeriod, model, graceMonths, earlyWarning, lookbackMonths } = request;
  const dashboard = computeDashboard(filtered, {
    period, comparisonPeriod, model, graceMonths, earlyWarning, lookbackMonths,
    breakdownDimensions: ['segment', 'region', 'channel', 'industry'],
  });
  // Per-account health scores are not shown (the quadrant and the accounts table carry them); leaving them out
  // keeps the result the page has to receive smaller. Rows come in the order the tables first show them
  // (AccountsTable: ARR descending; RenewalsTable: due date), so a table's first sort on the main thread is one
  // linear pass over sorted rows instead of n log n comparisons (stable sorts: ties keep the metrics' order).
  const accounts = accountSummaries(filtered, { period, model, graceMonths }).sort((a, b) => b.arr - a.arr);
  const renewals = { ...dashboard.renewals, items: [...dashboard.renewals.items].sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0)) };
  return { dashboard: { ...dashboard, renewals, healthScores: { ...dashboard.healthScores, accounts: [] } }, accounts };
}
