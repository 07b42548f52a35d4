import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arrMovements } from './arr-movements.js';
import { breakdown } from './breakdown.js';
import { healthDistribution, healthQuadrants, healthScores } from './health.js';
import { nps } from './nps.js';
import { filterDataset } from './partition.js';
import { renewals } from './renewals.js';
import { account, contract, snapshots } from './test-support/builders.js';
import type { Dataset } from './types.js';

const data: Dataset = {
  accounts: [account('k1', { segment: 'KA', signedAt: '2024-03-02' }), account('k2', { segment: 'KA' }), account('s1', { segment: 'SMB' }), account('n1')],
  contracts: [
    contract('c1', 'k1', '2024-01-01', '2024-12-31', 1000), contract('r1', 'k1', '2025-01-01', '2025-12-31', 1200),
    contract('c2', 'k2', '2024-01-01', '2024-12-31', 500),
    contract('c3', 's1', '2024-01-01', '2024-12-31', 10), contract('r3', 's1', '2025-01-01', '2025-12-31', 10),
    contract('c4', 'n1', '2024-06-01', '2024-12-31', 70),
  ],
};

describe('breakdown', () => {
  it('runs a metric per segment with accounts lacking the field in (none), last', () => {
    const result = breakdown(data, 'segment', renewals, { period: { from: '2024-12', to: '2024-12' }, asOf: '2025-01-31' });
    expect(result.groups.map((g) => [g.key, g.accounts, g.result.due.arr, g.result.logoRate])).toEqual([
      ['KA', 2, 1500, 0.5], ['SMB', 1, 10, 1], ['(none)', 1, 70, 0],
    ]);
  });

  it('groups by signing month and takes any dataset-shaped metric', () => {
    const result = breakdown(data, 'signedMonth', arrMovements, { period: { from: '2025-01', to: '2025-01' } });
    expect(result.groups.map((g) => [g.key, g.result.opening, g.result.closing])).toEqual([['2024-01', 580, 10], ['2024-03', 1000, 1200]]);
    expect(() => breakdown(data, 'color' as never, arrMovements, { period: { from: '2025-01', to: '2025-01' } })).toThrow(/dimension must be one of/);
  });

  it('filterDataset keeps only the selected accounts and their records', () => {
    const ka = filterDataset(data, (a) => a.segment === 'KA');
    expect(ka.accounts.map((a) => a.id)).toEqual(['k1', 'k2']);
    expect(ka.contracts?.map((c) => c.id)).toEqual(['c1', 'r1', 'c2']);
    expect(filterDataset(data, () => false)).toMatchObject({ accounts: [], contracts: [] });
  });
});

describe('health and NPS properties', () => {
  const months = ['2025-01', '2025-02', '2025-03'];
  const healthData = fc.array(fc.record({
    segment: fc.constantFrom('KA', 'MM', undefined),
    snapshots: fc.array(fc.record({ month: fc.constantFrom(...months), outcome: fc.double({ min: 0, max: 100, noNaN: true }), experience: fc.integer({ min: 0, max: 100 }) }), { maxLength: 3 }),
    arr: fc.integer({ min: 0, max: 1000 }),
  }), { maxLength: 8 }).map((rows): Dataset => ({
    accounts: rows.map((row, n) => account(`a${n}`, row.segment ? { segment: row.segment } : {})),
    arr: rows.flatMap((row, n) => snapshots(`a${n}`, { '2025-03': row.arr })),
    health: rows.flatMap((row, n) => [...new Map(row.snapshots.map((s) => [s.month, s])).values()].map((s) => ({ accountId: `a${n}`, ...s }))),
  }));
  const model = { segmentWeights: { KA: { outcome: 0.7, experience: 0.3 } } };

  it('tier counts sum to the accounts with health; quadrant ARR sums to the ARR of the accounts placed', () => {
    fc.assert(fc.property(healthData, (d) => {
      const month = healthDistribution(d, { period: { from: '2025-03', to: '2025-03' }, model }).months[0]!;
      const scored = healthScores(d, { month: '2025-03', model }).accounts;
      expect(Object.values(month.tiers).reduce((sum, cell) => sum + cell.count, 0)).toBe(scored.length);
      const quadrants = healthQuadrants(d, { month: '2025-03', model });
      expect(Object.values(quadrants.quadrants).reduce((sum, cell) => sum + cell.arr, 0)).toBeCloseTo(quadrants.accounts.reduce((sum, a) => sum + a.arr, 0), 6);
      expect(Object.values(quadrants.quadrants).reduce((sum, cell) => sum + cell.count, 0)).toBe(scored.length);
      for (const a of scored) expect(a.score).toBeGreaterThanOrEqual(0);
    }));
  });

  it('NPS stays within [-100, 100]', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 50 }), (scores) => {
      const result = nps(scores.map((score) => ({ date: '2025-01-01', score })));
      if (scores.length === 0) expect(result.score).toBeNull();
      else {
        expect(result.score).toBeGreaterThanOrEqual(-100);
        expect(result.score).toBeLessThanOrEqual(100);
        expect(result.promoters + result.passives + result.detractors).toBe(scores.length);
      }
    }));
  });
});
