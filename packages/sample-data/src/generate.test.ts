import { arrMovements, daysBetween, healthValidation, renewals, targetProgress, validateDataset, type Dataset } from '@cskit/metrics';
import { describe, expect, it } from 'vitest';
import { generateDataset, generateDatasetChunks, SAMPLE_HEALTH_MODEL, SERVICE_HEALTH_MODEL } from './generate.js';

const options = { seed: 7, accounts: 600, months: 36, start: '2023-01' };
const data = generateDataset(options);
const window = { from: '2023-01', to: '2025-12' };

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

describe('generateDataset', () => {
  it('is deterministic: the same seed gives the same data, another seed other data', () => {
    expect(JSON.stringify(generateDataset(options))).toBe(JSON.stringify(data));
    expect(JSON.stringify(generateDataset({ ...options, seed: 8 }))).not.toBe(JSON.stringify(data));
  });

  it('emits measures for the sample model from their own stream: without them every other record is the same', () => {
    const keys = new Set((data.measures ?? []).map((m) => m.key));
    expect([...keys].sort()).toEqual(['complaints', 'coreFeatureUse', 'responseHours']);
    const { measures: _measures, ...rest } = data;
    expect(JSON.stringify(generateDataset({ ...options, measures: false }))).toBe(JSON.stringify(rest));
    // Lower response hours and fewer complaints go with renewals: the measures follow the experience score.
    const validation = healthValidation(data, { period: window, model: SAMPLE_HEALTH_MODEL, graceMonths: 1 });
    expect(validation.monotonic).toBe(true);
    expect(validation.auc).toBeGreaterThan(0.6);
  });

  it.each([1, 2, 3, 42])('passes validateDataset with zero errors (seed %i)', (seed) => {
    const { issues } = validateDataset(generateDataset({ seed, accounts: 400 }));
    expect(issues.filter((issue) => issue.severity === 'error')).toEqual([]);
  });

  it('has every collection, the requested accounts, and months only inside the window', () => {
    expect(data.accounts).toHaveLength(600);
    for (const key of ['contracts', 'health', 'nps', 'activity', 'leads', 'advocacy', 'revenue', 'csms'] as const) {
      expect((data[key] ?? []).length, key).toBeGreaterThan(0);
    }
    const months = new Set((data.health ?? []).map((h) => h.month));
    expect([...months].sort()[0]).toBe('2023-01');
    expect([...months].sort().at(-1)).toBe('2025-12');
  });

  it('spreads accounts over segments with different ARR scales, regions, channels, industries, reps and CSMs', () => {
    const count = (field: 'segment' | 'region' | 'channel' | 'industry' | 'salesRepId' | 'csmId') =>
      new Set(data.accounts.map((a) => a[field])).size;
    expect(count('segment')).toBe(3);
    expect(count('region')).toBeGreaterThanOrEqual(4);
    expect(count('channel')).toBeGreaterThanOrEqual(2);
    expect(count('industry')).toBeGreaterThanOrEqual(5);
    expect(count('salesRepId')).toBeGreaterThanOrEqual(3);
    expect(count('csmId')).toBeGreaterThanOrEqual(3);
    const segmentOf = new Map(data.accounts.map((a) => [a.id, a.segment]));
    const arrOf = (segment: string) => mean((data.contracts ?? []).filter((c) => segmentOf.get(c.accountId) === segment && !c.currency).map((c) => c.arr));
    expect(arrOf('KA')).toBeGreaterThan(3 * arrOf('MM'));
    expect(arrOf('MM')).toBeGreaterThan(3 * arrOf('SMB'));
  });

  it('has annual and monthly terms, foreign currencies and opt-out dates', () => {
    const days = (data.contracts ?? []).map((c) => daysBetween(c.start, c.end as string));
    expect(days.some((d) => d < 32)).toBe(true);
    expect(days.some((d) => d > 360)).toBe(true);
    expect(new Set((data.contracts ?? []).map((c) => c.currency ?? 'USD')).size).toBeGreaterThanOrEqual(3);
    expect((data.contracts ?? []).some((c) => c.optOutDate)).toBe(true);
  });

  it('tells a story: new, expansion, contraction, churn, reactivation, and late renewals', () => {
    const w = arrMovements(data, { period: window });
    expect(w.new).toBeGreaterThan(0);
    expect(w.expansion).toBeGreaterThan(0);
    expect(w.contraction).toBeLessThan(0);
    expect(w.churn).toBeLessThan(0);
    expect(w.reactivation).toBeGreaterThan(0);
    const statuses = new Set(renewals(data, { period: window, graceMonths: 3 }).items.map((i) => i.status));
    expect(statuses).toEqual(new Set(['renewed', 'renewed-late', 'churned', 'in-grace', 'open']));
  });

  it('correlates health and activity with churn', () => {
    const summary = renewals(data, { period: { from: '2024-01', to: '2025-06' }, graceMonths: 3 });
    const lastHealth = new Map<string, number>();
    for (const h of data.health ?? []) lastHealth.set(`${h.accountId}|${h.month}`, h.outcome);
    const outcomeAtDue = (status: string) => mean(summary.items.filter((i) => i.status === status)
      .map((i) => lastHealth.get(`${i.accountId}|${i.dueDate.slice(0, 7)}`)).filter((v): v is number => v !== undefined));
    expect(outcomeAtDue('churned')).toBeLessThan(outcomeAtDue('renewed') - 10);
    const rate = (d: Dataset, low: boolean) => mean((d.activity ?? []).filter((a) => (lastHealth.get(`${a.accountId}|${a.month}`) ?? 0) < 50 === low).map((a) => a.activeUsers / a.licensedUsers));
    expect(rate(data, true)).toBeLessThan(rate(data, false));
  });

  it('streams the same dataset in blocks of accounts, each account before its records', () => {
    const whole = generateDataset({ seed: 9, accounts: 130 });
    const joined: Record<string, unknown[]> = {};
    const seen = new Set<string>();
    for (const chunk of generateDatasetChunks({ seed: 9, accounts: 130, blockAccounts: 40 })) {
      if (!('collection' in chunk)) {
        expect(chunk).toEqual({ currency: whole.currency, fxRates: whole.fxRates });
        continue;
      }
      for (const record of chunk.records as Array<{ id?: string; accountId?: string }>) {
        if (chunk.collection === 'accounts') seen.add(record.id as string);
        else if (record.accountId !== undefined) expect(seen.has(record.accountId)).toBe(true);
        (joined[chunk.collection] ??= []).push(record);
      }
    }
    for (const name of ['csms', 'accounts', 'contracts', 'health', 'activity', 'nps', 'leads', 'advocacy', 'revenue', 'measures'] as const) {
      expect(joined[name] ?? [], name).toEqual(whole[name] ?? []);
    }
  });

  it('rejects bad options', () => {
    expect(() => generateDataset({ accounts: -1 })).toThrow(/accounts/);
    expect(() => generateDataset({ start: '2023-13' })).toThrow(/start/);
  });
});

describe('the service side, roles and targets (SPEC 1, 12, 14)', () => {
  it('come from their own streams: without them every other record is the same; roles add up to the account', () => {
    const plain = generateDataset({ ...options, tickets: false, roles: false, targets: false });
    const { tickets: _tickets, targets: _targets, activity, ...rest } = data;
    const { activity: plainActivity, ...plainRest } = plain;
    expect(JSON.stringify(plainRest)).toBe(JSON.stringify(rest));
    // Each account-month's roles sum to the record without roles, within each role's seats.
    const sums = new Map<string, [number, number]>();
    for (const record of activity ?? []) {
      expect(record.role).toBeDefined();
      expect(record.activeUsers).toBeGreaterThanOrEqual(0);
      expect(record.activeUsers).toBeLessThanOrEqual(record.licensedUsers);
      const key = `${record.accountId}|${record.month}`;
      const sum = sums.get(key) ?? [0, 0];
      sums.set(key, [sum[0] + record.activeUsers, sum[1] + record.licensedUsers]);
    }
    expect(sums.size).toBe((plainActivity ?? []).length);
    for (const record of plainActivity ?? []) expect(sums.get(`${record.accountId}|${record.month}`)).toEqual([record.activeUsers, record.licensedUsers]);
  });

  it('tickets follow the experience: the seed-004 model from them is validated by renewals', () => {
    const tickets = data.tickets ?? [];
    expect(tickets.length).toBeGreaterThan(1000);
    expect(new Set(tickets.map((t) => t.type))).toEqual(new Set(['incident', 'how-to', 'request']));
    expect(tickets.some((t) => t.complaint === 'stability') && tickets.some((t) => t.origin === 'proactive')).toBe(true);
    const validation = healthValidation(data, { period: window, model: SERVICE_HEALTH_MODEL, graceMonths: 1 });
    expect(validation.monotonic).toBe(true);
    expect(validation.auc).toBeGreaterThan(0.6);
  });

  it('targets: three per CSM, one NRR per team and the company\'s net new ARR, over the last 12 months', () => {
    const targets = data.targets ?? [];
    const csms = data.csms ?? [];
    expect(targets.filter((t) => t.csmId !== undefined)).toHaveLength(csms.length * 3);
    expect(targets.filter((t) => t.team !== undefined).map((t) => t.team)).toEqual([...new Set(csms.map((c) => c.team))].sort());
    expect(targets.filter((t) => t.csmId === undefined && t.team === undefined).map((t) => t.metric)).toEqual(['netNewArr']);
    for (const target of targets) expect(target.period).toEqual({ from: '2025-01', to: '2025-12' });
    const progress = targetProgress(data, { asOf: '2025-12-31' });
    expect(progress.items.every((item) => item.actual !== null || item.target.metric === 'dollarRenewalRate')).toBe(true);
  });
});
