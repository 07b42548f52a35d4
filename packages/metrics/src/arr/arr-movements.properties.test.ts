import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arrMovements } from './arr-movements.js';
import { addDays, dateFromDayNumber, dayNumber, monthFromIndex, monthIndex } from '../core/dates.js';
import { renewals } from '../renewals/renewals.js';
import { retention } from './retention.js';
import type { Dataset } from '../core/types.js';

const FIRST = monthIndex('2024-01');
const MONTHS = 24;

/** Random ARR histories: up to 6 accounts, 24 months each, with gaps and level changes. */
const snapshotDataset = fc
  .array(fc.array(fc.constantFrom(0, 0, 50, 100, 100, 150, 320.5), { minLength: MONTHS, maxLength: MONTHS }), { minLength: 0, maxLength: 6 })
  .map((series): Dataset => ({
    accounts: series.map((_, n) => ({ id: `a${n}`, name: `A${n}`, signedAt: '2023-06-01' })),
    arr: series.flatMap((values, n) => values.map((arr, m) => ({ accountId: `a${n}`, month: monthFromIndex(FIRST + m), arr }))),
  }));

/** Random contracts: up to 5 accounts with up to 4 contracts each, some in EUR. */
const contractDataset = fc
  .array(fc.array(fc.record({
    startOffset: fc.integer({ min: 0, max: 700 }),
    days: fc.integer({ min: 20, max: 400 }),
    arr: fc.integer({ min: 0, max: 1000 }),
    eur: fc.boolean(),
  }), { maxLength: 4 }), { maxLength: 5 })
  .map((accounts): Dataset => ({
    currency: 'USD',
    fxRates: { EUR: 1.1 },
    accounts: accounts.map((_, n) => ({ id: `a${n}`, name: `A${n}`, signedAt: '2023-06-01' })),
    contracts: accounts.flatMap((contracts, n) => contracts.map((c, k) => {
      const start = dateFromDayNumber(dayNumber('2024-01-01') + c.startOffset);
      return { id: `c${n}-${k}`, accountId: `a${n}`, start, end: addDays(start, c.days), arr: c.arr, ...(c.eur && { currency: 'EUR' }) };
    })),
  }));

const period = fc.tuple(fc.integer({ min: 0, max: MONTHS + 2 }), fc.integer({ min: 0, max: MONTHS + 2 }))
  .map(([a, b]) => ({ from: monthFromIndex(FIRST + Math.min(a, b)), to: monthFromIndex(FIRST + Math.max(a, b)) }));
const grace = fc.integer({ min: 0, max: 4 });
const anyDataset = fc.oneof(snapshotDataset, contractDataset);

/** Amounts with cents and beyond (FX-converted, 1/3s), so sums in binary floating point carry noise. */
const centsDataset = fc
  .array(fc.array(fc.constantFrom(0, 0.1, 0.2, 0.7, 100.35, 1234.567, 1 / 3, 2 / 3, 99.99), { minLength: MONTHS, maxLength: MONTHS }), { minLength: 1, maxLength: 8 })
  .map((series): Dataset => ({
    accounts: series.map((_, n) => ({ id: `a${n}`, name: `A${n}`, signedAt: '2023-06-01' })),
    arr: series.flatMap((values, n) => values.map((arr, m) => ({ accountId: `a${n}`, month: monthFromIndex(FIRST + m), arr }))),
  }));

const inCents = (amount: number) => Number.isInteger(Math.round(amount * 100)) && Math.abs(amount * 100 - Math.round(amount * 100)) < 1e-6;

describe('money totals are whole cents (money.ts)', () => {
  it('waterfall, retention and renewal totals carry no noise, and opening + netNew = closing in cents exactly', () => {
    fc.assert(fc.property(centsDataset, period, grace, (dataset, p, g) => {
      const w = arrMovements(dataset, { period: p, graceMonths: g });
      const cents = (x: number) => Math.round(x * 100);
      for (const value of [w.opening, w.closing, w.netNew, w.new, w.expansion, w.contraction, w.churn, w.reactivation]) {
        expect(inCents(value)).toBe(true);
        expect(value).toBe(cents(value) / 100);
      }
      expect(cents(w.opening) + cents(w.netNew)).toBe(cents(w.closing));
      w.months.forEach((m, i) => {
        expect(cents(m.opening) + cents(m.new) + cents(m.expansion) + cents(m.contraction) + cents(m.churn) + cents(m.reactivation)).toBe(cents(m.closing));
        if (i > 0) expect(m.opening).toBe((w.months[i - 1] as typeof m).closing);
      });
      // The closing is the nearest cents to the accounts' ARR in the last month, and the movements within cents of theirs.
      const lastMonth = monthIndex(p.to);
      const arrAtEnd = (dataset.arr ?? []).filter((s) => monthIndex(s.month) === lastMonth).reduce((sum, s) => sum + s.arr, 0);
      if (g === 0) expect(Math.abs(w.closing - arrAtEnd)).toBeLessThanOrEqual(0.005 + 1e-9);
      const moved = w.movements.reduce((sum, m) => sum + m.amount, 0);
      expect(Math.abs(moved - w.netNew)).toBeLessThan(0.01 * (w.months.length * 5 + 1));
      const r = retention(dataset, { start: p.from, end: p.to });
      expect([r.startingArr, r.endingArr].every(inCents)).toBe(true);
    }), { numRuns: 150 });
  });

  it('0.1 + 0.2 of ARR is 0.3', () => {
    const dataset: Dataset = {
      accounts: [{ id: 'a', name: 'A', signedAt: '2024-01-01' }, { id: 'b', name: 'B', signedAt: '2024-01-01' }],
      arr: [{ accountId: 'a', month: '2024-02', arr: 0.1 }, { accountId: 'b', month: '2024-02', arr: 0.2 }],
    };
    const w = arrMovements(dataset, { period: { from: '2024-02', to: '2024-02' } });
    expect([w.opening, w.new, w.netNew, w.closing]).toEqual([0, 0.3, 0.3, 0.3]);
  });
});

describe('properties', () => {
  it('waterfall: opening + netNew = closing for the period and for every month, and months chain', () => {
    fc.assert(fc.property(anyDataset, period, grace, (data, p, g) => {
      const w = arrMovements(data, { period: p, graceMonths: g });
      expect(w.opening + w.netNew).toBeCloseTo(w.closing, 6);
      expect(w.contraction).toBeLessThanOrEqual(0);
      expect(w.churn).toBeLessThanOrEqual(0);
      w.months.forEach((m, i) => {
        expect(m.opening + m.new + m.expansion + m.contraction + m.churn + m.reactivation).toBeCloseTo(m.closing, 6);
        if (i > 0) expect(m.opening).toBeCloseTo((w.months[i - 1] as typeof m).closing, 6);
      });
      const moved = w.movements.reduce((sum, m) => sum + m.amount, 0);
      expect(moved).toBeCloseTo(w.netNew, 6);
    }), { numRuns: 200 });
  });

  it('retention: 0 <= grr <= 1, grr <= nrr, and both are null exactly when the cohort has no ARR', () => {
    fc.assert(fc.property(anyDataset, period, (data, p) => {
      const r = retention(data, { start: p.from, end: p.to });
      if (r.startingArr === 0) {
        expect(r.nrr).toBeNull();
        expect(r.grr).toBeNull();
        return;
      }
      expect(r.grr).toBeGreaterThanOrEqual(0);
      expect(r.grr).toBeLessThanOrEqual(1 + 1e-12);
      expect(r.grr).toBeLessThanOrEqual((r.nrr as number) + 1e-12);
    }), { numRuns: 200 });
  });

  it('renewals: statuses partition the due contracts and rates stay in range', () => {
    fc.assert(fc.property(contractDataset, period, grace, fc.integer({ min: -60, max: 400 }), (data, p, g, asOfShift) => {
      const asOf = addDays(`${p.to}-01`, asOfShift);
      const s = renewals(data, { period: p, graceMonths: g, asOf });
      expect(s.renewed.count + s.churned.count + s.pending.count).toBe(s.due.count);
      expect(s.items).toHaveLength(s.due.count);
      const dueArrByStatus = s.items.reduce((sum, i) => sum + i.dueArr, 0);
      expect(dueArrByStatus).toBeCloseTo(s.due.arr, 6);
      // Each rate is null exactly when its denominator is zero: logos counted, or ARR due (zero-ARR contracts can be due).
      for (const [rate, denominator] of [[s.logoRate, s.due.count], [s.grossDollarRate, s.due.arr]] as const) {
        if (denominator === 0) expect(rate).toBeNull();
        else {
          expect(rate).toBeGreaterThanOrEqual(0);
          expect(rate).toBeLessThanOrEqual(1 + 1e-12);
        }
      }
      if (s.due.arr > 0) expect(s.grossDollarRate).toBeLessThanOrEqual((s.dollarRate as number) + 1e-12);
      const renewalIds = s.items.map((i) => i.renewalContractId).filter((id) => id !== null);
      expect(new Set(renewalIds).size).toBe(renewalIds.length);
    }), { numRuns: 200 });
  });
});
