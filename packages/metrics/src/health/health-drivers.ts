/**
 * Why an account's health is what it is (SPEC 12): each component's value, score and contribution in points of the
 * health score, and with `from`, how each contribution changed ("health fell 12 points: response time -8, NPS -4").
 *
 * Rules the SPEC leaves open, decided here:
 * - The accounts listed are those with health in `month`, in dataset order.
 * - With `from`, an account without health in `from` has `scoreChange` null and every component's `change` null
 *   (there is no earlier score to explain a change from).
 * - Contributions are computed from the unrounded side values, so they sum to the score up to rounding (1e-9).
 */
import { assertMonth, monthIndex } from '../core/dates.js';
import {
  accountSideComponents, componentScore, HEALTH_SIDES, HEALTH_TIERS, resolveHealthModel, weightsFor,
  type HealthModel, type HealthModelInput, type HealthSide, type HealthTier,
} from '../model/health-model.js';
import { componentValueAt, healthCell, healthScoreMatrix, healthSides, monthCell } from '../data/monthly-records.js';
import { wholeDataset, type Selection } from '../data/selection.js';
import type { DatasetIndex } from '../data/dataset-index.js';
import type { Account, Dataset, Month } from '../core/types.js';

/** A side read from `health` snapshots appears as one component with this key (weight 1). */
export const SNAPSHOT_COMPONENT = 'snapshot';

export interface HealthDriver {
  side: HealthSide;
  key: string;
  value: number | null;
  score: number | null;
  weight: number;
  /** Points of the health score: sideWeight / (wo + we) x weight x score / Σ weights of the side's components with a value. */
  contribution: number;
  /** contribution in `month` - contribution in `from`; null without `from` (or without health in it). */
  change: number | null;
}

export interface AccountHealthDrivers {
  accountId: string;
  score: number;
  tier: HealthTier;
  components: HealthDriver[];
  /** score(month) - score(from); null without `from` or without health in it. */
  scoreChange: number | null;
}

export interface HealthDrivers {
  month: Month;
  from: Month | null;
  accounts: AccountHealthDrivers[];
}

export interface HealthDriversOptions {
  month: Month;
  model?: HealthModelInput;
  from?: Month;
}

export interface HealthDriversSettings {
  month: Month;
  model: HealthModel;
  from: Month | null;
}

export function resolveHealthDriversSettings(options: HealthDriversOptions): HealthDriversSettings {
  if (typeof options !== 'object' || options === null) throw new TypeError('healthDrivers options must be an object { month, model?, from? }');
  assertMonth(options.month, 'month');
  if (options.from !== undefined) assertMonth(options.from, 'from');
  return { month: options.month, model: resolveHealthModel(options.model), from: options.from ?? null };
}

/** The components of one account's health in one month, without changes; null when it has no health then. */
export function driversAt(index: DatasetIndex, model: HealthModel, position: number, month: number): Omit<HealthDriver, 'change'>[] | null {
  const sides = healthSides(index, model);
  const cell = monthCell(sides, position, month);
  if (cell < 0 || Number.isNaN(sides.outcome[cell] as number) || Number.isNaN(sides.experience[cell] as number)) return null;
  const account = index.accounts[position] as Account;
  const weights = weightsFor(model, account);
  const total = weights.outcome + weights.experience;
  const drivers: Omit<HealthDriver, 'change'>[] = [];
  for (const side of HEALTH_SIDES) {
    const share = weights[side] / total;
    const components = accountSideComponents(model, account, side);
    if (!components) {
      const value = sides[side][cell] as number;
      drivers.push({ side, key: SNAPSHOT_COMPONENT, value, score: value, weight: 1, contribution: share * value });
      continue;
    }
    const read = components.map((component) => {
      const value = componentValueAt(index, model, component.key, sides.start, position, cell - position * sides.count);
      return Number.isNaN(value) ? null : value;
    });
    const present = components.reduce((sum, component, i) => (read[i] === null ? sum : sum + component.weight), 0);
    components.forEach((component, i) => {
      const value = read[i] ?? null;
      const score = value === null ? null : componentScore(value, component);
      const contribution = score === null || present === 0 ? 0 : (share * component.weight * score) / present;
      drivers.push({ side, key: component.key, value, score, weight: component.weight, contribution });
    });
  }
  return drivers;
}

/** One account's drivers in `month` (with changes from `from`); null when it has no health in `month`. */
export function accountDriversAt(index: DatasetIndex, model: HealthModel, position: number, month: number, from: number | null): AccountHealthDrivers | null {
  const matrix = healthScoreMatrix(index, model);
  const cell = healthCell(matrix, position, month);
  const now = cell < 0 ? null : driversAt(index, model, position, month);
  if (now === null) return null;
  const fromCell = from === null ? -1 : healthCell(matrix, position, from);
  const before = from === null || fromCell < 0 ? null : driversAt(index, model, position, from);
  return {
    accountId: (index.accounts[position] as Account).id,
    score: matrix.score[cell] as number,
    tier: HEALTH_TIERS[matrix.tier[cell] as number] as HealthTier,
    components: now.map((driver, i) => ({ ...driver, change: before ? driver.contribution - (before[i] as HealthDriver).contribution : null })),
    scoreChange: before ? (matrix.score[cell] as number) - (matrix.score[fromCell] as number) : null,
  };
}

/**
 * The component whose contribution fell most (the most negative change), or null when none fell: the one-line
 * answer to "why did this account's health drop".
 */
export function biggestFall(drivers: AccountHealthDrivers): HealthDriver | null {
  let worst: HealthDriver | null = null;
  for (const driver of drivers.components) if (driver.change !== null && driver.change < 0 && (worst === null || driver.change < (worst.change as number))) worst = driver;
  return worst;
}

export function healthDriversOf(selection: Selection, settings: HealthDriversSettings): HealthDrivers {
  const month = monthIndex(settings.month);
  const from = settings.from === null ? null : monthIndex(settings.from);
  const accounts: AccountHealthDrivers[] = [];
  for (const position of selection.positions) {
    const drivers = accountDriversAt(selection.index, settings.model, position, month, from);
    if (drivers) accounts.push(drivers);
  }
  return { month: settings.month, from: settings.from, accounts };
}

export function healthDrivers(dataset: Dataset, options: HealthDriversOptions): HealthDrivers {
  return healthDriversOf(wholeDataset(dataset), resolveHealthDriversSettings(options));
}
