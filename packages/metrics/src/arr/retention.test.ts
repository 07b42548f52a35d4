import { describe, expect, it } from 'vitest';
import { retention } from './retention.js';
import { account, snapshots } from '../test-support/builders.js';
import type { Dataset } from '../core/types.js';

const data: Dataset = {
  accounts: ['A', 'B', 'C', 'D'].map((id) => account(id)),
  arr: [
    ...snapshots('A', { '2025-01': 100, '2025-04': 150 }), // expands
    ...snapshots('B', { '2025-01': 200, '2025-04': 120 }), // contracts
    ...snapshots('C', { '2025-04': 300 }), // new: not in the cohort
    ...snapshots('D', { '2025-01': 50 }), // churns
  ],
};

describe('retention', () => {
  it('follows the cohort with ARR in start and excludes new accounts', () => {
    const r = retention(data, { start: '2025-01', end: '2025-04' });
    expect(r.startingArr).toBe(350);
    expect(r.endingArr).toBe(270);
    expect(r.nrr).toBeCloseTo(270 / 350, 12);
    // GRR caps A's expansion at its starting 100: (100 + 120 + 0) / 350.
    expect(r.grr).toBeCloseTo(220 / 350, 12);
    expect(r.accounts.map((a) => a.accountId)).toEqual(['A', 'B', 'D']);
  });

  it('never lifts GRR above 1 with pure expansion, while NRR exceeds 1', () => {
    const r = retention({ accounts: [account('A')], arr: snapshots('A', { '2025-01': 100, '2025-02': 180 }) }, { start: '2025-01', end: '2025-02' });
    expect(r.nrr).toBe(1.8);
    expect(r.grr).toBe(1);
  });

  it('gives null ratios, not NaN, for an empty cohort', () => {
    const r = retention({ accounts: [] }, { start: '2025-01', end: '2025-02' });
    expect(r).toMatchObject({ startingArr: 0, endingArr: 0, nrr: null, grr: null, accounts: [] });
  });
});
