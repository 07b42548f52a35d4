import { generateDataset, SAMPLE_HEALTH_MODEL } from '@cskit/sample-data';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { healthDrivers } from './health-drivers.js';
import { healthScores } from './health.js';
import { healthValidation, scoreAuc, scoreDeciles } from './health-validation.js';
import { filterDataset } from '../data/partition.js';
import { prepareDataset } from '../engine/prepared.js';
import type { Dataset } from '../core/types.js';

const account = (id: string, extra: Record<string, unknown> = {}) => ({ id, name: id.toUpperCase(), signedAt: '2024-01-01', ...extra });

describe('healthValidation (SPEC 12), worked by hand', () => {
  // Default model (0.8 / 0.2; green >= 75, yellow >= 40): scores 90 (g), 80 (h), 50 (y), 20 (r); u has no health.
  const health = (id: string, score: number) => ({ accountId: id, month: '2025-06', outcome: score, experience: score });
  const due = (id: string, end = '2025-06-30') => ({ id: `${id}1`, accountId: id, start: '2024-07-01', end, arr: 100 });
  const renewal = (id: string) => ({ id: `${id}2`, accountId: id, start: '2025-07-01', end: '2026-06-30', arr: 100 });
  const data: Dataset = {
    accounts: ['g', 'h', 'y', 'r', 'u', 'o'].map((id) => account(id)),
    health: [health('g', 90), health('h', 80), health('y', 50), health('r', 20)],
    contracts: [due('g'), renewal('g'), due('h'), due('y'), renewal('y'), due('r'), due('u'), renewal('u'), due('o', '2025-12-31')],
  };
  const result = healthValidation(data, { period: { from: '2025-01', to: '2025-12' }, asOf: '2025-12-15' });

  it('decided contracts by tier in their due month; the open one is left out', () => {
    expect(result.contracts).toBe(5);
    expect(result.byTier).toEqual({
      green: { count: 2, renewed: 1, rate: 0.5 }, 'green-yellow': { count: 0, renewed: 0, rate: null },
      yellow: { count: 1, renewed: 1, rate: 1 }, red: { count: 1, renewed: 0, rate: 0 }, unknown: { count: 1, renewed: 1, rate: 1 },
    });
    // Yellow renews more than green: the tiers do not rank renewals.
    expect(result.monotonic).toBe(false);
  });

  it('AUC: renewed 90 beats churned 80 and 20, renewed 50 beats 20 but not 80: 3 of 4 pairs', () => {
    expect(result.auc).toBe(0.75);
    expect(scoreAuc(Float64Array.from([1, 1]), Uint8Array.from([1, 0]))).toBe(0.5);
    expect(scoreAuc(Float64Array.from([1, 2]), Uint8Array.from([1, 1]))).toBeNull();
  });

  it('deciles split the scored contracts by rank, lowest first; empty ones are left out', () => {
    expect(result.byDecile).toEqual([
      { decile: 3, minScore: 20, maxScore: 20, count: 1, renewed: 0, rate: 0 },
      { decile: 5, minScore: 50, maxScore: 50, count: 1, renewed: 1, rate: 1 },
      { decile: 8, minScore: 80, maxScore: 80, count: 1, renewed: 0, rate: 0 },
      { decile: 10, minScore: 90, maxScore: 90, count: 1, renewed: 1, rate: 1 },
    ]);
  });
});

describe('properties', () => {
  it('AUC by ranks equals counting every pair', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.boolean()), { maxLength: 60 }), (rows) => {
      let wins = 0;
      let pairs = 0;
      for (const [a, renewedA] of rows) for (const [b, renewedB] of rows) {
        if (!renewedA || renewedB) continue;
        pairs += 1;
        wins += a > b ? 1 : a === b ? 0.5 : 0;
      }
      const auc = scoreAuc(Float64Array.from(rows.map(([s]) => s)), Uint8Array.from(rows.map(([, r]) => (r ? 1 : 0))));
      if (pairs === 0) expect(auc).toBeNull();
      else expect(auc).toBeCloseTo(wins / pairs, 12);
    }));
  });

  it('deciles equal ten rank ranges of a stable sort by score (equal scores in due order)', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.boolean()), { maxLength: 80 }), (rows) => {
      const order = rows.map((_, i) => i).sort((a, b) => (rows[a] as [number, boolean])[0] - (rows[b] as [number, boolean])[0]);
      const expected = [];
      for (let k = 0; k < 10; k += 1) {
        const begin = Math.floor((k * rows.length) / 10);
        const end = Math.floor(((k + 1) * rows.length) / 10);
        if (end <= begin) continue;
        const group = order.slice(begin, end).map((i) => rows[i] as [number, boolean]);
        const renewed = group.filter(([, r]) => r).length;
        expected.push({ decile: k + 1, minScore: group[0]?.[0], maxScore: group[group.length - 1]?.[0], count: group.length, renewed, rate: renewed / group.length });
      }
      expect(scoreDeciles(Float64Array.from(rows.map(([s]) => s)), Uint8Array.from(rows.map(([, r]) => (r ? 1 : 0))))).toEqual(expected);
    }));
  });

  it('on the sample: contributions add up to every score and changes to every score change; the engine agrees', () => {
    const sample = generateDataset({ seed: 5, accounts: 150 });
    const engine = prepareDataset(sample);
    fc.assert(fc.property(fc.integer({ min: 0, max: 22 }), fc.integer({ min: 1, max: 12 }), (offset, back) => {
      const month = `20${23 + Math.floor((offset + 13) / 12)}-${String(((offset + 13) % 12) + 1).padStart(2, '0')}`;
      const fromIndex = Number(month.slice(0, 4)) * 12 + Number(month.slice(5)) - 1 - back;
      const from = `${Math.floor(fromIndex / 12)}-${String((fromIndex % 12) + 1).padStart(2, '0')}`;
      const drivers = healthDrivers(sample, { month, from, model: SAMPLE_HEALTH_MODEL });
      const scores = new Map(healthScores(sample, { month, model: SAMPLE_HEALTH_MODEL }).accounts.map((a) => [a.accountId, a.score]));
      expect(drivers.accounts.map((a) => a.accountId)).toEqual([...scores.keys()]);
      for (const a of drivers.accounts) {
        expect(a.components.reduce((sum, c) => sum + c.contribution, 0)).toBeCloseTo(a.score, 6);
        expect(scores.get(a.accountId)).toBe(a.score);
        if (a.scoreChange !== null) expect(a.components.reduce((sum, c) => sum + (c.change as number), 0)).toBeCloseTo(a.scoreChange, 6);
      }
      const view = { period: { from: month, to: month }, model: SAMPLE_HEALTH_MODEL };
      expect(engine.metric(view, 'healthValidation')).toEqual(healthValidation(sample, view));
    }), { numRuns: 20 });
  });

  it('validation of a filtered view equals the function on the filtered accounts (the facts are kept for all)', () => {
    const sample = generateDataset({ seed: 11, accounts: 300 });
    const engine = prepareDataset(sample);
    fc.assert(fc.property(fc.subarray(['KA', 'MM', 'SMB'], { minLength: 1 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 11 }), (segments, grace, back) => {
      const from = `2025-${String(12 - back).padStart(2, '0')}`;
      const view = { period: { from: `2024-${from.slice(5)}`, to: '2025-12' }, graceMonths: grace, model: SAMPLE_HEALTH_MODEL, asOf: '2025-11-20' };
      expect(engine.metric({ ...view, filters: { segment: segments } }, 'healthValidation'))
        .toEqual(healthValidation(filterDataset(sample, { segment: segments }), view));
    }), { numRuns: 25 });
  });
});
