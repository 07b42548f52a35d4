import { describe, expect, it } from 'vitest';
import { accountEvents, accountStory } from './account-story.js';
import { prepareDataset } from '../engine/prepared.js';
import type { Dataset } from '../core/types.js';

const account = (id: string, extra: Record<string, unknown> = {}) => ({ id, name: id.toUpperCase(), signedAt: '2024-01-01', ...extra });

describe('accountStory (SPEC 10), worked by hand', () => {
  const dataset: Dataset = {
    accounts: [account('a', { segment: 'KA' }), account('b')],
    contracts: [
      { id: 'a1', accountId: 'a', start: '2024-01-01', end: '2024-12-31', arr: 100 },
      { id: 'a2', accountId: 'a', start: '2025-01-01', end: '2025-12-31', arr: 150 },
      { id: 'a3', accountId: 'a', start: '2026-01-01', arr: 160 },
    ],
    health: [{ accountId: 'a', month: '2025-01', outcome: 70, experience: 50 }],
    activity: [{ accountId: 'a', month: '2025-02', activeUsers: 3, licensedUsers: 4 }],
    nps: [{ id: 'n2', accountId: 'a', date: '2025-02-20', score: 9 }, { id: 'n1', accountId: 'a', date: '2025-01-05', score: 6 }, { id: 'n0', accountId: 'b', date: '2025-01-05', score: 2 }],
    leads: [{ id: 'l1', accountId: 'a', createdAt: '2025-02-01', stage: 'won', closedAt: '2025-03-01', arr: 10 }],
  };

  it('months with ARR, movement, health and activity; contracts with their status; records of the period', () => {
    const story = accountStory(dataset, 'a', { period: { from: '2024-12', to: '2025-02' }, model: { weights: { outcome: 0.5, experience: 0.5 } } });
    expect(story.account.id).toBe('a');
    expect(story.months).toEqual([
      { month: '2024-12', arr: 100, movement: null, healthScore: null, tier: null, outcome: null, experience: null, activityRate: 0 },
      { month: '2025-01', arr: 150, movement: 'expansion', healthScore: 60, tier: 'green-yellow', outcome: 70, experience: 50, activityRate: 0 },
      { month: '2025-02', arr: 150, movement: null, healthScore: 60, tier: 'green-yellow', outcome: 70, experience: 50, activityRate: 0.75 },
    ]);
    expect(story.contracts).toEqual([
      { contractId: 'a1', start: '2024-01-01', end: '2024-12-31', arr: 100, status: 'renewed', renewalContractId: 'a2' },
      { contractId: 'a2', start: '2025-01-01', end: '2025-12-31', arr: 150, status: null, renewalContractId: 'a3' },
      { contractId: 'a3', start: '2026-01-01', end: null, arr: 160, status: null, renewalContractId: null },
    ]);
    expect(story.nps.map((r) => r.id)).toEqual(['n1', 'n2']);
    expect(story.leads.map((l) => l.id)).toEqual(['l1']);
    // Activity 0, 0, 0.75 over the three months to February: not warned; to January (0, 0, 0) it is.
    expect(story.earlyWarning).toBe(false);
    expect(accountStory(dataset, 'a', { period: { from: '2024-12', to: '2025-01' } }).earlyWarning).toBe(true);
    // a2 is already renewed (by a3), a3 has no end: nothing to decide. The model's thresholds come along for tier bands.
    expect(story.nextRenewal).toBeNull();
    // February's health (the January snapshot, still the latest) explained, against January: nothing moved.
    expect(story.drivers?.components.map((c) => [c.side, c.key, c.contribution, c.change])).toEqual([['outcome', 'snapshot', 35, 0], ['experience', 'snapshot', 25, 0]]);
    expect(story.drivers?.scoreChange).toBe(0);
    expect(story.tiers).toEqual({ green: 75, greenYellow: 60, yellow: 40 });
  });

  it('the next renewal: the first-ending contract still to decide at asOf (open or in grace counts, decided does not)', () => {
    const data: Dataset = {
      accounts: [account('c')],
      contracts: [
        { id: 'c1', accountId: 'c', start: '2024-01-01', end: '2024-12-31', arr: 100 },
        { id: 'c2', accountId: 'c', start: '2025-01-01', end: '2025-06-30', arr: 50 },
        { id: 'c3', accountId: 'c', start: '2025-01-01', end: '2026-02-28', arr: 70 },
      ],
    };
    // c2 and c3 start together (neither renews the other). asOf 2025-01-31: c1 is renewed; c2 and c3 are not due; c2 ends first.
    expect(accountStory(data, 'c', { period: { from: '2025-01', to: '2025-01' } }).nextRenewal)
      .toEqual({ contractId: 'c2', start: '2025-01-01', end: '2025-06-30', arr: 50, status: null, renewalContractId: null });
    // asOf 2025-07-10 with a month of grace: c2 ended unrenewed and is in grace, still to decide; c3 is not due.
    const story = accountStory(data, 'c', { period: { from: '2025-07', to: '2025-07' }, graceMonths: 1, asOf: '2025-07-10' });
    expect(story.nextRenewal?.contractId).toBe('c2');
    expect(story.nextRenewal?.status).toBe('in-grace');
    // Without grace c2 has churned: the next to decide is c3.
    expect(accountStory(data, 'c', { period: { from: '2025-07', to: '2025-07' }, asOf: '2025-07-10' }).nextRenewal?.contractId).toBe('c3');
  });

  it('accountEvents: the dated events inside the period, by date', () => {
    const story = accountStory(dataset, 'a', { period: { from: '2024-12', to: '2025-02' } });
    expect(accountEvents(story).map((e) => [e.date, e.kind, e.id, e.arr, e.status, e.score, e.category, e.detail])).toEqual([
      // a1 ends (renewed by a2) on the last day of 2024, a2 starts the next day; a3 starts after the period.
      ['2024-12-31', 'contract-end', 'a1', 100, 'renewed', null, null, null],
      ['2025-01-01', 'contract-start', 'a2', 150, null, null, null, null],
      ['2025-01-05', 'nps', 'n1', null, null, 6, 'detractors', null],
      ['2025-02-01', 'lead', 'l1', 10, null, null, null, 'won'],
      ['2025-02-20', 'nps', 'n2', null, null, 9, 'promoters', null],
    ]);
    expect(accountEvents(story)[0]?.renewalContractId).toBe('a2');
  });

  it('an unknown id, or one outside a prepared view, is a RangeError naming it', () => {
    expect(() => accountStory(dataset, 'zz', { period: { from: '2025-01', to: '2025-02' } })).toThrow(/no account with id "zz"/);
    expect(() => prepareDataset(dataset).accountStory({ period: { from: '2025-01', to: '2025-02' }, accountIds: ['b'] }, 'a')).toThrow(RangeError);
  });
});
