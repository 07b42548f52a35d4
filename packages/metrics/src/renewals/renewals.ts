/**
 * Renewals (SPEC 3). A contract is due in a period when the month of its `end` lies in the period. Contract B
 * renews A when it is the same account's, starts after A starts, and starts no later than A.end + 1 day +
 * `graceMonths` months (a day missing from the target month clamps to its last day); the earliest such B counts.
 *
 * Rules the SPEC leaves open, decided here:
 * - A renewal contract is found however far in the future it starts: a signed renewal is a renewal, even when
 *   `asOf` is before its start.
 * - With `graceMonths = 0` there is no grace: a contract past its end with no renewal is `churned` at once.
 *   With grace, it is `in-grace` while `asOf` is on or before the last day a renewal may still start.
 * - A contract renews at most one contract, so its ARR is never counted twice. The account's contracts claim their
 *   renewals in order of end date (then start, then id), each taking the earliest qualifying contract not yet
 *   claimed. Two contracts ending together and consolidated into one renewal: the first is renewed, the second
 *   not (the account kept one product and dropped the other).
 * - A contract without an end (open-ended) is never due; it may be the renewal of one that ends.
 */
import { addMonthsToDayNumber, assertPeriod, dayNumber, monthIndex } from '../core/dates.js';
import { roundMoney } from '../core/money.js';
import { assertGrace, resolveAsOf } from '../arr/arr-movements.js';
import { cached, contractEnd, contractStart, OPEN_END, type ContractColumns, type DatasetIndex } from '../data/dataset-index.js';
import { FUNNEL_STAGES, funnelDepth, type FunnelStageName } from '../model/domain.js';
import { ratio } from '../core/ratio.js';
import { isSelected, slotOf, wholeDataset, type Selection } from '../data/selection.js';
import type { DateString, Dataset, Period } from '../core/types.js';

export type RenewalStatus = 'renewed' | 'renewed-late' | 'open' | 'in-grace' | 'churned';

export const RENEWAL_STATUSES: readonly RenewalStatus[] = ['renewed', 'renewed-late', 'open', 'in-grace', 'churned'];

export interface RenewalItem {
  contractId: string;
  accountId: string;
  /** The due contract's ARR, in the reporting currency. */
  dueArr: number;
  /** The renewing contract's ARR; null when not renewed. */
  renewalArr: number | null;
  status: RenewalStatus;
  renewalContractId: string | null;
  /** The due contract's last covered day. */
  dueDate: DateString;
  /** Start of the renewing contract. */
  renewalStart: DateString | null;
  /** Days between the day after `dueDate` and `renewalStart` (0 when on time or early); null when not renewed. */
  daysLate: number | null;
}

export interface CountAndArr {
  count: number;
  arr: number;
}

export interface RenewalSummary {
  period: Period;
  asOf: DateString;
  graceMonths: number;
  due: CountAndArr;
  /** `arr` is the ARR of the renewing contracts. */
  renewed: CountAndArr;
  churned: CountAndArr;
  /** open + in-grace; `arr` is their due ARR. */
  pending: CountAndArr;
  /** Accounts with >= 1 renewed due contract / accounts with >= 1 due contract. */
  logoRate: number | null;
  /** Σ renewal ARR / Σ due ARR; pending contracts stay in the denominator; can exceed 1. */
  dollarRate: number | null;
  /** Σ min(renewal ARR, due ARR) / Σ due ARR. */
  grossDollarRate: number | null;
  items: RenewalItem[];
}

export interface RenewalsOptions {
  period: Period;
  graceMonths?: number;
  asOf?: DateString;
}

export function isRenewed(status: RenewalStatus): boolean {
  return status === 'renewed' || status === 'renewed-late';
}

/** Status codes: indexes into `RENEWAL_STATUSES`. */
const RENEWED = 0;
const RENEWED_LATE = 1;
const OPEN = 2;
const IN_GRACE = 3;
const CHURNED = 4;

export function isRenewedCode(code: number): boolean {
  return code === RENEWED || code === RENEWED_LATE;
}

/** Open or in grace: not decided yet at `asOf`. */
export function isPendingCode(code: number): boolean {
  return code === OPEN || code === IN_GRACE;
}

export function isChurnedCode(code: number): boolean {
  return code === CHURNED;
}

/** The last day a renewal may start: A.end + 1 day + graceMonths months. */
function renewalDeadlineDay(endDay: number, graceMonths: number): number {
  if (graceMonths === 0) return endDay + 1;
  return addMonthsToDayNumber(endDay + 1, graceMonths);
}

/**
 * Each account's contracts in the order they claim renewals: by end day, then start day, then id (SPEC 3), in
 * `c.offsets` ranges as `c.order` is. The same for every grace, so sorted once per index (25 graces of renewal
 * facts at 1M accounts sorted each account's contracts 25 times).
 */
function claimOrder(index: DatasetIndex): Int32Array {
  return cached(index, 'renewals:claim-order', () => {
    const c = index.contracts;
    const order = Int32Array.from(c.order);
    const byEndThenStart = (a: number, b: number) =>
      (c.endDay[a] as number) - (c.endDay[b] as number) || (c.startDay[a] as number) - (c.startDay[b] as number)
      || (c.ids.at(a) < c.ids.at(b) ? -1 : 1);
    for (let p = 0; p < index.accounts.length; p += 1) {
      const from = c.offsets[p] as number;
      const to = c.offsets[p + 1] as number;
      if (to - from >= 2) order.subarray(from, to).sort(byEndThenStart);
    }
    return order;
  });
}

/** For every contract, the contract that renews it (-1 for none), matched once per grace setting. */
export function renewalMatches(index: DatasetIndex, graceMonths: number): Int32Array {
  return cached(index, `renewals:${graceMonths}`, () => matchRenewals(index, graceMonths));
}

/**
 * `renewalMatches` worked out, not kept in the index's cache (`renewalFactsOf` reads every grace once: 25 arrays of
 * every contract, which it does not hold at once).
 */
export function matchRenewals(index: DatasetIndex, graceMonths: number): Int32Array {
  const c = index.contracts;
  const renewalOf = new Int32Array(c.ids.length).fill(-1);
  const claimed = new Uint8Array(c.ids.length);
  const claiming = claimOrder(index);
  for (let p = 0; p < index.accounts.length; p += 1) {
    const from = c.offsets[p] as number;
    const to = c.offsets[p + 1] as number;
    if (to - from < 2) continue;
    // `byStart` is sorted by start, so the first qualifying contract is the earliest renewal.
    const byStart = c.order.subarray(from, to);
    for (let k = from; k < to; k += 1) {
      const due = claiming[k] as number;
      if (c.endDay[due] === OPEN_END) continue;
      const deadline = renewalDeadlineDay(c.endDay[due] as number, graceMonths);
      for (const candidate of byStart) {
        const start = c.startDay[candidate] as number;
        if (start > deadline) break;
        if (start > (c.startDay[due] as number) && claimed[candidate] === 0) {
          claimed[candidate] = 1;
          renewalOf[due] = candidate;
          break;
        }
      }
    }
  }
  return renewalOf;
}

/** The SPEC 3 status code (index into `RENEWAL_STATUSES`) of a due contract at `asOfDay`, given its renewal (-1: none). */
export function renewalStatusCode(c: ContractColumns, due: number, renewal: number, graceMonths: number, asOfDay: number): number {
  const endDay = c.endDay[due] as number;
  if (renewal >= 0) return (c.startDay[renewal] as number) <= endDay + 1 ? RENEWED : RENEWED_LATE;
  if (asOfDay <= endDay) return OPEN;
  if (graceMonths > 0 && asOfDay <= renewalDeadlineDay(endDay, graceMonths)) return IN_GRACE;
  return CHURNED;
}

/** The renewals of a period with the due contracts still as columns, in due order (due date, then id). */
export interface RenewalCore extends Omit<RenewalSummary, 'items'> {
  /** Due contracts (rows of the contract columns). */
  dueRows: Int32Array;
  /** Their renewal contracts, -1 for none. */
  renewal: Int32Array;
  /** Status codes, indexes into `RENEWAL_STATUSES`. */
  status: Uint8Array;
  /**
   * Per due row, in the same order: its account's position, its ARR and its renewal's ARR (0 without one), gathered
   * once: sums over due rows then read in order instead of reaching into the contract columns (millions of rows at
   * random: at 1M accounts most of a renewals sum was waiting on memory).
   */
  dueAccount: Int32Array;
  dueArr: Float64Array;
  renewalArr: Float64Array;
}

/** The first position in `byDue` whose contract is due in month `month` or later. */
function firstDueFrom(c: ContractColumns, month: number): number {
  let low = 0;
  let high = c.byDue.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((c.endMonth[c.byDue[mid] as number] as number) < month) low = mid + 1;
    else high = mid;
  }
  return low;
}

export interface RenewalSettings {
  period: Period;
  graceMonths: number;
  asOf: DateString;
}

/** The due contracts of the selected accounts whose end month lies in months `from .. to`, in due order. */
export function dueContracts(selection: Selection, from: number, to: number): Int32Array {
  const c = selection.index.contracts;
  // A few accounts (a CSM's book): their own contracts, put in due order by rank, not a walk of everyone's.
  if (selection.positions.length * 16 < selection.index.accounts.length) return ownDueContracts(selection, from, to);
  const begin = firstDueFrom(c, from);
  const end = firstDueFrom(c, to + 1);
  const rows = new Int32Array(end - begin);
  const { mask } = selection;
  let size = 0;
  for (let i = begin; i < end; i += 1) {
    const row = c.byDue[i] as number;
    if (mask === null || mask[c.account[row] as number] === 1) rows[size++] = row;
  }
  return size === rows.length ? rows : rows.slice(0, size);
}

/** Each contract's place in the due order (`byDue`); -1 for an open-ended contract. */
function dueRanks(index: DatasetIndex): Int32Array {
  return cached(index, 'due-ranks', () => {
    const c = index.contracts;
    const ranks = new Int32Array(c.account.length).fill(-1);
    c.byDue.forEach((row, rank) => { ranks[row] = rank; });
    return ranks;
  });
}

/** `dueContracts` from the selected accounts' own contracts, in due order. */
function ownDueContracts(selection: Selection, from: number, to: number): Int32Array {
  const c = selection.index.contracts;
  const ranks = dueRanks(selection.index);
  const found: number[] = [];
  for (const position of selection.positions) {
    for (let i = c.offsets[position] as number; i < (c.offsets[position + 1] as number); i += 1) {
      const row = c.order[i] as number;
      const month = c.endMonth[row] as number;
      if (month >= from && month <= to && month !== OPEN_END) found.push(ranks[row] as number);
    }
  }
  const rows = Int32Array.from(found).sort();
  for (let k = 0; k < rows.length; k += 1) rows[k] = c.byDue[rows[k] as number] as number;
  return rows;
}

/** The selection's contracts due in months `from .. to` (due order), each with its renewal (-1: none) and status as of `asOf`. */
export function dueWithStatus(
  selection: Selection, from: number, to: number, graceMonths: number, asOf: DateString,
): DueRows {
  const c = selection.index.contracts;
  const matches = renewalMatches(selection.index, graceMonths);
  const asOfDay = dayNumber(asOf);
  const dueRows = dueContracts(selection, from, to);
  const due = dueRowsOf(dueRows);
  for (let i = 0; i < dueRows.length; i += 1) {
    const row = dueRows[i] as number;
    const match = matches[row] as number;
    due.renewal[i] = match;
    due.status[i] = renewalStatusCode(c, row, match, graceMonths, asOfDay);
    due.dueAccount[i] = c.account[row] as number;
    due.dueArr[i] = c.arr[row] as number;
    due.renewalArr[i] = match >= 0 ? c.arr[match] as number : 0;
  }
  return due;
}

/** A selection's due contracts with their renewals and statuses, and the columns gathered for sums (`RenewalCore`). */
export type DueRows = Pick<RenewalCore, 'dueRows' | 'renewal' | 'status' | 'dueAccount' | 'dueArr' | 'renewalArr'>;

/** The columns for `dueRows`, to be filled. */
function dueRowsOf(dueRows: Int32Array): DueRows {
  const n = dueRows.length;
  return {
    dueRows, renewal: new Int32Array(n), status: new Uint8Array(n),
    dueAccount: new Int32Array(n), dueArr: new Float64Array(n), renewalArr: new Float64Array(n),
  };
}

export function renewalsOf(selection: Selection, { period, graceMonths, asOf }: RenewalSettings): RenewalCore {
  const due = dueWithStatus(selection, monthIndex(period.from), monthIndex(period.to), graceMonths, asOf);
  return { ...summarizeRenewalRows(selection, period, asOf, graceMonths, due), ...due };
}

/**
 * The renewals of `selection` read from those of a selection it is part of (`all`, same settings): its accounts'
 * due contracts, in the same due order, with their renewals and statuses, then summed as `renewalsOf` sums them.
 */
export function renewalsFrom(selection: Selection, all: RenewalCore): RenewalCore {
  let n = 0;
  for (let i = 0; i < all.dueRows.length; i += 1) if (isSelected(selection, all.dueAccount[i] as number)) n += 1;
  const due = dueRowsOf(new Int32Array(n));
  let k = 0;
  for (let i = 0; i < all.dueRows.length; i += 1) {
    if (!isSelected(selection, all.dueAccount[i] as number)) continue;
    due.dueRows[k] = all.dueRows[i] as number;
    due.renewal[k] = all.renewal[i] as number;
    due.status[k] = all.status[i] as number;
    due.dueAccount[k] = all.dueAccount[i] as number;
    due.dueArr[k] = all.dueArr[i] as number;
    due.renewalArr[k] = all.renewalArr[i] as number;
    k += 1;
  }
  return { ...summarizeRenewalRows(selection, all.period, all.asOf, all.graceMonths, due), ...due };
}

/** Aggregates due contracts into the summary figures (shared by `renewals` and per-group breakdowns). */
export function summarizeRenewalRows(
  selection: Selection, period: Period, asOf: DateString, graceMonths: number,
  { dueRows: rows, status, dueAccount, dueArr: dueArrs, renewalArr: renewalArrs }: DueRows,
): Omit<RenewalSummary, 'items'> {
  const slot = slotOf(selection);
  const due = { count: 0, arr: 0 };
  const renewed = { count: 0, arr: 0 };
  const churned = { count: 0, arr: 0 };
  const pending = { count: 0, arr: 0 };
  let cappedArr = 0;
  // Per account: 1 when it has a due contract, 2 when one of them renewed (SPEC 3's logo rate counts accounts).
  const marks = new Uint8Array(selection.positions.length);
  let dueAccounts = 0;
  let renewedAccounts = 0;
  for (let i = 0; i < rows.length; i += 1) {
    const dueArr = dueArrs[i] as number;
    const position = slot[dueAccount[i] as number] as number;
    const code = status[i] as number;
    due.count += 1;
    due.arr += dueArr;
    if (marks[position] === 0) {
      marks[position] = 1;
      dueAccounts += 1;
    }
    if (isRenewedCode(code)) {
      const renewalArr = renewalArrs[i] as number;
      renewed.count += 1;
      renewed.arr += renewalArr;
      cappedArr += Math.min(renewalArr, dueArr);
      if (marks[position] !== 2) {
        marks[position] = 2;
        renewedAccounts += 1;
      }
    } else if (code === CHURNED) {
      churned.count += 1;
      churned.arr += dueArr;
    } else {
      pending.count += 1;
      pending.arr += dueArr;
    }
  }
  return renewalFiguresFromSums({ period, asOf, graceMonths, due, renewed, churned, pending, cappedArr, dueAccounts, renewedAccounts });
}

/**
 * What the renewal figures are summed from, by the JS engine or an engine outside JS (`@cskit/sql`): per status group
 * its contracts and ARR (`renewed.arr` is the renewals' ARR), Σ min(renewal ARR, due ARR) of the renewed, and the
 * accounts with a due contract and with a renewed one.
 */
export interface RenewalSums extends Pick<RenewalSummary, 'period' | 'asOf' | 'graceMonths' | 'due' | 'renewed' | 'churned' | 'pending'> {
  cappedArr: number;
  dueAccounts: number;
  renewedAccounts: number;
}

/** The renewal figures from their sums. */
export function renewalFiguresFromSums(sums: RenewalSums): Omit<RenewalSummary, 'items'> {
  const { period, due, renewed } = sums;
  return {
    period: { from: period.from, to: period.to },
    asOf: sums.asOf,
    graceMonths: sums.graceMonths,
    // Money totals in cents (money.ts); the rates from the exact sums.
    due: cents(due), renewed: cents(renewed), churned: cents(sums.churned), pending: cents(sums.pending),
    logoRate: ratio(sums.renewedAccounts, sums.dueAccounts),
    dollarRate: ratio(renewed.arr, due.arr),
    grossDollarRate: ratio(sums.cappedArr, due.arr),
  };
}

function cents(total: CountAndArr): CountAndArr {
  return { count: total.count, arr: roundMoney(total.arr) };
}

/** One due contract as a row. */
export function renewalItem(index: DatasetIndex, row: number, renewal: number, status: number): RenewalItem {
  const c = index.contracts;
  return {
    contractId: c.ids.at(row),
    accountId: (index.accounts[c.account[row] as number] as { id: string }).id,
    dueArr: c.arr[row] as number,
    renewalArr: renewal >= 0 ? (c.arr[renewal] as number) : null,
    status: RENEWAL_STATUSES[status] as RenewalStatus,
    renewalContractId: renewal >= 0 ? c.ids.at(renewal) : null,
    dueDate: contractEnd(c, row) as DateString,
    renewalStart: renewal >= 0 ? contractStart(c, renewal) : null,
    daysLate: renewal >= 0 ? Math.max(0, (c.startDay[renewal] as number) - ((c.endDay[row] as number) + 1)) : null,
  };
}

export function renewalItems(index: DatasetIndex, core: RenewalCore): RenewalItem[] {
  return Array.from(core.dueRows, (row, i) => renewalItem(index, row, core.renewal[i] as number, core.status[i] as number));
}

/** A renewals core's figures, without its per-row columns. */
export function renewalFigures(core: RenewalCore): Omit<RenewalSummary, 'items'> {
  const { dueRows: _rows, renewal: _renewal, status: _status, dueAccount: _account, dueArr: _dueArr, renewalArr: _renewalArr, ...figures } = core;
  return figures;
}

export function renewalSummary(index: DatasetIndex, core: RenewalCore): RenewalSummary {
  return { ...renewalFigures(core), items: renewalItems(index, core) };
}

export function resolveRenewalSettings(options: RenewalsOptions): RenewalSettings {
  const { period, graceMonths = 0 } = options;
  assertPeriod(period);
  assertGrace(graceMonths);
  return { period, graceMonths, asOf: resolveAsOf(period, options.asOf) };
}

export function renewals(dataset: Dataset, options: RenewalsOptions): RenewalSummary {
  const selection = wholeDataset(dataset);
  return renewalSummary(selection.index, renewalsOf(selection, resolveRenewalSettings(options)));
}

export interface FunnelStage {
  stage: FunnelStageName;
  count: number;
  dueArr: number;
  renewalArr: number;
  /** count / previous stage's count; the first stage converts from itself (1, or null when empty). */
  conversion: number | null;
}

export interface RenewalFunnel {
  period: Period;
  stages: FunnelStage[];
}

/** The funnel over `n` due contracts, read through accessors (items or columns), in one pass. */
export function funnelOf(
  period: Period, n: number,
  renewedAt: (i: number) => boolean, dueArrAt: (i: number) => number, renewalArrAt: (i: number) => number | null,
): RenewalFunnel {
  const counts = [0, 0, 0, 0];
  const dueArrs = [0, 0, 0, 0];
  const renewalArrs = [0, 0, 0, 0];
  // Stages nest (due ⊇ renewed ⊇ retained ⊇ expanded), so each contract adds to the stages up to its depth.
  for (let i = 0; i < n; i += 1) {
    const dueArr = dueArrAt(i);
    const renewal = renewalArrAt(i);
    const depth = funnelDepth(renewedAt(i), dueArr, renewal);
    for (let s = 0; s <= depth; s += 1) {
      counts[s] = (counts[s] as number) + 1;
      dueArrs[s] = (dueArrs[s] as number) + dueArr;
      renewalArrs[s] = (renewalArrs[s] as number) + (renewal ?? 0);
    }
  }
  return funnelFromSums(period, counts, dueArrs, renewalArrs);
}

/** The funnel from each stage's contracts, due ARR and renewal ARR (`FUNNEL_STAGES` order), however they were summed. */
export function funnelFromSums(period: Period, counts: ArrayLike<number>, dueArrs: ArrayLike<number>, renewalArrs: ArrayLike<number>): RenewalFunnel {
  const stages = FUNNEL_STAGES.map((stage, s): FunnelStage => ({
    stage, count: counts[s] as number, dueArr: dueArrs[s] as number, renewalArr: renewalArrs[s] as number,
    // Each stage converts from the one before; the first from itself (1, or null when empty).
    conversion: ratio(counts[s] as number, (counts[s === 0 ? 0 : s - 1] as number)),
  }));
  return { period: { from: period.from, to: period.to }, stages };
}

/** due -> renewed -> retained (renewal ARR >= due ARR) -> expanded (renewal ARR > due ARR) (SPEC 3). */
export function renewalFunnel(summary: RenewalSummary): RenewalFunnel {
  const { items } = summary;
  return funnelOf(
    summary.period, items.length,
    (i) => isRenewed((items[i] as RenewalItem).status), (i) => (items[i] as RenewalItem).dueArr, (i) => (items[i] as RenewalItem).renewalArr,
  );
}

/** The funnel of a renewal core, without building its items. */
export function funnelOfCore(index: DatasetIndex, core: RenewalCore): RenewalFunnel {
  const arr = index.contracts.arr;
  return funnelOf(
    core.period, core.dueRows.length,
    (i) => isRenewedCode(core.status[i] as number), (i) => arr[core.dueRows[i] as number] as number,
    (i) => ((core.renewal[i] as number) >= 0 ? (arr[core.renewal[i] as number] as number) : null),
  );
}
