/**
 * A viewer's scope: which accounts a request may see. The host decides it per request (`scope(request)`); the
 * handler applies it before any computation by building the viewer's own prepared dataset from those accounts alone,
 * so no aggregate, row, filter option or error can reach an account outside it.
 */
import { accountFilter } from '@cskit/metrics';
import type { AccountFilters, Dataset } from '@cskit/metrics';

export type CsScope =
  /** Every account; `admin` may also read the dataset's validation issues. */
  | { all: true; admin?: boolean }
  /** A list of accounts. */
  | { accountIds: readonly string[] }
  /** The books of these CSMs (one CSM, or a team). */
  | { csmIds: readonly string[] }
  /** The accounts these filters keep (a region, a segment). */
  | { filters: AccountFilters };

/** The host's decision for a request: a scope, or `null` (403) when the viewer may see nothing. */
export type ScopeOf = (request: Request) => CsScope | null | Promise<CsScope | null>;

/** A scope as a stable cache key. */
export function scopeKey(scope: CsScope): string {
  if ('all' in scope) return 'all';
  if ('accountIds' in scope) return `ids:${[...scope.accountIds].sort().join('\u0000')}`;
  if ('csmIds' in scope) return `csms:${[...scope.csmIds].sort().join('\u0000')}`;
  return `filters:${JSON.stringify(Object.keys(scope.filters).sort().map((key) => [key, (scope.filters as Record<string, unknown>)[key]]))}`;
}

/** The ids of the accounts a scope covers, in dataset order (null for every account). */
export function scopedAccountIds(dataset: Dataset, scope: CsScope): string[] | null {
  if ('all' in scope) return null;
  if ('accountIds' in scope) {
    const wanted = new Set(scope.accountIds);
    return dataset.accounts.filter((account) => wanted.has(account.id)).map((account) => account.id);
  }
  if ('csmIds' in scope) {
    const csms = new Set(scope.csmIds);
    return dataset.accounts.filter((account) => account.csmId !== undefined && csms.has(account.csmId)).map((account) => account.id);
  }
  return accountsOfFilters(dataset, scope.filters);
}

function accountsOfFilters(dataset: Dataset, filters: AccountFilters): string[] {
  const keep = accountFilter(filters);
  return dataset.accounts.filter((account) => keep === null || keep(account)).map((account) => account.id);
}

/** Checks a scope the host returned (a host bug must not widen a scope): a clear error for a malformed one. */
export function checkScope(scope: unknown): CsScope | null {
  if (scope === null) return null;
  if (typeof scope !== 'object' || scope === undefined) throw new TypeError(`scope() must return a scope or null, got ${String(scope)}`);
  const s = scope as Record<string, unknown>;
  if (s.all === true) return { all: true, admin: s.admin === true };
  const list = (key: string) => Array.isArray(s[key]) && (s[key] as unknown[]).every((v) => typeof v === 'string');
  if (list('accountIds')) return { accountIds: s.accountIds as string[] };
  if (list('csmIds')) return { csmIds: s.csmIds as string[] };
  if (typeof s.filters === 'object' && s.filters !== null && !Array.isArray(s.filters)) return { filters: s.filters as AccountFilters };
  throw new TypeError(`scope() returned ${JSON.stringify(scope)}: expected { all: true }, { accountIds }, { csmIds }, { filters } or null`);
}
