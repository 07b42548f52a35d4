/**
 * ARR movements and the waterfall (SPEC 2): each account's ARR in month m against month m-1, for every month of
 * the period, after grace bridging as known at `asOf` (a gap is judged from the months up to `asOf` only).
 */
import { FloatColumn, IntColumn } from '../data/columns.js';
import { assertDate, assertPeriod, lastDayOfMonth, monthFromIndex, monthIndex, monthOf } from '../core/dates.js';
import { arrSeries, type ArrSeries, type DatasetIndex, type MonthlyMatrix } from '../data/dataset-index.js';
import { carryResidue, fromCents, sumCents, toCents } from '../core/money.js';
import { isSelected, slotOf, wholeDataset, type Selection } from '../data/selection.js';
import type { DateString, Dataset, Month, Period } from '../core/types.js';

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

/** The movements of a waterfall as columns, in account order then month: rows materialise only when asked. */
export interface MovementColumns {
  position: IntColumn;
  month: IntColumn;
  /** Index into `MOVEMENT_KINDS`. */
  kind: IntColumn;
  amount: FloatColumn;
}

/** A waterfall with its movements still as columns, and how many distinct accounts made each kind of movement. */
export interface WaterfallCore extends Omit<ArrWaterfall, 'movements'> {
  movementColumns: MovementColumns;
  accountsByKind: Record<MovementKind, number>;
  /** Per selected account, by its place in the selection: ARR in the month before the period, and in its last month. */
  openingAt: Float64Array;
  closingAt: Float64Array;
  /** Accounts with ARR > 0 (after grace) in each month `from - 1 .. to`: index 0 is the month before the period. */
  customers: Int32Array;
}

/** The ARR the movements are read from: grace-bridged and known as of `asOf`. */
export function movementArr(index: DatasetIndex, period: Period, graceMonths: number, asOf: DateString): ArrSeries {
  return arrSeries(index, graceMonths, monthIndex(monthOf(asOf)), monthIndex(period.to));
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
  const code = movementCode(previous, current, everPositive);
  return code < 0 ? null : (MOVEMENT_KINDS[code] as MovementKind);
}

const firstPositives = new WeakMap<MonthlyMatrix, Int32Array>();

/**
 * Per account, the offset of its first month with ARR > 0 in `matrix` (`count` when none). Grace never changes it:
 * a bridged month always follows a month with ARR.
 */
function firstPositive(matrix: MonthlyMatrix, accounts: number): Int32Array {
  let first = firstPositives.get(matrix);
  if (!first) {
    first = new Int32Array(accounts).fill(matrix.count);
    for (let p = 0; p < accounts; p += 1) {
      const base = p * matrix.count;
      for (let offset = 0; offset < matrix.count; offset += 1) {
        if ((matrix.values[base + offset] as number) > 0) {
          first[p] = offset;
          break;
        }
      }
    }
    firstPositives.set(matrix, first);
  }
  return first;
}

export interface WaterfallSettings {
  period: Period;
  graceMonths: number;
  asOf: DateString;
}

/** Movement codes: indexes into `MOVEMENT_KINDS`; -1 when nothing moved. */
const NEW = 0;
const EXPANSION = 1;
const CONTRACTION = 2;
const CHURN = 3;
const REACTIVATION = 4;

/** {@link classifyMovement} as a code, for the hot loop. */
function movementCode(previous: number, current: number, everPositive: boolean): number {
  if (previous <= 0) return current > 0 ? (everPositive ? REACTIVATION : NEW) : -1;
  if (current <= 0) return CHURN;
  if (current > previous) return EXPANSION;
  if (current < previous) return CONTRACTION;
  return -1;
}

/**
 * What a waterfall of any subset of a selection is summed from: per account of `selection` (by its place in it),
 * its ARR in the month before the period and in each month of it (`values`, `length + 1` per account), and the
 * selection's waterfall, whose movement columns hold every account's movements. `waterfallFromFacts` sums a
 * filter's accounts from them in the order `waterfallOf` would, so the results are the same to the last bit.
 */
export interface WaterfallFacts {
  selection: Selection;
  core: WaterfallCore;
  values: Float64Array;
}

export function waterfallOf(selection: Selection, settings: WaterfallSettings): WaterfallCore {
  return waterfallPass(selection, settings, null);
}

/** The waterfall of `selection` and the facts a subset of it is summed from. */
export function waterfallFactsOf(selection: Selection, settings: WaterfallSettings): WaterfallFacts {
  const length = monthIndex(settings.period.to) - monthIndex(settings.period.from) + 1;
  const values = new Float64Array(selection.positions.length * (length + 1));
  return { selection, core: waterfallPass(selection, settings, values), values };
}

/** Per month sums of a waterfall being built, in account order. */
interface WaterfallSums {
  opening: Float64Array;
  closing: Float64Array;
  /** Per month, one sum per movement kind. */
  sums: Float64Array;
  customers: Int32Array;
  /** Distinct accounts per movement kind. */
  accounts: Int32Array;
  columns: MovementColumns;
  openingAt: Float64Array;
  closingAt: Float64Array;
}

function emptySums(length: number, selected: number, movements?: number): WaterfallSums {
  return {
    opening: new Float64Array(length), closing: new Float64Array(length), sums: new Float64Array(length * MOVEMENT_KINDS.length),
    customers: new Int32Array(length + 1), accounts: new Int32Array(MOVEMENT_KINDS.length),
    columns: {
      position: new IntColumn(movements), month: new IntColumn(movements), kind: new IntColumn(movements), amount: new FloatColumn(movements),
    },
    openingAt: new Float64Array(selected), closingAt: new Float64Array(selected),
  };
}

function waterfallPass(selection: Selection, { period, graceMonths, asOf }: WaterfallSettings, values: Float64Array | null): WaterfallCore {
  const { index } = selection;
  const series = movementArr(index, period, graceMonths, asOf);
  const first = firstPositive(series.raw, index.accounts.length);
  const from = monthIndex(period.from);
  const to = monthIndex(period.to);
  const length = to - from + 1;
  const t = emptySums(length, selection.positions.length);
  const { customers, accounts } = t;
  const { start } = series.raw;
  let slot = 0;

  const { values: raw, count } = series.raw;
  for (const position of selection.positions) {
    // "Never had ARR > 0 before m" looks back to the account's first recorded month, not just the period.
    const firstMonth = start + (first[position] as number);
    const row = position * count;
    let previous = series.at(position, from - 1);
    const kept = slot * (length + 1);
    if (values !== null) values[kept] = previous;
    t.openingAt[slot] = previous;
    if (previous > 0) customers[0] = (customers[0] as number) + 1;
    let kinds = 0;
    for (let month = from; month <= to; month += 1) {
      // Recorded ARR > 0 is never bridged: read it straight from the row; zeros go through the grace rule.
      const offset0 = month - start;
      const recorded = offset0 >= 0 && offset0 < count ? (raw[row + offset0] as number) : 0;
      const current = recorded > 0 ? recorded : series.at(position, month);
      const offset = month - from;
      if (values !== null) values[kept + offset + 1] = current;
      addMonth(t, offset, previous, current);
      const code = movementCode(previous, current, firstMonth < month);
      if (code >= 0) {
        addMovement(t, position, month, offset, code, current - previous);
        kinds |= 1 << code;
      }
      previous = current;
    }
    t.closingAt[slot] = previous;
    slot += 1;
    countKinds(accounts, kinds);
  }
  return finishWaterfall(period, t);
}

/** One account's ARR in the month before `offset` and in it: the month's opening, closing and customers. */
function addMonth(t: WaterfallSums, offset: number, previous: number, current: number): void {
  t.opening[offset] = (t.opening[offset] as number) + previous;
  t.closing[offset] = (t.closing[offset] as number) + current;
  if (current > 0) t.customers[offset + 1] = (t.customers[offset + 1] as number) + 1;
}

/** One movement: added to its month's sum of its kind, and to the movement columns. */
function addMovement(t: WaterfallSums, position: number, month: number, offset: number, code: number, amount: number): void {
  const cell = offset * MOVEMENT_KINDS.length + code;
  t.sums[cell] = (t.sums[cell] as number) + amount;
  t.columns.position.push(position);
  t.columns.month.push(month);
  t.columns.kind.push(code);
  t.columns.amount.push(amount);
}

function countKinds(accounts: Int32Array, kinds: number): void {
  if (kinds !== 0) for (let code = 0; code < MOVEMENT_KINDS.length; code += 1) if (kinds & (1 << code)) accounts[code] = (accounts[code] as number) + 1;
}

/**
 * The waterfall of `selection`, a subset of `facts.selection`, summed from the facts: the same passes in the same
 * account order as `waterfallOf`, without reading the ARR matrix or bridging a gap again.
 */
export function waterfallFromFacts(selection: Selection, facts: WaterfallFacts, period: Period): WaterfallCore {
  const length = monthIndex(period.to) - monthIndex(period.from) + 1;
  const all = facts.core.movementColumns;
  // The selection's movements counted first: their columns are allocated once, at their size.
  let movements = 0;
  for (let row = 0; row < all.position.length; row += 1) if (isSelected(selection, all.position.at(row))) movements += 1;
  const t = emptySums(length, selection.positions.length, movements);
  const { customers, accounts } = t;
  const place = slotOf(facts.selection);
  const { values } = facts;
  let slot = 0;
  for (const position of selection.positions) {
    const kept = (place[position] as number) * (length + 1);
    let previous = values[kept] as number;
    t.openingAt[slot] = previous;
    if (previous > 0) customers[0] = (customers[0] as number) + 1;
    for (let offset = 0; offset < length; offset += 1) {
      const current = values[kept + offset + 1] as number;
      addMonth(t, offset, previous, current);
      previous = current;
    }
    t.closingAt[slot] = previous;
    slot += 1;
  }
  // The selection's movements, in the facts' order (account, then month): each month's sums add them as `waterfallOf` does.
  const from = monthIndex(period.from);
  let current = -1;
  let kinds = 0;
  for (let row = 0; row < all.position.length; row += 1) {
    const position = all.position.at(row);
    if (!isSelected(selection, position)) continue;
    if (position !== current) {
      countKinds(accounts, kinds);
      current = position;
      kinds = 0;
    }
    const month = all.month.at(row);
    const code = all.kind.at(row);
    addMovement(t, position, month, month - from, code, all.amount.at(row));
    kinds |= 1 << code;
  }
  countKinds(accounts, kinds);
  return finishWaterfall(period, t);
}

/**
 * What an engine outside JS (`@cskit/sql`) sums for a waterfall: per month `from - 1 .. to` the accounts' ARR after
 * grace and how many have ARR > 0; per month of the period and movement kind (`MOVEMENT_KINDS` order) the sum of
 * the movements; per kind the distinct accounts that made one.
 */
export interface WaterfallMonthSums {
  period: Period;
  /** `length + 1` months: index 0 is the month before the period. */
  closing: ArrayLike<number>;
  customers: ArrayLike<number>;
  /** `length x MOVEMENT_KINDS.length`, month by month. */
  sums: ArrayLike<number>;
  accountsByKind: ArrayLike<number>;
}

/**
 * A waterfall's figures from its sums, finished as `waterfallOf` finishes its own (whole cents, the residue carried
 * by the month's largest movement); its movement columns and per-account figures are empty.
 */
export function waterfallFromSums(input: WaterfallMonthSums): WaterfallCore {
  const length = monthIndex(input.period.to) - monthIndex(input.period.from) + 1;
  const t = emptySums(length, 0, 0);
  t.opening[0] = input.closing[0] as number;
  for (let offset = 0; offset < length; offset += 1) t.closing[offset] = input.closing[offset + 1] as number;
  t.sums.set(Array.from(input.sums));
  t.customers.set(Array.from(input.customers));
  t.accounts.set(Array.from(input.accountsByKind));
  return finishWaterfall(input.period, t);
}

function finishWaterfall(period: Period, t: WaterfallSums): WaterfallCore {
  const from = monthIndex(period.from);
  const length = t.opening.length;
  const { opening, closing, sums, accounts } = t;
  // Money totals in whole cents (money.ts): no binary noise (227749585.8, not 227749585.7999999), and each month's
  // opening + movements = closing exactly in cents, months chained (a month opens where the one before closed).
  // Rounding the parts can leave the closing a few cents off their sum: the largest movement of the month carries
  // that residue, so opening and closing stay the nearest cents to the accounts' ARR.
  const months: ArrWaterfallMonth[] = [];
  const totalCents = new Array<number>(MOVEMENT_KINDS.length).fill(0);
  let openingCents = toCents(opening[0] as number);
  for (let offset = 0; offset < length; offset += 1) {
    const row = emptyMonth(monthFromIndex(from + offset));
    const kindCents = MOVEMENT_KINDS.map((_, code) => toCents(sums[offset * MOVEMENT_KINDS.length + code] as number));
    carryResidue(kindCents, toCents(closing[offset] as number) - openingCents - sumCents(kindCents));
    const closingCents = openingCents + sumCents(kindCents);
    row.opening = fromCents(openingCents);
    MOVEMENT_KINDS.forEach((kind, code) => {
      row[kind] = fromCents(kindCents[code] as number);
      totalCents[code] = (totalCents[code] as number) + (kindCents[code] as number);
    });
    row.closing = fromCents(closingCents);
    months.push(row);
    openingCents = closingCents;
  }
  const totals = Object.fromEntries(MOVEMENT_KINDS.map((kind, code) => [kind, fromCents(totalCents[code] as number)])) as Record<MovementKind, number>;
  const netNew = fromCents(sumCents(totalCents));
  const accountsByKind = Object.fromEntries(MOVEMENT_KINDS.map((kind, code) => [kind, accounts[code] as number])) as Record<MovementKind, number>;
  return {
    period: { from: period.from, to: period.to },
    opening: (months[0] as ArrWaterfallMonth).opening,
    ...totals,
    closing: (months[months.length - 1] as ArrWaterfallMonth).closing,
    netNew,
    months,
    movementColumns: t.columns,
    accountsByKind,
    openingAt: t.openingAt,
    closingAt: t.closingAt,
    customers: t.customers,
  };
}

/** The movements as rows: `{ accountId, month, kind, amount }`, in account order then month. */
export function movementRows(index: DatasetIndex, columns: MovementColumns): ArrMovement[] {
  const rows: ArrMovement[] = new Array(columns.position.length);
  const monthNames = new Map<number, Month>();
  for (let row = 0; row < rows.length; row += 1) {
    const month = columns.month.at(row);
    let name = monthNames.get(month);
    if (name === undefined) monthNames.set(month, (name = monthFromIndex(month)));
    rows[row] = {
      accountId: (index.accounts[columns.position.at(row)] as { id: string }).id,
      month: name,
      kind: MOVEMENT_KINDS[columns.kind.at(row)] as MovementKind,
      amount: columns.amount.at(row),
    };
  }
  return rows;
}

export function waterfallResult(index: DatasetIndex, core: WaterfallCore): ArrWaterfall {
  const { movementColumns, accountsByKind: _accountsByKind, openingAt: _openingAt, closingAt: _closingAt, customers: _customers, ...figures } = core;
  return { ...figures, movements: movementRows(index, movementColumns) };
}

export function resolveWaterfallSettings(options: ArrMovementsOptions): WaterfallSettings {
  const { period, graceMonths = 0 } = options;
  assertPeriod(period);
  assertGrace(graceMonths);
  return { period, graceMonths, asOf: resolveAsOf(period, options.asOf) };
}

export function arrMovements(dataset: Dataset, options: ArrMovementsOptions): ArrWaterfall {
  const settings = resolveWaterfallSettings(options);
  const selection = wholeDataset(dataset);
  return waterfallResult(selection.index, waterfallOf(selection, settings));
}
