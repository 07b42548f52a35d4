import { describe, expect, it } from 'vitest';
import { arrMovements } from './arr-movements.js';
import { account, contract, snapshots } from '../test-support/builders.js';
import type { Dataset } from '../core/types.js';

// Five accounts, one movement kind each, worked out by hand over Feb..Apr 2025.
const everyKind: Dataset = {
  accounts: ['A', 'B', 'C', 'D', 'E'].map((id) => account(id)),
  arr: [
    ...snapshots('A', { '2025-01': 100, '2025-02': 100, '2025-03': 150, '2025-04': 150 }), // expansion +50 in Mar
    ...snapshots('B', { '2025-01': 200, '2025-02': 120, '2025-03': 120, '2025-04': 120 }), // contraction -80 in Feb
    ...snapshots('C', { '2025-03': 300, '2025-04': 300 }), // new +300 in Mar
    ...snapshots('D', { '2025-01': 50 }), // churn -50 in Feb
    ...snapshots('E', { '2024-10': 80, '2025-04': 90 }), // churned in Nov 2024, reactivation +90 in Apr
  ],
};

describe('arrMovements', () => {
  it('classifies each movement kind and totals the waterfall', () => {
    const w = arrMovements(everyKind, { period: { from: '2025-02', to: '2025-04' } });
    expect(w.opening).toBe(350);
    expect(w.new).toBe(300);
    expect(w.expansion).toBe(50);
    expect(w.contraction).toBe(-80);
    expect(w.churn).toBe(-50);
    expect(w.reactivation).toBe(90);
    expect(w.netNew).toBe(310);
    expect(w.closing).toBe(660);
    expect(w.months).toEqual([
      { month: '2025-02', opening: 350, new: 0, expansion: 0, contraction: -80, churn: -50, reactivation: 0, closing: 220 },
      { month: '2025-03', opening: 220, new: 300, expansion: 50, contraction: 0, churn: 0, reactivation: 0, closing: 570 },
      { month: '2025-04', opening: 570, new: 0, expansion: 0, contraction: 0, churn: 0, reactivation: 90, closing: 660 },
    ]);
    expect(w.movements).toEqual([
      { accountId: 'A', month: '2025-03', kind: 'expansion', amount: 50 },
      { accountId: 'B', month: '2025-02', kind: 'contraction', amount: -80 },
      { accountId: 'C', month: '2025-03', kind: 'new', amount: 300 },
      { accountId: 'D', month: '2025-02', kind: 'churn', amount: -50 },
      { accountId: 'E', month: '2025-04', kind: 'reactivation', amount: 90 },
    ]);
  });

  it('tells reactivation from new by looking before the period', () => {
    const data: Dataset = { accounts: [account('X')], arr: snapshots('X', { '2023-05': 10, '2025-03': 40 }) };
    const w = arrMovements(data, { period: { from: '2025-03', to: '2025-03' } });
    expect(w.movements).toEqual([{ accountId: 'X', month: '2025-03', kind: 'reactivation', amount: 40 }]);
    expect(w.new).toBe(0);
  });

  describe('grace bridging of a two-month gap (Jan 100, Feb 0, Mar 0, Apr 120)', () => {
    const gap: Dataset = {
      accounts: [account('F')],
      arr: snapshots('F', { '2025-01': 100, '2025-04': 120, '2025-05': 120 }),
    };
    const period = { from: '2025-02', to: '2025-05' };

    it('churns and reactivates when the gap is longer than the grace period', () => {
      const w = arrMovements(gap, { period, graceMonths: 1 });
      expect(w.churn).toBe(-100);
      expect(w.reactivation).toBe(120);
      expect(w.expansion).toBe(0);
      expect(w.months.map((m) => m.closing)).toEqual([0, 0, 120, 120]);
    });

    it('bridges a gap exactly as long as the grace period: no churn, expansion against the pre-gap ARR', () => {
      const w = arrMovements(gap, { period, graceMonths: 2 });
      expect(w.churn).toBe(0);
      expect(w.reactivation).toBe(0);
      expect(w.expansion).toBe(20);
      expect(w.months.map((m) => m.closing)).toEqual([100, 100, 120, 120]);
      expect(w.movements).toEqual([{ accountId: 'F', month: '2025-04', kind: 'expansion', amount: 20 }]);
    });

    it('bridges a gap shorter than the grace period the same way', () => {
      const w = arrMovements(gap, { period, graceMonths: 3 });
      expect(w.churn).toBe(0);
      expect(w.expansion).toBe(20);
      expect(w.closing).toBe(120);
    });

    it('resumes below the pre-gap ARR as a contraction', () => {
      const lower: Dataset = { accounts: [account('F')], arr: snapshots('F', { '2025-01': 100, '2025-03': 70 }) };
      const w = arrMovements(lower, { period: { from: '2025-02', to: '2025-03' }, graceMonths: 1 });
      expect(w.movements).toEqual([{ accountId: 'F', month: '2025-03', kind: 'contraction', amount: -30 }]);
    });
  });

  describe('a gap still open at asOf (Feb 100, then nothing from Mar)', () => {
    const open: Dataset = { accounts: [account('G')], arr: snapshots('G', { '2025-01': 100, '2025-02': 100 }) };
    const period = { from: '2025-02', to: '2025-04' };

    it('is in grace while its length is within the grace period: ARR counts, no churn', () => {
      const w = arrMovements(open, { period, graceMonths: 2 });
      expect(w.churn).toBe(0);
      expect(w.closing).toBe(100);
      expect(w.movements).toEqual([]);
    });

    it('is churned in its first month once longer than the grace period', () => {
      const w = arrMovements(open, { period, graceMonths: 1 });
      expect(w.churn).toBe(-100);
      expect(w.movements).toEqual([{ accountId: 'G', month: '2025-03', kind: 'churn', amount: -100 }]);
      expect(w.closing).toBe(0);
    });

    it('is measured up to asOf, so a later asOf can end the grace', () => {
      const w = arrMovements(open, { period, graceMonths: 2, asOf: '2025-05-10' });
      expect(w.churn).toBe(-100);
      expect(w.closing).toBe(0);
    });
  });

  it('derives ARR from contracts active on the last day of each month', () => {
    const data: Dataset = {
      accounts: [account('H')],
      contracts: [contract('h1', 'H', '2025-01-15', '2026-01-14', 1200)],
    };
    const w = arrMovements(data, { period: { from: '2025-01', to: '2026-01' } });
    expect(w.opening).toBe(0);
    expect(w.months[0]).toMatchObject({ month: '2025-01', new: 1200, closing: 1200 });
    expect(w.months[11]).toMatchObject({ month: '2025-12', closing: 1200 });
    expect(w.months[12]).toMatchObject({ month: '2026-01', churn: -1200, closing: 0 });
  });

  it('converts contracts in another currency with fxRates', () => {
    const data: Dataset = {
      currency: 'USD',
      fxRates: { EUR: 1.1 },
      accounts: [account('I')],
      contracts: [contract('i1', 'I', '2025-01-01', '2025-12-31', 1000, { currency: 'EUR' })],
      arr: undefined,
    };
    const w = arrMovements(data, { period: { from: '2025-01', to: '2025-01' } });
    expect(w.new).toBeCloseTo(1100, 9);
  });

  it('returns zeros, not NaN, for empty data', () => {
    const w = arrMovements({ accounts: [] }, { period: { from: '2025-01', to: '2025-03' } });
    expect(w).toMatchObject({ opening: 0, closing: 0, netNew: 0, new: 0, churn: 0 });
    expect(w.months).toHaveLength(3);
    expect(w.movements).toEqual([]);
  });

  it('rejects a backwards period and a bad grace', () => {
    expect(() => arrMovements(everyKind, { period: { from: '2025-04', to: '2025-02' } })).toThrow(/period.to \(2025-02\) is before/);
    expect(() => arrMovements(everyKind, { period: { from: '2025-1', to: '2025-02' } })).toThrow(/period.from/);
    expect(() => arrMovements(everyKind, { period: { from: '2025-01', to: '2025-02' }, graceMonths: -1 })).toThrow(/graceMonths/);
  });
});
