/**
 * Each account's recorded ARR (SPEC 2: contracts active on a month's last day, or snapshots) as runs of months with
 * the same ARR > 0: the pre-aggregated fact an engine outside JS (`@cskit/sql`) computes the ARR family from. A run
 * is `[from, to]` in month indexes; `to` is -1 when the run never ends (open-ended contracts past every dated
 * month). The values are the ARR matrix's own (`arrThrough`), so an engine reading runs sees the same numbers, to
 * the bit, that the JS engine compares and sums; no second form of the contracts' rule exists.
 */
import { VIEW_LIMITS } from '../core/limits.js';
import { isLastDayNumberOfMonth } from '../core/dates.js';
import { arrThrough, OPEN_END, type DatasetIndex } from '../data/dataset-index.js';
import { wholeDataset } from '../data/selection.js';
import type { Dataset } from '../core/types.js';

export interface ArrRuns {
  /** Per run: the account's place in `dataset.accounts`, first and last month (-1: open), ARR in the reporting currency. */
  account: Int32Array;
  from: Int32Array;
  to: Int32Array;
  arr: Float64Array;
}

/** An open run's `to`. */
export const OPEN_RUN = -1;

/**
 * The last month the runs must describe month by month: the latest month a contract's end changes ARR (past it only
 * open-ended contracts remain, and ARR stays as it is), but never past the months a view may read
 * (`VIEW_LIMITS.monthsPastData` after the data's last month).
 */
function lastDecidedMonth(index: DatasetIndex): number {
  let last = index.arrLast;
  if (!index.arrFromSnapshots) {
    const c = index.contracts;
    for (let row = 0; row < c.account.length; row += 1) {
      const end = c.endDay[row] as number;
      if (end === OPEN_END) continue;
      const month = isLastDayNumberOfMonth(end) ? (c.endMonth[row] as number) : (c.endMonth[row] as number) - 1;
      if (month > last) last = month;
    }
  }
  return Math.min(last, index.arrLast + VIEW_LIMITS.monthsPastData);
}

/** The ARR of every account of a valid dataset as runs, in account order, then month. */
export function arrRunsOf(dataset: Dataset): ArrRuns {
  return arrRunsOfIndex(wholeDataset(dataset).index);
}

/** `arrRunsOf` of a dataset's index (a streaming builder's: `datasetBuilder`, no record objects kept). */
export function arrRunsOfIndex(index: DatasetIndex): ArrRuns {
  const last = lastDecidedMonth(index);
  // One month past the last decided one: a run still going there goes on for ever.
  const matrix = arrThrough(index, last + 1);
  const { start, count, values } = matrix;
  const runs = { account: [] as number[], from: [] as number[], to: [] as number[], arr: [] as number[] };
  const end = Math.min(count, last + 1 - start + 1);
  for (let position = 0; position < index.accounts.length; position += 1) {
    const row = position * count;
    let open = -1;
    for (let offset = 0; offset <= end; offset += 1) {
      const value = offset < end ? (values[row + offset] as number) : 0;
      if (open >= 0 && value === values[row + open]) continue;
      if (open >= 0) {
        runs.account.push(position);
        runs.from.push(start + open);
        runs.to.push(offset === end && start + offset - 1 === last + 1 ? OPEN_RUN : start + offset - 1);
        runs.arr.push(values[row + open] as number);
      }
      open = value > 0 ? offset : -1;
    }
  }
  return { account: Int32Array.from(runs.account), from: Int32Array.from(runs.from), to: Int32Array.from(runs.to), arr: Float64Array.from(runs.arr) };
}
