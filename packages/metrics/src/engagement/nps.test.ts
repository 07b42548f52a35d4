import { describe, expect, it } from 'vitest';
import { nps } from './nps.js';
import type { NpsResponse } from '../core/types.js';
describe('nps', () => {
  const scores = [9, 10, 9, 7, 8, 7, 8, 7, 0, 6];
  const responses: NpsResponse[] = scores.map((score, n) => ({ date: `2025-0${1 + (n % 3)}-15`, score }));

  it('seed 003: 3 promoters, 5 passives, 2 detractors give 10', () => {
    expect(nps(responses)).toEqual({ responses: 10, promoters: 3, passives: 5, detractors: 2, score: 10 });
  });

  it('filters by period and is null with no responses', () => {
    expect(nps(responses, { period: { from: '2025-01', to: '2025-01' } })).toMatchObject({ responses: 4, promoters: 1, passives: 2, detractors: 1, score: 0 });
    expect(nps([], {})).toEqual({ responses: 0, promoters: 0, passives: 0, detractors: 0, score: null });
  });
});
