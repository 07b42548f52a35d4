/**
 * Checking records one at a time against the data contract (SPEC 1), with what references and duplicates need,
 * so a whole dataset (`validateDataset`) and a stream of record batches (`datasetBuilder`) apply the same rules
 * and report the same issues in the same order.
 *
 * - `checkCurrency` reads the reporting currency and rates; `fieldContext` holds what the collections kept so far.
 * - A `CollectionChecker` checks a collection's records in order: fields, references, ids, and the rules that need
 *   the whole record (an end before its start, money past `MAX_MONEY` after conversion, licensed users).
 * - Duplicates of a natural key (one ARR or health snapshot, activity record or measure per account and month) are
 *   found after a collection's records are in, from the account positions and months of the records kept
 *   (`naturalKeyRepeats`): typed arrays instead of millions of string keys.
 * - Overlapping contracts are a warning found from the contracts kept (`overlapWarnings`).
 */
import { IntColumn, intColumn, type ChunkedColumn } from './columns.js';
import { dayNumber, monthIndex } from '../core/dates.js';
import { runSync, STEP, type Work } from '../core/work.js';
import { compileFastCheck, type FastCheck } from './record-fast-checks.js';
import { checkField, describe, MAX_MONEY, SCHEMAS, type FieldContext, type FieldRule } from './validate-rules.js';
import type { CollectionName, DataIssue } from '../core/types.js';

type RawRecord = Record<string, unknown>;

/** A natural-key collection's kept records: account positions, months, measure key codes (empty for the others). */
export interface KeyColumns {
  position: Int32Array;
  month: Int32Array;
  code: Int32Array;
}

/** Overlap beyond this many days between two contracts of one account is reported (SPEC 1). */
const OVERLAP_WARNING_DAYS = 31;

/** Collections with one record per account and month (and measure key): a later one repeats the first. */
export const NATURAL_KEY_COLLECTIONS = ['arr', 'health', 'activity', 'measures'] as const;
export type NaturalKeyCollection = (typeof NATURAL_KEY_COLLECTIONS)[number];

export const isNaturalKeyed = (collection: CollectionName): collection is NaturalKeyCollection =>
  (NATURAL_KEY_COLLECTIONS as readonly string[]).includes(collection);

/**
 * A natural key's part besides the account and the month: a measure's key, an activity record's role ('' for none:
 * records without a role and with role '' are one key), '' for snapshots. Its SQL form is `KEY_SQL` in `@cskit/sql`
 * (write/whole-data-checks.ts).
 */
export function naturalKeyPart(collection: NaturalKeyCollection, row: RawRecord): string {
  if (collection === 'measures') return row.key as string;
  if (collection === 'activity') return typeof row.role === 'string' ? row.role : '';
  return '';
}

/** The reporting currency and rates of raw input (`currency`, `fxRates`), with an issue for each that is malformed. */
export function checkCurrency(input: RawRecord, issues: DataIssue[]): { currency: string; fxRates: Map<string, number> } {
  let currency = 'USD';
  if (input.currency !== undefined) {
    if (typeof input.currency === 'string' && /^[A-Z]{3}$/.test(input.currency)) currency = input.currency;
    else issues.push({ severity: 'error', collection: 'dataset', index: -1, field: 'currency', message: `currency must be an ISO 4217 code such as 'USD', got ${describe(input.currency)}; using 'USD'` });
  }
  const fxRates = new Map<string, number>();
  if (input.fxRates === undefined) return { currency, fxRates };
  if (typeof input.fxRates !== 'object' || input.fxRates === null || Array.isArray(input.fxRates)) {
    issues.push({ severity: 'error', collection: 'dataset', index: -1, field: 'fxRates', message: `fxRates must be an object of rates by currency, got ${describe(input.fxRates)}` });
    return { currency, fxRates };
  }
  const read = readRecord(input.fxRates);
  if (typeof read === 'string') {
    issues.push({ severity: 'error', collection: 'dataset', index: -1, field: 'fxRates', message: read });
    return { currency, fxRates };
  }
  for (const [code, rate] of Object.entries(read)) {
    if (!/^[A-Z]{3}$/.test(code)) {
      issues.push({ severity: 'error', collection: 'dataset', index: -1, field: `fxRates.${code}`, message: `fxRates key ${JSON.stringify(code)} is not an ISO 4217 code such as 'EUR'; its rate was left out` });
    } else if (typeof rate === 'number' && Number.isFinite(rate) && rate > 0) fxRates.set(code, rate);
    else issues.push({ severity: 'error', collection: 'dataset', index: -1, field: `fxRates.${code}`, message: `rate for ${code} must be a positive finite number, got ${describe(rate)}` });
  }
  return { currency, fxRates };
}

export function fieldContext(currency: string, fxRates: ReadonlyMap<string, number>, hasCsms: boolean): FieldContext {
  return {
    reportingCurrency: currency, fxRates, hasCsms,
    accepted: { accounts: new Map(), csms: new Set() },
    rejected: { accounts: new Set(), csms: new Set() },
  };
}

/** A copy of a record's own fields, or the message of what stopped them being read (a throwing getter). */
export function readRecord(record: object): RawRecord | string {
  try {
    return { ...(record as RawRecord) };
  } catch (error) {
    return `could not read the record's fields: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** The rate that converts a record's `currency` to the reporting currency (1 without one). */
export function rateOf(context: FieldContext, currency: unknown): number {
  return typeof currency !== 'string' || currency === context.reportingCurrency ? 1 : (context.fxRates.get(currency) as number);
}

/**
 * A map by string key spread over 64 maps by the key's last character: a map of half a million ids rehashes all of
 * them at once when it grows (tens of milliseconds in one step); sixty-four of them rehash a sixty-fourth each.
 */
export class ShardedMap<V> {
  private readonly shards = Array.from({ length: 64 }, () => new Map<string, V>());
  private shard(key: string): Map<string, V> {
    return this.shards[key.length === 0 ? 0 : key.charCodeAt(key.length - 1) & 63] as Map<string, V>;
  }
  get(key: string): V | undefined {
    return this.shard(key).get(key);
  }
  has(key: string): boolean {
    return this.shard(key).has(key);
  }
  set(key: string, value: V): void {
    this.shard(key).set(key, value);
  }
}

/** Ids moved from the ascending run into the map per id added once ids come out of order (see `FirstIndexes`). */
const MOVE_STEP = 64;

/**
 * The index each id was first kept at, for the duplicate-id check. Ids often come in ascending order (a database
 * cursor ordered by id, numbered ids such as 'ctr-000123'): while each id is greater than the one before, it cannot
 * repeat any earlier id, so it is only appended to an ascending run (no hashing: at 100,000 accounts the maps' hashing
 * and probing were ~0.5 s of 4.6 s of preparation). From the first id out of order on, ids go into a map, and the run
 * is moved into the map a few ids per id added, so no step moves a long run at once; until it is all moved, an id is
 * also looked up in what is left of the run, by binary search.
 */
export class FirstIndexes {
  private run: string[] = [];
  private runAt: number[] = [];
  /** `run[0..moved)` are in `map` already. */
  private moved = 0;
  private map: ShardedMap<number> | null = null;

  get(id: string): number | undefined {
    if (this.map !== null) {
      const found = this.map.get(id);
      if (found !== undefined || this.moved === this.run.length) return found;
    } else if (this.run.length === 0 || id > (this.run[this.run.length - 1] as string)) return undefined;
    return this.search(id);
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  /** Keeps `id`'s first index; callers add only ids `get` did not find. */
  set(id: string, index: number): void {
    if (this.map === null) {
      const n = this.run.length;
      if (n === 0 || id > (this.run[n - 1] as string)) {
        this.run.push(id);
        this.runAt.push(index);
        return;
      }
      this.map = new ShardedMap<number>();
    }
    this.map.set(id, index);
    if (this.moved < this.run.length) this.move();
  }

  private move(): void {
    const map = this.map as ShardedMap<number>;
    const end = Math.min(this.run.length, this.moved + MOVE_STEP);
    for (let k = this.moved; k < end; k += 1) map.set(this.run[k] as string, this.runAt[k] as number);
    this.moved = end;
    if (end === this.run.length) {
      this.run = [];
      this.runAt = [];
      this.moved = 0;
    }
  }

  /** `id`'s index in the part of the run not moved yet (ascending), by binary search. */
  private search(id: string): number | undefined {
    let low = this.moved;
    let high = this.run.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const at = this.run[middle] as string;
      if (at === id) return this.runAt[middle];
      if (at < id) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  }
}

/**
 * Checks one collection's records in order. `check` returns the record read (its copy when `copy`) when it is kept,
 * else null, and reports every problem to `issues`. For collections with a natural key it keeps each kept record's
 * account position, month and (measures) key code, which `naturalKeyRepeats` reads.
 */
export class CollectionChecker {
  /** Records checked so far: the next record's index in its collection. */
  count = 0;
  /** Records kept so far. */
  kept = 0;
  /** Per kept record of a natural-key collection: its account position, month index and measure key code. */
  readonly keyPosition = intColumn();
  readonly keyMonth = intColumn();
  readonly keyCode = intColumn();
  /** Measure keys (or activity roles, '' for none) by code, in the order kept records first use them. */
  readonly measureKeys = new Map<string, number>();
  /**
   * Per kept record, the index it had in its collection (`indexOf`): kept only from the first record left out on,
   * since until then a kept record's index is its place among the kept (ten million records, forty megabytes saved).
   */
  private keptAt: ChunkedColumn<Int32Array> | null = null;
  private keys: KeyColumns | null = null;
  private readonly rules: readonly FieldRule[];
  private seenIds = new FirstIndexes();
  private readonly naturalKey: boolean;
  /** The collection's rules compiled: whether a record passes every field rule (`record-fast-checks.ts`). */
  private readonly fast: FastCheck;
  /** The account of the last kept record and its position: records come grouped by account. */
  private lastKeyAccount: string | undefined;
  private lastKeyPosition = -1;
  /**
   * Whether every kept record's key (account position, month, key code) is greater than the one before: records
   * ordered by account, month and key (a cursor ordered so, the sample's stream). Their keys are then all different,
   * and `naturalKeyRepeats` needs no pass over them (~0.25 s of ten million records' preparation).
   */
  keysAscending = true;
  /** The last kept record's key: account position, month index, key code (positions start at 0). */
  private readonly lastKey = new Int32Array([-1, 0, 0]);

  /** Whether this checker finds duplicate ids (always for accounts and CSMs: references need them). */
  private readonly tracksIds: boolean;

  /**
   * `compares` false: duplicate ids of records (not accounts' or CSMs') and repeated natural keys are left to the
   * caller, and no id or key is held (`datasetStreamChecker`: a writer checks them where the records went).
   */
  constructor(
    readonly collection: CollectionName, private readonly context: FieldContext, private readonly issues: DataIssue[], private readonly copy: boolean, compares = true,
    /** The records were checked by their writer (`DatasetBuilder`'s `checked`): each is kept as it is, its key noted. */
    private readonly trusted = false,
  ) {
    this.rules = SCHEMAS[collection];
    this.naturalKey = compares && isNaturalKeyed(collection);
    this.tracksIds = !trusted && (compares || collection === 'accounts' || collection === 'csms');
    this.fast = compileFastCheck(this.rules, context);
  }

  /** A value that is not an array where the collection's records should be: the whole collection is left out. */
  notAList(value: unknown): void {
    this.issues.push({
      severity: 'error', collection: this.collection, index: -1,
      message: `${this.collection} must be an array of records, got ${describe(value)}; the whole collection was left out`,
    });
  }

  /** A hole in the collection's array (a sparse array): its index is reported and skipped. */
  hole(): void {
    this.issues.push({ severity: 'error', collection: this.collection, index: this.count, message: 'missing record: a hole in the array (a sparse array)' });
    this.count += 1;
  }

  check(record: unknown): RawRecord | null {
    const index = this.count;
    this.count += 1;
    if (this.trusted) return this.accept(record as RawRecord, index, (record as RawRecord).id);
    const { collection } = this;
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      this.issues.push({ severity: 'error', collection, index, message: `expected a record (object), got ${describe(record)}` });
      return null;
    }
    const row = this.copy ? readRecord(record) : (record as RawRecord);
    if (typeof row === 'string') {
      this.issues.push({ severity: 'error', collection, index, message: row });
      return null;
    }
    try {
      return this.checkRow(row, index);
    } catch (error) {
      // Fields read straight from a record whose getter throws (a copy would have failed above).
      this.issues.push({ severity: 'error', collection, index, message: `could not read the record's fields: ${error instanceof Error ? error.message : String(error)}` });
      return null;
    }
  }

  private checkRow(row: RawRecord, index: number): RawRecord | null {
    const { collection } = this;
    const id = typeof row.id === 'string' ? row.id : undefined;
    if (this.checkFields(row, index, id)) {
      if (id !== undefined && (collection === 'accounts' || collection === 'csms') && !this.seenIds.has(id)) this.context.rejected[collection].add(id);
      return null;
    }
    if (collection === 'activity' && (row.activeUsers as number) > (row.licensedUsers as number)) {
      this.issues.push({ severity: 'warning', collection, index, field: 'activeUsers', message: `activeUsers ${String(row.activeUsers)} exceeds licensedUsers ${String(row.licensedUsers)}` });
    }
    return this.accept(row, index, id);
  }

  /**
   * Keeps a record that passed (or that its writer checked: `trusted`): its key, id and account or CSM noted, and its
   * place among the kept.
   */
  private accept(row: RawRecord, index: number, id: unknown): RawRecord {
    const { collection } = this;
    if (this.naturalKey) this.keepKey(row);
    if (typeof id === 'string' && this.tracksIds) this.seenIds.set(id, index);
    if (collection === 'accounts') this.context.accepted.accounts.set(id as string, this.context.accepted.accounts.size);
    else if (collection === 'csms') this.context.accepted.csms.add(id as string);
    if (this.keptAt === null && index !== this.kept) {
      // The first record after one left out: the indexes so far were the places.
      this.keptAt = intColumn();
      for (let k = 0; k < this.kept; k += 1) this.keptAt.push(k);
    }
    this.keptAt?.push(index);
    this.kept += 1;
    return row;
  }

  /** Checks every field and whole-record rule; true when the record has an error (each one reported). */
  private checkFields(row: RawRecord, index: number, id: string | undefined): boolean {
    const { collection, context } = this;
    let errors = this.fast(row) ? 0 : this.fieldErrors(row, index, id);
    if (errors > 0) return true;
    if (collection === 'contracts' && row.end !== undefined && row.end !== null && (row.end as string) < (row.start as string)) {
      errors += this.error(index, id, 'end', `end ${String(row.end)} is before start ${String(row.start)}`);
    } else if ((collection === 'contracts' || collection === 'arr') && typeof row.currency === 'string') {
      const rate = rateOf(context, row.currency);
      const converted = (row.arr as number) * rate;
      if (!(converted <= MAX_MONEY)) {
        errors += this.error(index, id, 'arr', `${String(row.arr)} ${row.currency} at rate ${rate} is ${converted} ${context.reportingCurrency}, more than ${MAX_MONEY} (the largest amount cskit computes with)`);
      }
    } else if (collection === 'activity' && (row.licensedUsers as number) <= 0) {
      errors += this.error(index, id, 'licensedUsers', `must be greater than 0, got ${String(row.licensedUsers)}`);
    } else if (collection === 'targets' && row.csmId !== undefined && row.csmId !== null && row.team !== undefined && row.team !== null) {
      errors += this.error(index, id, 'team', `a target is for a CSM (csmId '${String(row.csmId)}') or a team (team '${String(row.team)}'), not both`);
    }
    if (errors === 0 && id !== undefined && this.tracksIds) {
      const first = this.seenIds.get(id);
      if (first !== undefined) errors += this.error(index, id, 'id', duplicateIdMessage(collection, id, first));
    }
    return errors > 0;
  }

  /** Each field rule's check, reporting what fails (the rule-by-rule path: the fast check said no); the errors found. */
  private fieldErrors(row: RawRecord, index: number, id: string | undefined): number {
    let errors = 0;
    for (const rule of this.rules) {
      const value = row[rule.field];
      if (value === undefined || value === null) {
        if (rule.required) errors += this.error(index, id, rule.field, `missing required field '${rule.field}'`);
        continue;
      }
      const message = checkField(rule, value, this.context);
      if (message) errors += this.error(index, id, rule.field, message);
    }
    return errors;
  }

  /** Reports an error of the record at `index`; returns 1 (an error counted). */
  private error(index: number, id: string | undefined, field: string | undefined, message: string): number {
    this.issues.push({ severity: 'error', collection: this.collection, index, ...(id !== undefined && { id }), ...(field !== undefined && { field }), message });
    return 1;
  }

  /** The index in its collection of the kept record at `k` (its place among the kept records). */
  indexOf(k: number): number {
    return this.keptAt === null ? k : this.keptAt.at(k);
  }

  /**
   * Lets go of the ids seen (the duplicate-id check's maps: about a million ids at 100,000 accounts) once no record of
   * the collection can come, so a builder's finishing passes reuse what they held.
   */
  releaseIds(): void {
    this.seenIds = new FirstIndexes();
  }

  /** The kept records' account positions, months and measure key codes as arrays (once the records are all in). */
  *keyColumnsWork(): Work<KeyColumns> {
    if (!this.keys) {
      const position = yield* this.keyPosition.toArrayWork();
      const month = yield* this.keyMonth.toArrayWork();
      const code = yield* this.keyCode.toArrayWork();
      this.keys = { position, month, code };
    }
    return this.keys;
  }

  private keepKey(row: RawRecord): void {
    const accountId = row.accountId as string;
    if (accountId !== this.lastKeyAccount) {
      this.lastKeyAccount = accountId;
      this.lastKeyPosition = this.context.accepted.accounts.get(accountId) as number;
    }
    const position = this.lastKeyPosition;
    const month = monthIndex(row.month as string);
    this.keyPosition.push(position);
    this.keyMonth.push(month);
    let code = 0;
    if (this.collection === 'measures' || this.collection === 'activity') {
      // One record per account, month and this key.
      const key = naturalKeyPart(this.collection, row);
      const known = this.measureKeys.get(key);
      code = known ?? this.measureKeys.size;
      if (known === undefined) this.measureKeys.set(key, code);
      this.keyCode.push(code);
    }
    if (this.keysAscending) this.noteKeyOrder(position, month, code);
  }

  /** Keeps `keysAscending` true while each key is greater than the last (by position, then month, then code). */
  private noteKeyOrder(position: number, month: number, code: number): void {
    const last = this.lastKey;
    const greater = position > (last[0] as number)
      || (position === last[0] && (month > (last[1] as number) || (month === last[1] && code > (last[2] as number))));
    if (!greater) this.keysAscending = false;
    last[0] = position;
    last[1] = month;
    last[2] = code;
  }
}

/**
 * The kept records (their order among the kept, ascending) that repeat the account, month and measure key of an
 * earlier kept record: one pass over a bitmap of account x month (x key) cells, or a map per account when the
 * months span too far for a bitmap.
 */
export function naturalKeyRepeats(checker: CollectionChecker, accounts: number): Int32Array {
  return runSync(naturalKeyRepeatsWork(checker, accounts));
}

/** `naturalKeyRepeats` in slices. */
export function* naturalKeyRepeatsWork(checker: CollectionChecker, accounts: number): Work<Int32Array> {
  // Keys in ascending order are all different: nothing repeats.
  if (checker.keysAscending) return new Int32Array(0);
  const n = checker.kept;
  const columns = yield* checker.keyColumnsWork();
  const { position, month } = columns;
  const code = checker.collection === 'measures' || checker.collection === 'activity' ? columns.code : null;
  const keys = code ? Math.max(1, checker.measureKeys.size) : 1;
  let first = Infinity;
  let last = -Infinity;
  for (let k = 0; k < n; k += 1) {
    const m = month[k] as number;
    if (m < first) first = m;
    if (m > last) last = m;
    if ((k & (STEP * 8 - 1)) === 0) yield;
  }
  const span = n === 0 ? 0 : last - first + 1;
  const repeats = new IntColumn(16);
  const cells = accounts * span * keys;
  if (cells <= 2 ** 28) {
    const seen = new Uint8Array(Math.ceil(cells / 8));
    for (let k = 0; k < n; k += 1) {
      const cell = ((position[k] as number) * span + (month[k] as number) - first) * keys + (code ? (code[k] as number) : 0);
      const byte = cell >>> 3;
      const bit = 1 << (cell & 7);
      if (((seen[byte] as number) & bit) !== 0) repeats.push(k);
      else seen[byte] = (seen[byte] as number) | bit;
      if ((k & (STEP * 4 - 1)) === 0) yield;
    }
    return repeats.toArray();
  }
  const seen = new Map<number, Set<number>>();
  for (let k = 0; k < n; k += 1) {
    const p = position[k] as number;
    let months = seen.get(p);
    if (!months) seen.set(p, (months = new Set()));
    const key = ((month[k] as number) - first) * keys + (code ? (code[k] as number) : 0);
    if (months.has(key)) repeats.push(k);
    else months.add(key);
    if ((k & (STEP - 1)) === 0) yield;
  }
  return repeats.toArray();
}

/** What a record whose id an earlier record of its collection has is told (that earlier one, at `first`, is kept). */
export function duplicateIdMessage(collection: CollectionName, id: string, first: number): string {
  return `duplicate id '${id}' (first used by ${collection}[${first}], which is kept)`;
}

/**
 * The issue of a repeated natural key: an error, the later record left out (SPEC 1). Activity's key includes the
 * role (`key`, '' for none): records of different roles for one account and month are not repeats, their users add up.
 */
export function repeatIssue(collection: NaturalKeyCollection, index: number, accountId: string, month: string, key: string | undefined): DataIssue {
  const what = collection === 'measures' ? `measure '${String(key)}'`
    : collection === 'activity' ? `activity record${key ? ` of role '${key}'` : ' without a role'}` : `${collection} snapshot`;
  return { severity: 'error', collection, index, field: collection === 'activity' && key ? 'role' : 'month', message: `a second ${what} for account '${accountId}' in ${month} (the first is kept)` };
}

/**
 * Kept contracts as the overlap check reads them, by their order among the kept: each one's id, account (any key:
 * an id or a position), start and end day (an open end is +Infinity) and index in the collection.
 */
export interface ContractSpans {
  count: number;
  id(k: number): string;
  account(k: number): string | number;
  accountId(k: number): string;
  start(k: number): number;
  end(k: number): number;
  index(k: number): number;
}

/**
 * Contracts of one account overlapping by more than 31 days: a warning on the later one (SPEC 1), accounts in the
 * order their first contract comes, each account's contracts by start (ties in their order).
 */
export function overlapWarnings(spans: ContractSpans, issues: DataIssue[]): void {
  runSync(overlapWarningsWork(spans, issues));
}

/** `overlapWarnings` in slices. */
export function* overlapWarningsWork(spans: ContractSpans, issues: DataIssue[]): Work<void> {
  const byAccount = new Map<string | number, number[]>();
  for (let k = 0; k < spans.count; k += 1) {
    const account = spans.account(k);
    const list = byAccount.get(account);
    if (list) list.push(k);
    else byAccount.set(account, [k]);
    if ((k & (STEP - 1)) === 0) yield;
  }
  let groups = 0;
  for (const list of byAccount.values()) {
    if (((groups += 1) & (STEP / 4 - 1)) === 0) yield;
    if (list.length < 2) continue;
    list.sort((a, b) => spans.start(a) - spans.start(b));
    let latest = list[0] as number;
    for (let i = 1; i < list.length; i += 1) {
      const k = list[i] as number;
      const overlapDays = Math.min(spans.end(k), spans.end(latest)) - spans.start(k) + 1;
      if (overlapDays > OVERLAP_WARNING_DAYS) {
        issues.push({
          severity: 'warning', collection: 'contracts', index: spans.index(k), id: spans.id(k), field: 'start',
          message: `contract '${spans.id(k)}' overlaps contract '${spans.id(latest)}' of account '${spans.accountId(k)}' ${
            Number.isFinite(overlapDays) ? `by ${overlapDays} days` : 'from its start on: both are open-ended'}`,
        });
      }
      if (spans.end(k) > spans.end(latest)) latest = k;
    }
  }
}

/** The overlap check's view of kept contract records (`validateDataset`). */
export function recordSpans(rows: readonly RawRecord[], checker: CollectionChecker): ContractSpans {
  const start = rows.map((row) => dayNumber(row.start as string));
  const end = rows.map((row) => (typeof row.end === 'string' ? dayNumber(row.end) : Number.POSITIVE_INFINITY));
  return {
    count: rows.length, id: (k) => (rows[k] as RawRecord).id as string, account: (k) => (rows[k] as RawRecord).accountId as string,
    accountId: (k) => (rows[k] as RawRecord).accountId as string, start: (k) => start[k] as number, end: (k) => end[k] as number, index: (k) => checker.indexOf(k),
  };
}
