/**
 * The renewals' pre-aggregated facts (SPEC 3) for an engine outside JS (`@cskit/sql`): every contract with an end
 * (a due contract, in some period) with what a query needs to give its status at any `asOf` and grace, and its
 * renewal for each grace from 0 to `VIEW_LIMITS.graceMonths`, as ranges of grace with the same renewal. The matching
 * is `renewalMatches` itself (each account's contracts claim their renewals in end order, greedily): a rule with
 * claims is sequential, so it runs here once per grace, never as a second form in SQL.
 */
import { dateFromDayNumber, monthIndex } from '../core/dates.js';
import { VIEW_LIMITS } from '../core/limits.js';
import { OPEN_END, type DatasetIndex } from '../data/dataset-index.js';
import { wholeDataset } from '../data/selection.js';
import type { Dataset } from '../core/types.js';
import { matchRenewals } from './renewals.js';
import { IntColumn } from '../data/columns.js';
import { bucketOrderWork, runSync } from '../core/work.js';

export interface RenewalFacts {
  /** Per row: the due contract (its place in `dataset.contracts`), grace from and to, and its renewal (-1: none). */
  due: Int32Array;
  graceFrom: Int32Array;
  graceTo: Int32Array;
  renewal: Int32Array;
  /** Per contract of the dataset: ARR in the reporting currency, its account's place, start and end days (end -1: open). */
  arr: Float64Array;
  account: Int32Array;
  startDay: Int32Array;
  endDay: Int32Array;
  /** Per contract: the month index of `end` (-1: open), and of the day after it with that day's day of the month. */
  endMonth: Int32Array;
  nextMonth: Int32Array;
  nextDayOfMonth: Int32Array;
  /**
   * Per contract: its place in the due order (by end day, then id, then place: the order due contracts are listed and
   * validation breaks equal scores in), -1 for an open-ended one.
   */
  dueRank: Int32Array;
}

/** Month index and day of the month of a day number (1970-01-01 = 0). */
function civil(day: number): { month: number; dayOfMonth: number } {
  const date = dateFromDayNumber(day);
  return { month: monthIndex(date), dayOfMonth: Number(date.slice(8, 10)) };
}

export function renewalFactsOf(dataset: Dataset): RenewalFacts {
  return renewalFactsOfIndex(wholeDataset(dataset).index);
}

/**
 * Each due contract's renewal at grace 0 and the graces where it changes (few: a renewal found at one grace stays
 * found at more, unless a longer grace lets an earlier contract claim it), worked out one grace at a time so that the
 * matches of every grace (25 arrays of every contract, graces 0 to 24: ~0.6 GB at 1M accounts) are never held at once.
 */
function renewalChanges(index: DatasetIndex): { first: Int32Array; changes: IntColumn; byRow: Int32Array; order: Int32Array } {
  const n = index.contracts.account.length;
  const first = matchRenewals(index, 0);
  // Per change: the contract, the grace it starts at, its renewal from there on (in grace order).
  const changes = new IntColumn(1024);
  let previous = first;
  for (let grace = 1; grace <= VIEW_LIMITS.graceMonths; grace += 1) {
    const current = matchRenewals(index, grace);
    for (let row = 0; row < n; row += 1) {
      if (current[row] === previous[row]) continue;
      changes.push(row);
      changes.push(grace);
      changes.push(current[row] as number);
    }
    previous = current;
  }
  // The changes by contract, still in grace order within one: the `order[byRow[row] .. byRow[row + 1])`-th changes.
  const { starts: byRow, order } = runSync(bucketOrderWork(changes.length / 3, n, (change) => changes.at(3 * change)));
  return { first, changes, byRow, order };
}

/** `renewalFactsOf` of a dataset's index (a streaming builder's: `datasetBuilder`, no record objects kept). */
export function renewalFactsOfIndex(index: DatasetIndex): RenewalFacts {
  const c = index.contracts;
  const n = c.account.length;
  const { first, changes, byRow, order } = renewalChanges(index);
  const facts = {
    arr: Float64Array.from(c.arr), account: Int32Array.from(c.account), startDay: new Int32Array(n), endDay: new Int32Array(n),
    endMonth: new Int32Array(n), nextMonth: new Int32Array(n), nextDayOfMonth: new Int32Array(n), dueRank: new Int32Array(n).fill(-1),
  };
  c.byDue.forEach((row, rank) => { facts.dueRank[row] = rank; });
  let rows = 0;
  for (let row = 0; row < n; row += 1) if (c.endDay[row] !== OPEN_END) rows += 1 + (byRow[row + 1] as number) - (byRow[row] as number);
  const out = { due: new Int32Array(rows), graceFrom: new Int32Array(rows), graceTo: new Int32Array(rows), renewal: new Int32Array(rows) };
  let at = 0;
  const range = (row: number, from: number, to: number, renewal: number) => {
    out.due[at] = row;
    out.graceFrom[at] = from;
    out.graceTo[at] = to;
    out.renewal[at] = renewal;
    at += 1;
  };
  for (let row = 0; row < n; row += 1) {
    facts.startDay[row] = c.startDay[row] as number;
    const end = c.endDay[row] as number;
    if (end === OPEN_END) {
      facts.endDay[row] = -1;
      facts.endMonth[row] = -1;
      continue;
    }
    facts.endDay[row] = end;
    facts.endMonth[row] = c.endMonth[row] as number;
    const next = civil(end + 1);
    facts.nextMonth[row] = next.month;
    facts.nextDayOfMonth[row] = next.dayOfMonth;
    // The ranges of grace with one renewal: from 0, cut at each change.
    let from = 0;
    let renewal = first[row] as number;
    for (let k = byRow[row] as number; k < (byRow[row + 1] as number); k += 1) {
      const change = 3 * (order[k] as number);
      range(row, from, (changes.at(change + 1) as number) - 1, renewal);
      from = changes.at(change + 1) as number;
      renewal = changes.at(change + 2) as number;
    }
    range(row, from, VIEW_LIMITS.graceMonths, renewal);
  }
  return { ...out, ...facts };
}
