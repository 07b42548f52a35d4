/**
 * Net and gross revenue retention of a cohort (SPEC 2): the accounts with ARR > 0 in `start`, followed to `end`.
 * Accounts that first gain ARR after `start` are not in the cohort, so new business never lifts NRR.
 */
import { assertMonth, monthIndex } from './dates.js';
import { arrThrough } from './dataset-index.js';
import { ratio } from './ratio.js';
import { wholeDataset, type Selection } from './selection.js';
import type { Dataset, Month } from './types.js';

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
  const n = selection.positions.length;
  const positions = new Int32Array(n);
  const startArrs = new Float64Array(n);
  const endArrs = new Float64Array(n);
  let size = 0;
  let startingArr = 0;
  let endingArr = 0;
  let keptArr = 0;
  const { count, values } = arr;
  const startOffset = startMonth - arr.start;
  const endOffset = endMonth - arr.start;
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
    start, end, startingArr, endingArr, nrr: ratio(endingArr, startingArr), grr: ratio(keptArr, startingArr),
    positions: positions.slice(0, size), startArr: startArrs.slice(0, size), endArr: endArrs.slice(0, size),
  };
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
