import { describe, expect, it } from 'vitest';
import { csAttribution } from './cs-attribution.js';
import { account, contract } from '../test-support/builders.js';
import type { Dataset, HealthSnapshot } from '../core/types.js';

const h = (accountId: string, month: string, score: number): HealthSnapshot => ({ accountId, month, outcome: score, experience: score });
const period = { from: '2025-01', to: '2025-06' };

describe('csAttribution (seed 000)', () => {
  const data: Dataset = {
    accounts: ['a1', 'a5', 'a6', 'a7', 'a9'].map((id) => account(id)),
    contracts: [
      contract('c1', 'a1', '2024-07-01', '2025-06-30', 100), contract('r1', 'a1', '2025-07-01', '2026-06-30', 150), // saved renewal
      contract('c5', 'a5', '2024-04-01', '2025-03-31', 80), contract('r5', 'a5', '2025-04-01', '2026-03-31', 90), // won renewal, +10 expansion
      contract('c6', 'a6', '2024-05-01', '2025-04-30', 70), contract('r6', 'a6', '2025-05-01', '2026-04-30', 70), // steady
      contract('c7', 'a7', '2025-01-01', '2025-12-31', 500, { optOutDate: '2025-06-30' }), // opt-out passed, retained
      contract('c8', 'a7', '2026-01-01', '2026-12-31', 500, { optOutDate: '2026-08-01' }), // opt-out outside the period
      contract('c9', 'a9', '2024-01-01', '2025-01-31', 100), contract('r9', 'a9', '2025-02-01', '2026-01-31', 130), // expansion, but declining
    ],
    health: [
      h('a1', '2024-06', 25), h('a1', '2025-06', 80),
      h('a5', '2024-03', 50), h('a5', '2025-03', 65),
      h('a6', '2024-01', 90),
      h('a9', '2025-01', 90), h('a9', '2025-06', 10),
    ],
    leads: [
      { id: 'l1', accountId: 'a1', createdAt: '2025-01-10', stage: 'won', closedAt: '2025-03-01', arr: 40 },
      { id: 'l2', accountId: 'a1', createdAt: '2024-11-10', stage: 'won', closedAt: '2024-12-20', arr: 99 },
      { id: 'l3', accountId: 'a5', createdAt: '2025-01-10', stage: 'lost', closedAt: '2025-02-01', arr: 99 },
    ],
    revenue: [
      { id: 'v1', accountId: 'a1', date: '2025-02-01', arr: 20, source: 'poc' },
      { id: 'v2', accountId: 'a1', date: '2025-03-01', arr: 30, source: 'referral' },
      { id: 'v3', accountId: 'a5', date: '2025-04-01', arr: 10, source: 'premium-csm' },
      { id: 'v4', accountId: 'a5', date: '2025-05-01', arr: 5, source: 'consulting' },
      { id: 'v5', accountId: 'a6', date: '2025-06-01', arr: 25, source: 'csm-assisted' },
      { id: 'v6', accountId: 'a6', date: '2024-12-01', arr: 99, source: 'poc' },
    ],
    advocacy: [
      { id: 'q1', accountId: 'a1', date: '2025-01-05', kind: 'case-study' },
      { id: 'q2', accountId: 'a5', date: '2025-06-30', kind: 'reference' },
      { id: 'q3', accountId: 'a5', date: '2025-07-01', kind: 'event' },
    ],
  };

  it('sums retain, expand and land figures over the period', () => {
    const result = csAttribution(data, { period });
    expect(result.retain).toEqual({ savedRenewalArr: 150, wonRenewalArr: 90, optOutRetainedArr: 500, total: 740 });
    expect(result.expand).toEqual({ csqlArr: 40, savedWonExpansionArr: 10, pocArr: 20, total: 70 });
    expect(result.land).toEqual({ csqaCount: 2, referralArr: 30, premiumServicesArr: 15, assistedSalesArr: 25, total: 70 });
    expect(result.totalArr).toBe(880);
    expect(result).toMatchObject({ savedRenewalArr: 150, csqlArr: 40, csqaCount: 2, lookbackMonths: 12 });
  });

  it('looks back lookbackMonths from each due month', () => {
    // 13 months back from June 2025 is May 2024, before a1's first snapshot: unknown, so no save (and a5 likewise).
    const result = csAttribution(data, { period, lookbackMonths: 13 });
    expect(result.savedRenewalArr).toBe(0);
    expect(result.wonRenewalArr).toBe(0);
  });
});
