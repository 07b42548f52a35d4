/**
 * CS attribution in SQL on numbers worked out by hand (SPEC 6): a save and a win over the lookback, an opt-out
 * retained and one that is not, a saved account's expansion counted and a won account's contraction not, won leads
 * and revenue in and out of the period; the same month by month (CS credit); equal to the JS engine too.
 */
import type { Dataset } from '@cskit/metrics';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../schema/dialect.js';
import { answeredLikeJs } from '../../test-support/by-hand.js';

const data: Dataset = {
  accounts: [{ id: 'a1', name: 'A1', signedAt: '2024-01-01' }, { id: 'a2', name: 'A2', signedAt: '2024-01-01' }],
  contracts: [
    // a1 opts out on 1 October with cover to the end of December (retained: 1,000); renewed at 1,500 (+500 expansion).
    { id: 'c1', accountId: 'a1', start: '2024-01-01', end: '2024-12-31', arr: 1000, optOutDate: '2024-10-01' },
    { id: 'c2', accountId: 'a1', start: '2025-01-01', end: '2025-12-31', arr: 1500 },
    // a2's opt-out is its last day (no cover past it: not retained); renewed at 1,800 (-200 contraction).
    { id: 'c3', accountId: 'a2', start: '2024-01-01', end: '2024-12-31', arr: 2000, optOutDate: '2024-12-31' },
    { id: 'c4', accountId: 'a2', start: '2025-01-01', end: '2025-12-31', arr: 1800 },
  ],
  health: [
    // a1: red in June, green in December (a save); a2: yellow, then green-yellow (a win).
    { accountId: 'a1', month: '2024-06', outcome: 20, experience: 20 }, { accountId: 'a1', month: '2024-12', outcome: 80, experience: 80 },
    { accountId: 'a2', month: '2024-06', outcome: 50, experience: 50 }, { accountId: 'a2', month: '2024-12', outcome: 65, experience: 65 },
  ],
  leads: [
    { id: 'l1', accountId: 'a1', createdAt: '2024-08-01', stage: 'won', closedAt: '2024-09-15', arr: 700 },
    { id: 'l2', accountId: 'a2', createdAt: '2025-06-01', stage: 'won', closedAt: '2025-08-01', arr: 99 },
  ],
  advocacy: [
    { id: 'v1', accountId: 'a1', date: '2024-08-01', kind: 'case-study' }, { id: 'v2', accountId: 'a2', date: '2025-03-01', kind: 'reference' },
    { id: 'v3', accountId: 'a2', date: '2025-09-01', kind: 'event' },
  ],
  revenue: [
    { id: 'r1', accountId: 'a2', date: '2024-08-01', arr: 250, source: 'poc' }, { id: 'r2', accountId: 'a1', date: '2025-02-01', arr: 100, source: 'referral' },
    { id: 'r3', accountId: 'a1', date: '2025-02-01', arr: 50, source: 'premium-csm' }, { id: 'r4', accountId: 'a2', date: '2025-03-01', arr: 25, source: 'consulting' },
    { id: 'r5', accountId: 'a2', date: '2025-04-01', arr: 10, source: 'csm-assisted' }, { id: 'r6', accountId: 'a2', date: '2025-08-01', arr: 1, source: 'poc' },
  ],
};

describe.each(DIALECTS)('CS attribution in SQL on %s, by hand', (dialect) => {
  it('retains, expands and lands what SPEC 6 credits, as the JS engine', async () => {
    const { ask, close } = await answeredLikeJs(dialect, data);
    try {
      const view = { period: { from: '2024-07', to: '2025-06' }, lookbackMonths: 6 };
      const answer = await ask({ kind: 'metric', metric: 'csAttribution', view });
      // Renewals due in December, lookback from June: a1 saved (1,500), a2 won (1,800); a1's opt-out retained (1,000).
      expect(answer.retain).toEqual({ savedRenewalArr: 1500, wonRenewalArr: 1800, optOutRetainedArr: 1000, total: 4300 });
      // Over the period (July to June) a1 is saved and a2 won: a1's +500 counts, a2's -200 contraction does not.
      expect(answer.expand).toEqual({ csqlArr: 700, savedWonExpansionArr: 500, pocArr: 250, total: 1450 });
      expect(answer.land).toEqual({ csqaCount: 2, referralArr: 100, premiumServicesArr: 75, assistedSalesArr: 10, total: 185 });
      expect(answer.totalArr).toBe(5935);
      // The same by month (csCredit): December's renewals, October's opt-out; the leads created in the period (both
      // won: 700 and 99) at every stage; advocacy by kind (September's event is after the period).
      const credit = await ask({ kind: 'metric', metric: 'csCredit', view }) as { months: Array<Record<string, number | string>>; csqlFunnel: unknown; csqaByKind: unknown };
      expect(credit.months.find((m) => m.month === '2024-12')).toMatchObject({ savedRenewalArr: 1500, wonRenewalArr: 1800, totalArr: 3300 });
      expect(credit.months.find((m) => m.month === '2024-10')).toMatchObject({ optOutRetainedArr: 1000, totalArr: 1000 });
      expect(credit.csqlFunnel).toEqual({
        stages: ['submitted', 'accepted', 'opportunity', 'won'].map((stage) => ({ stage, count: 2, arr: 799 })), lost: { count: 0, arr: 0 }, conversion: 1,
      });
      expect(credit.csqaByKind).toEqual({ 'case-study': 1, testimonial: 0, event: 0, reference: 1 });
      // The accounts behind each figure (drill-downs): a1's opt-out has cover past it, a2's ends on its day; the saved
      // (a1) before the won (a2) for their expansion; the leads won in the period (a1's); each revenue source's.
      const behind = async (field: string) => ((await ask({ kind: 'drill-down', view, target: { kind: 'attribution', field } } as never)) as { accountIds: string[] }).accountIds;
      expect(await behind('optOutRetainedArr')).toEqual(['a1']);
      expect(await behind('savedRenewalArr')).toEqual(['a1']);
      expect(await behind('wonRenewalArr')).toEqual(['a2']);
      expect(await behind('savedWonExpansionArr')).toEqual(['a1', 'a2']);
      expect(await behind('csqlArr')).toEqual(['a1']);
      expect(await behind('pocArr')).toEqual(['a2']);
      expect(await behind('premiumServicesArr')).toEqual(['a1', 'a2']);
      expect(await behind('assistedSalesArr')).toEqual(['a2']);
      expect(await behind('csqaCount')).toEqual(['a1', 'a2']);
    } finally {
      await close();
    }
  }, 60_000);
});
