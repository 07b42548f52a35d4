/**
 * Breakdowns (SPEC 6): run any metric once per value of an account field. Accounts without the field fall in the
 * group `'(none)'`. Groups are sorted by key with `'(none)'` last.
 */
import { monthOf } from './dates.js';
import { partitionDataset } from './partition.js';
import type { Account, Dataset } from './types.js';

export type BreakdownDimension = 'segment' | 'region' | 'industry' | 'channel' | 'salesRepId' | 'csmId' | 'stage' | 'signedMonth';

export const BREAKDOWN_DIMENSIONS: readonly BreakdownDimension[] = [
  'segment', 'region', 'industry', 'channel', 'salesRepId', 'csmId', 'stage', 'signedMonth',
];

export const NONE_GROUP = '(none)';

export interface BreakdownGroup<R> {
  key: string;
  /** Accounts in the group. */
  accounts: number;
  result: R;
}

export interface Breakdown<R> {
  dimension: BreakdownDimension;
  groups: Array<BreakdownGroup<R>>;
}

/** The group of an account: the field's value, the month of `signedAt` for `signedMonth`, or `'(none)'`. */
export function groupKey(account: Account, dimension: BreakdownDimension): string {
  if (dimension === 'signedMonth') return monthOf(account.signedAt);
  const value = account[dimension];
  return typeof value === 'string' && value !== '' ? value : NONE_GROUP;
}

export function assertDimension(dimension: string): asserts dimension is BreakdownDimension {
  if (!(BREAKDOWN_DIMENSIONS as readonly string[]).includes(dimension)) {
    throw new RangeError(`dimension must be one of ${BREAKDOWN_DIMENSIONS.join(', ')}, got ${JSON.stringify(dimension)}`);
  }
}

export function compareGroupKeys(a: string, b: string): number {
  if (a === b) return 0;
  if (a === NONE_GROUP) return 1;
  if (b === NONE_GROUP) return -1;
  return a < b ? -1 : 1;
}

/**
 * `breakdown(dataset, 'segment', renewals, { period })` runs `renewals` on each segment's accounts and records.
 * `metric` is any function of `(dataset, options)`, such as every metric of this package.
 */
export function breakdown<O, R>(
  dataset: Dataset,
  dimension: BreakdownDimension,
  metric: (dataset: Dataset, options: O) => R,
  options: O,
): Breakdown<R> {
  assertDimension(dimension);
  if (typeof metric !== 'function') throw new TypeError('metric must be a metric function such as renewals or arrMovements');
  const groups = [...partitionDataset(dataset, (account) => groupKey(account, dimension))]
    .sort(([a], [b]) => compareGroupKeys(a, b))
    .map(([key, group]) => ({ key, accounts: group.accounts.length, result: metric(group, options) }));
  return { dimension, groups };
}
