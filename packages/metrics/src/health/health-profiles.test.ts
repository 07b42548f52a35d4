import { describe, expect, it } from 'vitest';
import { healthDrivers } from './health-drivers.js';
import { healthScores } from './health.js';
import { resolveHealthModel, type HealthModelInput } from '../model/health-model.js';
import { prepareDataset } from '../engine/prepared.js';
import type { Dataset } from '../core/types.js';

// Worked by hand (seed 004: key accounts weigh outcome and experience 7:3, on their own experience measures):
//   the model: outcome from core use (floor 0, target 1), experience from snapshots, weights 80/20;
//   the KA profile: weights 70/30, experience from NPS (floor 0, target 10).
//   a (KA): outcome 0.5 -> 50, experience NPS 8 -> 80: 0.7 x 50 + 0.3 x 80 = 59.
//   b (SMB): outcome 50, experience the snapshot's 40: 0.8 x 50 + 0.2 x 40 = 48.
const dataset: Dataset = {
  accounts: [{ id: 'a', name: 'A', signedAt: '2024-01-01', segment: 'KA' }, { id: 'b', name: 'B', signedAt: '2024-01-01', segment: 'SMB' }],
  measures: [{ accountId: 'a', month: '2025-03', key: 'coreUse', value: 0.5 }, { accountId: 'b', month: '2025-03', key: 'coreUse', value: 0.5 }],
  nps: [{ id: 'n1', accountId: 'a', date: '2025-03-02', score: 8 }],
  health: [{ accountId: 'a', month: '2025-03', outcome: 60, experience: 40 }, { accountId: 'b', month: '2025-03', outcome: 60, experience: 40 }],
};
const model: HealthModelInput = {
  components: { outcome: [{ key: 'coreUse', weight: 1, floor: 0, target: 1 }] },
  profiles: { by: 'segment', models: { KA: { weights: { outcome: 0.7, experience: 0.3 }, components: { experience: [{ key: 'nps', weight: 1, floor: 0, target: 10 }] } } } },
};

describe('health profiles (seed 004), worked by hand', () => {
  it('an account of a profile is scored with its weights and its own components; the others with the model', () => {
    const scores = healthScores(dataset, { month: '2025-03', model }).accounts.map((s) => [s.accountId, s.outcome, s.experience, s.score]);
    expect(scores).toEqual([['a', 50, 80, 59], ['b', 50, 40, 48]]);
    const drivers = healthDrivers(dataset, { month: '2025-03', model }).accounts;
    expect(drivers.map((d) => [d.accountId, d.components.map((c) => `${c.side}:${c.key}`)])).toEqual([
      ['a', ['outcome:coreUse', 'experience:nps']], ['b', ['outcome:coreUse', 'experience:snapshot']],
    ]);
    // Contributions still sum to the score: 0.7 x 50 = 35 and 0.3 x 80 = 24.
    expect(drivers[0]?.components.map((c) => c.contribution)).toEqual([35, 24]);
  });

  it('the engine (full and compact) answers the same; a model without the profile scores a as b', () => {
    for (const engine of [prepareDataset(dataset), prepareDataset(dataset, { compact: true })]) {
      const rows = engine.rows({ period: { from: '2025-03', to: '2025-03' }, model }, 'health-scores', { limit: 10 }).rows;
      expect(rows.map((r) => [r.accountId, r.score])).toEqual([['a', 59], ['b', 48]]);
    }
    const plain = healthScores(dataset, { month: '2025-03', model: { components: model.components } }).accounts.map((s) => s.score);
    expect(plain).toEqual([48, 48]);
  });

  it('refuses malformed profiles, naming the field', () => {
    expect(() => resolveHealthModel({ profiles: { by: 'region' as never, models: {} } })).toThrow(/model.profiles.by must be one of segment, stage/);
    expect(() => resolveHealthModel({ profiles: { by: 'segment', models: { KA: { components: { experience: [{ key: 'nps', weight: 1, floor: 5, target: 5 }] } } } } }))
      .toThrow(/model.profiles.models.KA.components.experience\[0\]: floor and target are both 5/);
    expect(() => resolveHealthModel({ profiles: { by: 'segment', models: { KA: { weights: { outcome: -1, experience: 1 } } } } })).toThrow(/model.profiles.models.KA.weights/);
  });
});
