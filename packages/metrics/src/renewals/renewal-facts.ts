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
import { renewalMatches } from './renewals.js';

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

/** `renewalFactsOf` of a dataset's index (a streaming builder's: `datasetBuilder`, no record objects kept). */
export function renewalFactsOfIndex(index: DatasetIndex): RenewalFacts {
  const c = index.contracts;
  const n = c.account.length;
  const matches = Array.from({ length: VIEW_LIMITS.graceMonths + 1 }, (_, grace) => renewalMatches(index, grace));
  const rows = { due: [] as number[], graceFrom: [] as number[], graceTo: [] as number[], renewal: [] as number[] };
  const facts = {
    arr: Float64Array.from(c.arr), account: Int32Array.from(c.account), startDay: new Int32Array(n), endDay: new Int32Array(n),
    endMonth: new Int32Array(n), nextMonth: new Int32Array(n), nextDayOfMonth: new Int32Array(n), dueRank: new Int32Array(n).fill(-1),
  };
  c.byDue.forEach((row, rank) => { facts.dueRank[row] = rank; });
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
    let from = 0;
    for (let grace = 1; grace <= matches.length; grace += 1) {
      const match = (matches[from] as Int32Array)[row] as number;
      if (grace < matches.length && (matches[grace] as Int32Array)[row] === match) continue;
      rows.due.push(row);
      rows.graceFrom.push(from);
      rows.graceTo.push(grace - 1);
      rows.renewal.push(match);
      from = grace;
    }
  }
  return {
    due: Int32Array.from(rows.due), graceFrom: Int32Array.from(rows.graceFrom), graceTo: Int32Array.from(rows.graceTo), renewal: Int32Array.from(rows.renewal), ...facts,
  };
}
