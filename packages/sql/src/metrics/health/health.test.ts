/**
 * The health family in SQL on numbers worked out by hand: a score rounded to 9 decimals before its tier (halves up,
 * as `healthScore`), the latest snapshot at or before a month, a side built from the activity rate and NPS over its
 * 12-month window, and one from tickets (a median of an even count, a complaint count); each answer also equals the
 * JS engine's.
 */
import type { Dataset, ViewOptions } from '@cskit/metrics';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../schema/dialect.js';
import { answeredLikeJs } from '../../test-support/by-hand.js';

const contract = (accountId: string, arr: number) => ({ id: `k-${accountId}`, accountId, start: '2024-01-01', end: '2025-12-31', arr });
const data: Dataset = {
  accounts: ['a1', 'a2', 'a3', 'a4'].map((id) => ({ id, name: id.toUpperCase(), signedAt: '2024-01-01' })),
  contracts: [contract('a1', 1000), contract('a2', 2000), contract('a3', 3000), contract('a4', 4000)],
  health: [
    // 59.9999999996 x 1e9 rounds up to 60 (green-yellow from 60); 59.9999999994 rounds down to 59.999999999 (yellow).
    { accountId: 'a1', month: '2025-01', outcome: 59.9999999996, experience: 59.9999999996 },
    { accountId: 'a2', month: '2025-01', outcome: 59.9999999994, experience: 59.9999999994 },
    // 0.8 x 70 + 0.2 x 70 is 70.00000000000001 before rounding: green-yellow either way; 75 from March: green.
    { accountId: 'a3', month: '2024-11', outcome: 70, experience: 70 },
    { accountId: 'a3', month: '2025-03', outcome: 75, experience: 75 },
    { accountId: 'a4', month: '2025-01', outcome: 20, experience: 90 },
  ],
  activity: [
    { accountId: 'a4', month: '2025-03', activeUsers: 3, licensedUsers: 4, role: 'user' },
    { accountId: 'a4', month: '2025-03', activeUsers: 1, licensedUsers: 4, role: 'admin' },
  ],
  nps: [
    { id: 'n1', accountId: 'a4', date: '2024-04-10', score: 10 },
    { id: 'n2', accountId: 'a4', date: '2025-01-20', score: 6 },
  ],
  // a4's first responses in February and March: 0.5, 1, 2 and 4 hours (the median of an even count: (1 + 2) / 2).
  tickets: [
    { id: 't1', accountId: 'a4', openedAt: '2025-02-03', firstResponseMinutes: 240, complaint: 'stability' },
    { id: 't2', accountId: 'a4', openedAt: '2025-03-04', firstResponseMinutes: 30 },
    { id: 't3', accountId: 'a4', openedAt: '2025-03-05', firstResponseMinutes: 120 },
    { id: 't4', accountId: 'a4', openedAt: '2025-03-06', firstResponseMinutes: 60 },
  ],
};

/** Experience from the tickets of the last 2 months: first response (floor 24 h, target 1 h) and stability complaints (2 to 0). */
const service: ViewOptions['model'] = {
  ticketMonths: 2,
  components: { experience: [{ key: 'tickets.firstResponseHours', weight: 1, floor: 24, target: 1 }, { key: 'tickets.complaints.stability', weight: 1, floor: 2, target: 0 }] },
};

/** Outcome from the activity rate and NPS (floor 0, targets 1 and 10); experience from snapshots. */
const built: ViewOptions['model'] = {
  components: { outcome: [{ key: 'activityRate', weight: 1, floor: 0, target: 1 }, { key: 'nps', weight: 1, floor: 0, target: 10 }] },
};

describe.each(DIALECTS)('the health family in SQL on %s, by hand', (dialect) => {
  it('rounds scores to 9 decimals before their tiers, reads the latest snapshot, and builds sides from activity and NPS', async () => {
    const { ask, close } = await answeredLikeJs(dialect, data);
    try {
      // February: a1 60 (green-yellow), a2 59.999999999 (yellow), a3 70 from November's snapshot (green-yellow), a4
      // 0.8 x 20 + 0.2 x 90 = 34 (red).
      const february = await ask({ kind: 'metric', metric: 'healthScores', view: { period: { from: '2025-02', to: '2025-02' } } });
      expect(february).toEqual({ month: '2025-02', accountCount: 4, tiers: { green: 0, 'green-yellow': 2, yellow: 1, red: 1 } });
      // March: a3's new snapshot, 75: green; a save for nobody, a win for a3 (green-yellow to green) since February.
      const transitions = await ask({ kind: 'metric', metric: 'healthTransitions', view: { period: { from: '2025-02', to: '2025-03' } } });
      expect(transitions.counts).toEqual({ save: 0, win: 1, decline: 0, steady: 3, unknown: 0 });

      // Built outcome for a4 in March: activity (3 + 1) / (4 + 4) = 0.5 -> 50; NPS of April 2024..March 2025 (10, 6)
      // = 8 -> 80; outcome 65; score 0.8 x 65 + 0.2 x 90 = 70: green-yellow, and both sides at or above 60: loyal. In April: no activity record, rate 0
      // -> 0; NPS of May 2024..April 2025 (6) -> 60; outcome 30; score 24 + 18 = 42: yellow. The other accounts have no
      // activity record (a rate of 0) and no response (no NPS value): their outcome is 0, their score 0.2 x experience.
      const quadrants = await ask({ kind: 'metric', metric: 'healthQuadrants', view: { period: { from: '2025-03', to: '2025-03' }, model: built } });
      expect((quadrants.points as Array<{ accountId: string; outcome: number; experience: number; quadrant: string }>).find((p) => p.accountId === 'a4'))
        .toMatchObject({ outcome: 65, experience: 90, quadrant: 'loyal' });
      const distribution = await ask({ kind: 'metric', metric: 'healthDistribution', view: { period: { from: '2025-03', to: '2025-04' }, model: built } });
      const months = distribution.months as Array<{ tiers: Record<string, { count: number; arr: number }> }>;
      expect(months[0]?.tiers['green-yellow']).toEqual({ count: 1, arr: 4000 });
      expect(months[1]?.tiers.yellow).toEqual({ count: 1, arr: 4000 });
      // a1..a3: experience 60, 60 and 75 (March) -> scores 12, 12 and 15: red in both months.
      expect(months[1]?.tiers.red).toEqual({ count: 3, arr: 6000 });
      // a4 in March (tickets of February and March): response median 1.5 h -> 100 x (1.5 - 24) / (1 - 24) = 2250 / 23;
      // one stability complaint -> 100 x (1 - 2) / (0 - 2) = 50; experience (2250 / 23 + 50) / 2. The other accounts have
      // no ticket: no response figure, 0 complaints (the data has tickets) -> 100; experience 100.
      const serviced = await ask({ kind: 'metric', metric: 'healthQuadrants', view: { period: { from: '2025-03', to: '2025-03' }, model: service } });
      const points = serviced.points as Array<{ accountId: string; experience: number }>;
      expect(points.find((p) => p.accountId === 'a4')?.experience).toBeCloseTo((2250 / 23 + 50) / 2, 12);
      expect(points.find((p) => p.accountId === 'a1')?.experience).toBe(100);
    } finally {
      await close();
    }
  }, 60_000);
});
