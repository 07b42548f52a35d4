import { describe, expect, it } from 'vitest';
import {
  attributionAccountIds, cohortAccountIds, funnelStageAccountIds, groupAccountIds, npsAccountIds, tierAccountIds, transitionAccountIds,
} from './drill-down.js';
import { healthDistribution } from '../health/health.js';
import { renewalFunnel, renewals } from '../renewals/renewals.js';
import type { Dataset } from '../core/types.js';

const period = { from: '2025-01', to: '2025-12' };
const dataset: Dataset = {
  accounts: [
    { id: 'a', name: 'A', signedAt: '2024-01-10', segment: 'KA' },
    { id: 'b', name: 'B', signedAt: '2024-01-20', segment: 'SMB' },
    { id: 'c', name: 'C', signedAt: '2024-02-01' },
  ],
  contracts: [
    // a renews higher (expanded), b renews at the same ARR (retained), c churns.
    { id: 'a1', accountId: 'a', start: '2024-02-01', end: '2025-01-31', arr: 100 },
    { id: 'a2', accountId: 'a', start: '2025-02-01', end: '2026-01-31', arr: 150, optOutDate: '2025-06-30' },
    { id: 'b1', accountId: 'b', start: '2024-03-01', end: '2025-02-28', arr: 50 },
    { id: 'b2', accountId: 'b', start: '2025-03-01', end: '2026-02-28', arr: 50 },
    { id: 'c1', accountId: 'c', start: '2024-02-01', end: '2025-01-31', arr: 80 },
  ],
  health: [
    { accountId: 'a', month: '2025-01', outcome: 30, experience: 30 }, // red -> green: save
    { accountId: 'a', month: '2025-12', outcome: 90, experience: 90 },
    { accountId: 'b', month: '2025-01', outcome: 50, experience: 50 }, // yellow -> green: win
    { accountId: 'b', month: '2025-12', outcome: 80, experience: 80 },
    { accountId: 'c', month: '2025-01', outcome: 30, experience: 30 }, // red, churned
  ],
  nps: [
    { accountId: 'a', date: '2025-03-01', score: 10 },
    { accountId: 'a', date: '2025-04-01', score: 9 },
    { accountId: 'b', date: '2025-03-01', score: 3 },
    { date: '2025-03-01', score: 2 },
    { accountId: 'c', date: '2024-03-01', score: 1 },
  ],
  leads: [{ id: 'l1', accountId: 'b', createdAt: '2025-02-01', stage: 'won', closedAt: '2025-05-01', arr: 10 }],
  advocacy: [{ id: 'v1', accountId: 'a', date: '2025-02-01', kind: 'reference' }],
  revenue: [
    { id: 'r1', accountId: 'c', date: '2025-01-15', arr: 5, source: 'consulting' },
    { id: 'r2', accountId: 'a', date: '2024-01-15', arr: 5, source: 'consulting' },
  ],
};

describe('drill-down account lists', () => {
  it('funnel stages: due a, b, c; renewed a, b; retained a, b; expanded a', () => {
    const summary = renewals(dataset, { period });
    expect(funnelStageAccountIds(summary, 'due').sort()).toEqual(['a', 'b', 'c']);
    expect(funnelStageAccountIds(summary, 'renewed').sort()).toEqual(['a', 'b']);
    expect(funnelStageAccountIds(summary, 'retained').sort()).toEqual(['a', 'b']);
    expect(funnelStageAccountIds(summary, 'expanded')).toEqual(['a']);
    // Contracts per stage match the funnel's counts (one contract per account here).
    expect(renewalFunnel(summary).stages.map((s) => s.count)).toEqual([3, 2, 2, 1]);
  });

  it('tiers: the accounts of a distribution cell', () => {
    expect(tierAccountIds(dataset, { month: '2025-01' }, 'red').sort()).toEqual(['a', 'c']);
    expect(tierAccountIds(dataset, { month: '2025-12' }, 'green').sort()).toEqual(['a', 'b']);
    const cell = healthDistribution(dataset, { period }).months.at(-1)?.tiers.red.count;
    expect(tierAccountIds(dataset, { month: '2025-12' }, 'red')).toHaveLength(cell ?? -1);
  });

  it('groups, with (none) for accounts without the field, and cohorts by signing month', () => {
    expect(groupAccountIds(dataset, 'segment', 'KA')).toEqual(['a']);
    expect(groupAccountIds(dataset, 'segment', '(none)')).toEqual(['c']);
    expect(cohortAccountIds(dataset, '2024-01')).toEqual(['a', 'b']);
  });

  it('NPS: promoters once per account, period respected, anonymous responses have no account', () => {
    expect(npsAccountIds(dataset, { period }, 'promoters')).toEqual(['a']);
    expect(npsAccountIds(dataset, { period }, 'detractors')).toEqual(['b']);
    expect(npsAccountIds(dataset, {}, 'detractors')).toEqual(['b', 'c']);
  });

  it('transitions and attribution', () => {
    expect(transitionAccountIds(dataset, { period }, 'save')).toEqual(['a']);
    expect(transitionAccountIds(dataset, { period }, 'win')).toEqual(['b']);
    expect(attributionAccountIds(dataset, { period }, 'savedRenewalArr')).toEqual(['a']);
    expect(attributionAccountIds(dataset, { period }, 'savedWonExpansionArr')).toEqual(['a', 'b']);
    expect(attributionAccountIds(dataset, { period }, 'csqlArr')).toEqual(['b']);
    expect(attributionAccountIds(dataset, { period }, 'csqaCount')).toEqual(['a']);
    expect(attributionAccountIds(dataset, { period }, 'premiumServicesArr')).toEqual(['c']);
    expect(attributionAccountIds(dataset, { period }, 'optOutRetainedArr')).toEqual(['a']);
    expect(attributionAccountIds(dataset, { period }, 'referralArr')).toEqual([]);
  });
});
