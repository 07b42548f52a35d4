import { describe, expect, it } from 'vitest';
import { renewalFunnel, renewals } from './renewals.js';
import { account, contract } from '../test-support/builders.js';
import type { Dataset } from '../core/types.js';

// Due in Q1 2025 (asOf defaults to 2025-03-31), worked out by hand:
// c1 renewed on time at a higher ARR, c2 renewed early at a lower ARR, c3 renewed 20 days late,
// c4 ends on asOf (open), c5 never renewed. c0 ended in 2024 and is not due.
const data: Dataset = {
  accounts: ['a0', 'a1', 'a2', 'a3', 'a4', 'a5'].map((id) => account(id)),
  contracts: [
    contract('c0', 'a0', '2024-01-01', '2024-12-31', 999),
    contract('c1', 'a1', '2024-02-01', '2025-01-31', 100),
    contract('r1', 'a1', '2025-02-01', '2026-01-31', 120),
    contract('c2', 'a2', '2024-02-15', '2025-02-14', 200),
    contract('r2', 'a2', '2025-01-01', '2025-12-31', 150),
    contract('c3', 'a3', '2024-03-01', '2025-02-28', 300),
    contract('r3', 'a3', '2025-03-21', '2026-03-20', 300),
    contract('c4', 'a4', '2024-04-01', '2025-03-31', 400),
    contract('c5', 'a5', '2024-02-01', '2025-01-31', 500),
  ],
};
const period = { from: '2025-01', to: '2025-03' };

describe('renewals', () => {
  it('without grace: on-time and early renewals count, a late one is churn', () => {
    const s = renewals(data, { period });
    expect(s.items.map((i) => [i.contractId, i.status])).toEqual([
      ['c1', 'renewed'], ['c5', 'churned'], ['c2', 'renewed'], ['c3', 'churned'], ['c4', 'open'],
    ]);
    expect(s.due).toEqual({ count: 5, arr: 1500 });
    expect(s.renewed).toEqual({ count: 2, arr: 270 });
    expect(s.churned).toEqual({ count: 2, arr: 800 });
    expect(s.pending).toEqual({ count: 1, arr: 400 });
    expect(s.logoRate).toBe(0.4);
    expect(s.dollarRate).toBeCloseTo(270 / 1500, 12);
    // Gross caps c1's 120 at its due 100: (100 + 150) / 1500.
    expect(s.grossDollarRate).toBeCloseTo(250 / 1500, 12);
    expect(s.items.find((i) => i.contractId === 'c1')).toMatchObject({
      accountId: 'a1', dueArr: 100, renewalArr: 120, renewalContractId: 'r1', daysLate: 0, dueDate: '2025-01-31',
    });
  });

  it('with one grace month: the late renewal is renewed-late', () => {
    const s = renewals(data, { period, graceMonths: 1 });
    expect(s.items.find((i) => i.contractId === 'c3')).toMatchObject({ status: 'renewed-late', renewalArr: 300, daysLate: 20 });
    expect(s.renewed).toEqual({ count: 3, arr: 570 });
    expect(s.churned).toEqual({ count: 1, arr: 500 });
    expect(s.logoRate).toBe(0.6);
    expect(s.dollarRate).toBeCloseTo(570 / 1500, 12);
    expect(s.grossDollarRate).toBeCloseTo(550 / 1500, 12);
  });

  it('with two grace months: the unrenewed contract past its end is in grace and pending', () => {
    const s = renewals(data, { period, graceMonths: 2 });
    expect(s.items.find((i) => i.contractId === 'c5')?.status).toBe('in-grace');
    expect(s.churned).toEqual({ count: 0, arr: 0 });
    expect(s.pending).toEqual({ count: 2, arr: 900 });
  });

  it('a contract not yet ended at asOf is open, and pending stays in the denominator', () => {
    const s = renewals(data, { period, asOf: '2025-01-15' });
    expect(s.items.find((i) => i.contractId === 'c5')?.status).toBe('open');
    expect(s.items.find((i) => i.contractId === 'c3')?.status).toBe('open');
    expect(s.due.arr).toBe(1500);
  });

  it('a renewal above the due ARR lifts the dollar rate above 1; the gross rate stays capped at 1', () => {
    const up: Dataset = {
      accounts: [account('u')],
      contracts: [contract('u1', 'u', '2024-01-01', '2024-12-31', 100), contract('u2', 'u', '2025-01-01', '2025-12-31', 250)],
    };
    const s = renewals(up, { period: { from: '2024-12', to: '2024-12' } });
    expect(s.dollarRate).toBe(2.5);
    expect(s.grossDollarRate).toBe(1);
    expect(s.logoRate).toBe(1);
  });

  it('counts an account with two due contracts once in the logo rate', () => {
    const two: Dataset = {
      accounts: [account('t'), account('s')],
      contracts: [
        contract('t1', 't', '2024-01-01', '2024-12-31', 100),
        contract('t2', 't', '2024-01-01', '2024-12-31', 50),
        contract('t3', 't', '2025-01-01', '2025-12-31', 100),
        contract('s1', 's', '2024-01-01', '2024-12-31', 80),
      ],
    };
    const s = renewals(two, { period: { from: '2024-12', to: '2024-12' }, asOf: '2025-01-31' });
    // One renewal contract renews one due contract: t1 renews into t3, t2 was dropped.
    expect(s.items.map((i) => [i.contractId, i.status, i.renewalContractId])).toEqual([
      ['s1', 'churned', null], ['t1', 'renewed', 't3'], ['t2', 'churned', null],
    ]);
    expect(s.due).toEqual({ count: 3, arr: 230 });
    expect(s.logoRate).toBe(0.5);
    expect(s.dollarRate).toBeCloseTo(100 / 230, 12);
  });

  it('converts due and renewal ARR in other currencies', () => {
    const fx: Dataset = {
      currency: 'USD', fxRates: { EUR: 1.1, GBP: 1.25 },
      accounts: [account('e')],
      contracts: [
        contract('e1', 'e', '2024-01-01', '2024-12-31', 1000, { currency: 'EUR' }),
        contract('e2', 'e', '2025-01-01', '2025-12-31', 1000, { currency: 'GBP' }),
      ],
    };
    const s = renewals(fx, { period: { from: '2024-12', to: '2024-12' } });
    expect(s.due.arr).toBeCloseTo(1100, 9);
    expect(s.renewed.arr).toBeCloseTo(1250, 9);
    expect(s.dollarRate).toBeCloseTo(1250 / 1100, 12);
  });

  it('gives null rates for a period with nothing due', () => {
    const s = renewals({ accounts: [] }, { period });
    expect(s).toMatchObject({ logoRate: null, dollarRate: null, grossDollarRate: null, due: { count: 0, arr: 0 } });
  });

  it('clamps the grace deadline to the end of a short month', () => {
    // Ends 2024-12-30: the day after is 12-31, plus 2 months is Feb 28 2025 (31 clamps to 28).
    const clamp: Dataset = {
      accounts: [account('k')],
      contracts: [contract('k1', 'k', '2024-01-01', '2024-12-30', 10), contract('k2', 'k', '2025-02-28', '2026-02-27', 10)],
    };
    expect(renewals(clamp, { period: { from: '2024-12', to: '2024-12' }, graceMonths: 2 }).items[0]?.status).toBe('renewed-late');
    const late = { ...clamp, contracts: [clamp.contracts![0]!, contract('k2', 'k', '2025-03-01', '2026-02-28', 10)] };
    expect(renewals(late, { period: { from: '2024-12', to: '2024-12' }, graceMonths: 2, asOf: '2025-03-31' }).items[0]?.status).toBe('churned');
  });
});

describe('renewalFunnel', () => {
  it('narrows due -> renewed -> retained -> expanded with conversions', () => {
    const f = renewalFunnel(renewals(data, { period, graceMonths: 1 }));
    expect(f.stages).toEqual([
      { stage: 'due', count: 5, dueArr: 1500, renewalArr: 570, conversion: 1 },
      { stage: 'renewed', count: 3, dueArr: 600, renewalArr: 570, conversion: 0.6 },
      { stage: 'retained', count: 2, dueArr: 400, renewalArr: 420, conversion: 2 / 3 },
      { stage: 'expanded', count: 1, dueArr: 100, renewalArr: 120, conversion: 0.5 },
    ]);
  });

  it('has null conversions when nothing is due', () => {
    const f = renewalFunnel(renewals({ accounts: [] }, { period }));
    expect(f.stages.map((s) => s.conversion)).toEqual([null, null, null, null]);
  });
});
