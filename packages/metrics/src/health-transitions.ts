/**
 * Win/save transitions (SPEC 4): each account's tier in `period.from` against `period.to`.
 * A save lifts a red account to any higher tier; a win lifts a yellow or green-yellow account; a fall is a decline.
 */
import { assertPeriod, monthIndex } from './dates.js';
import { indexDataset, type DatasetIndex } from './dataset-index.js';
import { tierAt } from './health.js';
import { HEALTH_TIERS, resolveHealthModel, tierRank, type HealthModel, type HealthModelInput, type HealthTier } from './health-model.js';
import type { Dataset, Period } from './types.js';

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
  if (fromTier === null || toTier === null) return 'unknown';
  const change = tierRank(toTier) - tierRank(fromTier);
  if (change < 0) return 'decline';
  if (change === 0) return 'steady';
  return fromTier === 'red' ? 'save' : 'win';
}

/** The transition of one account between two month indexes. */
export function accountTransition(index: DatasetIndex, model: HealthModel, position: number, from: number, to: number): AccountTransition {
  const fromTier = tierAt(index, model, position, from);
  const toTier = tierAt(index, model, position, to);
  return { accountId: (index.accounts[position] as { id: string }).id, fromTier, toTier, kind: transitionKind(fromTier, toTier) };
}

export function healthTransitions(dataset: Dataset, options: { period: Period; model?: HealthModelInput }): HealthTransitions {
  const { period } = options;
  assertPeriod(period);
  const model = resolveHealthModel(options.model);
  const index = indexDataset(dataset);
  const from = monthIndex(period.from);
  const to = monthIndex(period.to);
  const counts = Object.fromEntries(TRANSITION_KINDS.map((kind) => [kind, 0])) as Record<TransitionKind, number>;
  const matrix = HEALTH_TIERS.map(() => HEALTH_TIERS.map(() => 0));
  const accounts: AccountTransition[] = [];
  for (let position = 0; position < index.accounts.length; position += 1) {
    const transition = accountTransition(index, model, position, from, to);
    accounts.push(transition);
    counts[transition.kind] += 1;
    if (transition.fromTier && transition.toTier) {
      const row = matrix[HEALTH_TIERS.indexOf(transition.fromTier)] as number[];
      const column = HEALTH_TIERS.indexOf(transition.toTier);
      row[column] = (row[column] as number) + 1;
    }
  }
  return { period: { from: period.from, to: period.to }, accounts, counts, matrix, tiers: HEALTH_TIERS };
}
