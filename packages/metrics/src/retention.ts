/**
 * Net and gross revenue retention of a cohort (SPEC 2): the accounts with ARR > 0 in `start`, followed to `end`.
 * Accounts that first gain ARR after `start` are not in the cohort, so new business never lifts NRR.
 */
import { assertMonth, monthIndex } from './dates.js';
import { indexDataset, valueAt } from './dataset-index.js';
import type { Dataset, Month } from './types.js';
import { ratio } from './ratio.js';

export interface RetentionAccount {
  accountId: string;
  startArr: number;
  endArr: number;
}

export interface RetentionResult {
  start: Month;
  end: Month;
  startingArr: number;
  endingArr: number;
  /** endingArr / startingArr; null when the cohort has no ARR. */
  nrr: number | null;
  /** Σ min(endArr, startArr) / startingArr, never above 1. */
  grr: number | null;
  accounts: RetentionAccount[];
}

export interface RetentionOptions {
  start: Month;
  end: Month;
}

export function retention(dataset: Dataset, options: RetentionOptions): RetentionResult {
  const { start, end } = options;
  assertMonth(start, 'start');
  assertMonth(end, 'end');
  if (end < start) throw new RangeError(`end (${end}) is before start (${start})`);
  const index = indexDataset(dataset);
  const startMonth = monthIndex(start);
  const endMonth = monthIndex(end);
  const accounts: RetentionAccount[] = [];
  let startingArr = 0;
  let endingArr = 0;
  let keptArr = 0;
  index.accounts.forEach((account, position) => {
    const startArr = valueAt(index.arr, position, startMonth);
    if (startArr <= 0) return;
    const endArr = valueAt(index.arr, position, endMonth);
    startingArr += startArr;
    endingArr += endArr;
    keptArr += Math.min(endArr, startArr);
    accounts.push({ accountId: account.id, startArr, endArr });
  });
  return { start, end, startingArr, endingArr, nrr: ratio(endingArr, startingArr), grr: ratio(keptArr, startingArr), accounts };
}
