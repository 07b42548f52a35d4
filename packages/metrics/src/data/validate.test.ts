import { describe, expect, it } from 'vitest';
import { validateDataset } from './validate.js';
import type { DataIssue } from '../core/types.js';

const goodAccount = { id: 'a1', name: 'Acme', signedAt: '2024-01-15' };
const csms = [{ id: 'm1', name: 'Mei' }];

/** Validates `records` in `collection` beside a valid account, and returns the issues and kept records. */
function check(collection: string, records: unknown[], extra: Record<string, unknown> = {}) {
  const { dataset, issues } = validateDataset({ accounts: [goodAccount], csms, ...extra, [collection]: records });
  return { kept: (dataset as unknown as Record<string, unknown[]>)[collection] ?? [], issues };
}

function only(issues: DataIssue[]): DataIssue {
  expect(issues).toHaveLength(1);
  return issues[0] as DataIssue;
}

describe('validateDataset', () => {
  it('accepts a valid dataset with no issues and defaults the currency', () => {
    const { dataset, issues } = validateDataset({ accounts: [goodAccount] });
    expect(issues).toEqual([]);
    expect(dataset.currency).toBe('USD');
    expect(dataset.accounts).toEqual([goodAccount]);
  });

  it('throws a TypeError for non-object input', () => {
    expect(() => validateDataset('accounts')).toThrow(TypeError);
    expect(() => validateDataset(null)).toThrow(/expected a dataset object/);
    expect(() => validateDataset([1])).toThrow(/got an array/);
  });

  it('reports a missing accounts collection and a collection that is not an array', () => {
    expect(validateDataset({}).issues).toEqual([
      { severity: 'error', collection: 'accounts', index: -1, message: "missing required collection 'accounts'" },
    ]);
    const issue = only(validateDataset({ accounts: [], contracts: 'x' }).issues);
    expect(issue).toMatchObject({ collection: 'contracts', index: -1 });
  });

  it('a missing required field', () => {
    const { kept, issues } = check('accounts', [{ id: 'a2', signedAt: '2024-01-01' }, { id: 'a3', name: 'B', signedAt: '2024-01-01' }]);
    expect(only(issues)).toEqual({ severity: 'error', collection: 'accounts', index: 0, id: 'a2', field: 'name', message: "missing required field 'name'" });
    expect(kept.map((a) => (a as { id: string }).id)).toEqual(['a3']);
  });

  it('a wrong type', () => {
    const { kept, issues } = check('contracts', [
      { id: 'c1', accountId: 'a1', start: '2024-01-01', end: '2024-12-31', arr: '100' },
      { id: 'c2', accountId: 'a1', start: '2025-01-01', end: '2025-12-31', arr: 100 },
    ]);
    expect(only(issues)).toMatchObject({ collection: 'contracts', index: 0, id: 'c1', field: 'arr', message: expect.stringMatching(/wrong type: expected a number, got the string "100"/) });
    expect(kept).toHaveLength(1);
  });

  it('an invalid date and an invalid month', () => {
    const dates = check('accounts', [{ id: 'a2', name: 'B', signedAt: '2025-02-29' }]);
    expect(only(dates.issues)).toMatchObject({ collection: 'accounts', index: 0, field: 'signedAt', message: expect.stringMatching(/invalid date "2025-02-29"/) });
    const months = check('arr', [{ accountId: 'a1', month: '2025-13', arr: 1 }, { accountId: 'a1', month: '2025-12', arr: 1 }]);
    expect(only(months.issues)).toMatchObject({ collection: 'arr', index: 0, field: 'month', message: expect.stringMatching(/invalid month "2025-13"/) });
    expect(months.kept).toHaveLength(1);
  });

  it('a non-finite number', () => {
    const { issues } = check('arr', [{ accountId: 'a1', month: '2025-01', arr: Number.NaN }]);
    expect(only(issues)).toMatchObject({ collection: 'arr', index: 0, field: 'arr', message: expect.stringMatching(/finite/) });
  });

  it('a negative arr', () => {
    const { issues } = check('contracts', [{ id: 'c1', accountId: 'a1', start: '2024-01-01', end: '2024-12-31', arr: -5 }]);
    expect(only(issues)).toMatchObject({ collection: 'contracts', index: 0, id: 'c1', field: 'arr', message: 'must not be negative, got -5' });
  });

  it('end before start', () => {
    const { issues } = check('contracts', [{ id: 'c1', accountId: 'a1', start: '2024-06-01', end: '2024-05-31', arr: 5 }]);
    expect(only(issues)).toMatchObject({ collection: 'contracts', index: 0, field: 'end', message: 'end 2024-05-31 is before start 2024-06-01' });
  });

  it('health scores outside 0..100', () => {
    const { kept, issues } = check('health', [
      { accountId: 'a1', month: '2025-01', outcome: 101, experience: 50 },
      { accountId: 'a1', month: '2025-02', outcome: 50, experience: -1 },
      { accountId: 'a1', month: '2025-03', outcome: 100, experience: 0 },
    ]);
    expect(issues.map((i) => [i.index, i.field, i.message])).toEqual([
      [0, 'outcome', 'must be between 0 and 100, got 101'],
      [1, 'experience', 'must be between 0 and 100, got -1'],
    ]);
    expect(kept).toHaveLength(1);
  });

  it('an NPS score that is not an integer 0..10', () => {
    const { kept, issues } = check('nps', [
      { date: '2025-01-01', score: 11 },
      { date: '2025-01-01', score: 7.5 },
      { date: '2025-01-01', score: 10, accountId: 'a1' },
    ]);
    expect(issues.map((i) => [i.collection, i.index, i.field])).toEqual([['nps', 0, 'score'], ['nps', 1, 'score']]);
    expect(issues[0]?.message).toBe('must be an integer from 0 to 10, got 11');
    expect(kept).toHaveLength(1);
  });

  it('activeUsers < 0 and licensedUsers <= 0 are errors; activeUsers > licensedUsers is a warning', () => {
    const { kept, issues } = check('activity', [
      { accountId: 'a1', month: '2025-01', activeUsers: -1, licensedUsers: 10 },
      { accountId: 'a1', month: '2025-02', activeUsers: 1, licensedUsers: 0 },
      { accountId: 'a1', month: '2025-03', activeUsers: 12, licensedUsers: 10 },
    ]);
    expect(issues.map((i) => [i.severity, i.index, i.field])).toEqual([
      ['error', 0, 'activeUsers'], ['error', 1, 'licensedUsers'], ['warning', 2, 'activeUsers'],
    ]);
    expect(issues[1]?.message).toBe('must be greater than 0, got 0');
    expect(kept).toHaveLength(1);
  });

  it('activity by role: one record per account, month and role; different roles are kept and add up', () => {
    const { kept, issues } = check('activity', [
      { accountId: 'a1', month: '2025-01', activeUsers: 3, licensedUsers: 4, role: 'admin' },
      { accountId: 'a1', month: '2025-01', activeUsers: 20, licensedUsers: 40, role: 'end user' },
      { accountId: 'a1', month: '2025-01', activeUsers: 1, licensedUsers: 4, role: 'admin' },
      { accountId: 'a1', month: '2025-02', activeUsers: 5, licensedUsers: 9 },
      { accountId: 'a1', month: '2025-02', activeUsers: 6, licensedUsers: 9 },
    ]);
    expect(issues.map((i) => [i.severity, i.index, i.field, i.message])).toEqual([
      ['error', 2, 'role', "a second activity record of role 'admin' for account 'a1' in 2025-01 (the first is kept)"],
      ['error', 4, 'month', "a second activity record without a role for account 'a1' in 2025-02 (the first is kept)"],
    ]);
    expect(kept).toHaveLength(3);
  });

  it('tickets: times not negative, CSAT 1..5, the enums of SPEC 1, a known account', () => {
    const { kept, issues } = check('tickets', [
      { id: 't1', accountId: 'a1', openedAt: '2025-01-02', firstResponseMinutes: 30, resolutionMinutes: 600, type: 'incident', origin: 'reactive', csat: 4, complaint: 'stability' },
      { id: 't2', accountId: 'a1', openedAt: '2025-01-03', firstResponseMinutes: -5 },
      { id: 't3', accountId: 'a1', openedAt: '2025-01-04', csat: 0 },
      { id: 't4', accountId: 'a1', openedAt: '2025-01-05', type: 'bug', origin: 'outbound' },
      { id: 't5', accountId: 'zz', openedAt: '2025-02-30' },
      { id: 't6', accountId: 'a1', openedAt: '2025-01-06', csat: 4.5, resolutionMinutes: 0 },
    ]);
    expect(kept.map((t) => (t as { id: string }).id)).toEqual(['t1', 't6']);
    expect(issues.map((i) => [i.id, i.field, i.message])).toEqual([
      ['t2', 'firstResponseMinutes', 'must not be negative, got -5'],
      ['t3', 'csat', 'must be between 1 and 5, got 0'],
      ['t4', 'type', 'must be one of incident, how-to, request, got "bug"'],
      ['t4', 'origin', 'must be one of proactive, reactive, got "outbound"'],
      ['t5', 'accountId', "unknown account 'zz'"],
      ['t5', 'openedAt', 'invalid date "2025-02-30": expected an existing date \'YYYY-MM-DD\''],
    ]);
  });

  it('targets: a CSM, a team or the company; a period of two months in order; a known metric; a finite value', () => {
    const period = { from: '2025-01', to: '2025-12' };
    const { kept, issues } = check('targets', [
      { csmId: 'm1', period, metric: 'expansionArr', value: 250000 },
      { team: 'APAC', period, metric: 'nrr', value: 1.05 },
      { period, metric: 'grr', value: 0.9 },
      { id: 'x1', csmId: 'm1', team: 'APAC', period, metric: 'nrr', value: 1 },
      { id: 'x2', period: { from: '2025-12', to: '2025-01' }, metric: 'nrr', value: 1 },
      { id: 'x3', period: '2025', metric: 'arr', value: Number.POSITIVE_INFINITY },
      { id: 'x4', csmId: 'nobody', period, metric: 'csqlCount', value: 5 },
    ]);
    expect(kept).toHaveLength(3);
    expect(issues.map((i) => [i.id, i.field, i.message])).toEqual([
      ['x1', 'team', "a target is for a CSM (csmId 'm1') or a team (team 'APAC'), not both"],
      ['x2', 'period', 'invalid period: from 2025-12 is after to 2025-01'],
      ['x3', 'period', "wrong type: expected a period { from: 'YYYY-MM', to: 'YYYY-MM' }, got the string \"2025\""],
      ['x3', 'metric', expect.stringMatching(/^must be one of logoRenewalRate, dollarRenewalRate, nrr, .*, got "arr"$/)],
      ['x3', 'value', 'must be a finite number, got Infinity'],
      ['x4', 'csmId', "unknown CSM 'nobody'"],
    ]);
  });

  it('unknown accountId and csmId references', () => {
    const leads = check('leads', [{ id: 'l1', accountId: 'zz', createdAt: '2025-01-01', stage: 'won' }]);
    expect(only(leads.issues)).toMatchObject({ collection: 'leads', index: 0, id: 'l1', field: 'accountId', message: "unknown account 'zz'" });
    const accounts = check('accounts', [{ id: 'a2', name: 'B', signedAt: '2024-01-01', csmId: 'm9' }]);
    expect(only(accounts.issues)).toMatchObject({ collection: 'accounts', index: 0, field: 'csmId', message: "unknown CSM 'm9'" });
  });

  it('names the rejected account behind a dependent record', () => {
    const { issues } = validateDataset({
      accounts: [{ id: 'a1', name: 'A', signedAt: 'soon' }],
      contracts: [{ id: 'c1', accountId: 'a1', start: '2024-01-01', end: '2024-12-31', arr: 1 }],
    });
    expect(issues.map((i) => [i.collection, i.field])).toEqual([['accounts', 'signedAt'], ['contracts', 'accountId']]);
    expect(issues[1]?.message).toMatch(/account 'a1', which was rejected/);
  });

  it('a duplicate id keeps the first record', () => {
    const { kept, issues } = check('advocacy', [
      { id: 'v1', accountId: 'a1', date: '2025-01-01', kind: 'event' },
      { id: 'v1', accountId: 'a1', date: '2025-02-01', kind: 'reference' },
    ]);
    expect(only(issues)).toMatchObject({ collection: 'advocacy', index: 1, id: 'v1', field: 'id', message: expect.stringMatching(/duplicate id 'v1'/) });
    expect(kept).toEqual([{ id: 'v1', accountId: 'a1', date: '2025-01-01', kind: 'event' }]);
  });

  it('two ARR or health snapshots for one account and month report the later one', () => {
    const arr = check('arr', [{ accountId: 'a1', month: '2025-01', arr: 1 }, { accountId: 'a1', month: '2025-01', arr: 2 }]);
    expect(only(arr.issues)).toMatchObject({ collection: 'arr', index: 1, field: 'month' });
    expect(arr.kept).toEqual([{ accountId: 'a1', month: '2025-01', arr: 1 }]);
    const health = check('health', [
      { accountId: 'a1', month: '2025-01', outcome: 1, experience: 1 },
      { accountId: 'a1', month: '2025-01', outcome: 2, experience: 2 },
    ]);
    expect(only(health.issues)).toMatchObject({ collection: 'health', index: 1, field: 'month' });
  });

  it('a currency without a rate is an error; the reporting currency needs none', () => {
    const { kept, issues } = check('contracts', [
      { id: 'c1', accountId: 'a1', start: '2024-01-01', end: '2024-12-31', arr: 1, currency: 'JPY' },
      { id: 'c2', accountId: 'a1', start: '2025-01-01', end: '2025-12-31', arr: 1, currency: 'EUR' },
      { id: 'c3', accountId: 'a1', start: '2026-01-01', end: '2026-12-31', arr: 1, currency: 'USD' },
    ], { fxRates: { EUR: 1.1 } });
    expect(only(issues)).toMatchObject({ collection: 'contracts', index: 0, field: 'currency', message: expect.stringMatching(/'JPY' has no rate/) });
    expect(kept).toHaveLength(2);
  });

  it('warns about contracts of one account overlapping by more than 31 days', () => {
    const { kept, issues } = check('contracts', [
      { id: 'c1', accountId: 'a1', start: '2024-01-01', end: '2024-12-31', arr: 1 },
      { id: 'c2', accountId: 'a1', start: '2024-12-01', end: '2025-11-30', arr: 1 }, // 31 days: fine
      { id: 'c3', accountId: 'a1', start: '2025-10-30', end: '2026-10-29', arr: 1 }, // 32 days with c2
    ]);
    expect(only(issues)).toMatchObject({ severity: 'warning', collection: 'contracts', index: 2, id: 'c3', message: expect.stringMatching(/overlaps contract 'c2' .* by 32 days/) });
    expect(kept).toHaveLength(3);
  });

  it('two open-ended contracts of one account overlap from the later start on, never "by Infinity days"', () => {
    const { issues } = check('contracts', [
      { id: 'c1', accountId: 'a1', start: '2024-01-01', arr: 1 },
      { id: 'c2', accountId: 'a1', start: '2025-01-01', arr: 1 },
    ]);
    expect(only(issues).message).toBe("contract 'c2' overlaps contract 'c1' of account 'a1' from its start on: both are open-ended");
  });

  it('rejects enum values outside the contract', () => {
    const { issues } = check('revenue', [{ id: 'r1', accountId: 'a1', date: '2025-01-01', arr: 5, source: 'magic' }]);
    expect(only(issues)).toMatchObject({ collection: 'revenue', field: 'source', message: expect.stringMatching(/must be one of poc, referral/) });
  });
});
