import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { healthDrivers } from './health-drivers.js';
import { healthScores } from './health.js';
import { resolveHealthModel, type HealthModelInput } from '../model/health-model.js';
import { prepareDataset } from '../engine/prepared.js';
import { prepareInSlices } from '../engine/prepare-sliced.js';
import { activityMatrix, activityRateAt, activityRoles } from '../data/monthly-records.js';
import { indexDataset } from '../data/dataset-index.js';
import { monthIndex } from '../core/dates.js';
import type { Dataset, Ticket } from '../core/types.js';

const account = (id: string) => ({ id, name: id.toUpperCase(), signedAt: '2024-01-01' });
const ticket = (id: string, openedAt: string, extra: Partial<Ticket> = {}): Ticket => ({ id, accountId: 'a', openedAt, ...extra });

// Account a's tickets, worked by hand (SPEC 12, window of 3 months):
//   t1 2025-01-05 incident  first response 120 min (2 h), resolved 600 min (10 h), proactive, CSAT 4, stability
//   t2 2025-01-20 how-to    first response 240 min (4 h), resolved 180 min (3 h), reactive,  CSAT 5
//   t3 2025-02-10 incident  first response 60 min  (1 h), not resolved,            reactive,  CSAT 2, usability
//   t4 2025-04-02 request   no response yet,              resolved 1200 min (20 h), no origin, stability
// In 2025-03 (window Jan..Mar: t1, t2, t3):
//   firstResponseHours: median(2, 4, 1) = 2;  resolutionHours: median(10, 3) = 6.5 (even: mean of the middle two)
//   resolutionHours.incident: median(10) = 10; csat: (4 + 5 + 2) / 3 = 11 / 3; proactiveShare: 1 / 3
//   complaints.stability 1, complaints.usability 1
// In 2025-05 (window Mar..May: t4): firstResponseHours no value; resolutionHours 20; csat no value;
//   proactiveShare no value (no origin); complaints.stability 1, usability 0.
// In 2025-08 (window Jun..Aug: none): every figure has no value but the complaint counts, which are 0.
const tickets: Ticket[] = [
  ticket('t1', '2025-01-05', { type: 'incident', firstResponseMinutes: 120, resolutionMinutes: 600, origin: 'proactive', csat: 4, complaint: 'stability' }),
  ticket('t2', '2025-01-20', { type: 'how-to', firstResponseMinutes: 240, resolutionMinutes: 180, origin: 'reactive', csat: 5 }),
  ticket('t3', '2025-02-10', { type: 'incident', firstResponseMinutes: 60, origin: 'reactive', csat: 2, complaint: 'usability' }),
  ticket('t4', '2025-04-02', { type: 'request', resolutionMinutes: 1200, complaint: 'stability' }),
];
const KEYS = [
  'tickets.firstResponseHours', 'tickets.resolutionHours', 'tickets.resolutionHours.incident', 'tickets.csat',
  'tickets.proactiveShare', 'tickets.complaints.stability', 'tickets.complaints.usability',
];
// Floors and targets chosen so a score reads back its value: score = 100 x value / 10 (value 0..10).
const experience = KEYS.map((key) => ({ key, weight: 1, floor: 0, target: 10 }));
const dataset: Dataset = {
  accounts: [account('a'), account('b')],
  tickets,
  health: [{ accountId: 'a', month: '2024-01', outcome: 70, experience: 0 }, { accountId: 'b', month: '2024-01', outcome: 70, experience: 0 }],
};
const model: HealthModelInput = { components: { experience } };
const values = (month: string) => {
  const drivers = healthDrivers(dataset, { month, model }).accounts.find((d) => d.accountId === 'a');
  return Object.fromEntries((drivers?.components ?? []).filter((c) => c.side === 'experience').map((c) => [c.key, c.value]));
};

describe('ticket components (SPEC 12), worked by hand', () => {
  it('reads the tickets opened in the 3 months ending with m', () => {
    expect(values('2025-03')).toEqual({
      'tickets.firstResponseHours': 2, 'tickets.resolutionHours': 6.5, 'tickets.resolutionHours.incident': 10, 'tickets.csat': 11 / 3,
      'tickets.proactiveShare': 1 / 3, 'tickets.complaints.stability': 1, 'tickets.complaints.usability': 1,
    });
    expect(values('2025-05')).toEqual({
      'tickets.firstResponseHours': null, 'tickets.resolutionHours': 20, 'tickets.resolutionHours.incident': null, 'tickets.csat': null,
      'tickets.proactiveShare': null, 'tickets.complaints.stability': 1, 'tickets.complaints.usability': 0,
    });
  });

  it('a month without tickets: complaint counts are 0, the rest have no value; before the first ticket too', () => {
    const none = { 'tickets.complaints.stability': 0, 'tickets.complaints.usability': 0 };
    const empty = Object.fromEntries(KEYS.map((key) => [key, none[key as keyof typeof none] ?? null]));
    expect(values('2025-08')).toEqual(empty);
    expect(values('2030-01')).toEqual(empty);
    expect(values('2024-06')).toEqual(empty);
    // b has no ticket: its experience is (0 + 0) / 2 counts over the two complaint components = 0 (score 0 of target 10).
    const b = healthScores(dataset, { month: '2025-03', model }).accounts.find((s) => s.accountId === 'b');
    expect(b?.experience).toBe(0);
  });

  it('scores follow: the side is the weighted mean over the components with a value', () => {
    // 2025-03: scores 20, 65, 100, 36.67, 3.33, 10, 10 -> experience = (20 + 65 + 100 + 110/3 + 10/3 + 10 + 10) / 7.
    const a = healthScores(dataset, { month: '2025-03', model }).accounts.find((s) => s.accountId === 'a');
    expect(a?.experience).toBeCloseTo((20 + 65 + 100 + 110 / 3 + 10 / 3 + 10 + 10) / 7, 9);
    // ticketMonths 1: only 2025-03's tickets (none): the complaint counts alone, 0.
    const narrow = healthScores(dataset, { month: '2025-03', model: { ...model, ticketMonths: 1 } }).accounts.find((s) => s.accountId === 'a');
    expect(narrow?.experience).toBe(0);
  });

  it('the full engine, the compact engine and the streaming builder agree', async () => {
    const full = prepareDataset(dataset);
    const compact = prepareDataset(dataset, { compact: true });
    const streamed = (await prepareInSlices(dataset, { sliceMs: 0 })).engine;
    const wire = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;
    for (const month of ['2024-12', '2025-01', '2025-03', '2025-05', '2025-08']) {
      const view = { period: { from: month, to: month }, model };
      const expected = wire([full.summary(view), full.rows(view, 'accounts', { limit: 10 })]);
      expect(wire([compact.summary(view), compact.rows(view, 'accounts', { limit: 10 })])).toEqual(expected);
      expect(wire([streamed.summary(view), streamed.rows(view, 'accounts', { limit: 10 })])).toEqual(expected);
    }
  });

  it('refuses a ticket key it does not know and a ticketMonths out of range', () => {
    expect(() => resolveHealthModel({ components: { experience: [{ key: 'tickets.speed', weight: 1, floor: 0, target: 1 }] } })).toThrow(/tickets.speed.*not a ticket component/);
    expect(() => resolveHealthModel({ ticketMonths: 0 })).toThrow(/model.ticketMonths/);
    expect(() => resolveHealthModel({ ticketMonths: 1.5 })).toThrow(/model.ticketMonths/);
  });
});

// Activity by role (SPEC 1, 12): a's records in 2025-01, worked by hand:
//   owner 1/1, admin 2/4, end-user 10/40 -> account rate (1 + 2 + 10) / (1 + 4 + 40) = 13/45;
//   activityRate.admin = 2/4 = 0.5; activityRate.end-user = 10/40 = 0.25; activityRate.staff (no record) = 0.
// In 2025-02 only admin 3/4: account rate 0.75, end-user 0.
const roles: Dataset = {
  accounts: [account('a')],
  activity: [
    { accountId: 'a', month: '2025-01', activeUsers: 1, licensedUsers: 1, role: 'owner' },
    { accountId: 'a', month: '2025-01', activeUsers: 2, licensedUsers: 4, role: 'admin' },
    { accountId: 'a', month: '2025-01', activeUsers: 10, licensedUsers: 40, role: 'end-user' },
    { accountId: 'a', month: '2025-02', activeUsers: 3, licensedUsers: 4, role: 'admin' },
  ],
};
const roleModel: HealthModelInput = {
  weights: { outcome: 1, experience: 0 },
  components: {
    outcome: ['activityRate', 'activityRate.admin', 'activityRate.end-user', 'activityRate.staff'].map((key) => ({ key, weight: 1, floor: 0, target: 1 })),
    experience: [{ key: 'activityRate', weight: 1, floor: 0, target: 1 }],
  },
};

describe('activity by role (SPEC 1, 12), worked by hand', () => {
  it('activityRate.<role> reads that role\'s records alone; the account rate sums every role', () => {
    const read = (month: string) => Object.fromEntries((healthDrivers(roles, { month, model: roleModel }).accounts[0]?.components ?? [])
      .filter((c) => c.side === 'outcome').map((c) => [c.key, c.value]));
    expect(read('2025-01')).toEqual({ activityRate: 13 / 45, 'activityRate.admin': 0.5, 'activityRate.end-user': 0.25, 'activityRate.staff': 0 });
    expect(read('2025-02')).toEqual({ activityRate: 0.75, 'activityRate.admin': 0.75, 'activityRate.end-user': 0, 'activityRate.staff': 0 });
    // Outcome in 2025-01: 100 x (13/45 + 0.5 + 0.25 + 0) / 4.
    expect(healthScores(roles, { month: '2025-01', model: roleModel }).accounts[0]?.outcome).toBeCloseTo((100 * (13 / 45 + 0.75)) / 4, 9);
  });

  it('property: the roles\' users add up to the account\'s, whatever the split', () => {
    const record = fc.record({ month: fc.constantFrom('2025-01', '2025-02', '2025-03'), role: fc.constantFrom('owner', 'admin', 'staff', 'end-user', undefined), active: fc.nat(50), extra: fc.nat(50) });
    fc.assert(fc.property(fc.array(record, { maxLength: 30 }), (records) => {
      const seen = new Set<string>();
      const activity = records.filter((r) => !seen.has(`${r.month}|${r.role}`) && seen.add(`${r.month}|${r.role}`))
        .map((r) => ({ accountId: 'a', month: r.month, activeUsers: r.active, licensedUsers: r.active + r.extra, ...(r.role ? { role: r.role } : {}) }));
      const index = indexDataset({ accounts: [account('a')], activity });
      const whole = activityMatrix(index);
      const byRole = activityRoles(index);
      for (const month of ['2025-01', '2025-02', '2025-03']) {
        const m = monthIndex(month);
        let active = 0;
        let licensed = 0;
        for (const r of activity) if (r.month === month) { active += r.activeUsers; licensed += r.licensedUsers; }
        expect(activityRateAt(whole, 0, m)).toBe(licensed > 0 ? active / licensed : 0);
        let roleActive = 0;
        let roleLicensed = 0;
        for (const name of byRole.names) {
          const matrix = byRole.matrices.get(name);
          const offset = m - (matrix?.start ?? 0);
          if (!matrix || offset < 0 || offset >= matrix.count) continue;
          roleActive += matrix.active[offset] as number;
          roleLicensed += matrix.licensed[offset] as number;
        }
        const none = activity.filter((r) => r.month === month && r.role === undefined);
        expect(roleActive + none.reduce((s, r) => s + r.activeUsers, 0)).toBe(active);
        expect(roleLicensed + none.reduce((s, r) => s + r.licensedUsers, 0)).toBe(licensed);
      }
    }), { numRuns: 60 });
  });
});
