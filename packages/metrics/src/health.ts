/**
 * Health scores, the tier distribution over months, and the outcome x experience quadrants (SPEC 4).
 *
 * Rules the SPEC leaves open, decided here:
 * - An account with a snapshot at or before the month has health, whether or not it still holds ARR (the SPEC's
 *   "latest snapshot at or before m"); pass `activeOnly: true` to keep only accounts with ARR > 0 in the month.
 * - `healthDistribution` also reports `unscored`: accounts with ARR > 0 but no health yet, so no ARR goes missing.
 */
import { assertMonth, assertPeriod, monthFromIndex, monthIndex } from './dates.js';
import { indexDataset, valueAt, type DatasetIndex } from './dataset-index.js';
import {
  HEALTH_TIERS, healthScore, healthTier, resolveHealthModel, weightsFor, type HealthModel, type HealthModelInput, type HealthTier,
} from './health-model.js';
import { healthCell, healthMatrix } from './monthly-records.js';
import type { Account, Dataset, Month, Period } from './types.js';

export interface AccountHealth {
  accountId: string;
  score: number;
  tier: HealthTier;
  outcome: number;
  experience: number;
}

export interface HealthScores {
  month: Month;
  accounts: AccountHealth[];
}

export interface HealthOptions {
  model?: HealthModelInput;
  /** Only accounts with ARR > 0 in the month. Default false. */
  activeOnly?: boolean;
}

/** The health score of the account at `position` in month index `month`; NaN when it has no health. */
export function scoreAt(index: DatasetIndex, model: HealthModel, position: number, month: number): number {
  const matrix = healthMatrix(index);
  const cell = healthCell(matrix, position, month);
  if (cell < 0) return Number.NaN;
  const weights = weightsFor(model, (index.accounts[position] as Account).segment);
  return healthScore(matrix.outcome[cell] as number, matrix.experience[cell] as number, weights);
}

/** The tier of the account at `position` in month index `month`; null when it has no health. */
export function tierAt(index: DatasetIndex, model: HealthModel, position: number, month: number): HealthTier | null {
  const score = scoreAt(index, model, position, month);
  return Number.isNaN(score) ? null : healthTier(score, model.tiers);
}

/** Health of the account at `position` in month index `month`, or null when it has none. */
export function accountHealthAt(index: DatasetIndex, model: HealthModel, position: number, month: number): AccountHealth | null {
  const matrix = healthMatrix(index);
  const cell = healthCell(matrix, position, month);
  if (cell < 0) return null;
  const score = scoreAt(index, model, position, month);
  return {
    accountId: (index.accounts[position] as Account).id,
    score,
    tier: healthTier(score, model.tiers),
    outcome: matrix.outcome[cell] as number,
    experience: matrix.experience[cell] as number,
  };
}

function isCounted(index: DatasetIndex, position: number, month: number, activeOnly: boolean | undefined): boolean {
  return !activeOnly || valueAt(index.arr, position, month) > 0;
}

export function healthScores(dataset: Dataset, options: HealthOptions & { month: Month }): HealthScores {
  assertMonth(options.month, 'month');
  const model = resolveHealthModel(options.model);
  const index = indexDataset(dataset);
  const month = monthIndex(options.month);
  const accounts: AccountHealth[] = [];
  for (let position = 0; position < index.accounts.length; position += 1) {
    if (!isCounted(index, position, month, options.activeOnly)) continue;
    const health = accountHealthAt(index, model, position, month);
    if (health) accounts.push(health);
  }
  return { month: options.month, accounts };
}

export interface TierCell {
  count: number;
  arr: number;
}

export interface HealthDistributionMonth {
  month: Month;
  tiers: Record<HealthTier, TierCell>;
  /** Accounts with ARR > 0 in the month but no health snapshot yet. */
  unscored: TierCell;
}

export interface HealthDistribution {
  period: Period;
  months: HealthDistributionMonth[];
}

export function emptyTierCells(): Record<HealthTier, TierCell> {
  return Object.fromEntries(HEALTH_TIERS.map((tier) => [tier, { count: 0, arr: 0 }])) as Record<HealthTier, TierCell>;
}

export function healthDistribution(dataset: Dataset, options: HealthOptions & { period: Period }): HealthDistribution {
  const { period } = options;
  assertPeriod(period);
  const model = resolveHealthModel(options.model);
  const index = indexDataset(dataset);
  const months: HealthDistributionMonth[] = [];
  for (let month = monthIndex(period.from); month <= monthIndex(period.to); month += 1) {
    const row: HealthDistributionMonth = { month: monthFromIndex(month), tiers: emptyTierCells(), unscored: { count: 0, arr: 0 } };
    for (let position = 0; position < index.accounts.length; position += 1) {
      const arr = valueAt(index.arr, position, month);
      if (options.activeOnly && arr <= 0) continue;
      const tier = tierAt(index, model, position, month);
      const cell = tier ? row.tiers[tier] : arr > 0 ? row.unscored : null;
      if (!cell) continue;
      cell.count += 1;
      cell.arr += arr;
    }
    months.push(row);
  }
  return { period: { from: period.from, to: period.to }, months };
}

export type Quadrant = 'loyal' | 'unrealized' | 'grudging' | 'critical';

export const QUADRANTS: readonly Quadrant[] = ['loyal', 'unrealized', 'grudging', 'critical'];

export interface QuadrantAccount {
  accountId: string;
  quadrant: Quadrant;
  outcome: number;
  experience: number;
  arr: number;
}

export interface HealthQuadrants {
  month: Month;
  /** The thresholds used, for drawing the quadrant lines. */
  thresholds: { outcome: number; experience: number };
  accounts: QuadrantAccount[];
  quadrants: Record<Quadrant, TierCell>;
}

/** Thresholds are inclusive: exactly on a threshold counts as high. */
export function quadrantOf(outcome: number, experience: number, thresholds: HealthModel['quadrant']): Quadrant {
  const outcomeHigh = outcome >= thresholds.outcome;
  const experienceHigh = experience >= thresholds.experience;
  if (outcomeHigh) return experienceHigh ? 'loyal' : 'grudging';
  return experienceHigh ? 'unrealized' : 'critical';
}

export function healthQuadrants(dataset: Dataset, options: HealthOptions & { month: Month }): HealthQuadrants {
  assertMonth(options.month, 'month');
  const model = resolveHealthModel(options.model);
  const index = indexDataset(dataset);
  const month = monthIndex(options.month);
  const matrix = healthMatrix(index);
  const accounts: QuadrantAccount[] = [];
  const quadrants = Object.fromEntries(QUADRANTS.map((q) => [q, { count: 0, arr: 0 }])) as Record<Quadrant, TierCell>;
  for (let position = 0; position < index.accounts.length; position += 1) {
    if (!isCounted(index, position, month, options.activeOnly)) continue;
    const cell = healthCell(matrix, position, month);
    if (cell < 0) continue;
    const outcome = matrix.outcome[cell] as number;
    const experience = matrix.experience[cell] as number;
    const arr = valueAt(index.arr, position, month);
    const quadrant = quadrantOf(outcome, experience, model.quadrant);
    accounts.push({ accountId: (index.accounts[position] as Account).id, quadrant, outcome, experience, arr });
    quadrants[quadrant].count += 1;
    quadrants[quadrant].arr += arr;
  }
  return { month: options.month, thresholds: { ...model.quadrant }, accounts, quadrants };
}
