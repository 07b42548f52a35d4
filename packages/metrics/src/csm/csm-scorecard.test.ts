import { describe, expect, it } from 'vitest';
import { csmScorecard } from './csm-scorecard.js';
import { account, contract } from '../test-support/builders.js';
import type { Dataset, HealthSnapshot } from '../core/types.js';

const h = (accountId: string, month: string, score: number): HealthSnapshot => ({ accountId, month, outcome: score, experience: score });
const period = { from: '2025-01', to: '2025-06' };
describe('csmScorecard', () => {
  // Worked by hand: m1 has a1 (renewed at 150, saved) and a2 (churned in March); m2 has a3 (won); a4 has no CSM.
  const data: Dataset = {
    csms: [{ id: 'm1', name: 'Mei', team: 'Enterprise' }, { id: 'm2', name: 'Bo', team: 'Growth' }],
    accounts: [account('a1', { csmId: 'm1' }), account('a2', { csmId: 'm1' }), account('a3', { csmId: 'm2' }), account('a4')],
    contracts: [
      contract('c1', 'a1', '2024-07-01', '2025-06-30', 100),
      contract('r1', 'a1', '2025-07-01', '2026-06-30', 150),
      contract('c2', 'a2', '2024-03-01', '2025-02-28', 200),
      contract('c3', 'a3', '2024-01-01', '2025-12-31', 300),
      contract('c4', 'a4', '2025-03-01', '2026-02-28', 50),
    ],
    health: [h('a1', '2025-01', 30), h('a1', '2025-06', 80), h('a2', '2025-01', 90), h('a3', '2025-01', 50), h('a3', '2025-06', 76)],
    nps: [
      { accountId: 'a1', date: '2025-03-10', score: 10 },
      { accountId: 'a2', date: '2025-02-01', score: 3 },
      { accountId: 'a3', date: '2025-04-01', score: 9 },
      { date: '2025-05-01', score: 8 },
      { accountId: 'a3', date: '2024-12-01', score: 0 },
    ],
    leads: [
      { id: 'l1', accountId: 'a1', csmId: 'm1', createdAt: '2025-02-01', stage: 'won', closedAt: '2025-04-01', arr: 40 },
      { id: 'l2', accountId: 'a3', createdAt: '2024-11-01', stage: 'won', closedAt: '2025-01-15', arr: 60 },
      { id: 'l3', accountId: 'a1', createdAt: '2025-05-01', stage: 'submitted' },
    ],
  };

  it('scores each CSM and the accounts without one, and totals the team', () => {
    const card = csmScorecard(data, { period });
    expect(card.csms).toEqual([
      {
        csmId: 'm1', name: 'Mei', team: 'Enterprise', accounts: 1, arr: 100, arrPerAccount: 100, logoRate: 0.5, dollarRate: 0.5, renewalsDue: 2,
        meanHealthScore: 80, saves: 1, wins: 0, nps: 0, npsResponses: 2, csqlCount: 2, csqlWonArr: 40, netNewArr: -200, targets: 0, targetsOnTrack: 0,
      },
      {
        csmId: 'm2', name: 'Bo', team: 'Growth', accounts: 1, arr: 300, arrPerAccount: 300, logoRate: null, dollarRate: null, renewalsDue: 0,
        meanHealthScore: 76, saves: 0, wins: 1, nps: 100, npsResponses: 1, csqlCount: 0, csqlWonArr: 60, netNewArr: 0, targets: 0, targetsOnTrack: 0,
      },
      {
        csmId: null, name: '(none)', team: null, accounts: 1, arr: 50, arrPerAccount: 50, logoRate: null, dollarRate: null, renewalsDue: 0,
        meanHealthScore: null, saves: 0, wins: 0, nps: null, npsResponses: 0, csqlCount: 0, csqlWonArr: 0, netNewArr: 50, targets: 0, targetsOnTrack: 0,
      },
    ]);
    expect(card.totals).toEqual({
      csmId: null, name: 'Team total', team: null, accounts: 3, arr: 450, arrPerAccount: 150, logoRate: 0.5, dollarRate: 0.5, renewalsDue: 2,
      meanHealthScore: 78, saves: 1, wins: 1, nps: 25, npsResponses: 4, csqlCount: 2, csqlWonArr: 100, netNewArr: -150, targets: 0, targetsOnTrack: 0,
    });
  });
});
