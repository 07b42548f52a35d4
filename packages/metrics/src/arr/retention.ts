/**
 * Net and gross revenue retention of a cohort (SPEC 2): the accounts with ARR > 0 in `start`, followed to `end`.
 * Accounts that first gain ARR after `start` are not in the cohort, so new business never lifts NRR.
 */
import { assertMonth, monthIndex } from '../core/dates.js';
import { roundMoney } from '../core/money.js';
import { arrThrough } from '../data/dataset-index.js';
import { ratio } from '../core/ratio.js';
import { wholeDataset, type Selection } from '../data/selection.js';
import type { Dataset, Month } from '../core/types.js';

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

/** Retention with its cohort as account positions (rows materialise only when asked). */
export interface RetentionCore extends Omit<RetentionResult, 'accounts'> {
  positions: Int32Array;
  startArr: Float64Array;
  endArr: Float64Array;
}

/** Retention between two month indexes; `start` and `end` are the months as written in the result. */
export function retentionOf(selection: Selection, startMonth: number, endMonth: number, start: Month, end: Month): RetentionCore {
  const { index } = selection;
  const arr = arrThrough(index, endMonth);
  const { count, values } = arr;
  const startOffset = startMonth - arr.start;
  const endOffset = endMonth - arr.start;
  // Counted first, so the columns are allocated once at their size (at 1M accounts, allocation brings collections).
  let n = 0;
  if (startOffset >= 0) for (const position of selection.positions) if ((values[position * count + startOffset] as number) > 0) n += 1;
  const positions = new Int32Array(n);
  const startArrs = new Float64Array(n);
  const endArrs = new Float64Array(n);
  let size = 0;
  let startingArr = 0;
  let endingArr = 0;
  let keptArr = 0;
  for (const position of selection.positions) {
    const startArr = startOffset >= 0 ? (values[position * count + startOffset] as number) : 0;
    if (startArr <= 0) continue;
    const endArr = endOffset >= 0 ? (values[position * count + endOffset] as number) : 0;
    startingArr += startArr;
    endingArr += endArr;
    keptArr += Math.min(endArr, startArr);
    positions[size] = position;
    startArrs[size] = startArr;
    endArrs[size] = endArr;
    size += 1;
  }
  return {
    // Money totals in cents (money.ts); the rates from the exact sums.
    start, end, startingArr: roundMoney(startingArr), endingArr: roundMoney(endingArr), nrr: ratio(endingArr, startingArr), grr: ratio(keptArr, startingArr),
    positions, startArr: startArrs, endArr: endArrs,
  };
}

/** NRR and GRR figures of one cohort, without its accounts. */
export interface RetentionFigures {
  startingArr: number;
  endingArr: number;
  nrr: number | null;
  grr: number | null;
}

/**
 * Retention over `lag` months ending in each month `from..to`: what `retentionOf(month - lag, month)` gives for
 * each, in one pass over the selection's rows of the ARR matrix and without the cohorts' account lists (a trend
 * needs only the figures).
 */
export function retentionSeries(selection: Selection, from: number, to: number, lag: number): RetentionFigures[] {
  const arr = arrThrough(selection.index, to);
  const months = Math.max(0, to - from + 1);
  const starting = new Float64Array(months);
  const ending = new Float64Array(months);
  const kept = new Float64Array(months);
  const { count, values } = arr;
  for (const position of selection.positions) {
    const row = position * count;
    for (let k = 0; k < months; k += 1) {
      const startOffset = from + k - lag - arr.start;
      const startArr = startOffset >= 0 && startOffset < count ? (values[row + startOffset] as number) : 0;
      if (startArr <= 0) continue;
      const endOffset = from + k - arr.start;
      const endArr = endOffset >= 0 ? (values[row + endOffset] as number) : 0;
      starting[k] = (starting[k] as number) + startArr;
      ending[k] = (ending[k] as number) + endArr;
      kept[k] = (kept[k] as number) + Math.min(endArr, startArr);
    }
  }
  return Array.from({ length: months }, (_, k) => retentionFiguresOf(starting[k] as number, ending[k] as number, kept[k] as number));
}

/** NRR and GRR from a cohort's sums: its ARR at the start, at the end, and Σ min(end, start) per account. */
export function retentionFiguresOf(starting: number, ending: number, kept: number): RetentionFigures {
  return { startingArr: starting, endingArr: ending, nrr: ratio(ending, starting), grr: ratio(kept, starting) };
}

/** The `retention` metric's summary from a cohort's sums (as an engine outside JS gives them): money in cents. */
export function retentionSummaryFromSums(start: Month, end: Month, starting: number, ending: number, kept: number, accountCount: number) {
  const { nrr, grr } = retentionFiguresOf(starting, ending, kept);
  return { start, end, startingArr: roundMoney(starting), endingArr: roundMoney(ending), nrr, grr, accountCount };
}

export function retentionAccounts(selection: Selection, core: RetentionCore): RetentionAccount[] {
  const { accounts } = selection.index;
  return Array.from(core.positions, (position, row) => ({
    accountId: (accounts[position] as { id: string }).id, startArr: core.startArr[row] as number, endArr: core.endArr[row] as number,
  }));
}

export function retentionResult(selection: Selection, core: RetentionCore): RetentionResult {
  const { positions: _positions, startArr: _startArr, endArr: _endArr, ...figures } = core;
  return { ...figures, accounts: retentionAccounts(selection, core) };
}

export function assertRetentionOptions(options: RetentionOptions): void {
  assertMonth(options.start, 'start');
  assertMonth(options.end, 'end');
  if (options.end < options.start) throw new RangeError(`end (${options.end}) is before start (${options.start})`);
}

export function retention(dataset: Dataset, options: RetentionOptions): RetentionResult {
  assertRetentionOptions(options);
  const { start, end } = options;
  const selection = wholeDataset(dataset);
  return retentionResult(selection, retentionOf(selection, monthIndex(start), monthIndex(end), start, end));
}
