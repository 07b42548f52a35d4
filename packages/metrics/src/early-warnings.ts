/**
 * Churn early warning (SPEC 5): paying accounts whose activity rate stayed below a threshold for several months.
 * A month without an activity record counts as zero activity.
 */
import { assertMonth, dayNumber, firstDayOfMonth, monthIndex } from './dates.js';
import { indexDataset, valueAt, type DatasetIndex } from './dataset-index.js';
import { activityMatrix, activityRateAt } from './monthly-records.js';
import type { DateString, Dataset, Month } from './types.js';

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

/** The earliest `end` among the account's contracts ending on or after `fromDay`; null when none. */
export function nextRenewalOf(index: DatasetIndex, position: number, fromDay: number): DateString | null {
  let next: { day: number; date: DateString } | null = null;
  for (const contract of index.contractsByAccount[position] ?? []) {
    if (contract.endDay >= fromDay && (next === null || contract.endDay < next.day)) {
      next = { day: contract.endDay, date: contract.contract.end };
    }
  }
  return next?.date ?? null;
}

export function earlyWarnings(dataset: Dataset, options: EarlyWarningOptions): EarlyWarnings {
  const { asOf, threshold = 0.3, months = 3 } = options;
  assertMonth(asOf, 'asOf');
  if (!Number.isInteger(months) || months < 1) throw new RangeError(`months must be a whole number >= 1, got ${String(months)}`);
  if (!Number.isFinite(threshold)) throw new RangeError(`threshold must be a finite number, got ${String(threshold)}`);
  const index = indexDataset(dataset);
  const activity = activityMatrix(index);
  const last = monthIndex(asOf);
  const firstDay = dayNumber(firstDayOfMonth(asOf));
  const items: EarlyWarningItem[] = [];
  for (let position = 0; position < index.accounts.length; position += 1) {
    const arr = valueAt(index.arr, position, last);
    if (arr <= 0) continue;
    const rates: number[] = [];
    for (let month = last - months + 1; month <= last; month += 1) rates.push(activityRateAt(activity, position, month));
    if (rates.every((rate) => rate < threshold)) {
      items.push({ accountId: (index.accounts[position] as { id: string }).id, arr, rates, nextRenewal: nextRenewalOf(index, position, firstDay) });
    }
  }
  // Biggest ARR first; among equals the nearest renewal (none last), then id for a stable order (SPEC 5).
  items.sort((a, b) => b.arr - a.arr
    || (a.nextRenewal === b.nextRenewal ? 0 : a.nextRenewal === null ? 1 : b.nextRenewal === null ? -1 : a.nextRenewal < b.nextRenewal ? -1 : 1)
    || (a.accountId < b.accountId ? -1 : 1));
  return { asOf, threshold, months, items };
}
