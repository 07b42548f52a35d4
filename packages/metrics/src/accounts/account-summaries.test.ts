import { describe, expect, it } from 'vitest';
import { accountSummaries } from './account-summaries.js';
import type { Dataset } from '../core/types.js';

const period = { from: '2025-01', to: '2025-06' };
const dataset: Dataset = {
  csms: [{ id: 'c1', name: 'Chen Wei' }],
  accounts: [
    { id: 'a', name: 'Acme', signedAt: '2024-01-01', csmId: 'c1', segment: 'KA', region: 'APAC' },
    { id: 'b', name: 'Beta', signedAt: '2024-01-01', csmId: 'ghost' },
  ],
  contracts: [
    { id: 'a1', accountId: 'a', start: '2024-03-01', end: '2025-02-28', arr: 1200 },
    { id: 'a2', accountId: 'a', start: '2025-03-01', end: '2026-02-28', arr: 1500 },
    { id: 'b1', accountId: 'b', start: '2024-04-01', end: '2025-03-31', arr: 600 },
  ],
  health: [
    { accountId: 'a', month: '2025-05', outcome: 80, experience: 50 }, // 0.8*80 + 0.2*50 = 74: green-yellow, grudging
  ],
  nps: [
    { accountId: 'a', date: '2025-02-01', score: 10 },
    { accountId: 'a', date: '2025-04-01', score: 3 },
    { accountId: 'a', date: '2025-04-02', score: 9 },
    { accountId: 'a', date: '2024-12-31', score: 0 }, // before the period
  ],
  activity: [{ accountId: 'a', month: '2025-06', activeUsers: 30, licensedUsers: 40 }],
};

describe('accountSummaries', () => {
  const [a, b] = accountSummaries(dataset, { period });

  it('joins attributes, ARR, health, quadrant, NPS, activity and renewal for each account', () => {
    expect(a).toEqual({
      accountId: 'a', name: 'Acme', csmId: 'c1', csmName: 'Chen Wei', salesRepId: null, segment: 'KA', region: 'APAC',
      industry: null, channel: null, arr: 1500, score: 74, tier: 'green-yellow', quadrant: 'grudging',
      nps: (100 * (2 - 1)) / 3, activityRate: 0.75, nextRenewal: '2026-02-28', renewalStatus: 'renewed',
      // The May snapshot is still the latest in June: no change over the month, nothing fell.
      healthChange: 0, driver: null, driverChange: null,
    });
  });

  it('the month\'s health change and the component that fell most', () => {
    const withJune = { ...dataset, health: [...(dataset.health ?? []), { accountId: 'a', month: '2025-06', outcome: 70, experience: 55 }] };
    // June: 0.8 x 70 + 0.2 x 55 = 67, down 7 from 74; outcome lost 8 points, experience gained 1.
    const [june] = accountSummaries(withJune, { period });
    expect(june?.healthChange).toBeCloseTo(-7, 9);
    expect(june?.driver).toBe('outcome:snapshot');
    expect(june?.driverChange).toBeCloseTo(-8, 9);
  });

  it('an unknown CSM keeps its id; no health, NPS or activity read null, null and 0; churned renewal', () => {
    expect(b).toMatchObject({ csmName: 'ghost', arr: 0, score: null, tier: null, quadrant: null, nps: null, activityRate: 0, nextRenewal: null, renewalStatus: 'churned' });
  });
});
