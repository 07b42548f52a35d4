/**
 * ARR movements and the waterfall (SPEC 2): each account's ARR in month m against month m-1, for every month of
 * the period, after grace bridging.
 */
import { assertDate, assertPeriod, lastDayOfMonth, monthFromIndex, monthIndex, monthOf } from './dates.js';
import { effectiveArr, indexDataset, valueAt, type DatasetIndex, type MonthlyMatrix } from './dataset-index.js';
import type { DateString, Dataset, Month, Period } from './types.js';

export type MovementKind = 'new' | 'expansion' | 'contraction' | 'churn' | 'reactivation';

export const MOVEMENT_KINDS: readonly MovementKind[] = ['new', 'expansion', 'contraction', 'churn', 'reactivation'];

export interface ArrMovement {
  accountId: string;
  month: Month;
  kind: MovementKind;
  /** Signed: `contraction` and `churn` are negative. */
  amount: number;
}

export interface ArrWaterfallMonth {
  month: Month;
  opening: number;
  new: number;
  expansion: number;
  contraction: number;
  churn: number;
  reactivation: number;
  closing: number;
}

export interface ArrWaterfall {
  period: Period;
  /** Total ARR in the month before `period.from`. */
  opening: number;
  new: number;
  expansion: number;
  /** <= 0 */
  contraction: number;
  /** <= 0 */
  churn: number;
  reactivation: number;
  /** Total ARR in `period.to`, including ARR still in grace. */
  closing: number;
  /** new + expansion + contraction + churn + reactivation; opening + netNew = closing. */
  netNew: number;
  months: ArrWaterfallMonth[];
  movements: ArrMovement[];
}

export interface ArrMovementsOptions {
  period: Period;
  /** Zero-ARR gaps up to this many months are bridged (SPEC 2). Default 0. */
  graceMonths?: number;
  /** "Today": decides whether an open gap is still in grace. Default: last day of `period.to`. */
  asOf?: DateString;
}

/** The ARR matrix the movements are read from: grace-bridged and known as of `asOf`. */
export function movementArr(index: DatasetIndex, period: Period, graceMonths: number, asOf: DateString): MonthlyMatrix {
  return effectiveArr(index, graceMonths, monthIndex(monthOf(asOf)), monthIndex(period.to));
}

export function resolveAsOf(period: Period, asOf: DateString | undefined): DateString {
  if (asOf === undefined) return lastDayOfMonth(period.to);
  assertDate(asOf, 'asOf');
  return asOf;
}

export function assertGrace(graceMonths: number): void {
  if (!Number.isInteger(graceMonths) || graceMonths < 0) {
    throw new RangeError(`graceMonths must be a whole number >= 0, got ${String(graceMonths)}`);
  }
}

function emptyMonth(month: Month): ArrWaterfallMonth {
  return { month, opening: 0, new: 0, expansion: 0, contraction: 0, churn: 0, reactivation: 0, closing: 0 };
}

/** Classifies the change from `previous` to `current` ARR (SPEC 2); null when nothing moved. */
export function classifyMovement(previous: number, current: number, everPositive: boolean): MovementKind | null {
  if (previous <= 0) return current > 0 ? (everPositive ? 'reactivation' : 'new') : null;
  if (current <= 0) return 'churn';
  if (current > previous) return 'expansion';
  if (current < previous) return 'contraction';
  return null;
}

export function arrMovements(dataset: Dataset, options: ArrMovementsOptions): ArrWaterfall {
  const { period, graceMonths = 0 } = options;
  assertPeriod(period);
  assertGrace(graceMonths);
  const asOf = resolveAsOf(period, options.asOf);
  const index = indexDataset(dataset);
  const series = movementArr(index, period, graceMonths, asOf);
  const from = monthIndex(period.from);
  const to = monthIndex(period.to);
  const months = Array.from({ length: to - from + 1 }, (_, offset) => emptyMonth(monthFromIndex(from + offset)));
  const movements: ArrMovement[] = [];

  index.accounts.forEach((account, position) => {
    // "Never had ARR > 0 before m" looks back to the account's first recorded month, not just the period.
    let everPositive = false;
    for (let month = series.start; month < Math.min(from - 1, series.start + series.count); month += 1) {
      if (valueAt(series, position, month) > 0) {
        everPositive = true;
        break;
      }
    }
    let previous = valueAt(series, position, from - 1);
    if (previous > 0) everPositive = true;
    for (let month = from; month <= to; month += 1) {
      const current = valueAt(series, position, month);
      const row = months[month - from] as ArrWaterfallMonth;
      row.opening += previous;
      row.closing += current;
      const kind = classifyMovement(previous, current, everPositive);
      if (kind !== null) {
        const amount = current - previous;
        row[kind] += amount;
        movements.push({ accountId: account.id, month: row.month, kind, amount });
      }
      if (current > 0) everPositive = true;
      previous = current;
    }
  });

  const totals = { new: 0, expansion: 0, contraction: 0, churn: 0, reactivation: 0 };
  for (const row of months) for (const kind of MOVEMENT_KINDS) totals[kind] += row[kind];
  const netNew = totals.new + totals.expansion + totals.contraction + totals.churn + totals.reactivation;
  return {
    period: { from: period.from, to: period.to },
    opening: (months[0] as ArrWaterfallMonth).opening,
    ...totals,
    closing: (months[months.length - 1] as ArrWaterfallMonth).closing,
    netNew,
    months,
    movements,
  };
}
