/**
 * Dense per-account x per-month matrices of health and activity, built lazily from the dataset index (one pass
 * over each collection) and cached with it.
 */
import { cached, type DatasetIndex } from './dataset-index.js';
import { monthIndex } from './dates.js';

export interface HealthMatrix {
  start: number;
  count: number;
  /** Latest outcome at or before each month (forward-filled); NaN where the account has no snapshot yet. */
  outcome: Float64Array;
  experience: Float64Array;
}

/**
 * Looks up account positions for a collection's records, remembering the last one: records usually come grouped
 * by account, so most lookups skip the map.
 */
function positionLookup(index: DatasetIndex, collection: string): (accountId: string, row: number) => number {
  let lastId: string | undefined;
  let lastPosition = -1;
  return (accountId, row) => {
    if (accountId === lastId) return lastPosition;
    const position = index.positionOf.get(accountId);
    if (position === undefined) throw new Error(`${collection}[${row}]: unknown accountId '${accountId}'; run validateDataset to list such records`);
    lastId = accountId;
    lastPosition = position;
    return position;
  };
}

function monthSpan(records: ReadonlyArray<{ month: string }>): { start: number; count: number } {
  let first = Infinity;
  let last = -Infinity;
  for (const record of records) {
    const value = monthIndex(record.month);
    if (value < first) first = value;
    if (value > last) last = value;
  }
  return first === Infinity ? { start: 0, count: 0 } : { start: first, count: last - first + 1 };
}

/** An account's health in month m is its latest snapshot at or before m (SPEC 4). */
export function healthMatrix(index: DatasetIndex): HealthMatrix {
  return cached(index, 'health', () => {
    const snapshots = index.dataset.health ?? [];
    const { start, count } = monthSpan(snapshots);
    const positionOf = positionLookup(index, 'health');
    const size = index.accounts.length * count;
    const outcome = new Float64Array(size).fill(Number.NaN);
    const experience = new Float64Array(size).fill(Number.NaN);
    snapshots.forEach((snapshot, row) => {
      const cell = positionOf(snapshot.accountId, row) * count + monthIndex(snapshot.month) - start;
      outcome[cell] = snapshot.outcome;
      experience[cell] = snapshot.experience;
    });
    for (let position = 0; position < index.accounts.length; position += 1) {
      const base = position * count;
      for (let offset = 1; offset < count; offset += 1) {
        if (Number.isNaN(outcome[base + offset] as number)) {
          outcome[base + offset] = outcome[base + offset - 1] as number;
          experience[base + offset] = experience[base + offset - 1] as number;
        }
      }
    }
    return { start, count, outcome, experience };
  });
}

/** The matrix cell holding an account's health in a month, or -1 when it has no snapshot at or before it. */
export function healthCell(matrix: HealthMatrix, position: number, month: number): number {
  if (matrix.count === 0 || month < matrix.start) return -1;
  const cell = position * matrix.count + Math.min(month - matrix.start, matrix.count - 1);
  return Number.isNaN(matrix.outcome[cell] as number) ? -1 : cell;
}

export interface ActivityMatrix {
  start: number;
  count: number;
  /** activeUsers / licensedUsers; 0 where the month has no record (SPEC 5). */
  rates: Float64Array;
}

export function activityMatrix(index: DatasetIndex): ActivityMatrix {
  return cached(index, 'activity', () => {
    const records = index.dataset.activity ?? [];
    const { start, count } = monthSpan(records);
    const positionOf = positionLookup(index, 'activity');
    const active = new Float64Array(index.accounts.length * count);
    const licensed = new Float64Array(index.accounts.length * count);
    records.forEach((record, row) => {
      const cell = positionOf(record.accountId, row) * count + monthIndex(record.month) - start;
      // Two records for one month (a warning in validation) add up.
      active[cell] = (active[cell] as number) + record.activeUsers;
      licensed[cell] = (licensed[cell] as number) + record.licensedUsers;
    });
    const rates = new Float64Array(active.length);
    for (let cell = 0; cell < rates.length; cell += 1) {
      const users = licensed[cell] as number;
      rates[cell] = users > 0 ? (active[cell] as number) / users : 0;
    }
    return { start, count, rates };
  });
}

export function activityRateAt(matrix: ActivityMatrix, position: number, month: number): number {
  const offset = month - matrix.start;
  if (offset < 0 || offset >= matrix.count) return 0;
  return matrix.rates[position * matrix.count + offset] as number;
}
