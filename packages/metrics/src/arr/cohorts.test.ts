import { describe, expect, it } from 'vitest';
import { cohorts } from './cohorts.js';
import { account, snapshots } from '../test-support/builders.js';
import type { ActivityRecord, Dataset } from '../core/types.js';

const act = (accountId: string, month: string, activeUsers: number, licensedUsers = 100): ActivityRecord => ({ accountId, month, activeUsers, licensedUsers });

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
