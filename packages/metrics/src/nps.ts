/** Net Promoter Score (SPEC 5): promoters score 9-10, passives 7-8, detractors 0-6. */
import { assertPeriod, monthIndex } from './dates.js';
import type { NpsResponse, Period } from './types.js';

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
  if (score >= 9) counts.promoters += 1;
  else if (score >= 7) counts.passives += 1;
  else counts.detractors += 1;
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

/** `nps` over a dataset's responses, for use with `breakdown` and other dataset-shaped callers. */
export function datasetNps(dataset: { nps?: readonly NpsResponse[] }, options: NpsOptions = {}): NpsResult {
  return nps(dataset.nps ?? [], options);
}
