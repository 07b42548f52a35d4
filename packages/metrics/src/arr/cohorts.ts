/**
 * Cohorts (SPEC 5): accounts grouped by the month of `signedAt`, followed month by month.
 * Cell (c, k): share of c's accounts with ARR > 0 in c+k (`logo`), ARR in c+k over ARR in c (`arr`, null when
 * the cohort had no ARR in c), or the mean activity rate of c's accounts (`activity`). Cells past `to` are absent,
 * and so are cohorts with no accounts.
 */
import { assertMonth, monthFromIndex, monthIndex } from '../core/dates.js';
import { arrThrough } from '../data/dataset-index.js';
import { activityMatrix, activityRateAt } from '../data/monthly-records.js';
import { ratio } from '../core/ratio.js';
import { wholeDataset, type Selection } from '../data/selection.js';
import type { Dataset, Month } from '../core/types.js';

export type CohortMeasure = 'logo' | 'arr' | 'activity';
export const COHORT_MEASURES: readonly CohortMeasure[] = ['logo', 'arr', 'activity'];

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

export interface CohortOptions {
  from: Month;
  to: Month;
  measure: CohortMeasure;
}

export function assertCohortOptions({ from, to, measure }: CohortOptions): void {
  assertMonth(from, 'from');
  assertMonth(to, 'to');
  if (to < from) throw new RangeError(`to (${to}) is before from (${from})`);
  if (!COHORT_MEASURES.includes(measure)) {
    throw new RangeError(`measure must be 'logo', 'arr' or 'activity', got ${JSON.stringify(measure)}`);
  }
}

/** Cohort rows of all three measures in one pass over the members (each measure's cells as `cohortsOf` gives). */
export function cohortsAllOf(selection: Selection, from: Month, to: Month): Record<CohortMeasure, Cohorts> {
  const { index } = selection;
  const first = monthIndex(from);
  const last = monthIndex(to);
  const members: number[][] = Array.from({ length: last - first + 1 }, () => []);
  for (const position of selection.positions) {
    const signed = monthIndex((index.accounts[position] as { signedAt: string }).signedAt);
    if (signed >= first && signed <= last) (members[signed - first] as number[]).push(position);
  }
  const arr = arrThrough(index, last);
  const activity = activityMatrix(index);
  const sums: CohortSums[] = [];
  members.forEach((positions, cohortOffset) => {
    if (positions.length === 0) return;
    const cohort = first + cohortOffset;
    const months = last - cohort + 1;
    // Each member adds to every month of its cohort's row, members in dataset order (as a month-by-month sum would).
    const logo = new Float64Array(months);
    const arrTotals = new Float64Array(months);
    const rates = new Float64Array(months);
    for (const position of positions) {
      const base = position * arr.count - arr.start;
      for (let month = cohort; month <= last; month += 1) {
        const k = month - cohort;
        const cell = month >= arr.start ? (arr.values[base + month] as number) : 0;
        if (cell > 0) logo[k] = (logo[k] as number) + 1;
        arrTotals[k] = (arrTotals[k] as number) + cell;
        rates[k] = (rates[k] as number) + activityRateAt(activity, position, month);
      }
    }
    sums.push({ cohort, size: positions.length, logo, arr: arrTotals, rates });
  });
  return cohortsFromSums(from, to, sums);
}

/**
 * One signing cohort's sums, as the JS engine or an engine outside JS (`@cskit/sql`) adds them: per month from the
 * cohort's own (index 0) to the last, its accounts with ARR > 0, their ARR, and the sum of their activity rates.
 */
export interface CohortSums {
  /** The signing month's index. */
  cohort: number;
  size: number;
  logo: ArrayLike<number>;
  arr: ArrayLike<number>;
  rates: ArrayLike<number>;
}

/** The three measures' cohort rows from their sums (cohorts in month order, those without accounts left out). */
export function cohortsFromSums(from: Month, to: Month, sums: readonly CohortSums[]): Record<CohortMeasure, Cohorts> {
  const result: Record<CohortMeasure, Cohorts> = {
    logo: { from, to, measure: 'logo', cohorts: [] },
    arr: { from, to, measure: 'arr', cohorts: [] },
    activity: { from, to, measure: 'activity', cohorts: [] },
  };
  for (const { cohort, size, logo, arr, rates } of sums) {
    const startingArr = arr[0] as number;
    const row = (value: (k: number) => number | null): CohortRow => ({
      cohort: monthFromIndex(cohort), size, startingArr,
      cells: Array.from({ length: arr.length }, (_, k) => ({ offset: k, month: monthFromIndex(cohort + k), value: value(k) })),
    });
    result.logo.cohorts.push(row((k) => (logo[k] as number) / size));
    result.arr.cohorts.push(row((k) => ratio(arr[k] as number, startingArr)));
    result.activity.cohorts.push(row((k) => (rates[k] as number) / size));
  }
  return result;
}

export function cohortsOf(selection: Selection, { from, to, measure }: CohortOptions): Cohorts {
  return cohortsAllOf(selection, from, to)[measure];
}

export function cohorts(dataset: Dataset, options: CohortOptions): Cohorts {
  assertCohortOptions(options);
  return cohortsOf(wholeDataset(dataset), options);
}
