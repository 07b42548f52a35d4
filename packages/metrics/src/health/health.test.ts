import { describe, expect, it } from 'vitest';
import { healthDistribution, healthQuadrants, healthScores } from './health.js';
import { healthScore, healthTier, resolveHealthModel, DEFAULT_HEALTH_MODEL } from '../model/health-model.js';
import { healthTransitions } from './health-transitions.js';
import { account, snapshots } from '../test-support/builders.js';
import type { Dataset, HealthSnapshot } from '../core/types.js';

const h = (accountId: string, month: string, outcome: number, experience: number): HealthSnapshot => ({ accountId, month, outcome, experience });

describe('health model', () => {
  it('defaults to 0.8 / 0.2, tiers 75 / 60 / 40 and quadrant 60 / 60, and fills partial models', () => {
    expect(DEFAULT_HEALTH_MODEL).toEqual({ weights: { outcome: 0.8, experience: 0.2 }, tiers: { green: 75, greenYellow: 60, yellow: 40 }, quadrant: { outcome: 60, experience: 60 } });
    expect(resolveHealthModel({ tiers: { green: 80 } }).tiers).toEqual({ green: 80, greenYellow: 60, yellow: 40 });
    expect(() => resolveHealthModel({ weights: { outcome: 0, experience: 0 } })).toThrow(/positive sum/);
    expect(() => resolveHealthModel({ tiers: { green: 50 } })).toThrow(/green >= greenYellow/);
  });

  it('scores exactly on a threshold land in the higher tier, float noise or not', () => {
    expect(healthScore(70, 95, { outcome: 0.8, experience: 0.2 })).toBe(75);
    expect(healthTier(75, DEFAULT_HEALTH_MODEL.tiers)).toBe('green');
    expect(healthTier(74.9, DEFAULT_HEALTH_MODEL.tiers)).toBe('green-yellow');
    expect(healthTier(60, DEFAULT_HEALTH_MODEL.tiers)).toBe('green-yellow');
    expect(healthTier(40, DEFAULT_HEALTH_MODEL.tiers)).toBe('yellow');
    expect(healthTier(39.99, DEFAULT_HEALTH_MODEL.tiers)).toBe('red');
  });
});

describe('healthScores', () => {
  const data: Dataset = {
    accounts: [account('H1', { segment: 'MM' }), account('H2', { segment: 'KA' }), account('H3'), account('H4'), account('H5')],
    health: [h('H1', '2025-01', 80, 55), h('H2', '2025-01', 50, 90), h('H3', '2024-11', 40, 40), h('H4', '2025-01', 30, 20), h('H5', '2025-02', 90, 90)],
  };

  it('weights outcome and experience, by segment when given, and uses the latest snapshot at or before the month', () => {
    const model = { segmentWeights: { KA: { outcome: 0.7, experience: 0.3 } } };
    const result = healthScores(data, { month: '2025-01', model });
    expect(result.accounts).toEqual([
      { accountId: 'H1', score: 75, tier: 'green', outcome: 80, experience: 55 }, // 64 + 11, exactly on green
      { accountId: 'H2', score: 62, tier: 'green-yellow', outcome: 50, experience: 90 }, // KA: 35 + 27
      { accountId: 'H3', score: 40, tier: 'yellow', outcome: 40, experience: 40 }, // November's snapshot, on yellow
      { accountId: 'H4', score: 28, tier: 'red', outcome: 30, experience: 20 },
    ]);
    // H5 has no snapshot yet in January. Without KA weights H2 scores 40 + 18 = 58: yellow.
    expect(healthScores(data, { month: '2025-01' }).accounts[1]).toMatchObject({ score: 58, tier: 'yellow' });
  });
});

describe('healthDistribution', () => {
  it('counts accounts and their ARR per tier per month, and ARR without health as unscored', () => {
    const data: Dataset = {
      accounts: [account('A'), account('B'), account('C')],
      arr: [...snapshots('A', { '2025-01': 100, '2025-02': 100 }), ...snapshots('B', { '2025-01': 50, '2025-02': 50 }), ...snapshots('C', { '2025-02': 70 })],
      health: [h('A', '2025-01', 90, 90), h('B', '2025-01', 30, 30), h('B', '2025-02', 65, 65)],
    };
    const result = healthDistribution(data, { period: { from: '2025-01', to: '2025-02' } });
    expect(result.months[0]).toEqual({
      month: '2025-01',
      tiers: { green: { count: 1, arr: 100 }, 'green-yellow': { count: 0, arr: 0 }, yellow: { count: 0, arr: 0 }, red: { count: 1, arr: 50 } },
      unscored: { count: 0, arr: 0 },
    });
    expect(result.months[1]).toEqual({
      month: '2025-02',
      tiers: { green: { count: 1, arr: 100 }, 'green-yellow': { count: 1, arr: 50 }, yellow: { count: 0, arr: 0 }, red: { count: 0, arr: 0 } },
      unscored: { count: 1, arr: 70 },
    });
  });
});

describe('healthTransitions', () => {
  const data: Dataset = {
    accounts: ['S', 'W', 'D', 'T', 'U', 'N', 'G'].map((id) => account(id)),
    health: [
      h('S', '2025-01', 30, 20), h('S', '2025-06', 90, 90), // red -> green: a save
      h('W', '2025-01', 50, 50), h('W', '2025-06', 65, 65), // yellow -> green-yellow: a win
      h('D', '2025-01', 90, 90), h('D', '2025-06', 20, 20), // green -> red: a decline
      h('T', '2025-01', 80, 80), // green, carried forward: steady
      h('U', '2025-06', 80, 80), // no health at the start: unknown
      h('G', '2025-01', 65, 65), h('G', '2025-06', 80, 80), // green-yellow -> green: a win
    ],
  };

  it('classifies save, win, decline, steady and unknown, with the 4x4 matrix', () => {
    const result = healthTransitions(data, { period: { from: '2025-01', to: '2025-06' } });
    expect(result.counts).toEqual({ save: 1, win: 2, decline: 1, steady: 1, unknown: 2 });
    expect(result.accounts.find((a) => a.accountId === 'S')).toEqual({ accountId: 'S', fromTier: 'red', toTier: 'green', kind: 'save' });
    expect(result.accounts.find((a) => a.accountId === 'U')).toEqual({ accountId: 'U', fromTier: null, toTier: 'green', kind: 'unknown' });
    expect(result.accounts.find((a) => a.accountId === 'N')).toEqual({ accountId: 'N', fromTier: null, toTier: null, kind: 'unknown' });
    expect(result.matrix).toEqual([
      [1, 0, 0, 1], // from green: T steady, D to red
      [1, 0, 0, 0], // from green-yellow: G to green
      [0, 1, 0, 0], // from yellow: W to green-yellow
      [1, 0, 0, 0], // from red: S to green
    ]);
  });
});

describe('healthQuadrants', () => {
  it('places accounts by outcome and experience, thresholds inclusive, with counts and ARR', () => {
    const data: Dataset = {
      accounts: ['L', 'U', 'G', 'C', 'E', 'F', 'X'].map((id) => account(id)),
      arr: [
        ...snapshots('L', { '2025-06': 100 }), ...snapshots('U', { '2025-06': 200 }), ...snapshots('G', { '2025-06': 300 }),
        ...snapshots('C', { '2025-06': 400 }), ...snapshots('E', { '2025-06': 10 }), ...snapshots('F', { '2025-06': 20 }),
      ],
      health: [h('L', '2025-06', 70, 70), h('U', '2025-06', 50, 80), h('G', '2025-06', 80, 50), h('C', '2025-06', 30, 30), h('E', '2025-06', 60, 60), h('F', '2025-06', 60, 59.9)],
    };
    const result = healthQuadrants(data, { month: '2025-06' });
    expect(result.accounts.map((a) => [a.accountId, a.quadrant, a.arr])).toEqual([
      ['L', 'loyal', 100], ['U', 'unrealized', 200], ['G', 'grudging', 300], ['C', 'critical', 400], ['E', 'loyal', 10], ['F', 'grudging', 20],
    ]);
    expect(result.quadrants).toEqual({ loyal: { count: 2, arr: 110 }, unrealized: { count: 1, arr: 200 }, grudging: { count: 2, arr: 320 }, critical: { count: 1, arr: 400 } });
    expect(result.thresholds).toEqual({ outcome: 60, experience: 60 });
  });
});
