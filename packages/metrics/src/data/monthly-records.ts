/**
 * Dense per-account x per-month matrices of activity and health, built lazily from the dataset index (one pass over
 * each collection) and cached with it: activity rates, the outcome and experience sides (from snapshots, or built
 * from a model's components, SPEC 12), and the scores and tiers of a model.
 *
 * A health matrix covers months `start .. start + count - 1`; a later month reads the last column (the latest value
 * at or before it), an earlier month has no health unless `before` is set (a model with an `activityRate`
 * component: every account has an activity rate, 0 without a record, in every month).
 */
import { cached, measureColumns, modelCached, recordColumns, type DatasetIndex } from './dataset-index.js';
import { monthIndex } from '../core/dates.js';
import { ticketColumns, ticketSpan, ticketValueAt } from './ticket-components.js';
import {
  componentScore, DEFAULT_TICKET_MONTHS, HEALTH_SIDES, profileSides, isTicketComponent, roleOfComponent, HEALTH_TIERS, healthScore, healthTier, modelKey, sideComponents, weightsFor,
  type HealthComponent, type HealthModel, type HealthSide, type HealthTier,
} from '../model/health-model.js';
import type { Account } from '../core/types.js';
import { fillWork, runSync, STEP, type Work } from '../core/work.js';

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

interface Span {
  start: number;
  end: number;
}

export interface ActivityMatrix {
  start: number;
  count: number;
  /** Σ activeUsers and Σ licensedUsers over each account's records of a month (one per role; SPEC 1). */
  active: Float64Array;
  licensed: Float64Array;
  /** 1 for the accounts with any activity record: the others' activity is unknown (SPEC 5), not 0. */
  known: Uint8Array;
}

/** Per-month records of accounts as columns: account position, month index and two values (dataset order). */
export interface MonthlyColumns {
  account: Int32Array;
  month: Int32Array;
  first: Float64Array;
  second: Float64Array;
}

/** Reads a monthly collection's records into columns. */
function monthlyColumnsOf<R extends { accountId: string; month: string }>(
  index: DatasetIndex, collection: string, records: readonly R[], first: (record: R) => number, second: (record: R) => number,
): MonthlyColumns {
  const positionOf = positionLookup(index, collection);
  const columns = {
    account: new Int32Array(records.length), month: new Int32Array(records.length),
    first: new Float64Array(records.length), second: new Float64Array(records.length),
  };
  records.forEach((record, row) => {
    columns.account[row] = positionOf(record.accountId, row);
    columns.month[row] = monthIndex(record.month);
    columns.first[row] = first(record);
    columns.second[row] = second(record);
  });
  return columns;
}

function* columnSpan(month: Int32Array, keep?: (row: number) => boolean): Work<Span | null> {
  let start = Infinity;
  let end = -Infinity;
  for (let row = 0; row < month.length; row += 1) {
    if ((row & (STEP * 16 - 1)) === 0) yield;
    if (keep && !keep(row)) continue;
    const value = month[row] as number;
    if (value < start) start = value;
    if (value > end) end = value;
  }
  return start === Infinity ? null : { start, end };
}

/**
 * The activity matrix of activity columns (active users, licensed users), in slices; with `keep`, of the rows it
 * keeps (one role's records).
 */
export function* activityMatrixWork(accounts: number, columns: MonthlyColumns, keep?: (row: number) => boolean): Work<ActivityMatrix> {
  const span = yield* columnSpan(columns.month, keep);
  const start = span ? span.start : 0;
  const count = span ? span.end - span.start + 1 : 0;
  const active = new Float64Array(accounts * count);
  const licensed = new Float64Array(accounts * count);
  const known = new Uint8Array(accounts);
  for (let row = 0; row < columns.account.length; row += 1) {
    if ((row & (STEP - 1)) === 0) yield;
    if (keep && !keep(row)) continue;
    known[columns.account[row] as number] = 1;
    const cell = (columns.account[row] as number) * count + (columns.month[row] as number) - start;
    // Records of one month (one per role) add up.
    active[cell] = (active[cell] as number) + (columns.first[row] as number);
    licensed[cell] = (licensed[cell] as number) + (columns.second[row] as number);
  }
  return { start, count, active, licensed, known };
}

export function activityMatrix(index: DatasetIndex): ActivityMatrix {
  return cached(index, 'activity', () => runSync(activityMatrixWork(index.accounts.length, monthlyColumnsOf(
    index, 'activity', index.dataset.activity ?? [], (record) => record.activeUsers, (record) => record.licensedUsers,
  ))));
}

/** An account's activity rate in a month: Σ activeUsers / Σ licensedUsers, 0 without records or users (SPEC 5). */
export function activityRateAt(matrix: ActivityMatrix, position: number, month: number): number {
  const offset = month - matrix.start;
  if (offset < 0 || offset >= matrix.count) return 0;
  const cell = position * matrix.count + offset;
  const users = matrix.licensed[cell] as number;
  return users > 0 ? (matrix.active[cell] as number) / users : 0;
}

/** Adds an account's users of a month to `into` ([active, licensed]): what a group's activity rate sums (SPEC 14). */
export function addActivityUsers(matrix: ActivityMatrix, position: number, month: number, into: [number, number]): void {
  const offset = month - matrix.start;
  if (offset < 0 || offset >= matrix.count) return;
  const cell = position * matrix.count + offset;
  into[0] += matrix.active[cell] as number;
  into[1] += matrix.licensed[cell] as number;
}

/**
 * Activity by role (SPEC 1, 12, 14): one matrix per role named by records, and one under `''` for the records
 * without a role when there are named roles too (without any, the whole activity matrix is theirs).
 */
export interface ActivityRoles {
  /** The named roles, sorted. */
  names: readonly string[];
  matrices: ReadonlyMap<string, ActivityMatrix>;
}

/** The role matrices of activity columns whose `code` names a role in `roles` ('' for no role), in slices. */
export function* activityRolesWork(accounts: number, columns: MonthlyColumns & { code: Int32Array }, roles: readonly string[]): Work<ActivityRoles> {
  const matrices = new Map<string, ActivityMatrix>();
  for (let code = 0; code < roles.length; code += 1) {
    const name = roles[code] as string;
    // Records without a role get their own matrix only beside named roles: alone, they are the whole matrix.
    if (name === '' && roles.length === 1) continue;
    matrices.set(name, yield* activityMatrixWork(accounts, columns, (row) => columns.code[row] === code));
  }
  return { names: [...matrices.keys()].filter((name) => name !== '').sort(), matrices };
}

export function activityRoles(index: DatasetIndex): ActivityRoles {
  return cached(index, 'activity-roles', () => {
    const records = index.dataset.activity ?? [];
    const roles: string[] = [];
    const codeOf = new Map<string, number>();
    const code = Int32Array.from(records, (record) => {
      const role = typeof record.role === 'string' ? record.role : '';
      let found = codeOf.get(role);
      if (found === undefined) codeOf.set(role, (found = roles.push(role) - 1));
      return found;
    });
    const columns = monthlyColumnsOf(index, 'activity', records, (record) => record.activeUsers, (record) => record.licensedUsers);
    return runSync(activityRolesWork(index.accounts.length, { ...columns, code }, roles));
  });
}

/** Outcome and experience per account and month; NaN where the side has no value. */
export interface HealthSides {
  start: number;
  count: number;
  /** Months before `start` read column 0 (else they have no health). */
  before: boolean;
  outcome: Float64Array;
  experience: Float64Array;
}

/** The cell of a month in a health matrix, or -1 when the account has no value for it. */
export function monthCell(matrix: { start: number; count: number; before: boolean }, position: number, month: number): number {
  if (matrix.count === 0) return -1;
  let offset = month - matrix.start;
  if (offset < 0) {
    if (!matrix.before) return -1;
    offset = 0;
  }
  return position * matrix.count + Math.min(offset, matrix.count - 1);
}

/** Forward-fills NaN cells of each account's row with the latest earlier value. */
function* forwardFillWork(values: Float64Array, accounts: number, count: number): Work<void> {
  for (let position = 0; position < accounts; position += 1) {
    const base = position * count;
    for (let offset = 1; offset < count; offset += 1) {
      if (Number.isNaN(values[base + offset] as number)) values[base + offset] = values[base + offset - 1] as number;
    }
    if ((position & (STEP / 4 - 1)) === 0) yield;
  }
}

/** Health sides of snapshot columns (outcome, experience), forward-filled: the latest snapshot at or before a month. */
export function* snapshotSidesWork(accounts: number, columns: MonthlyColumns): Work<HealthSides> {
  const span = yield* columnSpan(columns.month);
  const start = span ? span.start : 0;
  const count = span ? span.end - span.start + 1 : 0;
  const size = accounts * count;
  const outcome = yield* fillWork(new Float64Array(size), Number.NaN);
  const experience = yield* fillWork(new Float64Array(size), Number.NaN);
  for (let row = 0; row < columns.account.length; row += 1) {
    const cell = (columns.account[row] as number) * count + (columns.month[row] as number) - start;
    outcome[cell] = columns.first[row] as number;
    experience[cell] = columns.second[row] as number;
    if ((row & (STEP - 1)) === 0) yield;
  }
  yield* forwardFillWork(outcome, accounts, count);
  yield* forwardFillWork(experience, accounts, count);
  return { start, count, before: false, outcome, experience };
}

/** An account's health in month m is its latest snapshot at or before m (SPEC 4). */
export function snapshotSides(index: DatasetIndex): HealthSides {
  return cached(index, 'health', () => runSync(snapshotSidesWork(index.accounts.length, monthlyColumnsOf(
    index, 'health', index.dataset.health ?? [], (record) => record.outcome, (record) => record.experience,
  ))));
}

/** Months of an NPS component's window: the responses dated in the 12 months ending with m (SPEC 12). */
export const NPS_WINDOW = 12;

const ticketWindow = (model: HealthModel) => model.ticketMonths ?? DEFAULT_TICKET_MONTHS;

/** The months over which a model's components (and its snapshot sides) can change. */
function componentSpan(index: DatasetIndex, model: HealthModel): { span: Span | null; before: boolean } {
  const spans: Span[] = [];
  let before = false;
  const keys = new Set<string>();
  for (const side of HEALTH_SIDES) {
    // A profile's own components count too: its accounts' sides are read over the same months.
    for (const profile of profileSides(model, side)) for (const { key } of profile.components) keys.add(key);
    const components = sideComponents(model, side);
    if (!components) {
      const snapshots = snapshotSides(index);
      if (snapshots.count > 0) spans.push({ start: snapshots.start, end: snapshots.start + snapshots.count - 1 });
      continue;
    }
    for (const { key } of components) keys.add(key);
  }
  const measures = measureColumns(index);
  for (const key of keys) {
    const role = roleOfComponent(key);
    if (key === 'activityRate' || role !== undefined) {
      // Every month has a rate (0 without a record): the matrix reaches one month past the records, where it is 0.
      before = true;
      const activity = role === undefined ? activityMatrix(index) : activityRoles(index).matrices.get(role);
      spans.push(activity && activity.count > 0 ? { start: activity.start, end: activity.start + activity.count } : { start: 0, end: 0 });
    } else if (isTicketComponent(key)) {
      const tickets = ticketSpan(ticketColumns(index), ticketWindow(model));
      // Complaint counts are 0 in months without tickets, before the first one too.
      if (tickets && key.startsWith('tickets.complaints.')) before = true;
      // One month past the last window that reads a ticket, where the figures have no value again (counts are 0).
      if (tickets) spans.push({ start: tickets.start, end: tickets.end + 1 });
    } else if (key === 'nps') {
      const nps = recordColumns(index, 'nps');
      let start = Infinity;
      let end = -Infinity;
      for (let row = 0; row < nps.month.length; row += 1) {
        if ((nps.account[row] as number) < 0) continue;
        start = Math.min(start, nps.month[row] as number);
        end = Math.max(end, nps.month[row] as number);
      }
      if (start !== Infinity) spans.push({ start, end: end + NPS_WINDOW });
    } else {
      const code = measures.codeOf.get(key);
      if (code !== undefined) spans.push(measures.spans[code] as Span);
    }
  }
  if (spans.length === 0) return { span: null, before };
  const span = { start: Math.min(...spans.map((s) => s.start)), end: Math.max(...spans.map((s) => s.end)) };
  // Column 0 then stands for every earlier month: no measure, no NPS, an activity rate of 0.
  if (before) span.start -= 1;
  return { span, before };
}

/**
 * One component's value per account and month over `start .. start + count - 1` (SPEC 12); NaN where it has none.
 * Built while a model's sides are built and let go after (a model with five components at 100,000 accounts would
 * otherwise keep 200 MB of them); one account's value is read from its own records (`componentValueAt`).
 */
function* componentValuesWork(index: DatasetIndex, model: HealthModel, key: string, start: number, count: number, into: Float64Array): Work<Float64Array> {
  const accounts = index.accounts.length;
  const values = yield* fillWork(into, Number.NaN);
  const read = cellReader(index, model, key);
  if (read) {
    // Read account by account: an activity rate is a cell of its matrix, a ticket figure a window over its tickets.
    for (let position = 0; position < accounts; position += 1) {
      for (let offset = 0; offset < count; offset += 1) values[position * count + offset] = read(position, start + offset);
      if ((position & (STEP / 4 - 1)) === 0) yield;
    }
    return values;
  }
  if (key === 'nps') return yield* npsValuesWork(index, values, start, count);
  const measures = measureColumns(index);
  const code = measures.codeOf.get(key);
  if (code === undefined) return values;
  for (let row = 0; row < measures.key.length; row += 1) {
    if ((row & (STEP * 8 - 1)) === 0) yield;
    if (measures.key[row] !== code) continue;
    const offset = (measures.month[row] as number) - start;
    if (offset < 0 || offset >= count) continue;
    values[(measures.account[row] as number) * count + offset] = measures.value[row] as number;
  }
  yield* forwardFillWork(values, accounts, count);
  return values;
}

/** Mean score of the responses dated in the 12 months ending with m: a sliding window over monthly sums. */
function* npsValuesWork(index: DatasetIndex, values: Float64Array, start: number, count: number): Work<Float64Array> {
  const accounts = index.accounts.length;
  const sums = new Float64Array(accounts * count);
  const counts = new Float64Array(accounts * count);
  const nps = recordColumns(index, 'nps');
  for (let row = 0; row < nps.month.length; row += 1) {
    if ((row & (STEP * 8 - 1)) === 0) yield;
    const position = nps.account[row] as number;
    const offset = (nps.month[row] as number) - start;
    if (position < 0 || offset < 0 || offset >= count) continue;
    const cell = position * count + offset;
    sums[cell] = (sums[cell] as number) + (nps.value[row] as number);
    counts[cell] = (counts[cell] as number) + 1;
  }
  yield;
  for (let position = 0; position < accounts; position += 1) {
    const base = position * count;
    let sum = 0;
    let n = 0;
    for (let offset = 0; offset < count; offset += 1) {
      sum += sums[base + offset] as number;
      n += counts[base + offset] as number;
      if (offset >= NPS_WINDOW) {
        sum -= sums[base + offset - NPS_WINDOW] as number;
        n -= counts[base + offset - NPS_WINDOW] as number;
      }
      if (n > 0) values[base + offset] = sum / n;
    }
    if ((position & (STEP / 4 - 1)) === 0) yield;
  }
  return values;
}

/** A collection's rows grouped by account: `rows[offsets[p] .. offsets[p + 1])` in row order (built once per index). */
function rowsByAccount(index: DatasetIndex, name: string, account: Int32Array): { offsets: Int32Array; rows: Int32Array } {
  return cached(index, `${name}:by-account`, () => {
    const n = index.accounts.length;
    const offsets = new Int32Array(n + 1);
    for (let row = 0; row < account.length; row += 1) {
      const position = account[row] as number;
      if (position >= 0) offsets[position + 1] = (offsets[position + 1] as number) + 1;
    }
    for (let p = 0; p < n; p += 1) offsets[p + 1] = (offsets[p + 1] as number) + (offsets[p] as number);
    const fill = offsets.slice(0, n);
    const rows = new Int32Array(offsets[n] as number);
    for (let row = 0; row < account.length; row += 1) {
      const position = account[row] as number;
      if (position < 0) continue;
      rows[fill[position] as number] = row;
      fill[position] = (fill[position] as number) + 1;
    }
    return { offsets, rows };
  });
}

/**
 * The value of an activity or ticket component for an account in a month, with the key resolved once (its matrix or
 * its ticket columns looked up before the accounts' cells are read); null for the other keys.
 */
function cellReader(index: DatasetIndex, model: HealthModel, key: string): ((position: number, month: number) => number) | null {
  if (key === 'activityRate') {
    const matrix = activityMatrix(index);
    return (position, month) => activityRateAt(matrix, position, month);
  }
  const role = roleOfComponent(key);
  if (role !== undefined) {
    // A role no record names: every account's rate of it is 0, as an account without records has (SPEC 5).
    const matrix = activityRoles(index).matrices.get(role);
    return matrix ? (position, month) => activityRateAt(matrix, position, month) : () => 0;
  }
  if (isTicketComponent(key)) {
    const columns = ticketColumns(index);
    const window = ticketWindow(model);
    return (position, month) => ticketValueAt(columns, key, position, month, window);
  }
  return null;
}

/**
 * One account's value of a component in month `start + offset`, as `componentValuesWork` computes it for every
 * account (a measure's latest record from `start` on, NPS over the window from `start` on): what a driver reads.
 */
export function componentValueAt(index: DatasetIndex, model: HealthModel, key: string, start: number, position: number, offset: number): number {
  const month = start + offset;
  const read = cellReader(index, model, key);
  if (read) return read(position, month);
  if (key === 'nps') {
    const nps = recordColumns(index, 'nps');
    const { offsets, rows } = rowsByAccount(index, 'nps', nps.account);
    let sum = 0;
    let n = 0;
    for (let i = offsets[position] as number; i < (offsets[position + 1] as number); i += 1) {
      const at = nps.month[rows[i] as number] as number;
      if (at < start || at > month || at <= month - NPS_WINDOW) continue;
      sum += nps.value[rows[i] as number] as number;
      n += 1;
    }
    return n > 0 ? sum / n : Number.NaN;
  }
  const measures = measureColumns(index);
  const code = measures.codeOf.get(key);
  if (code === undefined) return Number.NaN;
  const { offsets, rows } = rowsByAccount(index, 'measures', measures.account);
  let latest = -Infinity;
  let value = Number.NaN;
  for (let i = offsets[position] as number; i < (offsets[position + 1] as number); i += 1) {
    const row = rows[i] as number;
    const at = measures.month[row] as number;
    if (measures.key[row] !== code || at < start || at > month || at <= latest) continue;
    latest = at;
    value = measures.value[row] as number;
  }
  return value;
}

/** A side built from components: Σ weight x score / Σ weight over the components with a value (SPEC 12). */
function* buildSideWork(index: DatasetIndex, model: HealthModel, components: readonly HealthComponent[], start: number, count: number): Work<Float64Array> {
  const size = index.accounts.length * count;
  const numerator = new Float64Array(size);
  const weights = new Float64Array(size);
  // One buffer for every component's values in turn: fewer large allocations, fewer full garbage collections.
  const scratch = new Float64Array(size);
  for (const component of components) {
    const values = yield* componentValuesWork(index, model, component.key, start, count, scratch);
    for (let cell = 0; cell < size; cell += 1) {
      const value = values[cell] as number;
      if ((cell & (STEP * 16 - 1)) === 0) yield;
      if (Number.isNaN(value)) continue;
      numerator[cell] = (numerator[cell] as number) + component.weight * componentScore(value, component);
      weights[cell] = (weights[cell] as number) + component.weight;
    }
  }
  // A side whose present components all weigh 0 has no value: there is nothing to average.
  for (let cell = 0; cell < size; cell += 1) {
    const weight = weights[cell] as number;
    numerator[cell] = weight > 0 ? (numerator[cell] as number) / weight : Number.NaN;
    if ((cell & (STEP * 16 - 1)) === 0) yield;
  }
  return numerator;
}

const usesComponents = (model: HealthModel) => HEALTH_SIDES.some((side) => sideComponents(model, side) || profileSides(model, side).length > 0);

/** Outcome and experience of a model: snapshots, or built from its components (SPEC 12). */
export function healthSides(index: DatasetIndex, model: HealthModel): HealthSides {
  if (!usesComponents(model)) return snapshotSides(index);
  return modelCached(index, `health-sides:${modelKey(model, 'sides')}`, () => runSync(healthSidesWork(index, model)));
}

/** A side read from snapshots over `start .. start + count - 1` (the latest snapshot at or before each month). */
function* snapshotSideWork(index: DatasetIndex, source: Float64Array, snapshots: HealthSides, start: number, count: number): Work<Float64Array> {
  const values = yield* fillWork(new Float64Array(index.accounts.length * count), Number.NaN);
  for (let position = 0; position < index.accounts.length; position += 1) {
    for (let offset = 0; offset < count; offset += 1) {
      const cell = monthCell(snapshots, position, start + offset);
      if (cell >= 0) values[position * count + offset] = source[cell] as number;
    }
    if ((position & (STEP / 4 - 1)) === 0) yield;
  }
  return values;
}

function* healthSidesWork(index: DatasetIndex, model: HealthModel): Work<HealthSides> {
  const { span, before } = componentSpan(index, model);
  const start = span ? span.start : 0;
  const count = span ? span.end - span.start + 1 : 0;
  const snapshots = snapshotSides(index);
  function* side(name: HealthSide): Work<Float64Array> {
    const components = sideComponents(model, name);
    const values = components ? yield* buildSideWork(index, model, components, start, count) : yield* snapshotSideWork(index, snapshots[name], snapshots, start, count);
    // Accounts of a profile that builds this side its own way take its values (SPEC 12; seed 004's KA scorecard).
    for (const profile of profileSides(model, name)) {
      const own = yield* buildSideWork(index, model, profile.components, start, count);
      const by = (model.profiles as NonNullable<HealthModel['profiles']>).by;
      index.accounts.forEach((account, position) => {
        if (account[by] === profile.value) values.set(own.subarray(position * count, (position + 1) * count), position * count);
      });
    }
    return values;
  }
  const outcome = yield* side('outcome');
  const experience = yield* side('experience');
  return { start, count, before, outcome, experience };
}

/** Scores and tiers of a model per account and month; NaN score and tier -1 where the account has no health. */
export interface HealthScoreMatrix {
  start: number;
  count: number;
  before: boolean;
  sides: HealthSides;
  score: Float64Array;
  /** Index into `HEALTH_TIERS`; -1 without health. */
  tier: Int8Array;
}

export function healthScoreMatrix(index: DatasetIndex, model: HealthModel): HealthScoreMatrix {
  return modelCached(index, `health-scores:${modelKey(model, 'scores')}`, () => runSync(healthScoreMatrixWork(index, model)));
}

/**
 * A model's scores and tiers built in slices and kept (with its sides) as `healthScoreMatrix` keeps them: what a
 * server warms a new engine with, between requests, before it serves.
 */
export function* warmHealthModelWork(index: DatasetIndex, model: HealthModel): Work<void> {
  const key = `health-scores:${modelKey(model, 'scores')}`;
  if (index.models.peek(key)) return;
  index.models.set(key, yield* healthScoreMatrixWork(index, model));
}

function* healthScoreMatrixWork(index: DatasetIndex, model: HealthModel): Work<HealthScoreMatrix> {
  let sides: HealthSides;
  if (!usesComponents(model)) sides = snapshotSides(index);
  else {
    const sidesKey = `health-sides:${modelKey(model, 'sides')}`;
    sides = index.models.peek<HealthSides>(sidesKey) ?? (yield* healthSidesWork(index, model));
    index.models.set(sidesKey, sides);
  }
  const { start, count, before } = sides;
  const score = yield* fillWork(new Float64Array(index.accounts.length * count), Number.NaN);
  const tier = new Int8Array(index.accounts.length * count).fill(-1);
  const tierCode = new Map<HealthTier, number>(HEALTH_TIERS.map((name, code) => [name, code]));
  for (let position = 0; position < index.accounts.length; position += 1) {
    const weights = weightsFor(model, index.accounts[position] as Account);
    const base = position * count;
    for (let offset = 0; offset < count; offset += 1) {
      const outcome = sides.outcome[base + offset] as number;
      const experience = sides.experience[base + offset] as number;
      if (Number.isNaN(outcome) || Number.isNaN(experience)) continue;
      const value = healthScore(outcome, experience, weights);
      score[base + offset] = value;
      tier[base + offset] = tierCode.get(healthTier(value, model.tiers)) as number;
    }
    if ((position & (STEP / 4 - 1)) === 0) yield;
  }
  return { start, count, before, sides, score, tier };
}

/** The cell holding an account's health in a month, or -1 when it has none. */
export function healthCell(matrix: HealthScoreMatrix, position: number, month: number): number {
  const cell = monthCell(matrix, position, month);
  return cell >= 0 && !Number.isNaN(matrix.score[cell] as number) ? cell : -1;
}

/** Tier code (index into `HEALTH_TIERS`) of an account in a month, -1 without health. */
export function tierCodeAt(matrix: HealthScoreMatrix, position: number, month: number): number {
  const cell = monthCell(matrix, position, month);
  return cell >= 0 ? (matrix.tier[cell] as number) : -1;
}
