import { generateDataset } from '@cskit/sample-data';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountEvents, accountStory } from './account-story.js';
import { arrMovements } from './arr-movements.js';
import { arrTrend } from './arr-trend.js';
import { monthFromIndex, monthIndex } from './dates.js';
import { filterDataset } from './partition.js';
import { prepareDataset } from './prepared.js';
import { renewals } from './renewals.js';
import { renewalsAhead } from './renewals-ahead.js';
import { retention } from './retention.js';
import type { Dataset } from './types.js';

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
    // a, b and d use the product; c has no activity at all, so it is warned of churn.
    activity: [...high('a'), ...high('b'), ...high('d')],
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

describe('accountStory (SPEC 10), worked by hand', () => {
  const dataset: Dataset = {
    accounts: [account('a', { segment: 'KA' }), account('b')],
    contracts: [
      { id: 'a1', accountId: 'a', start: '2024-01-01', end: '2024-12-31', arr: 100 },
      { id: 'a2', accountId: 'a', start: '2025-01-01', end: '2025-12-31', arr: 150 },
      { id: 'a3', accountId: 'a', start: '2026-01-01', arr: 160 },
    ],
    health: [{ accountId: 'a', month: '2025-01', outcome: 70, experience: 50 }],
    activity: [{ accountId: 'a', month: '2025-02', activeUsers: 3, licensedUsers: 4 }],
    nps: [{ id: 'n2', accountId: 'a', date: '2025-02-20', score: 9 }, { id: 'n1', accountId: 'a', date: '2025-01-05', score: 6 }, { id: 'n0', accountId: 'b', date: '2025-01-05', score: 2 }],
    leads: [{ id: 'l1', accountId: 'a', createdAt: '2025-02-01', stage: 'won', closedAt: '2025-03-01', arr: 10 }],
  };

  it('months with ARR, movement, health and activity; contracts with their status; records of the period', () => {
    const story = accountStory(dataset, 'a', { period: { from: '2024-12', to: '2025-02' }, model: { weights: { outcome: 0.5, experience: 0.5 } } });
    expect(story.account.id).toBe('a');
    expect(story.months).toEqual([
      { month: '2024-12', arr: 100, movement: null, healthScore: null, tier: null, outcome: null, experience: null, activityRate: 0 },
      { month: '2025-01', arr: 150, movement: 'expansion', healthScore: 60, tier: 'green-yellow', outcome: 70, experience: 50, activityRate: 0 },
      { month: '2025-02', arr: 150, movement: null, healthScore: 60, tier: 'green-yellow', outcome: 70, experience: 50, activityRate: 0.75 },
    ]);
    expect(story.contracts).toEqual([
      { contractId: 'a1', start: '2024-01-01', end: '2024-12-31', arr: 100, status: 'renewed', renewalContractId: 'a2' },
      { contractId: 'a2', start: '2025-01-01', end: '2025-12-31', arr: 150, status: null, renewalContractId: 'a3' },
      { contractId: 'a3', start: '2026-01-01', end: null, arr: 160, status: null, renewalContractId: null },
    ]);
    expect(story.nps.map((r) => r.id)).toEqual(['n1', 'n2']);
    expect(story.leads.map((l) => l.id)).toEqual(['l1']);
    // Activity 0, 0, 0.75 over the three months to February: not warned; to January (0, 0, 0) it is.
    expect(story.earlyWarning).toBe(false);
    expect(accountStory(dataset, 'a', { period: { from: '2024-12', to: '2025-01' } }).earlyWarning).toBe(true);
    // a2 is already renewed (by a3), a3 has no end: nothing to decide. The model's thresholds come along for tier bands.
    expect(story.nextRenewal).toBeNull();
    // February's health (the January snapshot, still the latest) explained, against January: nothing moved.
    expect(story.drivers?.components.map((c) => [c.side, c.key, c.contribution, c.change])).toEqual([['outcome', 'snapshot', 35, 0], ['experience', 'snapshot', 25, 0]]);
    expect(story.drivers?.scoreChange).toBe(0);
    expect(story.tiers).toEqual({ green: 75, greenYellow: 60, yellow: 40 });
  });

  it('the next renewal: the first-ending contract still to decide at asOf (open or in grace counts, decided does not)', () => {
    const data: Dataset = {
      accounts: [account('c')],
      contracts: [
        { id: 'c1', accountId: 'c', start: '2024-01-01', end: '2024-12-31', arr: 100 },
        { id: 'c2', accountId: 'c', start: '2025-01-01', end: '2025-06-30', arr: 50 },
        { id: 'c3', accountId: 'c', start: '2025-01-01', end: '2026-02-28', arr: 70 },
      ],
    };
    // c2 and c3 start together (neither renews the other). asOf 2025-01-31: c1 is renewed; c2 and c3 are not due; c2 ends first.
    expect(accountStory(data, 'c', { period: { from: '2025-01', to: '2025-01' } }).nextRenewal)
      .toEqual({ contractId: 'c2', start: '2025-01-01', end: '2025-06-30', arr: 50, status: null, renewalContractId: null });
    // asOf 2025-07-10 with a month of grace: c2 ended unrenewed and is in grace, still to decide; c3 is not due.
    const story = accountStory(data, 'c', { period: { from: '2025-07', to: '2025-07' }, graceMonths: 1, asOf: '2025-07-10' });
    expect(story.nextRenewal?.contractId).toBe('c2');
    expect(story.nextRenewal?.status).toBe('in-grace');
    // Without grace c2 has churned: the next to decide is c3.
    expect(accountStory(data, 'c', { period: { from: '2025-07', to: '2025-07' }, asOf: '2025-07-10' }).nextRenewal?.contractId).toBe('c3');
  });

  it('accountEvents: the dated events inside the period, by date', () => {
    const story = accountStory(dataset, 'a', { period: { from: '2024-12', to: '2025-02' } });
    expect(accountEvents(story).map((e) => [e.date, e.kind, e.id, e.arr, e.status, e.score, e.category, e.detail])).toEqual([
      // a1 ends (renewed by a2) on the last day of 2024, a2 starts the next day; a3 starts after the period.
      ['2024-12-31', 'contract-end', 'a1', 100, 'renewed', null, null, null],
      ['2025-01-01', 'contract-start', 'a2', 150, null, null, null, null],
      ['2025-01-05', 'nps', 'n1', null, null, 6, 'detractors', null],
      ['2025-02-01', 'lead', 'l1', 10, null, null, null, 'won'],
      ['2025-02-20', 'nps', 'n2', null, null, 9, 'promoters', null],
    ]);
    expect(accountEvents(story)[0]?.renewalContractId).toBe('a2');
  });

  it('an unknown id, or one outside a prepared view, is a RangeError naming it', () => {
    expect(() => accountStory(dataset, 'zz', { period: { from: '2025-01', to: '2025-02' } })).toThrow(/no account with id "zz"/);
    expect(() => prepareDataset(dataset).accountStory({ period: { from: '2025-01', to: '2025-02' }, accountIds: ['b'] }, 'a')).toThrow(RangeError);
  });
});
