/**
 * A viewer's scope as a host states it: every account, a list of accounts, the books of some CSMs, or the accounts
 * some filters keep. `@cskit/server` checks a host's scope (fail closed) and `@cskit/sql` binds it as a predicate;
 * both read it here: which accounts it names (`accountScopeFilter`, account fields as `groupKey` reads them, a CSM's
 * team from the dataset's CSMs) and its key in caches and ETags (`accountScopeKey`).
 */
import type { Account, Csm } from '../core/types.js';
import { accountFilter, BREAKDOWN_DIMENSIONS, teamsOf, type AccountFilters } from './dimensions.js';

export type AccountScope =
  | { all: true }
  | { accountIds: readonly string[] }
  | { csmIds: readonly string[] }
  | { filters: AccountFilters };

/** Whether an account is in a scope (`csms`: the dataset's CSMs, whose teams the `team` filter reads). */
export function accountScopeFilter(scope: AccountScope, csms: readonly Csm[] | undefined): (account: Account) => boolean {
  if ('all' in scope) return () => true;
  if ('accountIds' in scope) {
    const wanted = new Set(scope.accountIds);
    return (account) => wanted.has(account.id);
  }
  if ('csmIds' in scope) {
    const wanted = new Set(scope.csmIds);
    return (account) => account.csmId !== undefined && wanted.has(account.csmId);
  }
  return accountFilter(scope.filters, teamsOf(csms)) ?? (() => true);
}

/** A scope's key in caches and ETags: the canonical JSON of its shape (sorted, once each), so keys never collide. */
export function accountScopeKey(scope: AccountScope): string {
  if ('all' in scope) return JSON.stringify(['all']);
  if ('accountIds' in scope) return JSON.stringify(['accountIds', [...new Set(scope.accountIds)].sort()]);
  if ('csmIds' in scope) return JSON.stringify(['csmIds', [...new Set(scope.csmIds)].sort()]);
  const { filters } = scope;
  return JSON.stringify(['filters', BREAKDOWN_DIMENSIONS.filter((key) => (filters[key]?.length ?? 0) > 0).map((key) => [key, [...new Set(filters[key])].sort()])]);
}
