/**
 * `datasetStreamChecker`: `validateDataset`'s rules applied to a dataset given as a stream of record batches, for a
 * writer that passes each batch on and keeps none of it (`@cskit/sql`'s `writeDataset`: ten million accounts never
 * in one process's memory). Each record is checked as it comes (`CollectionChecker`: fields, references, the rules of
 * a whole record) and handed to the caller with its index when it passes.
 *
 * Two rules compare a record with every earlier one. Holding every id and key in memory is what the stream avoids, so:
 * - **repeated natural keys** (one ARR or health snapshot, activity record of a role, or measure per account and
 *   month; `NATURAL_KEY_COLLECTIONS`) are checked here within each run of one account's records. Exports and the
 *   sample give an account's records together, so a run is the account's whole. An account whose records come apart
 *   (a second run) is counted in `scattered`: the writer then checks that collection where the records went;
 * - **duplicate ids** of records (contracts, responses, leads, advocacy, revenue, tickets, targets) are left to the
 *   writer: a `GROUP BY id` in the database (`duplicateIdMessage` words its issue as this module would). The ids of
 *   accounts and CSMs are checked here, since references need them.
 *
 * Order (as `datasetBuilder` takes it): the header, `csms` (if any) first, then batches of any collection, each record
 * after the account it refers to. Issues come out as `validateDataset` orders them: the header's, then by collection.
 */
import { describe, type FieldContext } from './validate-rules.js';
import { checkCurrency, CollectionChecker, fieldContext, isNaturalKeyed, naturalKeyPart, repeatIssue, type NaturalKeyCollection } from './record-checks.js';
import { ownRecord } from './validate.js';
import { COLLECTION_NAMES } from '../model/domain.js';
import type { CollectionName, DataIssue } from '../core/types.js';

type RawRecord = Record<string, unknown>;

/** One bit per account position, grown as accounts come. */
class Bits {
  private bytes = new Uint8Array(1024);
  has(position: number): boolean {
    return ((this.bytes[position >>> 3] ?? 0) & (1 << (position & 7))) !== 0;
  }
  add(position: number): void {
    const byte = position >>> 3;
    if (byte >= this.bytes.length) {
      const grown = new Uint8Array(Math.max(byte + 1, this.bytes.length * 2));
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes[byte] = (this.bytes[byte] as number) | (1 << (position & 7));
  }
}

/** A natural-key collection's current run of one account's records, and the accounts whose runs have ended. */
class RunCheck {
  private account: string | undefined;
  private position = -1;
  private keys = new Set<string>();
  private readonly ended = new Bits();
  /** Accounts whose records came in more than one run: repeats across runs are not checked here. */
  scattered = 0;

  constructor(private readonly collection: NaturalKeyCollection) {}

  /** The issue of a record that repeats a key of its run, else null. */
  check(row: RawRecord, index: number, position: number): DataIssue | null {
    const accountId = row.accountId as string;
    if (accountId !== this.account) {
      if (this.position >= 0) this.ended.add(this.position);
      if (this.ended.has(position)) this.scattered += 1;
      this.account = accountId;
      this.position = position;
      this.keys = new Set();
    }
    const key = naturalKeyPart(this.collection, row);
    const cell = `${String(row.month)}\u0000${key}`;
    if (!this.keys.has(cell)) {
      this.keys.add(cell);
      return null;
    }
    return repeatIssue(this.collection, index, accountId, String(row.month), key);
  }
}

export class DatasetStreamChecker {
  /** The reporting currency and the rates (an own-property record), as `validateDataset` returns them. */
  readonly currency: string;
  readonly fxRates: Record<string, number>;
  private readonly headerIssues: DataIssue[] = [];
  private readonly issues = new Map<CollectionName, DataIssue[]>();
  private readonly checkers = new Map<CollectionName, CollectionChecker>();
  private readonly runs = new Map<NaturalKeyCollection, RunCheck>();
  private readonly context: FieldContext;
  private hasCsms = false;
  private stage: 'csms' | 'records' = 'csms';
  private errorCount = 0;

  /** `header`: the dataset's top-level `currency` and `fxRates` (raw; checked as `validateDataset` checks them). */
  constructor(header: { currency?: unknown; fxRates?: unknown } = {}) {
    const { currency, fxRates } = checkCurrency(header as RawRecord, this.headerIssues);
    this.currency = currency;
    this.fxRates = ownRecord(fxRates);
    this.context = fieldContext(currency, fxRates, false);
    this.errorCount = this.headerIssues.filter((issue) => issue.severity === 'error').length;
  }

  /**
   * Checks a batch of a collection's records (`records` not a list: the whole collection is an issue) and calls `keep`
   * with each record that passes (a copy of its own fields) and its index in its collection.
   */
  add(collection: CollectionName, records: unknown, keep: (row: RawRecord, index: number) => void): void {
    const checker = this.checkerFor(collection);
    // A list of CSMs, even an empty one, is what CSM references are checked against (as in `validateDataset`).
    if (collection === 'csms' && Array.isArray(records)) this.hasCsms = true;
    const issues = this.issues.get(collection) as DataIssue[];
    const before = issues.length;
    if (!Array.isArray(records)) checker.notAList(records);
    else this.addRecords(collection, checker, records, issues, keep);
    for (let i = before; i < issues.length; i += 1) if ((issues[i] as DataIssue).severity === 'error') this.errorCount += 1;
  }

  private addRecords(collection: CollectionName, checker: CollectionChecker, records: readonly unknown[], issues: DataIssue[], keep: (row: RawRecord, index: number) => void): void {
    const run = isNaturalKeyed(collection) ? this.runOf(collection) : null;
    for (let i = 0; i < records.length; i += 1) {
      if (!(i in records)) {
        checker.hole();
        continue;
      }
      const index = checker.count;
      const row = checker.check(records[i]);
      if (row === null) continue;
      const repeat = run?.check(row, index, this.context.accepted.accounts.get(row.accountId as string) as number) ?? null;
      if (repeat) issues.push(repeat);
      else keep(row, index);
    }
  }

  private runOf(collection: NaturalKeyCollection): RunCheck {
    let run = this.runs.get(collection);
    if (!run) this.runs.set(collection, (run = new RunCheck(collection)));
    return run;
  }

  private checkerFor(collection: CollectionName): CollectionChecker {
    if (collection === 'csms' && this.stage !== 'csms') throw new Error('datasetStreamChecker: csms must come before accounts and every other collection');
    const existing = this.checkers.get(collection);
    if (existing) return existing;
    if (!(COLLECTION_NAMES as readonly string[]).includes(collection)) {
      throw new TypeError(`datasetStreamChecker: ${describe(collection)} is not a collection of the data contract (${COLLECTION_NAMES.join(', ')})`);
    }
    if (collection !== 'csms') {
      this.context.hasCsms = this.hasCsms;
      this.stage = 'records';
    }
    this.issues.set(collection, []);
    const checker = new CollectionChecker(collection, this.context, this.issues.get(collection) as DataIssue[], true, false);
    this.checkers.set(collection, checker);
    return checker;
  }

  /** The position among the kept accounts of the account `id` (the place a writer keys its records by). */
  positionOf(id: unknown): number | undefined {
    return typeof id === 'string' ? this.context.accepted.accounts.get(id) : undefined;
  }

  /** The collections seen so far (in the contract's order), each written even when empty. */
  collections(): CollectionName[] {
    return COLLECTION_NAMES.filter((name) => this.checkers.has(name));
  }

  /** Errors so far. */
  get errors(): number {
    return this.errorCount;
  }

  /** Natural-key collections with an account whose records came in more than one run (to check where they went). */
  scattered(): NaturalKeyCollection[] {
    return [...this.runs].filter(([, run]) => run.scattered > 0).map(([collection]) => collection);
  }

  /** Every issue found, as `validateDataset` orders them; a stream without accounts is told so. */
  finish(): DataIssue[] {
    if (!this.checkers.has('accounts')) {
      this.errorCount += 1;
      this.headerIssues.push({ severity: 'error', collection: 'accounts', index: -1, message: "missing required collection 'accounts'" });
    }
    return [...this.headerIssues, ...COLLECTION_NAMES.flatMap((name) => this.issues.get(name) ?? [])];
  }
}

/** A checker for a stream whose header (`currency`, `fxRates`) is `header`. */
export function datasetStreamChecker(header: { currency?: unknown; fxRates?: unknown } = {}): DatasetStreamChecker {
  return new DatasetStreamChecker(header);
}
