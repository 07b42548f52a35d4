/**
 * Breakdowns (SPEC 6): run any metric once per value of an account field. Accounts without the field fall in the
 * group `'(none)'`. Groups are sorted by key with `'(none)'` last.
 */
import { assertDimension, compareGroupKeys, groupKey, teamsOf, type BreakdownDimension } from '../data/dimensions.js';
import { partitionDataset } from '../data/partition.js';
import type { Dataset } from '../core/types.js';

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
  const teamOf = teamsOf(dataset.csms);
  const groups = [...partitionDataset(dataset, (account) => groupKey(account, dimension, teamOf))]
    .sort(([a], [b]) => compareGroupKeys(a, b))
    .map(([key, group]) => ({ key, accounts: group.accounts.length, result: metric(group, options) }));
  return { dimension, groups };
}
