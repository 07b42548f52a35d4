import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateDataset } from '@cskit/sample-data';
import { computeDashboard } from '../engine/dashboard.js';
import { groupSummaries } from './group-summary.js';
import { prepareDataset } from '../engine/prepared.js';
import { BREAKDOWN_DIMENSIONS } from '../data/dimensions.js';
import type { Dataset } from '../core/types.js';

// Worked by hand (SPEC 14), period 2025-01..2025-03:
//   a (KA): contract to 2025-12 (ARR 1,000 at the end); activity in 2025-03: admin 1/2 + end-user 4/8; NPS 10 (admin)
//           in the period and 0 before it (not counted); health 80/80 -> 80, green.
//   b (KA): contract ends 2025-01-31 (ARR 0 at the end: not in the health mix); activity 2/6 without a role; NPS 0.
//   c (SMB): ARR 300 at the end, no activity record, NPS 7 (owner, a passive); health 50/50 -> 50, yellow.
// KA: activity (1 + 4 + 2) / (2 + 8 + 6) = 7/16; NPS 100 x (1 - 1) / 2 = 0; mix: green 1.
// SMB: activity null (no record); NPS 100 x (0 - 0) / 1 = 0; mix: yellow 1.
// By role: admin 1/2, NPS 100; end-user 4/8, no NPS; owner: no activity, NPS 0; (none): 2/6, NPS -100 (b's 0).
// a's staff record of 2025-01 is not in period.to: 'staff' is not a group.
const dataset: Dataset = {
  accounts: [
    { id: 'a', name: 'A', signedAt: '2024-01-01', segment: 'KA' },
    { id: 'b', name: 'B', signedAt: '2024-01-01', segment: 'KA' },
    { id: 'c', name: 'C', signedAt: '2024-06-01', segment: 'SMB' },
  ],
  contracts: [
    { id: 'ca', accountId: 'a', start: '2024-01-01', end: '2025-12-31', arr: 1000 },
    { id: 'cb', accountId: 'b', start: '2024-01-01', end: '2025-01-31', arr: 500 },
    { id: 'cc', accountId: 'c', start: '2024-06-01', end: '2025-05-31', arr: 300 },
  ],
  activity: [
    { accountId: 'a', month: '2025-01', activeUsers: 9, licensedUsers: 9, role: 'staff' },
    { accountId: 'a', month: '2025-03', activeUsers: 1, licensedUsers: 2, role: 'admin' },
    { accountId: 'a', month: '2025-03', activeUsers: 4, licensedUsers: 8, role: 'end-user' },
    { accountId: 'b', month: '2025-03', activeUsers: 2, licensedUsers: 6 },
  ],
  nps: [
    { id: 'n1', accountId: 'a', date: '2025-02-10', score: 10, role: 'admin' },
    { id: 'n0', accountId: 'a', date: '2024-12-10', score: 0, role: 'admin' },
    { id: 'n2', accountId: 'b', date: '2025-03-01', score: 0 },
    { id: 'n3', accountId: 'c', date: '2025-01-15', score: 7, role: 'owner' },
  ],
  health: [
    { accountId: 'a', month: '2025-03', outcome: 80, experience: 80 },
    { accountId: 'c', month: '2025-02', outcome: 50, experience: 50 },
  ],
};
const period = { from: '2025-01', to: '2025-03' };
const inputsOf = (data: Dataset) => {
  const dashboard = computeDashboard(data, { period, asOf: '2025-03-31' });
  return { waterfall: dashboard.waterfall, retention: dashboard.retention, renewals: dashboard.renewals, graceMonths: 0, asOf: '2025-03-31' };
};
const mix = (counts: Partial<Record<string, number>>) => ({ green: 0, 'green-yellow': 0, yellow: 0, red: 0, unknown: 0, ...counts });

describe('group figures (SPEC 14), worked by hand', () => {
  it('activity rate, NPS and health mix per segment', () => {
    const groups = groupSummaries(dataset, 'segment', inputsOf(dataset));
    expect(groups.map((g) => [g.key, g.accounts, g.activityRate, g.npsScore, g.healthMix])).toEqual([
      ['KA', 1, 7 / 16, 0, mix({ green: 1 })],
      ['SMB', 1, null, 0, mix({ yellow: 1 })],
    ]);
  });

  it('groups by role: activity and NPS only, roles in key order, (none) last', () => {
    const groups = groupSummaries(dataset, 'role', inputsOf(dataset));
    expect(groups.map((g) => [g.key, g.activityRate, g.npsScore, g.accounts, g.arr, g.nrr])).toEqual([
      ['admin', 0.5, 100, 0, 0, null],
      ['end-user', 0.5, null, 0, 0, null],
      ['owner', null, 0, 0, 0, null],
      ['(none)', 1 / 3, -100, 0, 0, null],
    ]);
  });

  it('the engine answers the same: breakdowns and the roles metric, whole and filtered', () => {
    const engine = prepareDataset(dataset);
    const view = { period, asOf: '2025-03-31', breakdownDimensions: ['segment'] as const };
    const summary = engine.summary(view);
    expect(summary.breakdowns.segment).toEqual(groupSummaries(dataset, 'segment', inputsOf(dataset)));
    expect(summary.roles).toEqual(groupSummaries(dataset, 'role', inputsOf(dataset)));
    // Only KA: its roles are a's and b's (c's owner response is not in it).
    const ka = engine.metric({ ...view, filters: { segment: ['KA'] } }, 'roles');
    expect(ka.map((g) => [g.key, g.activityRate, g.npsScore])).toEqual([['admin', 0.5, 100], ['end-user', 0.5, null], ['(none)', 1 / 3, -100]]);
  });

  it('by CSM team (Csm.team): accounts of the team\'s CSMs; no CSM or a CSM without a team in (none)', () => {
    const teams: Dataset = {
      ...dataset,
      csms: [{ id: 'm1', name: 'Mia', team: 'East' }, { id: 'm2', name: 'Max' }],
      accounts: dataset.accounts.map((a) => (a.id === 'a' ? { ...a, csmId: 'm1' } : a.id === 'b' ? { ...a, csmId: 'm2' } : a)),
    };
    // East: a (ARR 1,000, green). (none): b (m2 has no team; ARR 0 at the end) and c (no CSM; ARR 300, yellow).
    const groups = groupSummaries(teams, 'team', inputsOf(teams));
    expect(groups.map((g) => [g.key, g.accounts, g.arr, g.healthMix.green, g.healthMix.yellow])).toEqual([['East', 1, 1000, 1, 0], ['(none)', 1, 300, 0, 1]]);
    const engine = prepareDataset(teams);
    expect(engine.summary({ period, filters: { team: ['East'] } }).kpis.arr).toBe(1000);
    expect(engine.filterOptions({}).team?.map((o) => [o.value, o.count])).toEqual([['East', 1], ['(none)', 2]]);
  });

  it('property: groups add up to the whole (accounts by tier, NPS responses), and a group is its filtered view', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 500 }), fc.constantFrom(...BREAKDOWN_DIMENSIONS), (seed, dimension) => {
      const data = generateDataset({ seed, accounts: 30, months: 18 });
      const engine = prepareDataset(data);
      const view = { period: { from: '2024-01', to: '2024-06' }, breakdownDimensions: [dimension] };
      const summary = engine.summary(view);
      const groups = summary.breakdowns[dimension] ?? [];
      let accounts = 0;
      for (const group of groups) {
        const inMix = Object.values(group.healthMix).reduce((sum, n) => sum + n, 0);
        expect(inMix).toBe(group.accounts);
        accounts += inMix;
        const alone = engine.summary({ ...view, filters: { [dimension]: [group.key] } });
        expect(alone.nps.score).toBe(group.npsScore);
        expect(alone.breakdowns[dimension]?.[0]).toEqual(group);
      }
      expect(accounts).toBe(summary.kpis.customers);
    }), { numRuns: 12 });
  });
});
