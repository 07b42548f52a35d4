/**
 * The one place that reads a dataset's collections: it indexes them once (accounts by position, months as integer
 * offsets, money converted to the reporting currency) into dense per-account x per-month arrays that every metric
 * then scans linearly. The index is cached per dataset object, so treat datasets as immutable: derive a new one
 * (`filterDataset`, `validateDataset`) instead of mutating it.
 */
import { dayNumber, isLastDayOfMonth, monthIndex } from './dates.js';
import type { Account, Contract, Dataset } from './types.js';

/** A contract with its ARR in the reporting currency and its dates as day numbers. */
export interface IndexedContract {
  contract: Contract;
  arr: number;
  startDay: number;
  endDay: number;
  /** Month index of `end`: the month the contract is due. */
  endMonth: number;
}

/** ARR (or another per-account monthly value) for months `start .. start + count - 1`, row-major by account. */
export interface MonthlyMatrix {
  start: number;
  count: number;
  values: Float64Array;
}

export interface DatasetIndex {
  dataset: Dataset;
  accounts: readonly Account[];
  positionOf: ReadonlyMap<string, number>;
  /** First and last month index of the ARR data (contract terms, or snapshots). */
  firstMonth: number;
  lastMonth: number;
  /** Account ARR by month (SPEC 2): snapshots when the dataset has any, else active contracts. */
  arr: MonthlyMatrix;
  /** Contracts per account position, sorted by start, then id. */
  contractsByAccount: readonly IndexedContract[][];
  /** Lazily built; use the accessors below. */
  cache: Map<string, unknown>;
}

const indexes = new WeakMap<Dataset, DatasetIndex>();

/** Units of reporting currency per unit of `currency`; throws for a currency without a rate. */
export function fxRate(dataset: Dataset, currency: string | undefined, where: string): number {
  if (currency === undefined || currency === (dataset.currency ?? 'USD')) return 1;
  const rate = dataset.fxRates?.[currency];
  if (rate === undefined) {
    throw new Error(`${where}: currency '${currency}' has no rate in dataset.fxRates; run validateDataset to list such records`);
  }
  return rate;
}

function accountPosition(positionOf: ReadonlyMap<string, number>, accountId: string, where: string): number {
  const position = positionOf.get(accountId);
  if (position === undefined) {
    throw new Error(`${where}: unknown accountId '${accountId}'; run validateDataset to list such records`);
  }
  return position;
}

/** The months ARR can be read from: contracts' terms, or the snapshots when there are any. */
function arrMonthRange(dataset: Dataset): { first: number; last: number } {
  let first = Infinity;
  let last = -Infinity;
  const snapshots = dataset.arr ?? [];
  if (snapshots.length > 0) {
    for (const snapshot of snapshots) {
      const month = monthIndex(snapshot.month);
      if (month < first) first = month;
      if (month > last) last = month;
    }
  } else {
    for (const contract of dataset.contracts ?? []) {
      const start = monthIndex(contract.start);
      const end = monthIndex(contract.end);
      if (start < first) first = start;
      if (end > last) last = end;
    }
  }
  return first === Infinity ? { first: 0, last: -1 } : { first, last };
}

function buildIndex(dataset: Dataset): DatasetIndex {
  const accounts = dataset.accounts ?? [];
  const positionOf = new Map<string, number>();
  accounts.forEach((account, position) => positionOf.set(account.id, position));
  const { first, last } = arrMonthRange(dataset);
  const count = Math.max(0, last - first + 1);
  const values = new Float64Array(accounts.length * count);

  const contractsByAccount: IndexedContract[][] = accounts.map(() => []);
  (dataset.contracts ?? []).forEach((contract, row) => {
    const where = `contracts[${row}] ('${contract.id}')`;
    const position = accountPosition(positionOf, contract.accountId, where);
    const arr = contract.arr * fxRate(dataset, contract.currency, where);
    (contractsByAccount[position] as IndexedContract[]).push({
      contract, arr, startDay: dayNumber(contract.start), endDay: dayNumber(contract.end), endMonth: monthIndex(contract.end),
    });
  });
  for (const list of contractsByAccount) {
    list.sort((a, b) => a.startDay - b.startDay || (a.contract.id < b.contract.id ? -1 : 1));
  }

  const snapshots = dataset.arr ?? [];
  if (snapshots.length > 0) {
    snapshots.forEach((snapshot, row) => {
      const where = `arr[${row}]`;
      const position = accountPosition(positionOf, snapshot.accountId, where);
      values[position * count + monthIndex(snapshot.month) - first] = snapshot.arr * fxRate(dataset, snapshot.currency, where);
    });
  } else {
    // A contract counts in month m when it is active on m's last day: start <= lastDay(m) <= end (SPEC 2).
    contractsByAccount.forEach((list, position) => {
      for (const { contract, arr, endMonth } of list) {
        const from = monthIndex(contract.start);
        const to = isLastDayOfMonth(contract.end) ? endMonth : endMonth - 1;
        const base = position * count - first;
        for (let month = from; month <= to; month += 1) values[base + month] = (values[base + month] as number) + arr;
      }
    });
  }
  return {
    dataset, accounts, positionOf,
    firstMonth: first, lastMonth: last,
    arr: { start: first, count, values },
    contractsByAccount,
    cache: new Map(),
  };
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

/** The value at an account position and month index; 0 outside the matrix. */
export function valueAt(matrix: MonthlyMatrix, position: number, month: number): number {
  const offset = month - matrix.start;
  if (offset < 0 || offset >= matrix.count) return 0;
  return matrix.values[position * matrix.count + offset] as number;
}

export function cached<T>(index: DatasetIndex, key: string, build: () => T): T {
  if (index.cache.has(key)) return index.cache.get(key) as T;
  const value = build();
  index.cache.set(key, value);
  return value;
}

/**
 * ARR with grace bridging (SPEC 2), covering months up to `throughMonth` (and at least the data's last month).
 * A zero run after positive ARR that resumes within `graceMonths` months is filled with the pre-gap ARR; so is a
 * run still open at `asOfMonth` whose length so far is <= `graceMonths` (it is "in grace"). With no grace this is
 * the raw ARR.
 */
export function effectiveArr(index: DatasetIndex, graceMonths: number, asOfMonth: number, throughMonth: number): MonthlyMatrix {
  const last = Math.max(index.lastMonth, throughMonth, asOfMonth);
  const raw = index.arr;
  if (graceMonths <= 0 && last <= index.lastMonth) return raw;
  return cached(index, `arr|${graceMonths}|${asOfMonth}|${last}`, () => {
    const start = raw.count > 0 ? raw.start : Math.min(throughMonth, asOfMonth);
    const count = last - start + 1;
    const values = new Float64Array(index.accounts.length * count);
    for (let position = 0; position < index.accounts.length; position += 1) {
      const base = position * count;
      for (let offset = 0; offset < raw.count; offset += 1) {
        values[base + offset] = raw.values[position * raw.count + offset] as number;
      }
      if (graceMonths > 0) bridgeGaps(values, base, count, start, graceMonths, asOfMonth);
    }
    return { start, count, values };
  });
}

function bridgeGaps(values: Float64Array, base: number, count: number, start: number, graceMonths: number, asOfMonth: number): void {
  let preGapArr = 0;
  let offset = 0;
  while (offset < count) {
    const value = values[base + offset] as number;
    if (value > 0 || preGapArr === 0) {
      if (value > 0) preGapArr = value;
      offset += 1;
      continue;
    }
    let runEnd = offset;
    while (runEnd < count && (values[base + runEnd] as number) <= 0) runEnd += 1;
    // A closed run is measured whole; an open one only up to asOf, and is at least one month long.
    const length = runEnd < count ? runEnd - offset : Math.max(1, asOfMonth - (start + offset) + 1);
    if (length <= graceMonths) {
      for (let gap = offset; gap < runEnd; gap += 1) values[base + gap] = preGapArr;
    } else {
      preGapArr = 0;
    }
    offset = runEnd;
  }
}

/** Sum of a matrix column over all accounts. */
export function totalAt(matrix: MonthlyMatrix, month: number, accountCount: number): number {
  let total = 0;
  for (let position = 0; position < accountCount; position += 1) total += valueAt(matrix, position, month);
  return total;
}

