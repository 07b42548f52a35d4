/**
 * A view: what one screen of a dashboard shows. The period and its comparison, the accounts (filters on account
 * fields, an explicit set of ids for a viewer's scope, a drill-down target), and the settings every metric reads.
 * `resolveView` checks a view once and fills its defaults; the engine (`prepareDataset`) caches results by the
 * parts of the view each one depends on.
 */
import { assertGrace, resolveAsOf } from './arr-movements.js';
import { addMonthsToMonth, assertPeriod, monthIndex } from './dates.js';
import { assertDimension, normalizeFilters, type AccountFilters, type BreakdownDimension } from './dimensions.js';
import type { DrillDownTarget } from './drill-down.js';
import { resolveEarlyWarningSettings } from './early-warnings.js';
import { resolveRenewalsAheadSettings } from './renewals-ahead.js';
import { resolveHealthModel, type HealthModel, type HealthModelInput, type HealthTier } from './health-model.js';
import type { DateString, Period } from './types.js';

/**
 * What KPIs are compared with: the period of the same length just before, the same months a year earlier, none,
 * or a fixed period.
 */
export type Comparison = 'previous' | 'previous-year' | 'none' | Period;

export interface EarlyWarningSettingsInput {
  /** Rates strictly below this warn. Default 0.3. */
  threshold?: number;
  /** How many consecutive months. Default 3. */
  months?: number;
}

export interface ViewOptions {
  period: Period;
  /** Default `'previous'`. Ignored when `comparisonPeriod` is given. */
  comparison?: Comparison;
  /** An explicit comparison period, or `null` for none (as `computeDashboard` takes it). */
  comparisonPeriod?: Period | null;
  /** Accounts whose fields match (SPEC 6 dimensions). */
  filters?: AccountFilters;
  /** Only these accounts (a viewer's scope, a drill-down list); null or absent for all. */
  accountIds?: readonly string[] | null;
  /** A drill-down: row sets list only the accounts behind this mark; summaries are unchanged. */
  selection?: DrillDownTarget | null;
  /** Default 0 (SPEC 2). */
  graceMonths?: number;
  /** Default: the last day of `period.to`. */
  asOf?: DateString;
  model?: HealthModelInput;
  earlyWarning?: EarlyWarningSettingsInput;
  /** Default 12 (SPEC 6). */
  lookbackMonths?: number;
  /** Group summaries a dashboard computes. Default: segment, region and channel. */
  breakdownDimensions?: readonly BreakdownDimension[];
  /** The renewals ahead (SPEC 9): months from the month of `asOf` (default 6), and a likelihood per tier (else calibrated). */
  ahead?: { months?: number; likelihood?: Partial<Record<HealthTier, number>> };
}

export interface View {
  period: Period;
  comparisonPeriod: Period | null;
  filters: AccountFilters;
  accountIds: readonly string[] | null;
  selection: DrillDownTarget | null;
  graceMonths: number;
  asOf: DateString;
  model: HealthModel;
  earlyWarning: { threshold: number; months: number };
  lookbackMonths: number;
  breakdownDimensions: readonly BreakdownDimension[];
  ahead: { months: number; likelihood: Partial<Record<HealthTier, number>> | null };
}

export const DEFAULT_BREAKDOWNS: readonly BreakdownDimension[] = ['segment', 'region', 'channel'];

/** The period of the same length that ends the month before `period` starts. */
export function previousPeriod(period: Period): Period {
  const length = monthIndex(period.to) - monthIndex(period.from) + 1;
  return { from: addMonthsToMonth(period.from, -length), to: addMonthsToMonth(period.from, -1) };
}

/**
 * The comparison period a setting stands for, or null for none. A comparison that would start before `0000-01`
 * (no calendar month to write it in) is none.
 */
export function comparisonPeriodOf(period: Period, comparison: Comparison): Period | null {
  if (comparison === 'none') return null;
  const length = monthIndex(period.to) - monthIndex(period.from) + 1;
  if (comparison === 'previous') return monthIndex(period.from) - length < 0 ? null : previousPeriod(period);
  if (comparison === 'previous-year') {
    return monthIndex(period.from) < 12 ? null : { from: addMonthsToMonth(period.from, -12), to: addMonthsToMonth(period.to, -12) };
  }
  assertPeriod(comparison, 'comparison');
  return { from: comparison.from, to: comparison.to };
}

/** A view's `accountIds`: a list of ids, or null for every account. */
export function checkAccountIds(accountIds: unknown): readonly string[] | null {
  if (accountIds === undefined || accountIds === null) return null;
  if (!Array.isArray(accountIds) || accountIds.some((id) => typeof id !== 'string')) throw new TypeError('accountIds must be a list of account ids (strings)');
  return accountIds;
}

function checkLookback(lookbackMonths: number): number {
  if (!Number.isInteger(lookbackMonths) || lookbackMonths < 0) throw new RangeError(`lookbackMonths must be a whole number >= 0, got ${String(lookbackMonths)}`);
  return lookbackMonths;
}

/** Checks a view and fills its defaults; a malformed field throws a `RangeError` or `TypeError` naming it. */
export function resolveView(options: ViewOptions): View {
  if (typeof options !== 'object' || options === null) throw new TypeError('a view must be an object such as { period: { from, to } }');
  const { period, graceMonths = 0 } = options;
  assertPeriod(period);
  assertGrace(graceMonths);
  const filters = normalizeFilters(options.filters);
  const comparisonPeriod = options.comparisonPeriod !== undefined
    ? options.comparisonPeriod === null ? null : (assertPeriod(options.comparisonPeriod, 'comparisonPeriod'), { ...options.comparisonPeriod })
    : comparisonPeriodOf(period, options.comparison ?? 'previous');
  const breakdownDimensions = options.breakdownDimensions ?? DEFAULT_BREAKDOWNS;
  breakdownDimensions.forEach((dimension) => assertDimension(dimension));
  const asOf = resolveAsOf(period, options.asOf);
  const ahead = resolveRenewalsAheadSettings({ asOf, ...(options.ahead?.months === undefined ? {} : { months: options.ahead.months }), ...(options.ahead?.likelihood === undefined ? {} : { likelihood: options.ahead.likelihood }) });
  return {
    period: { from: period.from, to: period.to },
    comparisonPeriod,
    filters,
    accountIds: checkAccountIds(options.accountIds),
    selection: options.selection ?? null,
    graceMonths,
    asOf,
    model: resolveHealthModel(options.model),
    earlyWarning: resolveEarlyWarningSettings(options.earlyWarning),
    lookbackMonths: checkLookback(options.lookbackMonths ?? 12),
    breakdownDimensions,
    ahead: { months: ahead.months, likelihood: ahead.likelihood },
  };
}

/** The view fields of any settings object (a store's state, a URL's view): everything else is left out. */
export const VIEW_FIELDS = [
  'period', 'comparison', 'comparisonPeriod', 'filters', 'accountIds', 'selection', 'graceMonths', 'asOf', 'model', 'earlyWarning',
  'lookbackMonths', 'breakdownDimensions', 'ahead',
] as const satisfies ReadonlyArray<keyof ViewOptions>;

/**
 * The view a set of settings stands for: the one function that turns a store's settings (or a URL's, or a
 * request's) into the options every metric reads, so a page, its worker and a server all ask for the same view.
 * Fields that are not part of a view (locale, theme) are dropped; `extra` overrides.
 */
export function viewOf(settings: Partial<ViewOptions> & { period: Period }, extra: Partial<ViewOptions> = {}): ViewOptions {
  const view: Record<string, unknown> = {};
  for (const field of VIEW_FIELDS) {
    const value = field in extra ? extra[field] : settings[field];
    if (value !== undefined) view[field] = value;
  }
  return view as unknown as ViewOptions;
}
