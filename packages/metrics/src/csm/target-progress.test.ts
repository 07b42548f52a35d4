import { describe, expect, it } from 'vitest';
import { targetProgress } from './target-progress.js';
import { csmScorecard } from './csm-scorecard.js';
import { prepareDataset } from '../engine/prepared.js';
import { accountSubsets } from '../data/partition.js';
import { validateDataset } from '../data/validate.js';
import type { Target } from '../core/types.js';
import { elapsed, H1, TARGETS_BY_HAND } from '../test-support/targets-by-hand.js';

// Worked by hand (SPEC 14): test-support/targets-by-hand.ts.
const dataset = TARGETS_BY_HAND;
const row = (target: Target, actual: number | null, expected: number | null, onTrack: boolean | null) => ({
  id: target.id, actual, attainment: actual === null || target.value === 0 ? null : actual / target.value, expected, onTrack,
});
const byId = (id: string) => (dataset.targets ?? []).find((t) => t.id === id) as Target;

describe('targetProgress (SPEC 14), worked by hand', () => {
  it('each target: its accounts, its period so far, attainment and pacing', () => {
    const progress = targetProgress(dataset, { asOf: '2025-03-31' });
    expect(progress.asOf).toBe('2025-03-31');
    expect(progress.items.map((item) => ({ id: item.target.id, actual: item.actual, attainment: item.attainment, expected: item.expected, onTrack: item.onTrack }))).toEqual([
      // m1: a renewed (ca1 due 2025-01), b still open: 1 of 2 accounts; dollars 1,800 / (1,200 + 600) = 1.
      row(byId('t1'), 0.5, 0.9, false),
      row(byId('t2'), 1, 0.95, true),
      // East (a, b, c): a's +600 in 2025-02; 600 >= 1,200 x 90/181 = 596.7.
      row(byId('t3'), 600, 1200 * elapsed, true),
      // Everyone, 2024-12 -> 2025-03: 3,300 -> 3,900.
      row(byId('t4'), 3900 / 3300, 1, true),
      // d: nothing moved yet; 0 < 100 x 90/181.
      row(byId('t5'), 0, 100 * elapsed, false),
      // c's leads created 2025-01-01..2025-03-31: l1, l2 (not l0, l3): 2 >= 4 x 90/181 = 1.99.
      row(byId('t6'), 2, 4 * elapsed, true),
      // Won by 2025-03-31: l1 (300); l2 closes in April.
      row(byId('t7'), 300, 1000 * elapsed, false),
      // H2 has not started: nothing yet, nothing expected.
      { id: 't8', actual: 0, attainment: 0, expected: 0, onTrack: true },
      // 2024-Q1 is over (d = 2024-03-31): m1's accounts had no ARR in 2023-12, so GRR has no value.
      { id: 't9', actual: null, attainment: null, expected: 0.9, onTrack: null },
    ]);
  });

  it('the engine answers the same; a scoped engine sees only its CSMs\' targets, as a dataset of its book does', () => {
    const engine = prepareDataset(dataset);
    const view = { period: { from: '2025-01', to: '2025-03' }, asOf: '2025-03-31' };
    expect(engine.metric(view, 'targets')).toEqual(targetProgress(dataset, { asOf: '2025-03-31' }));
    const scoped = engine.scoped(['a', 'b']).metric(view, 'targets');
    expect(scoped.items.map((item) => item.target.id)).toEqual(['t1', 't2', 't9']);
    const book = validateDataset(accountSubsets(dataset).of(['a', 'b'])).dataset;
    expect(scoped).toEqual(targetProgress(book, { asOf: '2025-03-31' }));
  });

  it('the scorecard counts each row\'s targets and those on track: a CSM\'s own, a team\'s, the company\'s on the totals', () => {
    const scorecard = csmScorecard(dataset, { period: { from: '2025-01', to: '2025-03' }, asOf: '2025-03-31' });
    // m1: t1 behind, t2 on track, t9 unknown; m2: t6 on track, t7 behind; m3: t5 behind; East: t3; company: t4, t8.
    expect(scorecard.csms.map((row) => [row.csmId, row.targets, row.targetsOnTrack])).toEqual([['m1', 3, 1], ['m2', 2, 1], ['m3', 1, 0]]);
    expect(scorecard.teams.map((row) => [row.team, row.targets, row.targetsOnTrack])).toEqual([['East', 1, 1], ['West', 0, 0]]);
    expect([scorecard.totals.targets, scorecard.totals.targetsOnTrack]).toEqual([2, 2]);
  });

  it('withTargets: other targets on the same index, validated (a bad one is an issue and left out); nothing else changes', () => {
    for (const engine of [prepareDataset(dataset), prepareDataset(dataset, { compact: true })]) {
      const view = { period: { from: '2025-01', to: '2025-03' }, asOf: '2025-03-31' };
      const before = engine.summary(view);
      const { engine: next, issues } = engine.withTargets([
        { id: 'n1', period: H1, metric: 'expansionArr', value: 1000 },
        { id: 'bad', csmId: 'nobody', period: H1, metric: 'nrr', value: 1 },
        { id: 'worse', period: H1, metric: 'speed', value: 1 },
      ]);
      expect(issues.map((issue) => [issue.collection, issue.index, issue.field])).toEqual([['targets', 1, 'csmId'], ['targets', 2, 'metric']]);
      const after = next.summary(view);
      // a's +600 of the company's 1,000 expansion target, 90 of 181 days in.
      expect(after.targets.items.map((item) => [item.target.id, item.actual, item.expected])).toEqual([['n1', 600, 1000 * elapsed]]);
      const { targets: _a, csmScorecard: _b, ...rest } = after;
      const { targets: _c, csmScorecard: _d, ...restBefore } = before;
      expect(rest).toEqual(restBefore);
      // The old engine keeps its targets.
      expect(engine.summary(view).targets.items).toHaveLength(9);
    }
  });

  it('refuses options that are not a date', () => {
    expect(() => targetProgress(dataset, { asOf: '2025-13-01' })).toThrow(/asOf/);
  });
});
