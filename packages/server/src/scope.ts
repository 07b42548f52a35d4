/**
 * A viewer's scope: which accounts a request may see. The host decides it per request (`scope(request)`); the
 * handler applies it before any computation, as the accounts of a scoped engine (`engine.scoped(ids)`, a mask over
 * the prepared data), so no aggregate, row, filter option or error can reach an account outside it.
 *
 * Fail closed: a scope must be exactly one of the shapes below, read from its own properties only (an `all`
 * inherited through a prototype is no `all`), with no other key; a list must hold strings; filters must select
 * something. Anything else is a host bug, answered 500 (and told to `onError`), never every account.
 */
import { accountScopeFilter, accountScopeKey, BREAKDOWN_DIMENSIONS } from '@cskit/metrics';
import type { AccountFilters, Dataset } from '@cskit/metrics';

export type CsScope =
  /** Every account; `admin` may also read the dataset's validation issues. */
  | { all: true; admin?: boolean }
  /** A list of accounts (an empty list: no account at all). */
  | { accountIds: readonly string[] }
  /** The books of these CSMs (one CSM, or a team). */
  | { csmIds: readonly string[] }
  /** The accounts these filters keep (a region, a segment); at least one filter must hold a value. */
  | { filters: AccountFilters };

/**
 * A viewer refused on purpose: 401 (no valid credentials) or 403. A host's `scope` or `tenant` may throw it; its
 * message goes to the client. Anything else they throw is a failure of the host (500, told to `onError`).
 */
export class ViewerRefused extends Error {
  constructor(readonly status: 401 | 403, message: string) {
    super(message);
    this.name = 'ViewerRefused';
  }
}

/** The host's decision for a request: a scope, or `null` (403) when the viewer may see nothing. */
export type ScopeOf = (request: Request, context: { tenant: string }) => CsScope | null | Promise<CsScope | null>;

/** The scope's key in caches and ETags: the canonical JSON of its shape (sorted, once each), so keys never collide. */
export function scopeKey(scope: CsScope): string {
  return accountScopeKey(scope);
}

/** The ids of the accounts a scope covers, in dataset order (null for every account). */
export function scopedAccountIds(dataset: Dataset, scope: CsScope): string[] | null {
  if ('all' in scope) return null;
  const keep = accountScopeFilter(scope, dataset.csms);
  return dataset.accounts.filter((account) => keep(account)).map((account) => account.id);
}

const SHAPES: ReadonlyArray<readonly string[]> = [['all', 'admin'], ['accountIds'], ['csmIds'], ['filters']];
const own = (value: object, key: string) => Object.prototype.hasOwnProperty.call(value, key);

/** A list of strings, own and dense, else null. */
function stringList(value: unknown): string[] | null {
  if (!Array.isArray(value)) return null;
  const list: string[] = [];
  for (let i = 0; i < value.length; i += 1) {
    const item: unknown = value[i];
    if (typeof item !== 'string' || !own(value, String(i))) return null;
    list.push(item);
  }
  return list;
}

function refuse(scope: unknown, why: string): never {
  let shown: string;
  try {
    shown = JSON.stringify(scope)?.slice(0, 200) ?? String(scope);
  } catch {
    shown = typeof scope;
  }
  throw new TypeError(`scope() returned ${shown}: ${why}; expected exactly one of { all: true, admin? }, { accountIds }, { csmIds }, { filters } (with a value), or null`);
}

/** Checks a scope the host returned (a host bug must never widen a scope): a copy of it, or a `TypeError` saying what is wrong. */
export function checkScope(scope: unknown): CsScope | null {
  if (scope === null) return null;
  if (typeof scope !== 'object' || Array.isArray(scope)) refuse(scope, 'not an object');
  const keys = Object.keys(scope);
  const shape = SHAPES.find((shapeKeys) => own(scope, shapeKeys[0] as string));
  if (!shape) refuse(scope, 'none of the shapes');
  const extra = keys.filter((key) => !shape.includes(key));
  if (extra.length > 0) refuse(scope, `more than one shape, or unknown keys (${extra.join(', ')})`);
  const s = scope as Record<string, unknown>;
  if (shape[0] === 'all') {
    if (s.all !== true) refuse(scope, '`all` must be exactly true');
    if (own(scope, 'admin') && typeof s.admin !== 'boolean') refuse(scope, '`admin` must be a boolean');
    return { all: true, admin: s.admin === true };
  }
  if (shape[0] === 'filters') return { filters: checkFilters(scope, s.filters) };
  const list = stringList(s[shape[0] as string]);
  if (list === null) refuse(scope, `\`${shape[0]}\` must be a list of strings`);
  return shape[0] === 'accountIds' ? { accountIds: list } : { csmIds: list };
}

function checkFilters(scope: object, filters: unknown): AccountFilters {
  if (typeof filters !== 'object' || filters === null || Array.isArray(filters)) refuse(scope, '`filters` must be an object of value lists');
  const copy: Record<string, string[]> = {};
  for (const key of Object.keys(filters)) {
    if (!(BREAKDOWN_DIMENSIONS as readonly string[]).includes(key)) refuse(scope, `\`filters.${key}\` is not an account field`);
    const list = stringList((filters as Record<string, unknown>)[key]);
    if (list === null) refuse(scope, `\`filters.${key}\` must be a list of strings`);
    copy[key] = list;
  }
  // Filters that keep every account (none, or only empty lists) are not a scope: they would show everything.
  if (!Object.values(copy).some((list) => list.length > 0)) refuse(scope, 'its filters select nothing, so they would keep every account');
  return copy;
}
