import { generateDataset } from '@cskit/sample-data';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arrMovements } from './arr-movements.js';
import { arrTrend } from './arr-trend.js';
import { monthFromIndex, monthIndex } from '../core/dates.js';
import { retention } from './retention.js';
import type { Dataset } from '../core/types.js';

const account = (id: string, extra: Record<string, unknown> = {}) => ({ id, name: id.toUpperCase(), signedAt: '2024-01-01', ...extra });
describe('arrTrend (SPEC 8), worked by hand', () => {
  // a: 80 in 2024-03, 100 in 2024-12 and 2025-01, 120 in February, gone in March (churn).
  // b: new in January at 50, contracts to 40 in March. c: 200 throughout.
  const series: Record<string, Record<string, number>> = {
    a: { '2024-03': 80, '2024-12': 100, '2025-01': 100, '2025-02': 120 },
    b: { '2025-01': 50, '2025-02': 50, '2025-03': 40 },
    c: { '2024-03': 200, '2024-12': 200, '2025-01': 200, '2025-02': 200, '2025-03': 200 },
  };
  const dataset: Dataset = {
    accounts: ['a', 'b', 'c'].map((id) => account(id)),
    arr: Object.entries(series).flatMap(([accountId, months]) => Object.entries(months).map(([month, arr]) => ({ accountId, month, arr }))),
  };
  const trend = arrTrend(dataset, { period: { from: '2025-01', to: '2025-03' } });
  const [january, february, march] = trend.months;

  it('each month: the waterfall row, customers, ARPA, churn rates, quick ratio', () => {
    expect(january).toMatchObject({ month: '2025-01', opening: 300, new: 50, closing: 350, customers: 3, logoChurnRate: 0, grossRevenueChurnRate: 0, quickRatio: null });
    expect(january?.arpa).toBeCloseTo(350 / 3, 10);
    expect(february).toMatchObject({ opening: 350, expansion: 20, closing: 370, customers: 3, logoChurnRate: 0, quickRatio: null });
    expect(march).toMatchObject({ opening: 370, churn: -120, contraction: -10, closing: 240, customers: 2, arpa: 120, quickRatio: 0 });
    expect(march?.logoChurnRate).toBeCloseTo(1 / 3, 10);
    expect(march?.grossRevenueChurnRate).toBeCloseTo(130 / 370, 10);
  });

  it('trailing twelve-month NRR and GRR from retention, and LTV = ARPA / (1 - GRR)', () => {
    // March 2024 -> March 2025: a 80 -> 0, c 200 -> 200.
    expect(march?.nrr12).toBeCloseTo(200 / 280, 10);
    expect(march?.grr12).toBeCloseTo(200 / 280, 10);
    expect(march?.ltv).toBeCloseTo(120 / (1 - 200 / 280), 8);
    expect(january).toMatchObject({ nrr12: null, grr12: null, ltv: null });
  });

  it('properties: rows equal the waterfall months; quick ratio and rates follow their definitions', () => {
    const sample = generateDataset({ seed: 5, accounts: 150 });
    fc.assert(fc.property(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 11 }), fc.integer({ min: 0, max: 2 }), (start, length, grace) => {
      const first = monthIndex('2023-06') + start;
      const period = { from: monthFromIndex(first), to: monthFromIndex(first + length) };
      const rows = arrTrend(sample, { period, graceMonths: grace }).months;
      const waterfall = arrMovements(sample, { period, graceMonths: grace });
      rows.forEach((row, k) => {
        const month = waterfall.months[k];
        expect({ ...row }).toMatchObject({ ...month });
        const lost = -(row.churn + row.contraction);
        if (lost === 0) expect(row.quickRatio).toBeNull();
        else expect(row.quickRatio).toBeCloseTo((row.new + row.expansion + row.reactivation) / lost, 10);
        expect(row.customers === 0 ? row.arpa === null : Math.abs((row.arpa as number) * row.customers - row.closing) < 1e-6).toBe(true);
        const kept = retention(sample, { start: monthFromIndex(first + k - 12), end: row.month });
        expect(row.nrr12).toBe(kept.nrr);
        if (row.grr12 !== null && row.grr12 >= 1) expect(row.ltv).toBeNull();
      });
    }), { numRuns: 40 });
  });
});
