import { describe, expect, it } from 'vitest';
import { earlyWarnings } from './early-warnings.js';
import { account, contract } from '../test-support/builders.js';
import type { ActivityRecord, Dataset } from '../core/types.js';

const act = (accountId: string, month: string, activeUsers: number, licensedUsers = 100): ActivityRecord => ({ accountId, month, activeUsers, licensedUsers });

describe('earlyWarnings', () => {
  const data: Dataset = {
    accounts: ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'].map((id) => account(id)),
    contracts: [
      contract('a0', 'A', '2023-10-01', '2024-09-30', 500),
      contract('a1', 'A', '2024-10-01', '2025-09-30', 500),
      contract('b1', 'B', '2024-08-01', '2025-07-31', 500),
      contract('c1', 'C', '2025-01-01', '2025-12-31', 900),
      contract('d1', 'D', '2025-01-01', '2025-12-31', 200),
      contract('e1', 'E', '2024-06-01', '2025-05-31', 800),
      contract('f1', 'F', '2025-01-01', '2025-12-31', 300),
      contract('g1', 'G', '2025-01-01', '2025-12-31', 950), // no activity record at all: unknown, never warned
      contract('h1', 'H', '2025-01-01', '2025-12-31', 100),
    ],
    activity: [
      act('A', '2025-04', 10), act('A', '2025-05', 20), act('A', '2025-06', 25),
      act('B', '2025-05', 10), act('B', '2025-06', 10), // April missing counts as 0
      act('C', '2025-04', 10), act('C', '2025-05', 50), act('C', '2025-06', 10),
      act('E', '2025-04', 1), act('E', '2025-05', 1), act('E', '2025-06', 1), // no ARR in June
      act('F', '2025-04', 10), act('F', '2025-05', 30), act('F', '2025-06', 10), // exactly 0.3 in May
      act('D', '2024-12', 80), // known activity; April to June have no record: 0 each
      // H by role: admins 9 of 10 but end users 10 of 90 -> (9 + 10) / (10 + 90) = 0.19 each month (SPEC 1, 5).
      ...['2025-04', '2025-05', '2025-06'].flatMap((m) => [{ ...act('H', m, 9, 10), role: 'admin' }, { ...act('H', m, 10, 90), role: 'end user' }]),
    ],
  };

  it('lists paying accounts below the threshold every month, by ARR then nearest renewal', () => {
    const result = earlyWarnings(data, { asOf: '2025-06' });
    expect(result.items).toEqual([
      { accountId: 'B', arr: 500, rates: [0, 0.1, 0.1], nextRenewal: '2025-07-31' },
      { accountId: 'A', arr: 500, rates: [0.1, 0.2, 0.25], nextRenewal: '2025-09-30' },
      { accountId: 'D', arr: 200, rates: [0, 0, 0], nextRenewal: '2025-12-31' },
      { accountId: 'H', arr: 100, rates: [0.19, 0.19, 0.19], nextRenewal: '2025-12-31' },
    ]);
  });

  it('takes the threshold and the number of months as options', () => {
    expect(earlyWarnings(data, { asOf: '2025-06', threshold: 0.31 }).items.map((i) => i.accountId)).toEqual(['B', 'A', 'F', 'D', 'H']);
    expect(earlyWarnings(data, { asOf: '2025-06', months: 1 }).items.map((i) => i.accountId)).toEqual(['C', 'B', 'A', 'F', 'D', 'H']);
  });

  it('an account without any activity record is never warned: missing data is not low activity (SPEC 5)', () => {
    expect(earlyWarnings(data, { asOf: '2025-06', threshold: 1.01 }).items.map((i) => i.accountId)).not.toContain('G');
    expect(earlyWarnings({ ...data, activity: [] }, { asOf: '2025-06' }).items).toEqual([]);
  });
});
