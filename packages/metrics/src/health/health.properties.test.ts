import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { healthDistribution, healthQuadrants, healthScores } from './health.js';
import { nps } from '../engagement/nps.js';
import { account, snapshots } from '../test-support/builders.js';
import type { Dataset } from '../core/types.js';

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
