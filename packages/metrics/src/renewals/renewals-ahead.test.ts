import { generateDataset } from '@cskit/sample-data';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arrTrend } from '../arr/arr-trend.js';
import { monthFromIndex, monthIndex } from '../core/dates.js';
import { filterDataset } from '../data/partition.js';
import { prepareDataset } from '../engine/prepared.js';
import { renewals } from './renewals.js';
import { renewalsAhead } from './renewals-ahead.js';
import type { Dataset } from '../core/types.js';

const account = (id: string, extra: Record<string, unknown> = {}) => ({ id, name: id.toUpperCase(), signedAt: '2024-01-01', ...extra });

describe('renewalsAhead (SPEC 9), worked by hand', () => {
  const high = (accountId: string) => ['2025-04', '2025-05', '2025-06'].map((month) => ({ accountId, month, activeUsers: 9, licensedUsers: 10 }));
  const dataset: Dataset = {
    accounts: ['a', 'b', 'c', 'd'].map((id) => account(id)),
    contracts: [
      { id: 'a1', accountId: 'a', start: '2024-07-01', end: '2025-06-30', arr: 100 },
      { id: 'a2', accountId: 'a', start: '2025-07-01', end: '2026-06-30', arr: 120 },
      { id: 'b1', accountId: 'b', start: '2024-08-01', end: '2025-07-31', arr: 200 },
      { id: 'c1', accountId: 'c', start: '2024-09-01', end: '2025-08-31', arr: 50 },
      { id: 'd1', accountId: 'd', start: '2024-06-11', end: '2025-06-10', arr: 80 },
    ],
    health: [
      { accountId: 'a', month: '2025-06', outcome: 90, experience: 90 },
      { accountId: 'b', month: '2025-06', outcome: 20, experience: 20 },
      { accountId: 'd', month: '2025-06', outcome: 50, experience: 50 },
    ],
    // a, b and d use the product; c used it in March only (no record since: 0 in April to June), so it is warned of
    // churn. (An account with no activity record at all would be unknown, never warned: SPEC 5.)
    activity: [...high('a'), ...high('b'), ...high('d'), { accountId: 'c', month: '2025-03', activeUsers: 5, licensedUsers: 10 }],
  };
  const ahead = renewalsAhead(dataset, { asOf: '2025-06-15', months: 3, likelihood: { green: 0.9, red: 0.4 } });

  it('items: status at asOf, tier in the month of asOf, risk reasons, expected renewal ARR', () => {
    expect(ahead.items).toEqual([
      { contractId: 'd1', accountId: 'd', dueDate: '2025-06-10', dueArr: 80, status: 'churned', tier: 'yellow', likelihood: null, expectedArr: 0, riskReasons: [] },
      { contractId: 'a1', accountId: 'a', dueDate: '2025-06-30', dueArr: 100, status: 'renewed', tier: 'green', likelihood: 0.9, expectedArr: 120, riskReasons: [] },
      { contractId: 'b1', accountId: 'b', dueDate: '2025-07-31', dueArr: 200, status: 'open', tier: 'red', likelihood: 0.4, expectedArr: 80, riskReasons: ['red'] },
      { contractId: 'c1', accountId: 'c', dueDate: '2025-08-31', dueArr: 50, status: 'open', tier: 'unknown', likelihood: null, expectedArr: null, riskReasons: ['early-warning'] },
    ]);
    expect(ahead.likelihood).toEqual({ green: 0.9, 'green-yellow': null, yellow: null, red: 0.4 });
    expect(ahead.calibrated).toBe(false);
  });

  it('months and totals: due by tier, renewed, open, at risk, expected and unknown', () => {
    expect(ahead.months.map((m) => m.month)).toEqual(['2025-06', '2025-07', '2025-08']);
    expect(ahead.months[0]).toMatchObject({
      due: { count: 2, arr: 180 }, renewed: { count: 1, arr: 100 }, open: { count: 0, arr: 0 }, atRisk: { count: 0, arr: 0 }, expectedArr: 120, expectedUnknownArr: 0,
    });
    expect(ahead.months[0]?.byTier).toMatchObject({ green: { count: 1, arr: 100 }, yellow: { count: 1, arr: 80 }, red: { count: 0, arr: 0 } });
    expect(ahead.months[1]).toMatchObject({ due: { count: 1, arr: 200 }, open: { count: 1, arr: 200 }, atRisk: { count: 1, arr: 200 }, expectedArr: 80 });
    expect(ahead.months[2]).toMatchObject({ atRisk: { count: 1, arr: 50 }, expectedArr: 0, expectedUnknownArr: 50 });
    expect(ahead.months[2]?.byTier.unknown).toEqual({ count: 1, arr: 50 });
    expect(ahead.totals).toMatchObject({
      due: { count: 4, arr: 430 }, renewed: { count: 1, arr: 100 }, open: { count: 2, arr: 250 }, atRisk: { count: 2, arr: 250 }, expectedArr: 200, expectedUnknownArr: 50,
    });
  });

  it('calibrates the likelihood per tier on decided contracts of the lookback, falling back to the overall share under 5', () => {
    const accounts = Array.from({ length: 9 }, (_, n) => account(`g${n}`));
    const contracts = accounts.flatMap((a, n) => [
      { id: `${a.id}-old`, accountId: a.id, start: '2024-02-01', end: '2025-01-31', arr: 100 },
      // g0..g4 renew; g5 churns (green: 5 of 6); g6..g8 are red: g6 renews, g7 and g8 churn (3 contracts: too few).
      ...([0, 1, 2, 3, 4, 6].includes(n) ? [{ id: `${a.id}-new`, accountId: a.id, start: '2025-02-01', end: '2026-01-31', arr: 100 }] : []),
    ]);
    const health = accounts.map((a, n) => ({ accountId: a.id, month: '2025-01', outcome: n < 6 ? 90 : 10, experience: n < 6 ? 90 : 10 }));
    const calibrated = renewalsAhead({ accounts, contracts, health }, { asOf: '2025-06-15' });
    expect(calibrated.calibrated).toBe(true);
    expect(calibrated.likelihood.green).toBeCloseTo(5 / 6, 10);
    expect(calibrated.likelihood.red).toBeCloseTo(6 / 9, 10);
    expect(calibrated.likelihood.yellow).toBeCloseTo(6 / 9, 10);
    expect(renewalsAhead({ accounts: [], contracts: [] }, { asOf: '2025-06-15' }).likelihood).toEqual({ green: null, 'green-yellow': null, yellow: null, red: null });
  });

  it('rejects a likelihood outside 0..1 and an unknown tier', () => {
    expect(() => renewalsAhead(dataset, { asOf: '2025-06-15', likelihood: { green: 1.2 } })).toThrow(/likelihood.green must be a number from 0 to 1/);
    expect(() => renewalsAhead(dataset, { asOf: '2025-06-15', likelihood: { blue: 0.5 } as never })).toThrow(/likelihood.blue/);
    expect(() => renewalsAhead(dataset, { asOf: '2025-13-15' })).toThrow(/asOf/);
  });

  it('properties: items are the contracts due in the horizon with their SPEC 3 status; sums add up', () => {
    const sample = generateDataset({ seed: 9, accounts: 200 });
    fc.assert(fc.property(fc.integer({ min: 0, max: 24 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 2 }), (offset, months, grace) => {
      const month = monthFromIndex(monthIndex('2023-06') + offset);
      const asOf = `${month}-15`;
      const result = renewalsAhead(sample, { asOf, months, graceMonths: grace });
      const due = renewals(sample, { period: { from: month, to: monthFromIndex(monthIndex(month) + months - 1) }, graceMonths: grace, asOf });
      expect(result.items.map((i) => [i.contractId, i.status])).toEqual(due.items.map((i) => [i.contractId, i.status]));
      const sum = (pick: (m: (typeof result.months)[number]) => number) => result.months.reduce((s, m) => s + pick(m), 0);
      expect(sum((m) => m.due.arr)).toBeCloseTo(result.totals.due.arr, 4);
      expect(result.totals.expectedArr + result.totals.expectedUnknownArr).toBeLessThanOrEqual(result.totals.due.arr * 10 + 1);
      for (const item of result.items) {
        if (item.riskReasons.length > 0) expect(['open', 'in-grace']).toContain(item.status);
        expect(item.expectedArr === null).toBe(item.status !== 'churned' && !item.status.startsWith('renewed') && item.likelihood === null);
      }
    }), { numRuns: 40 });
  });
});

describe('the engine answers as the plain functions', () => {
  it('renewals ahead and trends of a filtered view equal the functions on the filtered accounts; rows are the items', () => {
    const sample = generateDataset({ seed: 12, accounts: 300 });
    const engine = prepareDataset(sample);
    fc.assert(fc.property(fc.constantFrom('KA', 'MM', 'SMB', null), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 2 }), (segment, offset, grace) => {
      const to = monthFromIndex(monthIndex('2024-03') + offset);
      const period = { from: monthFromIndex(monthIndex(to) - 5), to };
      const filters = segment === null ? {} : { segment: [segment] };
      const view = { period, graceMonths: grace, filters, ahead: { months: 4 } };
      const subset = filterDataset(sample, filters);
      const asOf = engine.dashboard(view).asOf;
      const { items, ...figures } = renewalsAhead(subset, { asOf, months: 4, graceMonths: grace });
      expect(engine.metric(view, 'renewalsAhead')).toEqual(figures);
      expect(engine.rowsAll(view, 'renewals-ahead').map(({ name: _name, ...item }) => item)).toEqual(items);
      expect(engine.metric(view, 'arrTrend')).toEqual(arrTrend(subset, { period, graceMonths: grace, asOf }));
    }), { numRuns: 25 });
  });
});
