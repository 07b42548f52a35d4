/**
 * Churn early warning (SPEC 5): paying accounts whose activity rate stayed below a threshold for several months.
 * A month without an activity record counts as zero activity; an account with no activity record at all has unknown
 * activity and is never warned (missing data is not low activity: an import without a usage file warns no one).
 */
import { assertMonth, dayNumber, firstDayOfMonth, monthIndex } from '../core/dates.js';
import { arrThrough, contractEnd, type DatasetIndex } from '../data/dataset-index.js';
import { activityMatrix, activityRateAt } from '../data/monthly-records.js';
import { wholeDataset, type Selection } from '../data/selection.js';
import type { DateString, Dataset, Month } from '../core/types.js';

export interface EarlyWarningItem {
  accountId: string;
  arr: number;
  /** Activity rates of the `months` months ending at `asOf`, oldest first. */
  rates: number[];
  nextRenewal: DateString | null;
}

export interface EarlyWarnings {
  asOf: Month;
  threshold: number;
  months: number;
  items: EarlyWarningItem[];
}

export interface EarlyWarningOptions {
  asOf: Month;
  /** Rates strictly below this warn. Default 0.3. */
  threshold?: number;
  /** How many consecutive months, ending at `asOf`. Default 3. */
  months?: number;
}

/** The contract row of the earliest `end` among the account's contracts ending on or after `fromDay`; -1 when none. */
export function nextRenewalRow(index: DatasetIndex, position: number, fromDay: number): number {
  const c = index.contracts;
  let next = -1;
  for (let i = c.offsets[position] as number; i < (c.offsets[position + 1] as number); i += 1) {
    const row = c.order[i] as number;
    const end = c.endDay[row] as number;
    if (end >= fromDay && (next < 0 || end < (c.endDay[next] as number))) next = row;
  }
  return next;
}

/** The earliest `end` among the account's contracts ending on or after `fromDay`; null when none. */
export function nextRenewalOf(index: DatasetIndex, position: number, fromDay: number): DateString | null {
  const row = nextRenewalRow(index, position, fromDay);
  return row < 0 ? null : (contractEnd(index.contracts, row) ?? null);
}

export interface EarlyWarningSettings {
  asOf: Month;
  threshold: number;
  months: number;
}

/** Threshold and months of an early warning, checked, with the SPEC's defaults (0.3 over 3 months). */
export function resolveEarlyWarningSettings(input: { threshold?: number; months?: number } = {}): { threshold: number; months: number } {
  if (typeof input !== 'object' || input === null) throw new TypeError('earlyWarning must be an object { threshold?, months? }');
  const { threshold = 0.3, months = 3 } = input;
  if (!Number.isInteger(months) || months < 1) throw new RangeError(`months must be a whole number >= 1, got ${String(months)}`);
  if (typeof threshold !== 'number' || !Number.isFinite(threshold)) throw new RangeError(`threshold must be a finite number, got ${String(threshold)}`);
  return { threshold, months };
}

export function resolveEarlyWarning(options: EarlyWarningOptions): EarlyWarningSettings {
  assertMonth(options.asOf, 'asOf');
  return { asOf: options.asOf, ...resolveEarlyWarningSettings(options) };
}

/** Biggest ARR first; among equals the nearest renewal (none last), then id for a stable order (SPEC 5). */
function compareWarnings(a: EarlyWarningItem, b: EarlyWarningItem): number {
  return b.arr - a.arr
    || (a.nextRenewal === b.nextRenewal ? 0 : a.nextRenewal === null ? 1 : b.nextRenewal === null ? -1 : a.nextRenewal < b.nextRenewal ? -1 : 1)
    || (a.accountId < b.accountId ? -1 : 1);
}

/** Where the warning rule is read: activity, ARR and the months it looks back over, for one month `asOf`. */
function warningContext(selection: Selection, asOf: Month) {
  const { index } = selection;
  const last = monthIndex(asOf);
  const arr = arrThrough(index, last);
  return { activity: activityMatrix(index), last, arr, offset: last - arr.start };
}

/**
 * The early-warning rule (SPEC 5) for the account at `position`: ARR > 0 in the month of `asOf` and an activity rate
 * below `threshold` in each of the `months` months ending with it. Returns its ARR when warned, else 0.
 */
function warnedArr(context: ReturnType<typeof warningContext>, position: number, threshold: number, months: number): number {
  const { activity, last, arr, offset } = context;
  if (activity.known[position] !== 1) return 0;
  const value = offset >= 0 ? (arr.values[position * arr.count + offset] as number) : 0;
  if (value <= 0) return 0;
  for (let month = last - months + 1; month <= last; month += 1) if (activityRateAt(activity, position, month) >= threshold) return 0;
  return value;
}

/** 1 at the positions of the selection's accounts warned at `asOf` (the rule without the items' details). */
export function warnedMask(selection: Selection, { asOf, threshold, months }: EarlyWarningSettings): Uint8Array {
  const context = warningContext(selection, asOf);
  const mask = new Uint8Array(selection.index.accounts.length);
  for (const position of selection.positions) if (warnedArr(context, position, threshold, months) > 0) mask[position] = 1;
  return mask;
}

export function earlyWarningsOf(selection: Selection, { asOf, threshold, months }: EarlyWarningSettings): EarlyWarnings {
  const { index } = selection;
  const context = warningContext(selection, asOf);
  const firstDay = dayNumber(firstDayOfMonth(asOf));
  const items: EarlyWarningItem[] = [];
  for (const position of selection.positions) {
    const value = warnedArr(context, position, threshold, months);
    if (value <= 0) continue;
    const rates: number[] = [];
    for (let month = context.last - months + 1; month <= context.last; month += 1) rates.push(activityRateAt(context.activity, position, month));
    items.push({ accountId: (index.accounts[position] as { id: string }).id, arr: value, rates, nextRenewal: nextRenewalOf(index, position, firstDay) });
  }
  items.sort(compareWarnings);
  return { asOf, threshold, months, items };
}

/**
 * How many of the selection's accounts are warned at `asOf` and their ARR, without the items: what a KPI shows.
 * The ARR is summed largest first, the order of `earlyWarningsOf`'s items (equal amounts may come in any order
 * without changing the sum), so it equals the sum over the items to the last bit.
 */
export function warningTotalsOf(selection: Selection, { asOf, threshold, months }: EarlyWarningSettings): { count: number; arr: number } {
  const context = warningContext(selection, asOf);
  // Only the warned accounts' ARR, a few of the selection's accounts: no column the size of the selection.
  const warned: number[] = [];
  for (const position of selection.positions) {
    const value = warnedArr(context, position, threshold, months);
    if (value > 0) warned.push(value);
  }
  warned.sort((a, b) => a - b);
  const count = warned.length;
  let arr = 0;
  for (let i = count - 1; i >= 0; i -= 1) arr += warned[i] as number;
  return { count, arr };
}

export function earlyWarnings(dataset: Dataset, options: EarlyWarningOptions): EarlyWarnings {
  return earlyWarningsOf(wholeDataset(dataset), resolveEarlyWarning(options));
}
