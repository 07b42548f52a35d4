/**
 * Cohorts (SPEC 5): accounts grouped by the month of `signedAt`, followed month by month.
 * Cell (c, k): share of c's accounts with ARR > 0 in c+k (`logo`), ARR in c+k over ARR in c (`arr`, null when
 * the cohort had no ARR in c), or the mean activity rate of c's accounts (`activity`). Cells past `to` are absent,
 * and so are cohorts with no accounts.
 */
import { assertMonth, monthFromIndex, monthIndex } from './dates.js';
import { indexDataset, valueAt } from './dataset-index.js';
import { activityMatrix, activityRateAt } from './monthly-records.js';
import { ratio } from './ratio.js';
import type { Dataset, Month } from './types.js';

export type CohortMeasure = 'logo' | 'arr' | 'activity';

export interface CohortCell {
  offset: number;
  month: Month;
  value: number | null;
}

export interface CohortRow {
  cohort: Month;
  /** Accounts signed in the cohort month. */
  size: number;
  /** The cohort's ARR in its own month. */
  startingArr: number;
  cells: CohortCell[];
}

export interface Cohorts {
  from: Month;
  to: Month;
  measure: CohortMeasure;
  cohorts: CohortRow[];
}

export function cohorts(dataset: Dataset, options: { from: Month; to: Month; measure: CohortMeasure }): Cohorts {
  const { from, to, measure } = options;
  assertMonth(from, 'from');
  assertMonth(to, 'to');
  if (to < from) throw new RangeError(`to (${to}) is before from (${from})`);
  if (measure !== 'logo' && measure !== 'arr' && measure !== 'activity') {
    throw new RangeError(`measure must be 'logo', 'arr' or 'activity', got ${JSON.stringify(measure)}`);
  }
  const index = indexDataset(dataset);
  const first = monthIndex(from);
  const last = monthIndex(to);
  const members: number[][] = Array.from({ length: last - first + 1 }, () => []);
  index.accounts.forEach((account, position) => {
    const signed = monthIndex(account.signedAt);
    if (signed >= first && signed <= last) (members[signed - first] as number[]).push(position);
  });
  const activity = measure === 'activity' ? activityMatrix(index) : null;
  const rows: CohortRow[] = [];
  members.forEach((positions, cohortOffset) => {
    if (positions.length === 0) return;
    const cohort = first + cohortOffset;
    let startingArr = 0;
    for (const position of positions) startingArr += valueAt(index.arr, position, cohort);
    const cells: CohortCell[] = [];
    for (let month = cohort; month <= last; month += 1) {
      let total = 0;
      for (const position of positions) {
        if (measure === 'logo') total += valueAt(index.arr, position, month) > 0 ? 1 : 0;
        else if (measure === 'arr') total += valueAt(index.arr, position, month);
        else total += activityRateAt(activity as NonNullable<typeof activity>, position, month);
      }
      const value = measure === 'arr' ? ratio(total, startingArr) : total / positions.length;
      cells.push({ offset: month - cohort, month: monthFromIndex(month), value });
    }
    rows.push({ cohort: monthFromIndex(cohort), size: positions.length, startingArr, cells });
  });
  return { from, to, measure, cohorts: rows };
}
