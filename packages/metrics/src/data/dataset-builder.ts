/**
 * `datasetBuilder`: a dataset read as a stream of record batches, validated record by record (the rules of
 * `validateDataset`, with the same issues in the same order) and written straight into the columns a compact
 * engine keeps, so no record object outlives its batch. A server loading 100,000 accounts (ten million records)
 * then holds one batch of records at a time instead of all of them twice (raw and validated), and every step is
 * small: batches as they come, and the finishing passes (sorting contracts, building monthly matrices) as sliced
 * work (`work.ts`) that a host runs between requests.
 *
 * Order: `csms` (if any) first; then batches of any collection, in record order within a collection (its record
 * indexes count on across its batches), each record after the account it refers to: all accounts first, or each
 * block of accounts followed by its records (a generator, a cursor per account range). A record whose account comes
 * later is an unknown account, as it would be if that account were missing.
 */
import { floatColumn, intColumn, PackedStrings, StringPacker, type ChunkedColumn } from './columns.js';
import { dayNumber, monthFromIndex, monthIndex } from '../core/dates.js';
import {
  accountSpans, arrThroughWork, contractColumnsWork, csmCodeTable, DATED, DATED_COLLECTIONS, indexOf, money, OPEN_END, PackedRecords, REVENUE_FIELD_NAMES, roleCode,
  type ContractRows, type DatasetIndex, type DatedCollection, type MeasureColumns, type RecordColumns,
} from './dataset-index.js';
import { COLLECTION_NAMES, revenueFieldOf } from '../model/domain.js';
import { activityMatrixWork, activityRolesWork, snapshotSidesWork, type MonthlyColumns } from './monthly-records.js';
import { ticketColumns } from './ticket-components.js';
import {
  checkCurrency, CollectionChecker, fieldContext, naturalKeyRepeatsWork, overlapWarningsWork, rateOf, repeatIssue, type ContractSpans, type NaturalKeyCollection,
} from './record-checks.js';
import type { FieldContext } from './validate-rules.js';
import { mergeIssues, ownRecord } from './validate.js';
import type { Account, CollectionName, Csm, DataIssue, Dataset, RevenueSource } from '../core/types.js';
import { fingerprintPartsWork, type FingerprintPart } from './fingerprint.js';
import { STEP, type Work } from '../core/work.js';

type RawRecord = Record<string, unknown>;

/** What a batch of a dated collection is read into: packed JSON, account, month, value. */
class DatedColumns {
  readonly text = new StringPacker(1024);
  readonly account = intColumn();
  readonly month = intColumn();
  readonly value = floatColumn();
  /** Leads: the month each closed (-1 while open), whether won, its own CSM. Revenue: the figure each adds to. */
  readonly closedMonth = intColumn();
  readonly won = intColumn();
  readonly csmIds: Array<string | undefined> = [];
  readonly field = intColumn();
  /** NPS: the roles by code (`field` holds each response's). */
  readonly roles: string[] = [];
  readonly roleCodes = new Map<string, number>();
}

/** Per-month records and the values kept beside the checker's account positions and months. */
interface MonthlyValues {
  first: ChunkedColumn<Float64Array>;
  second: ChunkedColumn<Float64Array>;
}

export interface BuiltDataset {
  /** A compact index, as `prepareDataset(validated, { compact: true })` builds it. */
  index: DatasetIndex;
  /** The issues `validateDataset` reports for the same records, in the same order. */
  issues: DataIssue[];
  /** What the data is, for its fingerprint (`fingerprintOf`): the parts the index was built from. */
  fingerprintParts: FingerprintPart[];
  /** Records read and kept per collection. */
  counts: Partial<Record<CollectionName, { records: number; kept: number }>>;
}

export interface BuilderOptions {
  /** The records were checked by their writer already (see the constructor): kept without checks. Default false. */
  checked?: boolean;
}

export class DatasetBuilder {
  private readonly currencyIssues: DataIssue[] = [];
  private readonly issues = new Map<CollectionName, DataIssue[]>();
  private readonly checkers = new Map<CollectionName, CollectionChecker>();
  private readonly context: FieldContext;
  private readonly currency: string;
  private readonly fxRates: Map<string, number>;
  private readonly csms: Csm[] = [];
  private readonly accounts: Account[] = [];
  private hasCsms = false;
  private stage: 'csms' | 'records' = 'csms';
  private readonly contracts = {
    ids: [] as string[], account: intColumn(), arr: floatColumn(), startDay: floatColumn(), endDay: floatColumn(),
    startMonth: intColumn(), endMonth: floatColumn(), optOutDay: floatColumn(),
  };
  /** Collections kept as records (tickets, targets). */
  private readonly plain = new Map<CollectionName, RawRecord[]>();
  private readonly monthly = new Map<NaturalKeyCollection, MonthlyValues>();
  private readonly dated = new Map<DatedCollection, DatedColumns>();
  private finished = false;
  private readonly keepers = new Map<CollectionName, (row: RawRecord) => void>();

  /**
   * `header`: the dataset's top-level `currency` and `fxRates` (raw; checked as `validateDataset` checks them).
   * `checked`: the records come from a writer that checked them already (`@cskit/sql`'s `writeDataset`: the same rules,
   * `datasetStreamChecker`, and duplicate ids in its database): they are kept as they are, with no check, no copy and
   * no ids held (at 1M accounts, a map of ~6 M contract ids).
   */
  constructor(header: { currency?: unknown; fxRates?: unknown } = {}, private readonly options: BuilderOptions = {}) {
    const { currency, fxRates } = checkCurrency(header as RawRecord, this.currencyIssues);
    this.currency = currency;
    this.fxRates = fxRates;
    this.context = fieldContext(currency, fxRates, false);
  }

  /** Checks a batch of a collection's records and keeps what passes, as columns. */
  add(collection: CollectionName, records: readonly unknown[]): void {
    const checker = this.checkerFor(collection);
    // A list of CSMs, even an empty one, is what CSM references are checked against (as in `validateDataset`).
    if (collection === 'csms') this.hasCsms = true;
    const keep = this.keeperOf(collection);
    for (let i = 0; i < records.length; i += 1) {
      const record = records[i];
      if (record === undefined && !(i in records)) {
        checker.hole();
        continue;
      }
      const row = checker.check(record);
      if (row) keep(row);
    }
  }

  /** A collection given as something other than a list: it is left out whole, with an issue (as `validateDataset` does). */
  notAList(collection: CollectionName, value: unknown): void {
    this.checkerFor(collection).notAList(value);
  }

  private checkerFor(collection: CollectionName): CollectionChecker {
    if (this.finished) throw new Error('datasetBuilder: add() after finish()');
    if (collection === 'csms' && this.stage !== 'csms') throw new Error('datasetBuilder: csms must come before accounts and every other collection');
    const existing = this.checkers.get(collection);
    if (existing) return existing;
    if (!(COLLECTION_NAMES as readonly string[]).includes(collection)) throw new TypeError(`datasetBuilder: '${String(collection)}' is not a collection of the data contract`);
    if (collection !== 'csms') {
      // Without accounts every reference is to an unknown account, as `validateDataset` reports it.
      this.context.hasCsms = this.hasCsms;
      this.stage = 'records';
    }
    const issues: DataIssue[] = [];
    this.issues.set(collection, issues);
    const checker = new CollectionChecker(collection, this.context, issues, collection === 'accounts' || collection === 'csms', true, this.options.checked === true);
    this.checkers.set(collection, checker);
    return checker;
  }

  /** How a kept record of a collection is written into the columns (one function per collection, made once). */
  private keeperOf(collection: CollectionName): (row: RawRecord) => void {
    let keeper = this.keepers.get(collection);
    if (keeper) return keeper;
    switch (collection) {
      case 'csms':
        keeper = (row) => { this.csms.push(row as unknown as Csm); };
        break;
      case 'accounts':
        keeper = (row) => { this.accounts.push(row as unknown as Account); };
        break;
      case 'contracts':
        keeper = (row) => this.keepContract(row);
        break;
      case 'arr': {
        const { first } = this.values('arr');
        keeper = (row) => { first.push(money(row.arr as number, rateOf(this.context, row.currency), 'arr')); };
        break;
      }
      case 'health':
      case 'activity': {
        const { first, second } = this.values(collection);
        const [a, b] = collection === 'health' ? ['outcome', 'experience'] : ['activeUsers', 'licensedUsers'];
        keeper = (row) => {
          first.push(row[a as string] as number);
          second.push(row[b as string] as number);
        };
        break;
      }
      case 'measures': {
        const { first } = this.values('measures');
        keeper = (row) => { first.push(row.value as number); };
        break;
      }
      case 'tickets':
      case 'targets': {
        // Kept as records: no metric reads them from columns yet (SPEC 12's ticket components and SPEC 14's
        // targets will, and then get columns like the dated collections).
        const records: RawRecord[] = [];
        this.plain.set(collection, records);
        keeper = (row) => { records.push(row); };
        break;
      }
      default:
        keeper = (row) => this.keepDated(collection, row);
    }
    this.keepers.set(collection, keeper);
    return keeper;
  }

  private keepContract(row: RawRecord): void {
    const c = this.contracts;
    c.ids.push(row.id as string);
    c.account.push(this.context.accepted.accounts.get(row.accountId as string) as number);
    // Validation bounded the amount after conversion: `money` cannot throw here.
    c.arr.push(money(row.arr as number, rateOf(this.context, row.currency), 'contracts'));
    const start = row.start as string;
    const end = typeof row.end === 'string' ? row.end : undefined;
    c.startDay.push(dayNumber(start));
    c.startMonth.push(monthIndex(start));
    c.endDay.push(end === undefined ? OPEN_END : dayNumber(end));
    c.endMonth.push(end === undefined ? OPEN_END : monthIndex(end));
    c.optOutDay.push(typeof row.optOutDate === 'string' ? dayNumber(row.optOutDate) : Number.NaN);
  }

  private values(collection: NaturalKeyCollection): MonthlyValues {
    let values = this.monthly.get(collection);
    if (!values) this.monthly.set(collection, (values = { first: floatColumn(), second: floatColumn() }));
    return values;
  }

  private keepDated(collection: CollectionName, row: RawRecord): void {
    const name = collection as DatedCollection;
    let columns = this.dated.get(name);
    if (!columns) this.dated.set(name, (columns = new DatedColumns()));
    const { date, value } = DATED[name] as { date: (record: RawRecord) => string; value: (record: RawRecord) => number };
    columns.text.push(JSON.stringify(row));
    columns.account.push(row.accountId === undefined ? -1 : this.context.accepted.accounts.get(row.accountId as string) as number);
    columns.month.push(monthIndex(date(row)));
    columns.value.push(value(row));
    if (name === 'leads') {
      columns.closedMonth.push(typeof row.closedAt === 'string' ? monthIndex(row.closedAt) : -1);
      columns.won.push(row.stage === 'won' ? 1 : 0);
      columns.csmIds.push(typeof row.csmId === 'string' ? row.csmId : undefined);
    } else if (name === 'revenue') {
      columns.field.push(REVENUE_FIELD_NAMES.indexOf(revenueFieldOf(row.source as RevenueSource)));
    } else if (name === 'nps') {
      columns.field.push(roleCode(columns.roles, columns.roleCodes, row.role));
    }
  }

  /**
   * Finishes the dataset in slices: repeats and overlaps found, contracts sorted, monthly matrices built.
   * `onFingerprintParts` is given the fingerprint's parts as soon as they are known, before the last passes (the
   * matrices), so that their hashing (native, on other threads) can run meanwhile; they are not changed afterwards.
   */
  *finish(onFingerprintParts?: (parts: readonly FingerprintPart[]) => void): Work<BuiltDataset> {
    this.finished = true;
    for (const checker of this.checkers.values()) checker.releaseIds();
    const repeats = new Map<NaturalKeyCollection, Uint8Array | null>();
    for (const collection of this.monthly.keys()) repeats.set(collection, yield* this.repeatsOf(collection));
    const rows = yield* this.contractRows();
    const contracts = yield* contractColumnsWork(rows, this.accounts.length);
    const contractIssues = this.issues.get('contracts');
    if (contractIssues) yield* overlapWarningsWork(this.contractSpans(rows), contractIssues);
    const snapshots = yield* this.monthlyColumns('arr', repeats);
    const health = yield* this.monthlyColumns('health', repeats);
    const activity = yield* this.monthlyColumns('activity', repeats);
    const measures = yield* this.measureColumns(repeats);
    const dataset = this.leanDataset(snapshots.month.length > 0);
    const index = indexOf(dataset, this.context.accepted.accounts, contracts, { account: snapshots.account, month: snapshots.month, arr: snapshots.first });
    yield* this.datedColumns(index);
    index.cache.set('measures', measures);
    // What the data is, before the records' own columns are let go: the accounts and every column read from records.
    const fingerprintParts = yield* fingerprintPartsWork(index, [health, activity]);
    onFingerprintParts?.(fingerprintParts);
    yield* arrThroughWork(index, index.arrLast);
    accountSpans(index);
    index.cache.delete('arr-snapshots');
    const n = this.accounts.length;
    index.cache.set('activity', yield* activityMatrixWork(n, activity));
    const roles = [...(this.checkers.get('activity')?.measureKeys.keys() ?? [])];
    index.cache.set('activity-roles', yield* activityRolesWork(n, activity, roles));
    index.cache.set('health', yield* snapshotSidesWork(n, health));
    // Tickets as columns only (after the fingerprint read them): their objects would weigh on every garbage collection.
    ticketColumns(index);
    const { tickets: _tickets, ...lean } = index.dataset;
    index.dataset = lean;
    return { index, issues: this.allIssues(), counts: this.counts(), fingerprintParts };
  }

  /** Marks (1) the kept records of a natural-key collection that repeat an earlier one, with their issues; null for none. */
  private *repeatsOf(collection: NaturalKeyCollection): Work<Uint8Array | null> {
    const checker = this.checkers.get(collection) as CollectionChecker;
    const repeated = yield* naturalKeyRepeatsWork(checker, this.accounts.length);
    if (repeated.length === 0) return null;
    const marks = new Uint8Array(checker.kept);
    const keys = [...checker.measureKeys.keys()];
    const { position, month, code } = yield* checker.keyColumnsWork();
    const found = Array.from(repeated, (k) => {
      marks[k] = 1;
      const accountId = (this.accounts[position[k] as number] as Account).id;
      const key = collection === 'measures' || collection === 'activity' ? keys[code[k] as number] : undefined;
      return repeatIssue(collection, checker.indexOf(k), accountId, monthFromIndex(month[k] as number), key);
    });
    mergeIssues(this.issues.get(collection) as DataIssue[], collection, found);
    return marks;
  }

  /** Account positions, months and values of a natural-key collection's kept records, repeats left out. */
  private *monthlyColumns(collection: NaturalKeyCollection, repeats: ReadonlyMap<NaturalKeyCollection, Uint8Array | null>): Work<MonthlyColumns & { code: Int32Array }> {
    const checker = this.checkers.get(collection);
    const values = this.monthly.get(collection);
    if (!checker || !values) return { account: new Int32Array(0), month: new Int32Array(0), first: new Float64Array(0), second: new Float64Array(0), code: new Int32Array(0) };
    const keys = yield* checker.keyColumnsWork();
    const columns = {
      account: keys.position, month: keys.month, first: yield* values.first.toArrayWork(), second: yield* values.second.toArrayWork(), code: keys.code,
    };
    const marks = repeats.get(collection) ?? null;
    if (!marks) return columns;
    const keep = <A extends Int32Array | Float64Array>(column: A): A => (column.length === 0 ? column : column.filter((_, k) => marks[k] === 0) as A);
    return { account: keep(columns.account), month: keep(columns.month), first: keep(columns.first), second: keep(columns.second), code: keep(columns.code) };
  }

  private *measureColumns(repeats: ReadonlyMap<NaturalKeyCollection, Uint8Array | null>): Work<MeasureColumns> {
    const checker = this.checkers.get('measures');
    const { account, month, first: value, code: key } = yield* this.monthlyColumns('measures', repeats);
    const keys = checker ? [...checker.measureKeys.keys()] : [];
    const spans = keys.map(() => ({ start: Infinity, end: -Infinity }));
    for (let k = 0; k < key.length; k += 1) {
      const span = spans[key[k] as number] as { start: number; end: number };
      const m = month[k] as number;
      if (m < span.start) span.start = m;
      if (m > span.end) span.end = m;
      if ((k & (STEP * 8 - 1)) === 0) yield;
    }
    return { keys, codeOf: new Map(keys.map((name, code) => [name, code])), account, month, key, value, spans };
  }

  private *contractRows(): Work<ContractRows> {
    const c = this.contracts;
    return {
      ids: c.ids, account: yield* c.account.toArrayWork(), arr: yield* c.arr.toArrayWork(), startDay: yield* c.startDay.toArrayWork(),
      endDay: yield* c.endDay.toArrayWork(), startMonth: yield* c.startMonth.toArrayWork(), endMonth: yield* c.endMonth.toArrayWork(),
      optOutDay: yield* c.optOutDay.toArrayWork(),
    };
  }

  private contractSpans(rows: ContractRows): ContractSpans {
    const checker = this.checkers.get('contracts') as CollectionChecker;
    return {
      count: rows.ids.length, id: (k) => rows.ids[k] as string, account: (k) => rows.account[k] as number,
      accountId: (k) => (this.accounts[rows.account[k] as number] as Account).id, start: (k) => rows.startDay[k] as number,
      end: (k) => (rows.endDay[k] === OPEN_END ? Number.POSITIVE_INFINITY : (rows.endDay[k] as number)), index: (k) => checker.indexOf(k),
    };
  }

  /** What a compact index keeps of the dataset object: the currency, the accounts and CSMs. */
  private leanDataset(fromSnapshots: boolean): Dataset {
    const dataset: Record<string, unknown> = { currency: this.currency, fxRates: ownRecord(this.fxRates), accounts: this.accounts };
    if (this.checkers.has('csms')) dataset.csms = this.csms;
    for (const [collection, records] of this.plain) dataset[collection] = records;
    if (fromSnapshots) dataset.arr = [];
    return dataset as unknown as Dataset;
  }

  /** The dated collections as columns with their records packed, and the columns read from leads and revenue. */
  private *datedColumns(index: DatasetIndex): Work<void> {
    const empty = new DatedColumns();
    for (const name of DATED_COLLECTIONS) {
      const columns = this.dated.get(name) ?? empty;
      columns.text.flush();
      const record: RecordColumns<unknown> = {
        records: new PackedRecords(PackedStrings.of(columns.text)), account: yield* columns.account.toArrayWork(),
        month: yield* columns.month.toArrayWork(), value: yield* columns.value.toArrayWork(),
      };
      index.cache.set(`records:${name}`, record);
    }
    const leads = this.dated.get('leads') ?? empty;
    index.cache.set('leads:closed', { closedMonth: yield* leads.closedMonth.toArrayWork(), won: Uint8Array.from(yield* leads.won.toArrayWork()) });
    index.cache.set('revenue:field', Uint8Array.from(yield* (this.dated.get('revenue') ?? empty).field.toArrayWork()));
    const nps = this.dated.get('nps') ?? empty;
    index.cache.set('nps:roles', { names: nps.roles, code: yield* nps.field.toArrayWork() });
    const { ids, codeOf, code } = csmCodeTable(this.csms);
    const accounts = Int32Array.from(this.accounts, (account) => code(account.csmId));
    index.cache.set('csm-codes', { ids, codeOf, accounts, leads: Int32Array.from(leads.csmIds, code) });
  }

  private allIssues(): DataIssue[] {
    const issues = [...this.currencyIssues];
    if (!this.checkers.has('accounts')) issues.push({ severity: 'error', collection: 'accounts', index: -1, message: "missing required collection 'accounts'" });
    for (const collection of COLLECTION_NAMES) issues.push(...(this.issues.get(collection) ?? []));
    return issues;
  }

  private counts(): BuiltDataset['counts'] {
    const counts: BuiltDataset['counts'] = {};
    for (const [collection, checker] of this.checkers) counts[collection] = { records: checker.count, kept: checker.kept };
    return counts;
  }
}

/** A builder for a dataset read in batches (see the module's note for the order batches come in). */
export function datasetBuilder(header: { currency?: unknown; fxRates?: unknown } = {}, options: BuilderOptions = {}): DatasetBuilder {
  return new DatasetBuilder(header, options);
}

/** Records per batch when a whole dataset object is fed in slices. */
const BATCH = STEP;

/** Feeds a whole raw dataset object to a builder, a batch at a time (the raw object stays the host's). */
export function* feedWork(builder: DatasetBuilder, raw: RawRecord): Work<void> {
  for (const collection of COLLECTION_NAMES) {
    const records = raw[collection];
    if (records === undefined) continue;
    if (!Array.isArray(records)) {
      builder.notAList(collection, records);
      continue;
    }
    if (records.length === 0) builder.add(collection, []);
    for (let start = 0; start < records.length; start += BATCH) {
      builder.add(collection, records.slice(start, start + BATCH));
      yield;
    }
  }
}
