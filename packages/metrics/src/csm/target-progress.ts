/**
 * Progress against targets (SPEC 14; seed 000: CSMs carry expansion quotas): each target's metric over its
 * accounts for its period so far, its attainment, where it should be by `asOf` and whether it is on track.
 *
 * A target's accounts: its CSM's (`account.csmId`), its team's (accounts whose CSM's `team` is it), or all. The
 * metric runs as of `d = min(asOf, last day of period.to)`:
 * - renewal rates as SPEC 3 at d over the contracts due from `period.from` to the month of d;
 * - `nrr`/`grr` as SPEC 2 retention from the month before `period.from` to the month of d;
 * - `netNewArr`/`expansionArr` the waterfall's sums over the months from `period.from` to the month of d;
 * - `csqlCount` (leads created), `csqlWonArr` (ARR of leads won, by `closedAt`), `csqaCount` (advocacy records) over
 *   the records dated from the first day of `period.from` to d; `savedRenewalArr`/`wonRenewalArr` as SPEC 6 over
 *   the renewals due so far.
 * Rules the SPEC leaves open, decided here:
 * - Before its period starts (asOf earlier than its first day) a target has no actual: rates are null, sums 0 of an
 *   expected 0; it is on track (nothing was due yet) for sums and unknown (null) for rates.
 * - Sums are expected to grow evenly over the period's days; rates are expected at their value all along.
 */
import { waterfallOf } from '../arr/arr-movements.js';
import { retentionOf } from '../arr/retention.js';
import { addMonthsToMonth, assertDate, dayNumber, firstDayOfMonth, lastDayOfMonth, monthIndex, monthOf } from '../core/dates.js';
import { ratio } from '../core/ratio.js';
import type { AdvocacyRecord, Dataset, DateString, Lead, Target, TargetMetric } from '../core/types.js';
import { leadColumns, recordColumns, type DatasetIndex } from '../data/dataset-index.js';
import { selectMask, wholeDataset, type Selection } from '../data/selection.js';
import { resolveHealthModel, type HealthModel, type HealthModelInput } from '../model/health-model.js';
import { renewalsOf } from '../renewals/renewals.js';
import { csAttributionOf } from './cs-attribution.js';

export interface TargetProgressItem {
  target: Target;
  actual: number | null;
  /** actual / value; null when the value is 0 or there is no actual. */
  attainment: number | null;
  /** Where the target should be by asOf: its value for rates; value x elapsed share of the period's days for sums. */
  expected: number | null;
  /** actual >= expected; null without an actual. */
  onTrack: boolean | null;
}

export interface TargetProgress {
  asOf: DateString;
  items: TargetProgressItem[];
}

export interface TargetProgressOptions {
  asOf: DateString;
  model?: HealthModelInput;
  graceMonths?: number;
  /** The lookback of saved and won renewals (SPEC 6). Default 12. */
  lookbackMonths?: number;
}

interface Settings {
  asOf: DateString;
  model: HealthModel;
  graceMonths: number;
  lookbackMonths: number;
}

/** Metrics that are rates (expected at their value all along); the rest are sums over the period. */
const RATES: ReadonlySet<TargetMetric> = new Set(['logoRenewalRate', 'dollarRenewalRate', 'nrr', 'grr']);

export const isRateTarget = (metric: TargetMetric): boolean => RATES.has(metric);

/** The accounts a target is for, among `all` (a viewer's scope): its CSM's, its team's, or all of them. */
function targetSelection(index: DatasetIndex, target: Target, all: Selection): Selection {
  if (target.csmId === undefined && target.team === undefined) return all;
  const teamOf = new Map((index.dataset.csms ?? []).map((csm) => [csm.id, csm.team]));
  const mask = new Uint8Array(index.accounts.length);
  index.accounts.forEach((account, position) => {
    const csmId = account.csmId;
    if (csmId === undefined || (all.mask !== null && all.mask[position] !== 1)) return;
    if (target.csmId !== undefined ? csmId === target.csmId : teamOf.get(csmId) === target.team) mask[position] = 1;
  });
  return selectMask(index, mask);
}

/** Records of a dated collection whose date (read by `date`) is from `from` to `to` (days), of selected accounts. */
function countDated<T>(selection: Selection, name: 'leads' | 'advocacy', date: (record: T) => string | undefined, from: DateString, to: DateString, value: (record: T, row: number) => number): number {
  const columns = recordColumns<T & { accountId?: string }>(selection.index, name);
  let sum = 0;
  for (let row = 0; row < columns.records.length; row += 1) {
    const position = columns.account[row] as number;
    if (position < 0 || (selection.mask !== null && selection.mask[position] !== 1)) continue;
    const record = columns.records.at(row) as T;
    const at = date(record);
    if (at !== undefined && at >= from && at <= to) sum += value(record, row);
  }
  return sum;
}

/** A target's metric over `selection` for its period so far, as of day `d` (SPEC 14). */
function actualOf(selection: Selection, target: Target, d: DateString, settings: Settings): number | null {
  const { metric } = target;
  const period = { from: target.period.from, to: monthOf(d) };
  const { graceMonths } = settings;
  if (metric === 'logoRenewalRate' || metric === 'dollarRenewalRate') {
    const core = renewalsOf(selection, { period, graceMonths, asOf: d });
    return metric === 'logoRenewalRate' ? core.logoRate : core.dollarRate;
  }
  if (metric === 'nrr' || metric === 'grr') {
    const start = addMonthsToMonth(period.from, -1);
    const core = retentionOf(selection, monthIndex(start), monthIndex(period.to), start, period.to);
    return metric === 'nrr' ? core.nrr : core.grr;
  }
  if (metric === 'netNewArr' || metric === 'expansionArr') {
    const waterfall = waterfallOf(selection, { period, graceMonths, asOf: d });
    return metric === 'netNewArr' ? waterfall.netNew : waterfall.expansion;
  }
  const first = firstDayOfMonth(target.period.from);
  if (metric === 'csqlCount') return countDated<Lead>(selection, 'leads', (lead) => lead.createdAt, first, d, () => 1);
  if (metric === 'csqlWonArr') {
    const { won } = leadColumns(selection.index);
    const values = recordColumns<Lead>(selection.index, 'leads').value;
    return countDated<Lead>(selection, 'leads', (lead) => lead.closedAt, first, d, (_, row) => (won[row] === 1 ? (values[row] as number) : 0));
  }
  if (metric === 'csqaCount') return countDated<AdvocacyRecord>(selection, 'advocacy', (record) => record.date, first, d, () => 1);
  const attribution = csAttributionOf(selection, { period, model: settings.model, lookbackMonths: settings.lookbackMonths, graceMonths, asOf: d });
  return metric === 'savedRenewalArr' ? attribution.savedRenewalArr : attribution.wonRenewalArr;
}

/** One target's progress as of `asOf`. */
export function targetProgressItem(index: DatasetIndex, target: Target, settings: Settings, all: Selection): TargetProgressItem {
  const { period, value, metric } = target;
  const first = firstDayOfMonth(period.from);
  const last = lastDayOfMonth(period.to);
  const d = settings.asOf < last ? settings.asOf : last;
  const rate = isRateTarget(metric);
  if (d < first) {
    // Nothing of the period has happened yet.
    return rate ? { target, actual: null, attainment: null, expected: value, onTrack: null } : { target, actual: 0, attainment: value === 0 ? null : 0, expected: 0, onTrack: true };
  }
  const actual = actualOf(targetSelection(index, target, all), target, d, settings);
  const elapsed = (dayNumber(d) - dayNumber(first) + 1) / (dayNumber(last) - dayNumber(first) + 1);
  const expected = rate ? value : value * elapsed;
  return {
    target, actual, attainment: actual === null ? null : ratio(actual, value), expected, onTrack: actual === null ? null : actual >= expected,
  };
}

export function resolveTargetSettings(options: TargetProgressOptions): Settings {
  if (typeof options !== 'object' || options === null) throw new TypeError('targetProgress expected options { asOf, model?, graceMonths? }');
  assertDate(options.asOf, 'asOf');
  const { graceMonths = 0, lookbackMonths = 12 } = options;
  if (!Number.isInteger(graceMonths) || graceMonths < 0) throw new RangeError(`graceMonths must be a whole number >= 0, got ${String(graceMonths)}`);
  if (!Number.isInteger(lookbackMonths) || lookbackMonths < 0) throw new RangeError(`lookbackMonths must be a whole number >= 0, got ${String(lookbackMonths)}`);
  return { asOf: options.asOf, model: resolveHealthModel(options.model), graceMonths, lookbackMonths };
}

/**
 * Progress of every target of the selection's dataset, in `dataset.targets` order; with `onlyCsms` (a viewer's
 * scope), only those CSMs' targets, never a team's or the company's (fail closed, as a scope's dataset keeps them).
 */
export function targetProgressOf(selection: Selection, settings: Settings, onlyCsms: ReadonlySet<string | undefined> | null = null): TargetProgress {
  const all = (selection.index.dataset.targets ?? []) as readonly Target[];
  const targets = onlyCsms === null ? all : all.filter((target) => target.csmId !== undefined && onlyCsms.has(target.csmId));
  return { asOf: settings.asOf, items: targets.map((target) => targetProgressItem(selection.index, target, settings, selection)) };
}

/** `targetProgress(dataset, { asOf, model?, graceMonths })` (SPEC 14): each target's actual, attainment and pacing. */
export function targetProgress(dataset: Dataset, options: TargetProgressOptions): TargetProgress {
  return targetProgressOf(wholeDataset(dataset), resolveTargetSettings(options));
}
