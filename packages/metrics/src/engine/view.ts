/**
 * A view: what one screen of a dashboard shows. The period and its comparison, the accounts (filters on account
 * fields, an explicit set of ids for a viewer's scope, a drill-down target), and the settings every metric reads.
 * `resolveView` checks a view once and fills its defaults; the engine (`prepareDataset`) caches results by the
 * parts of the view each one depends on.
 */
import { resolveAsOf } from '../arr/arr-movements.js';
import { addMonthsToMonth, assertPeriod, monthIndex } from '../core/dates.js';
import { BREAKDOWN_DIMENSIONS, normalizeFilters, type AccountFilters, type BreakdownDimension } from '../data/dimensions.js';
import { checkTarget, type DrillDownTarget } from './drill-down.js';
import { checkOneOf, checkStrings, checkWhole, describeValue, VIEW_LIMITS, ViewError, within } from '../core/limits.js';
import { resolveEarlyWarningSettings } from '../engagement/early-warnings.js';
import { resolveRenewalsAheadSettings } from '../renewals/renewals-ahead.js';
import { resolveHealthModel, type HealthModel, type HealthModelInput, type HealthTier } from '../model/health-model.js';
import type { DateString, Period } from '../core/types.js';

/**
 * What KPIs are compared with: the period of the same length just before, the same months a year earlier, none,
 * or a fixed period.
 */
export type Comparison = 'previous' | 'previous-year' | 'none' | Period;

const COMPARISONS = ['previous', 'previous-year', 'none'] as const;

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

/** A view's `accountIds`: a list of ids (at most `VIEW_LIMITS.accountIds`), or null for every account. */
export function checkAccountIds(accountIds: unknown): readonly string[] | null {
  if (accountIds === undefined || accountIds === null) return null;
  if (!Array.isArray(accountIds) || accountIds.some((id) => typeof id !== 'string')) throw new ViewError('accountIds', 'must be a list of account ids (strings)');
  return checkStrings(accountIds, 'accountIds', VIEW_LIMITS.accountIds);
}

/** A period of at most `VIEW_LIMITS.periodMonths` months. */
function checkPeriod(period: Period, name: string): Period {
  within(name, () => assertPeriod(period, name));
  const months = monthIndex(period.to) - monthIndex(period.from) + 1;
  if (months > VIEW_LIMITS.periodMonths) throw new ViewError(name, `may span at most ${VIEW_LIMITS.periodMonths} months, got ${months} (${period.from} to ${period.to})`);
  return { from: period.from, to: period.to };
}

function checkComparison(options: ViewOptions, period: Period): Period | null {
  if (options.comparisonPeriod !== undefined) return options.comparisonPeriod === null ? null : checkPeriod(options.comparisonPeriod, 'comparisonPeriod');
  const comparison = options.comparison ?? 'previous';
  if (typeof comparison === 'string') checkOneOf(comparison, 'comparison', COMPARISONS);
  else if (typeof comparison !== 'object' || comparison === null) throw new ViewError('comparison', `must be one of ${COMPARISONS.join(', ')} or a period { from, to }, got ${describeValue(comparison)}`);
  else checkPeriod(comparison, 'comparison');
  return comparisonPeriodOf(period, comparison);
}

function checkBreakdowns(dimensions: unknown): readonly BreakdownDimension[] {
  if (dimensions === undefined) return DEFAULT_BREAKDOWNS;
  if (!Array.isArray(dimensions)) throw new ViewError('breakdownDimensions', `must be a list of account fields, got ${describeValue(dimensions)}`);
  if (dimensions.length > BREAKDOWN_DIMENSIONS.length) throw new ViewError('breakdownDimensions', `may hold at most ${BREAKDOWN_DIMENSIONS.length} fields, got ${dimensions.length}`);
  dimensions.forEach((dimension, i) => checkOneOf(dimension, `breakdownDimensions[${i}]`, BREAKDOWN_DIMENSIONS));
  return dimensions as readonly BreakdownDimension[];
}

function checkAhead(ahead: ViewOptions['ahead'], asOf: DateString): View['ahead'] {
  if (ahead === undefined) return { months: 6, likelihood: null };
  if (typeof ahead !== 'object' || ahead === null || Array.isArray(ahead)) throw new ViewError('ahead', `must be an object { months?, likelihood? }, got ${describeValue(ahead)}`);
  if (ahead.months !== undefined) checkWhole(ahead.months, 'ahead.months', 1, VIEW_LIMITS.aheadMonths);
  const resolved = within('ahead', () => resolveRenewalsAheadSettings({
    asOf, ...(ahead.months === undefined ? {} : { months: ahead.months }), ...(ahead.likelihood === undefined ? {} : { likelihood: ahead.likelihood }),
  }));
  return { months: resolved.months, likelihood: resolved.likelihood };
}

function checkEarlyWarning(input: EarlyWarningSettingsInput | undefined): View['earlyWarning'] {
  if (input !== undefined && typeof input === 'object' && input !== null && input.months !== undefined) {
    checkWhole(input.months, 'earlyWarning.months', 1, VIEW_LIMITS.earlyWarningMonths);
  }
  return within('earlyWarning', () => resolveEarlyWarningSettings(input));
}

/**
 * Checks a view and fills its defaults; a malformed field, or one past `VIEW_LIMITS`, throws a `ViewError` (a
 * `RangeError`) naming it with its path (`earlyWarning.months`).
 */
export function resolveView(options: ViewOptions): View {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new ViewError('view', 'must be an object such as { period: { from, to } }');
  const period = checkPeriod(options.period, 'period');
  const graceMonths = checkWhole(options.graceMonths ?? 0, 'graceMonths', 0, VIEW_LIMITS.graceMonths);
  const filters = within('filters', () => normalizeFilters(options.filters));
  const comparisonPeriod = checkComparison(options, period);
  const breakdownDimensions = checkBreakdowns(options.breakdownDimensions);
  const asOf = within('asOf', () => resolveAsOf(period, options.asOf));
  const selection = options.selection === undefined || options.selection === null ? null : within('selection', () => checkTarget(options.selection as DrillDownTarget));
  return {
    period,
    comparisonPeriod,
    filters,
    accountIds: checkAccountIds(options.accountIds),
    selection,
    graceMonths,
    asOf,
    model: within('model', () => resolveHealthModel(options.model)),
    earlyWarning: checkEarlyWarning(options.earlyWarning),
    lookbackMonths: checkWhole(options.lookbackMonths ?? 12, 'lookbackMonths', 0, VIEW_LIMITS.lookbackMonths),
    breakdownDimensions,
    ahead: checkAhead(options.ahead, asOf),
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
