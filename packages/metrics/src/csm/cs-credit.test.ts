import { describe, expect, it } from 'vitest';
import { generateDataset } from '@cskit/sample-data';
import { csCredit } from './cs-credit.js';
import { csAttribution } from './cs-attribution.js';
import { csmScorecard } from './csm-scorecard.js';
import { prepareDataset } from '../engine/prepared.js';
import type { Dataset, Lead } from '../core/types.js';

const lead = (id: string, createdAt: string, stage: Lead['stage'], arr: number, closedAt?: string): Lead =>
  ({ id, accountId: 'a', createdAt, stage, arr, ...(closedAt ? { closedAt } : {}) });

// Worked by hand, period 2025-01..2025-03. CSMs m1, m2 (team East), m3 (West); accounts a (m1), b (m2), c (m3).
//   a's leads created in the period: l1 submitted 100, l2 accepted 200, l3 opportunity 300, l4 won 400 (closed
//   2025-02-10), l5 lost 500; l0 (created 2024-12) is not in the funnel.
//   funnel: submitted 5 (1,500), accepted 3 (900), opportunity 2 (700), won 1 (400); lost 1 (500); conversion 1/5.
//   advocacy: a case study (Jan), b testimonial (Feb); a reference in April is outside.
//   revenue: a premium CSM 1,000 (Jan), a consulting 250 (Mar), b referral 300 (Feb).
//   months: Jan 1,000 (premium CSM); Feb 400 (CSQL won) + 300 (referral) = 700; Mar 250 (consulting).
const dataset: Dataset = {
  csms: [{ id: 'm1', name: 'Mia', team: 'East' }, { id: 'm2', name: 'Max', team: 'East' }, { id: 'm3', name: 'Mo', team: 'West' }],
  accounts: [
    { id: 'a', name: 'A', signedAt: '2024-01-01', csmId: 'm1' }, { id: 'b', name: 'B', signedAt: '2024-01-01', csmId: 'm2' },
    { id: 'c', name: 'C', signedAt: '2024-01-01', csmId: 'm3' },
  ],
  contracts: [
    { id: 'ca', accountId: 'a', start: '2024-01-01', end: '2025-12-31', arr: 1000 },
    { id: 'cb', accountId: 'b', start: '2024-01-01', end: '2025-12-31', arr: 500 },
    { id: 'cc', accountId: 'c', start: '2024-01-01', end: '2025-12-31', arr: 300 },
  ],
  leads: [
    lead('l0', '2024-12-20', 'won', 50, '2024-12-30'), lead('l1', '2025-01-05', 'submitted', 100), lead('l2', '2025-01-06', 'accepted', 200),
    lead('l3', '2025-02-01', 'opportunity', 300), lead('l4', '2025-01-20', 'won', 400, '2025-02-10'), lead('l5', '2025-03-01', 'lost', 500, '2025-03-20'),
  ],
  advocacy: [
    { id: 'v1', accountId: 'a', date: '2025-01-15', kind: 'case-study' }, { id: 'v2', accountId: 'b', date: '2025-02-15', kind: 'testimonial' },
    { id: 'v3', accountId: 'a', date: '2025-04-15', kind: 'reference' },
  ],
  revenue: [
    { id: 'r1', accountId: 'a', date: '2025-01-10', arr: 1000, source: 'premium-csm' }, { id: 'r2', accountId: 'a', date: '2025-03-10', arr: 250, source: 'consulting' },
    { id: 'r3', accountId: 'b', date: '2025-02-10', arr: 300, source: 'referral' },
  ],
};
const period = { from: '2025-01', to: '2025-03' };

describe('csCredit (seed 000), worked by hand', () => {
  it('by month, premium CSM and consulting apart, the CSQL funnel and CSQAs by kind', () => {
    const credit = csCredit(dataset, { period });
    expect(credit.months.map((m) => [m.month, m.totalArr, m.premiumCsmArr, m.consultingArr, m.csqlArr, m.referralArr, m.csqaCount])).toEqual([
      ['2025-01', 1000, 1000, 0, 0, 0, 1], ['2025-02', 700, 0, 0, 400, 300, 1], ['2025-03', 250, 0, 250, 0, 0, 0],
    ]);
    expect([credit.premiumCsmArr, credit.consultingArr]).toEqual([1000, 250]);
    expect(credit.csqlFunnel).toEqual({
      stages: [{ stage: 'submitted', count: 5, arr: 1500 }, { stage: 'accepted', count: 3, arr: 900 }, { stage: 'opportunity', count: 2, arr: 700 }, { stage: 'won', count: 1, arr: 400 }],
      lost: { count: 1, arr: 500 }, conversion: 0.2,
    });
    expect(credit.csqaByKind).toEqual({ 'case-study': 1, testimonial: 1, event: 0, reference: 0 });
    // The months add up to the period's attribution (no expansion here to test the save-or-win rule on).
    expect(credit.months.reduce((sum, m) => sum + m.totalArr, 0)).toBe(csAttribution(dataset, { period }).totalArr);
  });

  it('a CSM\'s credit is the engine\'s over a view of their accounts', () => {
    const engine = prepareDataset(dataset);
    const mia = engine.metric({ period, filters: { csmId: ['m1'] } }, 'csCredit');
    expect(mia.csqlFunnel.stages[0]?.count).toBe(5);
    expect(mia.months.map((m) => m.totalArr)).toEqual([1000, 400, 250]);
    expect(engine.metric({ period }, 'csCredit')).toEqual(csCredit(dataset, { period }));
  });
});

describe('team rows of the scorecard', () => {
  it('worked by hand: East is m1 and m2, West is m3', () => {
    const { teams } = csmScorecard(dataset, { period });
    expect(teams.map((t) => [t.name, t.accounts, t.arr, t.arrPerAccount, t.csqlCount, t.csqlWonArr])).toEqual([
      ['East', 2, 1500, 750, 5, 400],
      ['West', 1, 300, 300, 0, 0],
    ]);
  });

  it('property: each team row sums its CSMs\' rows; every CSM with a team is in one', () => {
    for (const seed of [3, 8, 21]) {
      const scorecard = csmScorecard(generateDataset({ seed, accounts: 200 }), { period: { from: '2025-01', to: '2025-12' }, graceMonths: 1 });
      for (const team of scorecard.teams) {
        const rows = scorecard.csms.filter((row) => row.team === team.team && row.csmId !== null);
        for (const field of ['accounts', 'arr', 'saves', 'wins', 'renewalsDue', 'npsResponses', 'csqlCount', 'csqlWonArr', 'netNewArr'] as const) {
          expect(team[field]).toBeCloseTo(rows.reduce((sum, row) => sum + row[field], 0), 6);
        }
      }
      expect(scorecard.teams.map((t) => t.team)).toEqual([...new Set(scorecard.csms.map((r) => r.team).filter((t) => t !== null))].sort());
    }
  });
});
