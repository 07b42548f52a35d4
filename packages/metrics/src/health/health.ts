/**
 * Health scores, the tier distribution over months, and the outcome x experience quadrants (SPEC 4).
 *
 * Rules the SPEC leaves open, decided here:
 * - An account with a snapshot at or before the month has health, whether or not it still holds ARR (the SPEC's
 *   "latest snapshot at or before m"); pass `activeOnly: true` to keep only accounts with ARR > 0 in the month.
 * - `healthDistribution` also reports `unscored`: accounts with ARR > 0 but no health yet, so no ARR goes missing.
 */
import { assertMonth, assertPeriod, monthFromIndex, monthIndex } from '../core/dates.js';
import { arrThrough, type DatasetIndex } from '../data/dataset-index.js';
import { HEALTH_TIERS, resolveHealthModel, type HealthModel, type HealthModelInput, type HealthTier } from '../model/health-model.js';
import { healthCell, healthScoreMatrix, monthCell, type HealthScoreMatrix } from '../data/monthly-records.js';
import { wholeDataset, type Selection } from '../data/selection.js';
import type { Account, Dataset, Month, Period } from '../core/types.js';

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
export function scoreAt(matrix: HealthScoreMatrix, position: number, month: number): number {
  const cell = healthCell(matrix, position, month);
  return cell < 0 ? Number.NaN : (matrix.score[cell] as number);
}

/** The tier of the account at `position` in month index `month`; null when it has no health. */
export function tierAt(matrix: HealthScoreMatrix, position: number, month: number): HealthTier | null {
  const cell = healthCell(matrix, position, month);
  return cell < 0 ? null : (HEALTH_TIERS[matrix.tier[cell] as number] as HealthTier);
}

/** Health of the account at `position` in month index `month`, or null when it has none. */
export function accountHealthAt(index: DatasetIndex, matrix: HealthScoreMatrix, position: number, month: number): AccountHealth | null {
  const cell = healthCell(matrix, position, month);
  return cell < 0 ? null : healthScoreRow(index, matrix, position, cell);
}

/** Accounts (positions) with health in a month, and their matrix cells; rows materialise only when asked. */
export interface HealthScoresCore {
  month: Month;
  matrix: HealthScoreMatrix;
  positions: Int32Array;
  cells: Int32Array;
  /** Accounts per tier, in `HEALTH_TIERS` order. */
  tierCounts: Record<HealthTier, number>;
}

export interface HealthSettings {
  model: HealthModel;
  activeOnly?: boolean | undefined;
}

/** The accounts with health in month index `month` (and ARR > 0 then, with `activeOnly`). */
function scoredPositions(selection: Selection, matrix: HealthScoreMatrix, month: number, activeOnly: boolean | undefined) {
  const arr = activeOnly ? arrThrough(selection.index, month) : null;
  const n = selection.positions.length;
  const positions = new Int32Array(n);
  const cells = new Int32Array(n);
  let size = 0;
  const offset = monthCell(matrix, 0, month);
  if (offset >= 0) {
    for (const position of selection.positions) {
      if (arr && (month < arr.start || (arr.values[position * arr.count + month - arr.start] as number) <= 0)) continue;
      const cell = position * matrix.count + offset;
      if (Number.isNaN(matrix.score[cell] as number)) continue;
      positions[size] = position;
      cells[size] = cell;
      size += 1;
    }
  }
  return { positions: positions.slice(0, size), cells: cells.slice(0, size) };
}

export function healthScoresOf(selection: Selection, month: Month, settings: HealthSettings): HealthScoresCore {
  const matrix = healthScoreMatrix(selection.index, settings.model);
  const { positions, cells } = scoredPositions(selection, matrix, monthIndex(month), settings.activeOnly);
  const tierCounts = emptyCounts();
  for (const cell of cells) tierCounts[HEALTH_TIERS[matrix.tier[cell] as number] as HealthTier] += 1;
  return { month, matrix, positions, cells, tierCounts };
}

function emptyCounts(): Record<HealthTier, number> {
  return { green: 0, 'green-yellow': 0, yellow: 0, red: 0 };
}

export function healthScoreRow(index: DatasetIndex, matrix: HealthScoreMatrix, position: number, cell: number): AccountHealth {
  return {
    accountId: (index.accounts[position] as Account).id,
    score: matrix.score[cell] as number,
    tier: HEALTH_TIERS[matrix.tier[cell] as number] as HealthTier,
    outcome: matrix.sides.outcome[cell] as number,
    experience: matrix.sides.experience[cell] as number,
  };
}

export function healthScoresResult(index: DatasetIndex, core: HealthScoresCore): HealthScores {
  return { month: core.month, accounts: Array.from(core.positions, (position, i) => healthScoreRow(index, core.matrix, position, core.cells[i] as number)) };
}

export function healthScores(dataset: Dataset, options: HealthOptions & { month: Month }): HealthScores {
  assertMonth(options.month, 'month');
  const model = resolveHealthModel(options.model);
  const selection = wholeDataset(dataset);
  return healthScoresResult(selection.index, healthScoresOf(selection, options.month, { model, activeOnly: options.activeOnly }));
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
  return { green: { count: 0, arr: 0 }, 'green-yellow': { count: 0, arr: 0 }, yellow: { count: 0, arr: 0 }, red: { count: 0, arr: 0 } };
}

/** Slots of a month's sums in `distributionFromSums`: the tiers by code (`HEALTH_TIERS`), then the unscored. */
export const DISTRIBUTION_SLOTS = 5;

export function healthDistributionOf(selection: Selection, period: Period, settings: HealthSettings): HealthDistribution {
  const { index } = selection;
  const matrix = healthScoreMatrix(index, settings.model);
  const from = monthIndex(period.from);
  const to = monthIndex(period.to);
  const arr = arrThrough(index, to);
  const length = Math.max(0, to - from + 1);
  // Per month: count and ARR of tiers 0..3, then of the unscored (slot 4), each month summed in account order.
  // Accounts outside, months inside: each account's row of the matrices is read in one go.
  const counts = new Float64Array(length * DISTRIBUTION_SLOTS);
  const arrs = new Float64Array(length * DISTRIBUTION_SLOTS);
  // The health column of each month (or -1 when no account has health then), read inline in the hot loop.
  const healthOffsets = new Int32Array(length);
  for (let k = 0; k < length; k += 1) {
    const month = from + k;
    healthOffsets[k] = matrix.count === 0 ? -1 : month < matrix.start ? (matrix.before ? 0 : -1) : Math.min(month - matrix.start, matrix.count - 1);
  }
  const { positions } = selection;
  const first = from - arr.start;
  for (let p = 0; p < positions.length; p += 1) {
    const position = positions[p] as number;
    const arrRow = position * arr.count;
    const healthRow = position * matrix.count;
    for (let k = 0; k < length; k += 1) {
      const offset = first + k;
      const value = offset >= 0 ? (arr.values[arrRow + offset] as number) : 0;
      if (settings.activeOnly && value <= 0) continue;
      const healthOffset = healthOffsets[k] as number;
      const tier = healthOffset < 0 ? -1 : (matrix.tier[healthRow + healthOffset] as number);
      const slot = tier >= 0 ? tier : value > 0 ? 4 : -1;
      if (slot < 0) continue;
      const cell = k * DISTRIBUTION_SLOTS + slot;
      counts[cell] = (counts[cell] as number) + 1;
      arrs[cell] = (arrs[cell] as number) + value;
    }
  }
  return distributionFromSums(period, counts, arrs);
}

/**
 * The distribution from each month's counts and ARR per slot (`k * DISTRIBUTION_SLOTS + slot`: tier codes 0..3, then
 * 4 for accounts with ARR > 0 and no health): how this engine and one that sums accounts itself (`@cskit/sql`) finish.
 */
export function distributionFromSums(period: Period, counts: ArrayLike<number>, arrs: ArrayLike<number>): HealthDistribution {
  const from = monthIndex(period.from);
  const length = Math.max(0, monthIndex(period.to) - from + 1);
  const months: HealthDistributionMonth[] = [];
  for (let k = 0; k < length; k += 1) {
    const at = k * DISTRIBUTION_SLOTS;
    const tiers = emptyTierCells();
    HEALTH_TIERS.forEach((tier, code) => { tiers[tier] = { count: counts[at + code] as number, arr: arrs[at + code] as number }; });
    months.push({ month: monthFromIndex(from + k), tiers, unscored: { count: counts[at + 4] as number, arr: arrs[at + 4] as number } });
  }
  return { period: { from: period.from, to: period.to }, months };
}

export function healthDistribution(dataset: Dataset, options: HealthOptions & { period: Period }): HealthDistribution {
  assertPeriod(options.period);
  const model = resolveHealthModel(options.model);
  return healthDistributionOf(wholeDataset(dataset), options.period, { model, activeOnly: options.activeOnly });
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

/** The quadrants with their accounts still as positions and cells. */
export interface QuadrantsCore extends Omit<HealthQuadrants, 'accounts'> {
  matrix: HealthScoreMatrix;
  positions: Int32Array;
  cells: Int32Array;
  arr: Float64Array;
}

export function healthQuadrantsOf(selection: Selection, month: Month, settings: HealthSettings, scores?: HealthScoresCore): QuadrantsCore {
  const { index } = selection;
  const { model } = settings;
  const { matrix, positions, cells } = scores ?? healthScoresOf(selection, month, settings);
  const monthAt = monthIndex(month);
  const arrMatrix = arrThrough(index, monthAt);
  const offset = monthAt - arrMatrix.start;
  const arr = new Float64Array(positions.length);
  const quadrants: Record<Quadrant, TierCell> = { loyal: { count: 0, arr: 0 }, unrealized: { count: 0, arr: 0 }, grudging: { count: 0, arr: 0 }, critical: { count: 0, arr: 0 } };
  positions.forEach((position, i) => {
    const cell = cells[i] as number;
    const value = offset >= 0 ? (arrMatrix.values[position * arrMatrix.count + offset] as number) : 0;
    arr[i] = value;
    const quadrant = quadrants[quadrantOf(matrix.sides.outcome[cell] as number, matrix.sides.experience[cell] as number, model.quadrant)];
    quadrant.count += 1;
    quadrant.arr += value;
  });
  return { month, thresholds: { ...model.quadrant }, quadrants, matrix, positions, cells, arr };
}

export function quadrantRow(index: DatasetIndex, core: QuadrantsCore, i: number): QuadrantAccount {
  const cell = core.cells[i] as number;
  const outcome = core.matrix.sides.outcome[cell] as number;
  const experience = core.matrix.sides.experience[cell] as number;
  return {
    accountId: (index.accounts[core.positions[i] as number] as Account).id,
    quadrant: quadrantOf(outcome, experience, core.thresholds),
    outcome, experience,
    arr: core.arr[i] as number,
  };
}

export function quadrantsResult(index: DatasetIndex, core: QuadrantsCore): HealthQuadrants {
  return {
    month: core.month, thresholds: core.thresholds,
    accounts: Array.from(core.positions, (_, i) => quadrantRow(index, core, i)),
    quadrants: core.quadrants,
  };
}

export function healthQuadrants(dataset: Dataset, options: HealthOptions & { month: Month }): HealthQuadrants {
  assertMonth(options.month, 'month');
  const model = resolveHealthModel(options.model);
  const selection = wholeDataset(dataset);
  return quadrantsResult(selection.index, healthQuadrantsOf(selection, options.month, { model, activeOnly: options.activeOnly }));
}
