/**
 * The one place that reads a dataset's collections: it indexes them once into columns (accounts by position,
 * dates as day numbers, months as integer indexes, money converted to the reporting currency) that every metric
 * then scans linearly, for all accounts or for the accounts a filter selects (`selection.ts`). The index is cached
 * per dataset object, so treat datasets as immutable: derive a new one (`filterDataset`, `validateDataset`) instead
 * of mutating it.
 *
 * Monthly matrices span only the months a computation asks for (`arrThrough`): a contract ending in 9999, or one
 * without an end, costs what any other contract costs.
 */
import { LruCache, markShared, OwnedValues } from '../core/cache.js';
import { PackedStrings, StringPacker } from './columns.js';
import { dateFromDayNumber, dayNumber, isLastDayNumberOfMonth, monthIndex } from '../core/dates.js';
import { ownValue, REVENUE_FIELDS, revenueFieldOf, type RevenueField } from '../model/domain.js';
import type { Account, Dataset, DateString, Lead, NpsResponse, RevenueEvent, Target } from '../core/types.js';
import { bucketOrderWork, runSync, sortWork, STEP, type Work } from '../core/work.js';

/** `endDay` / `endMonth` of a contract without an end: later than any real date. */
export const OPEN_END = Number.MAX_SAFE_INTEGER;

/** Contracts as columns, in dataset order; money in the reporting currency. */
export interface ContractColumns {
  /**
   * Contract ids by row. The contracts themselves are not kept (a compact engine lets go of them: at 100,000
   * accounts they are more than half of the heap a garbage collection walks); their dates come back from the
   * day numbers with `contractStart` and `contractEnd`, their account from `account`. Packed: `ids.at(row)`.
   */
  ids: PackedStrings;
  account: Int32Array;
  arr: Float64Array;
  startDay: Float64Array;
  /** `OPEN_END` for an open-ended contract. */
  endDay: Float64Array;
  startMonth: Int32Array;
  /** Month of `end`: the month the contract is due; `OPEN_END` when it never is. */
  endMonth: Float64Array;
  /** Per account, its contracts sorted by start, then id: `order[offsets[p] .. offsets[p + 1])`. */
  offsets: Int32Array;
  order: Int32Array;
  /** The inverse of `order`: where each contract stands in it (its account's place, then its start). */
  orderRank: Int32Array;
  /** Contracts with an end, sorted by end date, then id: the order renewals list them in. */
  byDue: Int32Array;
  /** Contracts with an opt-out date, in dataset order, and that date as a day number (NaN for the others). */
  withOptOut: Int32Array;
  optOutDay: Float64Array;
}

/** A per-account monthly value for months `start .. start + count - 1`, row-major by account. */
export interface MonthlyMatrix {
  start: number;
  count: number;
  values: Float64Array;
}

/**
 * A collection's records by row: the dataset's own array, or in a compact engine the records packed as JSON text
 * (`PackedRecords`), read back one at a time. Metrics scan the columns beside it; only rows (an account's story)
 * read records.
 */
export interface RecordList<T> {
  readonly length: number;
  at(row: number): T | undefined;
}

/** Records packed as JSON text: a few strings on the heap instead of several objects per record. */
export class PackedRecords<T> implements RecordList<T> {
  private readonly text: PackedStrings;
  /** Packs records, or takes their JSON text already packed (a stream of records packed as they arrived). */
  constructor(records: RecordList<T> | PackedStrings) {
    this.text = records instanceof PackedStrings ? records : new PackedStrings(records.length, (row) => JSON.stringify(records.at(row)));
  }

  get length(): number {
    return this.text.length;
  }

  at(row: number): T | undefined {
    return row >= 0 && row < this.text.length ? (JSON.parse(this.text.at(row)) as T) : undefined;
  }
}

/** A dated record of one account (or of none: NPS responses may have no account). */
export interface RecordColumns<T> {
  records: RecordList<T>;
  /** Account position; -1 for a record without an account. */
  account: Int32Array;
  month: Int32Array;
  /** The record's number: an NPS score, a lead's or a revenue event's ARR (0 when absent). */
  value: Float64Array;
}

export interface DatasetIndex {
  /** The dataset indexed; after `compactIndex`, without the per-month records already read into matrices. */
  dataset: Dataset;
  accounts: readonly Account[];
  positionOf: ReadonlyMap<string, number>;
  contracts: ContractColumns;
  /** The latest month of a contract start or an ARR snapshot (null without either): the default period ends there. */
  freshestMonth: number | null;
  /** ARR comes from `dataset.arr` snapshots when there are any (SPEC 2). */
  arrFromSnapshots: boolean;
  /** First month with ARR data, and the last month the data itself decides (later months only follow from it). */
  arrStart: number;
  arrLast: number;
  /** Lazily built results; use `cached`. */
  cache: Map<string, unknown>;
  /**
   * Matrices that depend on a health model (its components, sides, scores and tiers): any client may send a new
   * model, so these are kept least recently used first within `MODEL_CACHE_BYTES`; use `modelCached`.
   */
  models: LruCache;
}

/**
 * Bytes of health models' matrices kept per index: one model at 100,000 accounts and four years takes about 120 MB
 * (its sides, its scores and tiers; its components' values are let go once the sides are built).
 */
export const MODEL_CACHE_BYTES = 256 * 2 ** 20;

const indexes = new WeakMap<Dataset, DatasetIndex>();

/** Units of reporting currency per unit of `currency`; throws for a currency without a rate. */
export function fxRate(dataset: Dataset, currency: string | undefined, where: string): number {
  if (currency === undefined || currency === (dataset.currency ?? 'USD')) return 1;
  const rate = ownValue(dataset.fxRates, currency);
  if (typeof rate !== 'number') {
    throw new Error(`${where}: currency '${currency}' has no rate in dataset.fxRates; run validateDataset to list such records`);
  }
  return rate;
}

export function accountPosition(positionOf: ReadonlyMap<string, number>, accountId: string, where: string): number {
  const position = positionOf.get(accountId);
  if (position === undefined) {
    throw new Error(`${where}: unknown accountId '${accountId}'; run validateDataset to list such records`);
  }
  return position;
}

/** Money in the reporting currency; a product past the largest double is an error, never Infinity (SPEC 0). */
export function money(amount: number, rate: number, where: string): number {
  const value = amount * rate;
  if (!Number.isFinite(value)) throw new RangeError(`${where}: ARR ${amount} x rate ${rate} is too large to compute with`);
  return value;
}

/** Contracts as read from their records, in dataset order, before they are sorted into `ContractColumns`. */
export interface ContractRows {
  ids: readonly string[];
  account: Int32Array;
  arr: Float64Array;
  startDay: Float64Array;
  endDay: Float64Array;
  startMonth: Int32Array;
  endMonth: Float64Array;
  /** NaN without an opt-out date. */
  optOutDay: Float64Array;
}

function contractRowsOf(dataset: Dataset, positionOf: ReadonlyMap<string, number>): ContractRows {
  const records = dataset.contracts ?? [];
  const n = records.length;
  const rows: ContractRows = {
    ids: records.map((contract) => contract.id), account: new Int32Array(n), arr: new Float64Array(n), startDay: new Float64Array(n),
    endDay: new Float64Array(n), startMonth: new Int32Array(n), endMonth: new Float64Array(n), optOutDay: new Float64Array(n).fill(Number.NaN),
  };
  records.forEach((contract, row) => {
    const where = `contracts[${row}] ('${contract.id}')`;
    rows.account[row] = accountPosition(positionOf, contract.accountId, where);
    rows.arr[row] = money(contract.arr, fxRate(dataset, contract.currency, where), where);
    setContractDates(rows, row, contract.start, contract.end, contract.optOutDate);
  });
  return rows;
}

/** Writes a contract's dates as day numbers and months (an open end is `OPEN_END`). */
export function setContractDates(rows: ContractRows, row: number, start: DateString, end: DateString | undefined, optOut: DateString | undefined): void {
  rows.startDay[row] = dayNumber(start);
  rows.startMonth[row] = monthIndex(start);
  rows.endDay[row] = end === undefined ? OPEN_END : dayNumber(end);
  rows.endMonth[row] = end === undefined ? OPEN_END : monthIndex(end);
  if (optOut !== undefined) rows.optOutDay[row] = dayNumber(optOut);
}

/**
 * When the due order buckets by day: a range of days not far wider than the count, or, with many contracts, any range
 * up to ~11,000 years (an evergreen contract ending 9999-12-31 among ones ending this decade: a 12 MB array).
 */
const SPARSE_DAYS = 65_536;
const MANY_DUE = 65_536;
const WIDEST_DAYS = 1 << 22;

/**
 * The contracts with an end, by end date, then id, then place (sliced: half a million rows take longer than a slice).
 * The rows are first bucketed by end day (a counting sort over the days' range, when that range is not far wider than
 * the count), so that ids are compared only between contracts ending on the same day: at 100,000 accounts this took
 * the order from ~0.4 s (one merge sort comparing days and ids) to ~0.1 s. A day with more contracts than a slice
 * sorts (calendar-year contracts all ending on 31 December) is sorted by the sliced merge sort.
 */
function* dueOrderWork(ids: readonly string[], endDay: Float64Array): Work<Int32Array> {
  let dueCount = 0;
  let first = Infinity;
  let last = -Infinity;
  for (let row = 0; row < endDay.length; row += 1) {
    const day = endDay[row] as number;
    if (day === OPEN_END) continue;
    dueCount += 1;
    if (day < first) first = day;
    if (day > last) last = day;
  }
  const byId = (a: number, b: number) => ((ids[a] as string) < (ids[b] as string) ? -1 : (ids[a] as string) > (ids[b] as string) ? 1 : a - b);
  yield;
  const dense = last - first <= 4 * dueCount + SPARSE_DAYS || (dueCount >= MANY_DUE && last - first <= WIDEST_DAYS);
  if (dueCount < 2 || !dense) {
    const byDue = new Int32Array(dueCount);
    let next = 0;
    for (let row = 0; row < endDay.length; row += 1) if (endDay[row] !== OPEN_END) byDue[next++] = row;
    yield* sortWork(byDue, (a, b) => (endDay[a] as number) - (endDay[b] as number) || byId(a, b));
    return byDue;
  }
  const { starts, order: byDue } = yield* bucketOrderWork(endDay.length, last - first + 1, (row) => (endDay[row] === OPEN_END ? -1 : (endDay[row] as number) - first));
  let sorted = 0;
  for (let day = 0; day < starts.length - 1; day += 1) {
    const from = starts[day] as number;
    const to = starts[day + 1] as number;
    if (to - from > STEP) yield* sortWork(byDue.subarray(from, to), byId);
    else if (to - from > 1) byDue.subarray(from, to).sort(byId);
    sorted += to - from;
    if (sorted >= STEP) {
      sorted = 0;
      yield;
    }
  }
  return byDue;
}

/** Sorts contract rows into columns: each account's contracts by start (then id), the due order, opt-outs. */
export function* contractColumnsWork(rows: ContractRows, accountCount: number): Work<ContractColumns> {
  const { ids, account, startDay, endDay, optOutDay } = rows;
  const n = ids.length;
  const { starts: offsets, order } = yield* bucketOrderWork(n, accountCount, (row) => account[row] as number);
  const byStart = (a: number, b: number) =>
    (startDay[a] as number) - (startDay[b] as number) || ((ids[a] as string) < (ids[b] as string) ? -1 : 1);
  for (let p = 0; p < accountCount; p += 1) {
    const from = offsets[p] as number;
    const to = offsets[p + 1] as number;
    if (to - from > 1) order.subarray(from, to).sort(byStart);
    if ((p & (STEP / 4 - 1)) === 0) yield;
  }
  const byDue = yield* dueOrderWork(ids, endDay);
  const withOptOut: number[] = [];
  for (let row = 0; row < n; row += 1) if (!Number.isNaN(optOutDay[row] as number)) withOptOut.push(row);
  yield;
  const orderRank = new Int32Array(n);
  for (let i = 0; i < n; i += 1) {
    orderRank[order[i] as number] = i;
    if ((i & (STEP * 8 - 1)) === 0) yield;
  }
  const packer = new StringPacker(n);
  for (let row = 0; row < n; row += 1) {
    packer.push(ids[row] as string);
    if ((row & (STEP - 1)) === 0) yield;
  }
  return {
    ids: PackedStrings.of(packer), account, arr: rows.arr, startDay, endDay, startMonth: rows.startMonth, endMonth: rows.endMonth, offsets, order,
    orderRank, byDue, withOptOut: Int32Array.from(withOptOut), optOutDay,
  };
}

/** The start date of the contract at `row`, as the dataset wrote it. */
export function contractStart(c: ContractColumns, row: number): DateString {
  return dateFromDayNumber(c.startDay[row] as number);
}

/** The end date of the contract at `row`, as the dataset wrote it; undefined for an open-ended one. */
export function contractEnd(c: ContractColumns, row: number): DateString | undefined {
  const end = c.endDay[row] as number;
  return end === OPEN_END ? undefined : dateFromDayNumber(end);
}

/** A per-account month column's "none" (no snapshot, no contract). */
export const NO_MONTH = -1;

/**
 * Per account, the first and last month its ARR data decides (snapshot months, or contract starts: what `arrSpan`
 * reads for the whole dataset) and its freshest month (latest contract start or snapshot): a scope's data period
 * and default period are read from them. `NO_MONTH` where the account has none.
 */
export interface AccountSpans {
  arrFirst: Int32Array;
  arrLast: Int32Array;
  freshest: Int32Array;
}

export function accountSpans(index: DatasetIndex): AccountSpans {
  return cached(index, 'account-spans', () => {
    const n = index.accounts.length;
    const arrFirst = new Int32Array(n).fill(NO_MONTH);
    const arrLast = new Int32Array(n).fill(NO_MONTH);
    const freshest = new Int32Array(n).fill(NO_MONTH);
    const see = (span: Int32Array, position: number, month: number, later: boolean) => {
      const known = span[position] as number;
      if (known === NO_MONTH || (later ? month > known : month < known)) span[position] = month;
    };
    const c = index.contracts;
    for (let row = 0; row < c.account.length; row += 1) {
      const position = c.account[row] as number;
      const month = c.startMonth[row] as number;
      see(freshest, position, month, true);
      if (!index.arrFromSnapshots) {
        see(arrFirst, position, month, false);
        see(arrLast, position, month, true);
      }
    }
    const snapshots = arrSnapshots(index);
    for (let row = 0; row < snapshots.account.length; row += 1) {
      const position = snapshots.account[row] as number;
      const month = snapshots.month[row] as number;
      see(freshest, position, month, true);
      see(arrFirst, position, month, false);
      see(arrLast, position, month, true);
    }
    return { arrFirst, arrLast, freshest };
  });
}

/** ARR snapshots as columns (dataset order; money in the reporting currency): what the ARR matrix is built from. */
export interface SnapshotColumns {
  account: Int32Array;
  month: Int32Array;
  arr: Float64Array;
}

function snapshotColumnsOf(dataset: Dataset, positionOf: ReadonlyMap<string, number>): SnapshotColumns {
  const records = dataset.arr ?? [];
  const columns = { account: new Int32Array(records.length), month: new Int32Array(records.length), arr: new Float64Array(records.length) };
  records.forEach((snapshot, row) => {
    const where = `arr[${row}]`;
    columns.account[row] = accountPosition(positionOf, snapshot.accountId, where);
    columns.month[row] = monthIndex(snapshot.month);
    columns.arr[row] = money(snapshot.arr, fxRate(dataset, snapshot.currency, where), where);
  });
  return columns;
}

/** The ARR snapshots' columns of an index (dropped by a compact index once its ARR matrix is built). */
export function arrSnapshots(index: DatasetIndex): SnapshotColumns {
  return cached(index, 'arr-snapshots', () => snapshotColumnsOf(index.dataset, index.positionOf));
}

/** The latest month of a contract start or an ARR snapshot: where the data is freshest (null for none). */
function freshestMonth(snapshots: SnapshotColumns, contracts: ContractColumns): number | null {
  let latest = -Infinity;
  for (const month of contracts.startMonth) if (month > latest) latest = month;
  for (const month of snapshots.month) if (month > latest) latest = month;
  return latest === -Infinity ? null : latest;
}

/** First and last month the ARR data decides: snapshot months, or contract starts. */
function arrSpan(snapshots: SnapshotColumns, contracts: ContractColumns): { start: number; last: number } {
  // After the last start ARR only falls as contracts end; those months are built when a view asks for them.
  const months = snapshots.month.length > 0 ? snapshots.month : contracts.startMonth;
  let start = Infinity;
  let last = -Infinity;
  for (const month of months) {
    if (month < start) start = month;
    if (month > last) last = month;
  }
  return start === Infinity ? { start: 0, last: -1 } : { start, last };
}

/** An index of its parts: the accounts, their contracts and ARR snapshots as columns (the rest is built on use). */
export function indexOf(dataset: Dataset, positionOf: ReadonlyMap<string, number>, contracts: ContractColumns, snapshots: SnapshotColumns): DatasetIndex {
  const { start, last } = arrSpan(snapshots, contracts);
  const index: DatasetIndex = {
    dataset, accounts: dataset.accounts ?? [], positionOf, contracts, freshestMonth: freshestMonth(snapshots, contracts),
    arrFromSnapshots: snapshots.month.length > 0,
    arrStart: start, arrLast: last,
    cache: new OwnedValues<string, unknown>([['arr-snapshots', snapshots]]),
    models: new LruCache(Number.POSITIVE_INFINITY, MODEL_CACHE_BYTES, true),
  };
  markShared(index);
  return index;
}

/** An index read back from a snapshot (engine/snapshot.ts): marked as entries' shared owner, as `indexOf` does. */
export function restoredIndex(index: DatasetIndex): DatasetIndex {
  markShared(index);
  return index;
}

function buildIndex(dataset: Dataset): DatasetIndex {
  const accounts = dataset.accounts ?? [];
  const positionOf = new Map<string, number>();
  accounts.forEach((account, position) => positionOf.set(account.id, position));
  const contracts = runSync(contractColumnsWork(contractRowsOf(dataset, positionOf), accounts.length));
  return indexOf(dataset, positionOf, contracts, snapshotColumnsOf(dataset, positionOf));
}

export function indexDataset(dataset: Dataset): DatasetIndex {
  if (typeof dataset !== 'object' || dataset === null || !Array.isArray(dataset.accounts)) {
    throw new TypeError('expected a Dataset with an accounts array; pass raw input through validateDataset first');
  }
  let index = indexes.get(dataset);
  if (!index) {
    index = buildIndex(dataset);
    indexes.set(dataset, index);
  }
  return index;
}

export function cached<T>(index: DatasetIndex, key: string, build: () => T): T {
  if (index.cache.has(key)) return index.cache.get(key) as T;
  const value = build();
  index.cache.set(key, value);
  return value;
}

/** A matrix that depends on a health model, kept within `MODEL_CACHE_BYTES` (least recently used go first). */
export function modelCached<T>(index: DatasetIndex, key: string, build: () => T): T {
  return index.models.get(key, build);
}

/** The value at an account position and month index; 0 before the matrix starts. */
export function valueAt(matrix: MonthlyMatrix, position: number, month: number): number {
  const offset = month - matrix.start;
  if (offset < 0 || offset >= matrix.count) return 0;
  return matrix.values[position * matrix.count + offset] as number;
}

/** Months are built in steps of a year past the data, so views a few months apart share one matrix. */
const EXTEND_STEP = 12;

/**
 * Account ARR by month (SPEC 2), covering at least every month up to `through`: snapshots when the dataset has
 * any (a missing month is 0), else the contracts active on each month's last day.
 */
export function arrThrough(index: DatasetIndex, through: number): MonthlyMatrix {
  return runSync(arrThroughWork(index, through));
}

/** `arrThrough` in slices. */
export function* arrThroughWork(index: DatasetIndex, through: number): Work<MonthlyMatrix> {
  let built = index.cache.get('arr') as MonthlyMatrix | undefined;
  if (built && built.start + built.count - 1 >= through) return built;
  const last = Math.max(index.arrLast, built ? built.start + built.count - 1 + EXTEND_STEP : index.arrLast, through);
  built = yield* buildArr(index, last, built);
  index.cache.set('arr', built);
  return built;
}

function* buildArr(index: DatasetIndex, last: number, previous: MonthlyMatrix | undefined): Work<MonthlyMatrix> {
  const start = index.arrLast >= index.arrStart ? index.arrStart : last;
  const count = Math.max(0, last - start + 1);
  const values = new Float64Array(index.accounts.length * count);
  if (index.arrFromSnapshots && previous && previous.start === start) {
    // Past the last snapshot ARR is 0: a longer matrix is the shorter one with zeros after it.
    for (let position = 0; position < index.accounts.length; position += 1) {
      values.set(previous.values.subarray(position * previous.count, (position + 1) * previous.count), position * count);
      if ((position & (STEP - 1)) === 0) yield;
    }
    return { start, count, values };
  }
  if (index.arrFromSnapshots) {
    const snapshots = arrSnapshots(index);
    for (let row = 0; row < snapshots.account.length; row += 1) {
      values[(snapshots.account[row] as number) * count + (snapshots.month[row] as number) - start] = snapshots.arr[row] as number;
    }
    return { start, count, values };
  }
  // A contract counts in month m when it is active on m's last day: start <= lastDay(m) <= end (SPEC 2).
  const c = index.contracts;
  for (let row = 0; row < c.ids.length; row += 1) {
    const end = c.endDay[row] as number;
    const to = end === OPEN_END ? last : Math.min(last, isLastDayNumberOfMonth(end) ? (c.endMonth[row] as number) : (c.endMonth[row] as number) - 1);
    const base = (c.account[row] as number) * count - start;
    const arr = c.arr[row] as number;
    for (let month = c.startMonth[row] as number; month <= to; month += 1) {
      const cell = base + month;
      const sum = (values[cell] as number) + arr;
      if (!Number.isFinite(sum)) throw new RangeError(`contracts[${row}] ('${c.ids.at(row)}'): the account's ARR is too large to compute with`);
      values[cell] = sum;
    }
    if ((row & (STEP - 1)) === 0) yield;
  }
  return { start, count, values };
}

/**
 * ARR with grace bridging (SPEC 2) as known on `asOfMonth`, read cell by cell (no matrix is copied per asOf). A zero
 * run after positive ARR that resumes by `asOfMonth` within `graceMonths` months holds the pre-gap ARR; so does a
 * run still open at `asOfMonth` whose length so far is <= `graceMonths` (it is "in grace"). Months after
 * `asOfMonth` are never read to judge a run (point in time); they keep their recorded ARR. With no grace this is
 * the raw ARR.
 */
export class ArrSeries {
  readonly raw: MonthlyMatrix;
  constructor(raw: MonthlyMatrix, readonly graceMonths: number, readonly asOfMonth: number) {
    this.raw = raw;
  }

  /** Recorded ARR of the account at `position` in month index `month`; 0 outside the data. */
  rawAt(position: number, month: number): number {
    const { start, count, values } = this.raw;
    const offset = month - start;
    return offset < 0 || offset >= count ? 0 : (values[position * count + offset] as number);
  }

  at(position: number, month: number): number {
    const value = this.rawAt(position, month);
    const grace = this.graceMonths;
    if (value > 0 || grace === 0 || month > this.asOfMonth) return value;
    // The last month with ARR before this zero: the run began after it, `month - before` months ago.
    let before = month - 1;
    const earliest = month - grace;
    while (before >= earliest && this.rawAt(position, before) <= 0) before -= 1;
    if (before < earliest) return value;
    // The run is bridged when it ends within grace by asOf, or is still open at asOf and no longer than grace so far.
    const last = Math.min(this.asOfMonth, before + grace + 1);
    for (let after = month + 1; after <= last; after += 1) {
      if (this.rawAt(position, after) > 0) return this.rawAt(position, before);
    }
    return last === this.asOfMonth && this.asOfMonth - before <= grace ? this.rawAt(position, before) : value;
  }
}

export function arrSeries(index: DatasetIndex, graceMonths: number, asOfMonth: number, through: number): ArrSeries {
  return new ArrSeries(arrThrough(index, Math.max(through, asOfMonth)), graceMonths, asOfMonth);
}

export type DatedCollection = 'nps' | 'leads' | 'advocacy' | 'revenue';
export const DATED_COLLECTIONS: readonly DatedCollection[] = ['nps', 'leads', 'advocacy', 'revenue'];

/** The date each dated collection is placed by, and the number it carries (0 when none). */
export const DATED: { [N in DatedCollection]: { date: (record: never) => string; value: (record: never) => number } } = {
  nps: { date: (r: { date: string }) => r.date, value: (r: { score: number }) => r.score },
  leads: { date: (r: { createdAt: string }) => r.createdAt, value: (r: { arr?: number }) => r.arr ?? 0 },
  advocacy: { date: (r: { date: string }) => r.date, value: () => 0 },
  revenue: { date: (r: { date: string }) => r.date, value: (r: { arr: number }) => r.arr },
};

/** Indexes a dated collection of account records (or of none, `accountId` absent) once, cached by name. */
export function recordColumns<T extends { accountId?: string }>(index: DatasetIndex, name: DatedCollection): RecordColumns<T> {
  return cached(index, `records:${name}`, () => {
    const records = (index.dataset[name] ?? []) as unknown as readonly T[];
    const { date, value: valueOf } = DATED[name] as { date: (record: T) => string; value: (record: T) => number };
    const account = new Int32Array(records.length);
    const month = new Int32Array(records.length);
    const value = new Float64Array(records.length);
    records.forEach((record, row) => {
      account[row] = record.accountId === undefined ? -1 : accountPosition(index.positionOf, record.accountId, `${name}[${row}]`);
      month[row] = monthIndex(date(record));
      value[row] = valueOf(record);
    });
    return { records, account, month, value };
  });
}

/** Measures (SPEC 12) as columns: each record's account position, month, key (a code into `keys`) and value. */
export interface MeasureColumns {
  keys: readonly string[];
  codeOf: ReadonlyMap<string, number>;
  account: Int32Array;
  month: Int32Array;
  key: Int32Array;
  value: Float64Array;
  /** First and last month of each key's records, by code. */
  spans: ReadonlyArray<{ start: number; end: number }>;
}

export function measureColumns(index: DatasetIndex): MeasureColumns {
  return cached(index, 'measures', () => {
    const records = index.dataset.measures ?? [];
    const codeOf = new Map<string, number>();
    const keys: string[] = [];
    const spans: Array<{ start: number; end: number }> = [];
    const account = new Int32Array(records.length);
    const month = new Int32Array(records.length);
    const key = new Int32Array(records.length);
    const value = new Float64Array(records.length);
    records.forEach((record, row) => {
      let code = codeOf.get(record.key);
      if (code === undefined) {
        code = keys.length;
        codeOf.set(record.key, code);
        keys.push(record.key);
        spans.push({ start: Infinity, end: -Infinity });
      }
      const at = monthIndex(record.month);
      const span = spans[code] as { start: number; end: number };
      if (at < span.start) span.start = at;
      if (at > span.end) span.end = at;
      account[row] = accountPosition(index.positionOf, record.accountId, `measures[${row}]`);
      month[row] = at;
      key[row] = code;
      value[row] = record.value;
    });
    return { keys, codeOf, account, month, key, value, spans };
  });
}

/**
 * Builds what the collections of per-month records are read into (the ARR matrix through the data's last month,
 * health and activity matrices and the ticket columns, by `buildMonthly`) and then drops those records, and the
 * contracts (kept as columns), from the index's dataset.
 */
export function compactIndex(index: DatasetIndex, buildMonthly: (index: DatasetIndex) => void = () => undefined): void {
  arrThrough(index, index.arrLast);
  accountSpans(index);
  // Past the last snapshot ARR is 0: a longer matrix never reads the snapshots again.
  index.cache.delete('arr-snapshots');
  measureColumns(index);
  buildMonthly(index);
  // The dated records stay readable, packed: their columns are built now, the records read back only as rows.
  leadColumns(index);
  csmCodes(index);
  revenueFieldColumn(index);
  npsRoles(index);
  for (const name of DATED_COLLECTIONS) {
    const columns = recordColumns(index, name);
    index.cache.set(`records:${name}`, { ...columns, records: new PackedRecords(columns.records) });
  }
  // Tickets are read only as columns (SPEC 12's components, built by `buildMonthly`): a million ticket objects would
  // be walked by every full garbage collection.
  const {
    arr: _arr, health: _health, activity: _activity, measures: _measures, contracts: _contracts,
    nps: _nps, leads: _leads, advocacy: _advocacy, revenue: _revenue, tickets: _tickets, ...lean
  } = index.dataset;
  index.dataset = { ...lean, ...(index.arrFromSnapshots ? { arr: [] } : {}) };
}

/** The role of each NPS response as a code into `names` (`''` for none), next to `recordColumns` (SPEC 14). */
export interface NpsRoles {
  names: readonly string[];
  code: Int32Array;
}

export function npsRoles(index: DatasetIndex): NpsRoles {
  return cached(index, 'nps:roles', () => {
    const responses = recordColumns<NpsResponse>(index, 'nps').records;
    const names: string[] = [];
    const codeOf = new Map<string, number>();
    const code = new Int32Array(responses.length);
    for (let row = 0; row < responses.length; row += 1) code[row] = roleCode(names, codeOf, (responses.at(row) as NpsResponse).role);
    return { names, code };
  });
}

/** The code of a record's role in `names`, added when new (`''` for a record without one). */
export function roleCode(names: string[], codeOf: Map<string, number>, role: unknown): number {
  const name = typeof role === 'string' ? role : '';
  let found = codeOf.get(name);
  if (found === undefined) codeOf.set(name, (found = names.push(name) - 1));
  return found;
}

/**
 * The same index over other targets (SPEC 14): every column, matrix and health model shared; only what holds the
 * index itself (its whole-dataset selection) is built again. Targets are read from `dataset.targets` where used, so
 * nothing else depends on them.
 */
export function indexWithTargets(index: DatasetIndex, targets: readonly Target[]): DatasetIndex {
  const cache = new OwnedValues<string, unknown>([...index.cache].filter(([key]) => !key.startsWith('selection:')));
  return { ...index, dataset: { ...index.dataset, targets: [...targets] }, cache };
}

/** Leads as columns: the month each closed (-1 while open) and whether it was won, next to `recordColumns`. */
export function leadColumns(index: DatasetIndex): { closedMonth: Int32Array; won: Uint8Array } {
  return cached(index, 'leads:closed', () => {
    const leads = recordColumns<Lead>(index, 'leads').records;
    const closedMonth = new Int32Array(leads.length).fill(-1);
    const won = new Uint8Array(leads.length);
    for (let row = 0; row < leads.length; row += 1) {
      const lead = leads.at(row) as Lead;
      if (lead.closedAt !== undefined) closedMonth[row] = monthIndex(lead.closedAt);
      if (lead.stage === 'won') won[row] = 1;
    }
    return { closedMonth, won };
  });
}

/** Revenue events as columns: the figure each one adds to (SPEC 6), as an index into `REVENUE_FIELD_NAMES`. */
export const REVENUE_FIELD_NAMES = Object.keys(REVENUE_FIELDS) as RevenueField[];

export function revenueFieldColumn(index: DatasetIndex): Uint8Array {
  return cached(index, 'revenue:field', () => {
    const events = recordColumns<RevenueEvent>(index, 'revenue').records;
    const fields = new Uint8Array(events.length);
    for (let row = 0; row < events.length; row += 1) fields[row] = REVENUE_FIELD_NAMES.indexOf(revenueFieldOf((events.at(row) as RevenueEvent).source));
    return fields;
  });
}

/** CSM ids as dense codes: of each account (`csmId`) and each lead (its own `csmId`); -1 where there is none. */
export interface CsmCodes {
  ids: readonly string[];
  codeOf: ReadonlyMap<string, number>;
  accounts: Int32Array;
  leads: Int32Array;
}

/**
 * Codes for CSM ids, the dataset's CSMs first in their order, then ids met by `code` (-1 for none): what `CsmCodes`
 * is built from, by the index and by the streaming builder alike.
 */
export function csmCodeTable(csms: ReadonlyArray<{ id: string }>): { ids: string[]; codeOf: Map<string, number>; code: (id: string | undefined) => number } {
  const codeOf = new Map<string, number>();
  const ids: string[] = [];
  const code = (id: string | undefined) => {
    if (id === undefined) return -1;
    let found = codeOf.get(id);
    if (found === undefined) {
      found = ids.length;
      codeOf.set(id, found);
      ids.push(id);
    }
    return found;
  };
  for (const csm of csms) code(csm.id);
  return { ids, codeOf, code };
}

export function csmCodes(index: DatasetIndex): CsmCodes {
  return cached(index, 'csm-codes', () => {
    const { ids, codeOf, code } = csmCodeTable(index.dataset.csms ?? []);
    const accounts = Int32Array.from(index.accounts, (account) => code(account.csmId));
    const records = recordColumns<Lead>(index, 'leads').records;
    const leads = new Int32Array(records.length);
    for (let row = 0; row < records.length; row += 1) leads[row] = code((records.at(row) as Lead).csmId);
    return { ids, codeOf, accounts, leads };
  });
}

/** Bytes of the typed arrays the index holds (its contract columns and what its cache built), counted once each. */
export function indexMemory(index: DatasetIndex): { arrMatrixBytes: number; indexBytes: number } {
  const seen = new Set<ArrayBufferLike>();
  let bytes = 0;
  const visit = (value: unknown, depth: number) => {
    if (ArrayBuffer.isView(value)) {
      if (!seen.has(value.buffer)) {
        seen.add(value.buffer);
        bytes += value.buffer.byteLength;
      }
    } else if (value !== null && typeof value === 'object' && depth < 3 && !Array.isArray(value)) {
      for (const inner of Object.values(value)) visit(inner, depth + 1);
    }
  };
  visit(index.contracts, 0);
  for (const entry of index.cache.values()) visit(entry, 0);
  bytes += index.models.bytes;
  const arr = index.cache.get('arr') as MonthlyMatrix | undefined;
  return { arrMatrixBytes: arr ? arr.values.byteLength : 0, indexBytes: bytes };
}
