/**
 * The account fields a metric can be broken down and filtered by (SPEC 6): `segment`, `region`, `industry`,
 * `channel`, `salesRepId`, `csmId`, `stage`, or the month of `signedAt`; and `team`, the `team` of the account's CSM
 * (`Csm.team`; seed 000). Accounts without the field fall in the group `'(none)'`.
 */
import { monthOf } from '../core/dates.js';
import { checkStrings, VIEW_LIMITS, ViewError } from '../core/limits.js';
import type { Account } from '../core/types.js';

export type BreakdownDimension = 'segment' | 'region' | 'industry' | 'channel' | 'salesRepId' | 'csmId' | 'team' | 'stage' | 'signedMonth';

export const BREAKDOWN_DIMENSIONS: readonly BreakdownDimension[] = [
  'segment', 'region', 'industry', 'channel', 'salesRepId', 'csmId', 'team', 'stage', 'signedMonth',
];

/** Each CSM's team by CSM id: what the `team` dimension reads (a CSM without one has no team). */
export type TeamOf = ReadonlyMap<string, string | undefined>;

export function teamsOf(csms: ReadonlyArray<{ id: string; team?: string }> | undefined): TeamOf {
  return new Map((csms ?? []).map((csm) => [csm.id, csm.team]));
}

export const NONE_GROUP = '(none)';

/**
 * Account filters: per field, the values to keep (`'(none)'` keeps accounts without the field); an absent or empty
 * list keeps all. Fields combine with AND, values of one field with OR.
 */
export type AccountFilters = Partial<Record<BreakdownDimension, readonly string[]>>;

/**
 * The group of an account: the field's value, the month of `signedAt` for `signedMonth`, its CSM's team (from
 * `teamOf`) for `team`, or `'(none)'`.
 */
export function groupKey(account: Account, dimension: BreakdownDimension, teamOf?: TeamOf): string {
  if (dimension === 'signedMonth') return monthOf(account.signedAt);
  const value = dimension === 'team' ? (account.csmId === undefined ? undefined : teamOf?.get(account.csmId)) : account[dimension];
  return typeof value === 'string' && value !== '' ? value : NONE_GROUP;
}

export function isDimension(value: unknown): value is BreakdownDimension {
  return typeof value === 'string' && (BREAKDOWN_DIMENSIONS as readonly string[]).includes(value);
}

export function assertDimension(dimension: string): asserts dimension is BreakdownDimension {
  if (!isDimension(dimension)) {
    throw new RangeError(`dimension must be one of ${BREAKDOWN_DIMENSIONS.join(', ')}, got ${JSON.stringify(dimension)}`);
  }
}

/** Group keys in order, `'(none)'` last. */
export function compareGroupKeys(a: string, b: string): number {
  if (a === b) return 0;
  if (a === NONE_GROUP) return 1;
  if (b === NONE_GROUP) return -1;
  return a < b ? -1 : 1;
}

/** The filters that select something, checked: a field that is not a dimension or values that are not strings throw. */
export function activeFilters(filters: AccountFilters | undefined): Array<[BreakdownDimension, ReadonlySet<string>]> {
  if (filters === undefined || filters === null) return [];
  if (typeof filters !== 'object' || Array.isArray(filters)) throw new ViewError('filters', 'must be an object of value lists by account field');
  const active: Array<[BreakdownDimension, ReadonlySet<string>]> = [];
  for (const key of Object.keys(filters)) {
    if (!isDimension(key)) throw new ViewError(`filters.${key}`, `is not an account field; use one of ${BREAKDOWN_DIMENSIONS.join(', ')}`);
    const values = filters[key];
    if (values === undefined) continue;
    if (!Array.isArray(values) || values.some((value) => typeof value !== 'string')) throw new ViewError(`filters.${key}`, 'must be a list of strings');
    checkStrings(values, `filters.${key}`, VIEW_LIMITS.filterValues);
    if (values.length > 0) active.push([key, new Set(values)]);
  }
  return active;
}

/**
 * The filters in one canonical form (checked): the dimensions that select something, in `BREAKDOWN_DIMENSIONS`
 * order, each with its values once, sorted. Filters that keep the same accounts then read the same.
 */
export function normalizeFilters(filters: AccountFilters | undefined): AccountFilters {
  const active = new Map(activeFilters(filters));
  const normal: AccountFilters = {};
  for (const dimension of BREAKDOWN_DIMENSIONS) {
    const values = active.get(dimension);
    if (values) normal[dimension] = [...values].sort();
  }
  return normal;
}

/** A predicate over accounts for the filters, or null when they keep every account (`teamOf` for `team`). */
export function accountFilter(filters: AccountFilters | undefined, teamOf?: TeamOf): ((account: Account) => boolean) | null {
  const active = activeFilters(filters);
  if (active.length === 0) return null;
  return (account) => active.every(([key, values]) => values.has(groupKey(account, key, teamOf)));
}
