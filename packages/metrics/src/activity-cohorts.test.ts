import { describe, expect, it } from 'vitest';
import { cohorts } from './cohorts.js';
import { earlyWarnings } from './early-warnings.js';
import { nps } from './nps.js';
import { account, contract, snapshots } from './test-support/builders.js';
import type { ActivityRecord, Dataset, NpsResponse } from './types.js';

const act = (accountId: string, month: string, activeUsers: number, licensedUsers = 100): ActivityRecord => ({ accountId, month, activeUsers, licensedUsers });

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

describe('earlyWarnings', () => {
  const data: Dataset = {
    accounts: ['A', 'B', 'C', 'D', 'E', 'F'].map((id) => account(id)),
    contracts: [
      contract('a0', 'A', '2023-10-01', '2024-09-30', 500),
      contract('a1', 'A', '2024-10-01', '2025-09-30', 500),
      contract('b1', 'B', '2024-08-01', '2025-07-31', 500),
      contract('c1', 'C', '2025-01-01', '2025-12-31', 900),
      contract('d1', 'D', '2025-01-01', '2025-12-31', 200),
      contract('e1', 'E', '2024-06-01', '2025-05-31', 800),
      contract('f1', 'F', '2025-01-01', '2025-12-31', 300),
    ],
    activity: [
      act('A', '2025-04', 10), act('A', '2025-05', 20), act('A', '2025-06', 25),
      act('B', '2025-05', 10), act('B', '2025-06', 10), // April missing counts as 0
      act('C', '2025-04', 10), act('C', '2025-05', 50), act('C', '2025-06', 10),
      act('E', '2025-04', 1), act('E', '2025-05', 1), act('E', '2025-06', 1), // no ARR in June
      act('F', '2025-04', 10), act('F', '2025-05', 30), act('F', '2025-06', 10), // exactly 0.3 in May
    ],
  };

  it('lists paying accounts below the threshold every month, by ARR then nearest renewal', () => {
    const result = earlyWarnings(data, { asOf: '2025-06' });
    expect(result.items).toEqual([
      { accountId: 'B', arr: 500, rates: [0, 0.1, 0.1], nextRenewal: '2025-07-31' },
      { accountId: 'A', arr: 500, rates: [0.1, 0.2, 0.25], nextRenewal: '2025-09-30' },
      { accountId: 'D', arr: 200, rates: [0, 0, 0], nextRenewal: '2025-12-31' },
    ]);
  });

  it('takes the threshold and the number of months as options', () => {
    expect(earlyWarnings(data, { asOf: '2025-06', threshold: 0.31 }).items.map((i) => i.accountId)).toEqual(['B', 'A', 'F', 'D']);
    expect(earlyWarnings(data, { asOf: '2025-06', months: 1 }).items.map((i) => i.accountId)).toEqual(['C', 'B', 'A', 'F', 'D']);
  });
});

describe('cohorts', () => {
  const data: Dataset = {
    accounts: [account('X1', { signedAt: '2025-01-05' }), account('X2', { signedAt: '2025-01-20' }), account('X3', { signedAt: '2025-02-10' }), account('X4', { signedAt: '2024-12-01' })],
    arr: [
      ...snapshots('X1', { '2025-01': 100, '2025-02': 100 }),
      ...snapshots('X2', { '2025-02': 50, '2025-03': 60 }),
      ...snapshots('X3', { '2025-02': 200, '2025-03': 300 }),
      ...snapshots('X4', { '2025-01': 1000 }),
    ],
    activity: [act('X1', '2025-01', 50), act('X1', '2025-02', 80), act('X2', '2025-02', 40), act('X3', '2025-02', 10)],
  };
  const range = { from: '2025-01', to: '2025-03' };
  const values = (measure: 'logo' | 'arr' | 'activity') => cohorts(data, { ...range, measure }).cohorts.map((c) => [c.cohort, c.size, c.cells.map((cell) => (cell.value === null ? null : Math.round(cell.value * 1e9) / 1e9))]);

  it('logo: the share of the cohort with ARR, cells past `to` absent', () => {
    expect(values('logo')).toEqual([['2025-01', 2, [0.5, 1, 0.5]], ['2025-02', 1, [1, 1]]]);
  });

  it('arr: ARR over the cohort month ARR', () => {
    expect(values('arr')).toEqual([['2025-01', 2, [1, 1.5, 0.6]], ['2025-02', 1, [1, 1.5]]]);
  });

  it('activity: mean rate, missing months as 0', () => {
    expect(values('activity')).toEqual([['2025-01', 2, [0.25, 0.6, 0]], ['2025-02', 1, [0.1, 0]]]);
  });

  it('gives null, not NaN, for an ARR cohort that started without ARR', () => {
    const noArr: Dataset = { accounts: [account('Z', { signedAt: '2025-01-01' })], arr: snapshots('Z', { '2025-02': 10 }) };
    expect(cohorts(noArr, { from: '2025-01', to: '2025-02', measure: 'arr' }).cohorts[0]?.cells.map((c) => c.value)).toEqual([null, null]);
  });
});
