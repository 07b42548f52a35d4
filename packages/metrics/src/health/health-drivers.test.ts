import { describe, expect, it } from 'vitest';
import { biggestFall, healthDrivers } from './health-drivers.js';
import { healthScores } from './health.js';
import { resolveHealthModel, type HealthModelInput } from '../model/health-model.js';
import type { Dataset } from '../core/types.js';

const account = (id: string, extra: Record<string, unknown> = {}) => ({ id, name: id.toUpperCase(), signedAt: '2024-01-01', ...extra });

// Account a, worked by hand (SPEC 12):
//   coreUse (floor 0, target 1):          Jan 0.5 -> 50, Feb (latest: Jan) 50, Mar 0.8 -> 80
//   activityRate (floor 0, target 0.8):   Jan 4/10 = 0.4 -> 50, Feb no record = 0 -> 0, Mar 8/10 -> 100
//   responseHours (floor 48, target 4):   Jan 26 -> 100 x (26 - 48) / (4 - 48) = 50, Feb 50, Mar 48 -> 0
//   nps (floor 0, target 10):             12-month mean: Jan 8 -> 80, Feb 80, Mar (8 + 4) / 2 = 6 -> 60
// Account b has only an activity rate (0): its outcome is 0, its experience has no value, so it has no health.
const dataset: Dataset = {
  accounts: [account('a', { segment: 'KA' }), account('b')],
  measures: [
    { accountId: 'a', month: '2025-01', key: 'coreUse', value: 0.5 },
    { accountId: 'a', month: '2025-03', key: 'coreUse', value: 0.8 },
    { accountId: 'a', month: '2025-01', key: 'responseHours', value: 26 },
    { accountId: 'a', month: '2025-03', key: 'responseHours', value: 48 },
  ],
  activity: [
    { accountId: 'a', month: '2025-01', activeUsers: 4, licensedUsers: 10 },
    { accountId: 'a', month: '2025-03', activeUsers: 8, licensedUsers: 10 },
  ],
  nps: [{ id: 'n1', accountId: 'a', date: '2025-01-10', score: 8 }, { id: 'n2', accountId: 'a', date: '2025-03-05', score: 4 }],
};
const model: HealthModelInput = {
  weights: { outcome: 0.5, experience: 0.5 },
  components: {
    outcome: [{ key: 'coreUse', weight: 3, floor: 0, target: 1 }, { key: 'activityRate', weight: 1, floor: 0, target: 0.8 }],
    experience: [{ key: 'responseHours', weight: 1, floor: 48, target: 4 }, { key: 'nps', weight: 1, floor: 0, target: 10 }],
  },
};
const contributions = (month: string, options: { from?: string; model?: HealthModelInput } = {}) =>
  healthDrivers(dataset, { month, model: options.model ?? model, ...(options.from ? { from: options.from } : {}) }).accounts;
describe('health built from components (SPEC 12), worked by hand', () => {
  it('sides are weighted means of component scores; health, tiers and everything downstream use them', () => {
    // Jan: outcome (3 x 50 + 50) / 4 = 50, experience (50 + 80) / 2 = 65, score 57.5 (yellow).
    // Feb: outcome (3 x 50 + 0) / 4 = 37.5, experience 65, score 51.25. Mar: outcome 85, experience 30, score 57.5.
    const scores = (month: string) => healthScores(dataset, { month, model }).accounts.map((a) => [a.accountId, a.outcome, a.experience, a.score, a.tier]);
    expect(scores('2025-01')).toEqual([['a', 50, 65, 57.5, 'yellow']]);
    expect(scores('2025-02')).toEqual([['a', 37.5, 65, 51.25, 'yellow']]);
    expect(scores('2025-03')).toEqual([['a', 85, 30, 57.5, 'yellow']]);
  });

  it('drivers: each component in points of the score; they add up to it', () => {
    const [a] = contributions('2025-01');
    expect(a?.score).toBe(57.5);
    expect(a?.components.map((c) => [c.side, c.key, c.value, c.score, c.weight, c.contribution, c.change])).toEqual([
      ['outcome', 'coreUse', 0.5, 50, 3, 18.75, null],
      ['outcome', 'activityRate', 0.4, 50, 1, 6.25, null],
      ['experience', 'responseHours', 26, 50, 1, 12.5, null],
      ['experience', 'nps', 8, 80, 1, 20, null],
    ]);
    expect(a?.scoreChange).toBeNull();
    // b has no health in any month: not listed.
    expect(contributions('2025-01').map((d) => d.accountId)).toEqual(['a']);
  });

  it('with from: each contribution\'s change, adding up to the score change; the biggest fall names the cause', () => {
    const [feb] = contributions('2025-02', { from: '2025-01' });
    expect(feb?.scoreChange).toBeCloseTo(-6.25, 9);
    expect(feb?.components.map((c) => [c.key, c.change])).toEqual([['coreUse', 0], ['activityRate', -6.25], ['responseHours', 0], ['nps', 0]]);
    expect(biggestFall(feb as NonNullable<typeof feb>)?.key).toBe('activityRate');
    // March against January: the same score, but response time fell 12.5 points and NPS 5, use rose 17.5.
    const [mar] = contributions('2025-03', { from: '2025-01' });
    expect(mar?.scoreChange).toBe(0);
    expect(mar?.components.map((c) => [c.key, c.contribution, c.change])).toEqual([
      ['coreUse', 30, 11.25], ['activityRate', 12.5, 6.25], ['responseHours', 0, -12.5], ['nps', 15, -5],
    ]);
    expect(biggestFall(mar as NonNullable<typeof mar>)?.key).toBe('responseHours');
    // From a month before any health: no score change and no component changes.
    expect(contributions('2025-01', { from: '2024-06' })[0]?.scoreChange).toBeNull();
    expect(contributions('2025-01', { from: '2024-06' })[0]?.components.every((c) => c.change === null)).toBe(true);
  });

  it('segment weights split the points between the sides; a snapshot side is one component', () => {
    const [ka] = contributions('2025-01', { model: { ...model, segmentWeights: { KA: { outcome: 0.8, experience: 0.2 } } } });
    // 0.8 x 50 + 0.2 x 65 = 53: use 0.8 x 3 x 50 / 4 = 30, activity 10, response 0.2 x 50 / 2 = 5, NPS 8.
    expect(ka?.score).toBe(53);
    expect(ka?.components.map((c) => Number(c.contribution.toFixed(9)))).toEqual([30, 10, 5, 8]);
    const withSnapshots = { ...dataset, health: [{ accountId: 'a', month: '2025-01', outcome: 10, experience: 70 }] };
    const [snapshot] = healthDrivers(withSnapshots, { month: '2025-01', model: { weights: model.weights, components: { outcome: model.components?.outcome } } }).accounts;
    expect(snapshot?.score).toBe(60);
    expect(snapshot?.components.at(-1)).toEqual({ side: 'experience', key: 'snapshot', value: 70, score: 70, weight: 1, contribution: 35, change: null });
  });

  it('a component absent in a month leaves the others to average; a side with none has no value', () => {
    // Only NPS on the experience side in January (no response time yet): experience 80.
    const onlyNps = { ...dataset, measures: dataset.measures?.filter((m) => m.key !== 'responseHours') };
    const [a] = healthDrivers(onlyNps, { month: '2025-01', model }).accounts;
    expect(a?.components.find((c) => c.key === 'responseHours')).toMatchObject({ value: null, score: null, contribution: 0 });
    expect(a?.components.find((c) => c.key === 'nps')?.contribution).toBe(40);
    expect(a?.score).toBe(65);
  });

  it('a model whose component has floor = target, a negative or non-finite weight, or an unknown shape is a RangeError', () => {
    const bad = (components: unknown) => () => resolveHealthModel({ components } as HealthModelInput);
    expect(bad({ outcome: [{ key: 'x', weight: 1, floor: 5, target: 5 }] })).toThrow(/floor and target are both 5/);
    expect(bad({ outcome: [{ key: 'x', weight: -1, floor: 0, target: 5 }] })).toThrow(/weight must not be negative/);
    expect(bad({ outcome: [{ key: 'x', weight: Number.NaN, floor: 0, target: 5 }] })).toThrow(/weight must be a finite number/);
    expect(bad({ outcome: [{ key: 'x', weight: Infinity, floor: 0, target: 5 }] })).toThrow(RangeError);
    expect(bad({ middle: [] })).toThrow(/a side is 'outcome' or 'experience'/);
    expect(bad({ outcome: { key: 'x' } })).toThrow(/must be a list/);
    expect(bad([1])).toThrow(RangeError);
  });
});
