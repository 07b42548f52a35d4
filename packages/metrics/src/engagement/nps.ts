/** Net Promoter Score (SPEC 5): promoters score 9-10, passives 7-8, detractors 0-6 (`npsCategory`). */
import { assertPeriod, monthIndex } from '../core/dates.js';
import { cached, recordColumns, type DatasetIndex } from '../data/dataset-index.js';
import { npsCategory } from '../model/domain.js';
import { isSelected, type Selection } from '../data/selection.js';
import type { NpsResponse, Period } from '../core/types.js';

export interface NpsResult {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** 100 * (promoters - detractors) / responses, in [-100, 100]; null when there are no responses. */
  score: number | null;
}

export interface NpsOptions {
  /** Only responses dated in this period. Default: all. */
  period?: Period;
}

/** Adds one response to running counts (shared with the per-CSM scorecard). */
export function countNps(counts: NpsResult, score: number): void {
  counts.responses += 1;
  counts[npsCategory(score)] += 1;
}

export function npsScore(counts: Omit<NpsResult, 'score'>): number | null {
  return counts.responses === 0 ? null : (100 * (counts.promoters - counts.detractors)) / counts.responses;
}

export function emptyNps(): NpsResult {
  return { responses: 0, promoters: 0, passives: 0, detractors: 0, score: null };
}

export function nps(responses: readonly NpsResponse[], options: NpsOptions = {}): NpsResult {
  const { period } = options;
  if (period) assertPeriod(period);
  const from = period ? monthIndex(period.from) : -Infinity;
  const to = period ? monthIndex(period.to) : Infinity;
  const counts = emptyNps();
  for (const response of responses ?? []) {
    const month = monthIndex(response.date);
    if (month >= from && month <= to) countNps(counts, response.score);
  }
  counts.score = npsScore(counts);
  return counts;
}

/**
 * The account and score of each NPS response dated in months `from .. to`, in month order (counts do not depend on
 * the order they are added in), so a period reads only its own responses.
 */
export function responsesIn(index: DatasetIndex, from: number, to: number): { account: Int32Array; value: Float64Array } {
  const columns = recordColumns<NpsResponse>(index, 'nps');
  // The responses' rows in month order, with their account and score gathered in that order: a period's responses
  // are then read in order, not picked from the columns at random (millions of responses at 1M accounts).
  const sorted = cached(index, 'nps:by-month', () => {
    const rows = Int32Array.from(columns.month.keys()).sort((a, b) => (columns.month[a] as number) - (columns.month[b] as number) || a - b);
    return {
      month: Int32Array.from(rows, (row) => columns.month[row] as number),
      account: Int32Array.from(rows, (row) => columns.account[row] as number), value: Float64Array.from(rows, (row) => columns.value[row] as number),
    };
  });
  const first = (month: number) => {
    let low = 0;
    let high = sorted.month.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((sorted.month[mid] as number) < month) low = mid + 1;
      else high = mid;
    }
    return low;
  };
  const begin = first(from);
  const end = first(to + 1);
  return { account: sorted.account.subarray(begin, end), value: sorted.value.subarray(begin, end) };
}

/** NPS over the responses of the selected accounts (and, for a whole dataset, those without an account). */
export function npsOf(selection: Selection, period: Period | undefined): NpsResult {
  const { account, value } = responsesIn(selection.index, period ? monthIndex(period.from) : -Infinity, period ? monthIndex(period.to) : Infinity);
  const counts = emptyNps();
  for (let i = 0; i < account.length; i += 1) if (isSelected(selection, account[i] as number)) countNps(counts, value[i] as number);
  counts.score = npsScore(counts);
  return counts;
}

/** `nps` over a dataset's responses, for use with `breakdown` and other dataset-shaped callers. */
export function datasetNps(dataset: { nps?: readonly NpsResponse[] }, options: NpsOptions = {}): NpsResult {
  return nps(dataset.nps ?? [], options);
}
