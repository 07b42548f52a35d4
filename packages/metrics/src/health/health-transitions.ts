/**
 * Win/save transitions (SPEC 4): each account's tier in `period.from` against `period.to`.
 * A save lifts a red account to any higher tier; a win lifts a yellow or green-yellow account; a fall is a decline.
 */
import { assertPeriod, monthIndex } from '../core/dates.js';
import type { DatasetIndex } from '../data/dataset-index.js';
import { HEALTH_TIERS, resolveHealthModel, type HealthModel, type HealthModelInput, type HealthTier } from '../model/health-model.js';
import { healthScoreMatrix, tierCodeAt, type HealthScoreMatrix } from '../data/monthly-records.js';
import { wholeDataset, type Selection } from '../data/selection.js';
import type { Dataset, Period } from '../core/types.js';

export type TransitionKind = 'save' | 'win' | 'decline' | 'steady' | 'unknown';

export const TRANSITION_KINDS: readonly TransitionKind[] = ['save', 'win', 'decline', 'steady', 'unknown'];

export interface AccountTransition {
  accountId: string;
  fromTier: HealthTier | null;
  toTier: HealthTier | null;
  kind: TransitionKind;
}

export interface HealthTransitions {
  period: Period;
  accounts: AccountTransition[];
  counts: Record<TransitionKind, number>;
  /** 4x4 counts: rows are the from tier, columns the to tier, both in the order green, green-yellow, yellow, red. */
  matrix: number[][];
  /** The row and column order of `matrix`. */
  tiers: readonly HealthTier[];
}

export function transitionKind(fromTier: HealthTier | null, toTier: HealthTier | null): TransitionKind {
  return TRANSITION_KINDS[transitionCode(fromTier === null ? -1 : HEALTH_TIERS.indexOf(fromTier), toTier === null ? -1 : HEALTH_TIERS.indexOf(toTier))] as TransitionKind;
}

/** The transition between two tier codes (indexes into `HEALTH_TIERS`, -1 for none), as an index into `TRANSITION_KINDS`. */
export function transitionCode(fromCode: number, toCode: number): number {
  if (fromCode < 0 || toCode < 0) return 4;
  // Codes count down from green (0) to red (3): a lower code is a higher tier.
  if (toCode > fromCode) return 2;
  if (toCode === fromCode) return 3;
  return fromCode === 3 ? 0 : 1;
}

/** The transition kind code of one account between two month indexes. */
export function transitionAt(matrix: HealthScoreMatrix, position: number, from: number, to: number): number {
  return transitionCode(tierCodeAt(matrix, position, from), tierCodeAt(matrix, position, to));
}

/**
 * The figures of transitions from how many accounts moved between each pair of tier codes (-1: no health at that
 * end): how an engine that counts accounts itself (`@cskit/sql`) finishes, with the same rule (`transitionCode`).
 */
export function transitionsFromPairs(period: Period, pairs: Iterable<{ from: number; to: number; count: number }>): Omit<HealthTransitions, 'accounts'> {
  const counts: Record<TransitionKind, number> = { save: 0, win: 0, decline: 0, steady: 0, unknown: 0 };
  const grid = HEALTH_TIERS.map(() => HEALTH_TIERS.map(() => 0));
  for (const { from, to, count } of pairs) {
    counts[TRANSITION_KINDS[transitionCode(from, to)] as TransitionKind] += count;
    if (from >= 0 && to >= 0) (grid[from] as number[])[to] = ((grid[from] as number[])[to] as number) + count;
  }
  return { period: { from: period.from, to: period.to }, counts, matrix: grid, tiers: HEALTH_TIERS };
}

/** Transitions with their accounts still as codes per selected position. */
export interface TransitionsCore extends Omit<HealthTransitions, 'accounts'> {
  positions: Int32Array;
  fromCodes: Int8Array;
  toCodes: Int8Array;
  kindCodes: Uint8Array;
}

export function transitionsOf(selection: Selection, period: Period, model: HealthModel): TransitionsCore {
  const matrix = healthScoreMatrix(selection.index, model);
  const from = monthIndex(period.from);
  const to = monthIndex(period.to);
  const counts: Record<TransitionKind, number> = { save: 0, win: 0, decline: 0, steady: 0, unknown: 0 };
  const grid = HEALTH_TIERS.map(() => HEALTH_TIERS.map(() => 0));
  const n = selection.positions.length;
  const fromCodes = new Int8Array(n);
  const toCodes = new Int8Array(n);
  const kindCodes = new Uint8Array(n);
  selection.positions.forEach((position, i) => {
    const fromCode = tierCodeAt(matrix, position, from);
    const toCode = tierCodeAt(matrix, position, to);
    const kind = transitionCode(fromCode, toCode);
    fromCodes[i] = fromCode;
    toCodes[i] = toCode;
    kindCodes[i] = kind;
    counts[TRANSITION_KINDS[kind] as TransitionKind] += 1;
    if (fromCode >= 0 && toCode >= 0) (grid[fromCode] as number[])[toCode] = ((grid[fromCode] as number[])[toCode] as number) + 1;
  });
  return { period: { from: period.from, to: period.to }, counts, matrix: grid, tiers: HEALTH_TIERS, positions: selection.positions, fromCodes, toCodes, kindCodes };
}

export function transitionRow(index: DatasetIndex, core: TransitionsCore, i: number): AccountTransition {
  const fromCode = core.fromCodes[i] as number;
  const toCode = core.toCodes[i] as number;
  return {
    accountId: (index.accounts[core.positions[i] as number] as { id: string }).id,
    fromTier: fromCode < 0 ? null : (HEALTH_TIERS[fromCode] as HealthTier),
    toTier: toCode < 0 ? null : (HEALTH_TIERS[toCode] as HealthTier),
    kind: TRANSITION_KINDS[core.kindCodes[i] as number] as TransitionKind,
  };
}

export function transitionsResult(index: DatasetIndex, core: TransitionsCore): HealthTransitions {
  return {
    period: core.period,
    accounts: Array.from(core.positions, (_, i) => transitionRow(index, core, i)),
    counts: core.counts, matrix: core.matrix, tiers: core.tiers,
  };
}

export function healthTransitions(dataset: Dataset, options: { period: Period; model?: HealthModelInput }): HealthTransitions {
  assertPeriod(options.period);
  const model = resolveHealthModel(options.model);
  const selection = wholeDataset(dataset);
  return transitionsResult(selection.index, transitionsOf(selection, options.period, model));
}
