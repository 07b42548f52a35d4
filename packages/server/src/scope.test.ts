import { describe, expect, it } from 'vitest';
import { scopedAccountIds, scopeKey } from './scope.js';

const dataset = {
  csms: [{ id: 'c1', name: 'Ann', team: 'East' }, { id: 'c2', name: 'Bo' }],
  accounts: [
    { id: 'a', name: 'A', signedAt: '2024-01-01', csmId: 'c1' },
    { id: 'b', name: 'B', signedAt: '2024-01-01', csmId: 'c2' },
    { id: 'c', name: 'C', signedAt: '2024-01-01' },
  ],
};

describe('a scope\'s accounts', () => {
  it('a team filter reads each CSM\'s team from the dataset\'s CSMs: the team\'s books, and (none) only accounts without a team', () => {
    // Before the scope read teams through `accountScopeFilter`, every account's team was "(none)": a `team: ['East']`
    // scope saw nothing and a `team: ['(none)']` scope saw every account.
    expect(scopedAccountIds(dataset, { filters: { team: ['East'] } })).toEqual(['a']);
    expect(scopedAccountIds(dataset, { filters: { team: ['(none)'] } })).toEqual(['b', 'c']);
    expect(scopedAccountIds(dataset, { csmIds: ['c2'] })).toEqual(['b']);
    expect(scopedAccountIds(dataset, { accountIds: ['c', 'nobody', 'a'] })).toEqual(['a', 'c']);
    expect(scopedAccountIds(dataset, { all: true })).toBeNull();
  });

  it('keys are canonical: the same lists in any order and with repeats are one key, ids with separators another', () => {
    expect(scopeKey({ csmIds: ['b', 'a', 'a'] })).toBe(scopeKey({ csmIds: ['a', 'b'] }));
    expect(scopeKey({ accountIds: ['a\u0000b'] })).not.toBe(scopeKey({ accountIds: ['a', 'b'] }));
    expect(scopeKey({ all: true, admin: true })).toBe(scopeKey({ all: true }));
  });
});
