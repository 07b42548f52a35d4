/**
 * The records of a dataset written as they come (`writeDataset`): a stream of `DatasetChunk`s (a whole dataset is one
 * chunk per collection) checked batch by batch (`datasetStreamChecker`: `validateDataset`'s rules), each kept record
 * written into its table in batches of `INSERT_BATCH_ROWS`, so the writer holds a batch of records, not the data.
 * What the facts need of the whole data is kept: the accounts, contracts and ARR snapshots, fed to a `datasetBuilder`
 * that keeps the contracts and snapshots as columns (at 1M accounts, 4 GB of heap as record objects), the CSMs, and
 * the spans (`SpanCounter`).
 */
import { dayNumber, monthIndex, type Account, type CollectionName, type Csm, type DataIssue, type Dataset } from '@cskit/metrics';
import { datasetBuilder, datasetStreamChecker, runSync, type BuiltDataset, type DatasetBuilder, type DatasetChunk, type DatasetStreamChecker } from '@cskit/metrics/load';
import type { SqlClient } from '../client/clients.js';
import { INSERT_BATCH_ROWS, tableName, type Dialect } from '../schema/dialect.js';
import { accountKey, storedColumns, TABLES, type StoredColumn, type TableSpec } from '../schema/tables.js';
import { SpanCounter, type DataSpans } from '../facts/data-spans.js';
import { writeRows } from './write-rows.js';

type RawRecord = Record<string, unknown>;

/** What `writeDataset` reads: a dataset object, or a stream of chunks (the header, CSMs, then batches; see below). */
export type DatasetSource = Dataset | Iterable<DatasetChunk> | AsyncIterable<DatasetChunk>;

/** The stream's records as written: the checker (issues, positions), what the facts read, the spans. */
export interface WrittenRecords {
  checker: DatasetStreamChecker;
  /**
   * The index the facts are worked out from (the accounts, contracts and ARR snapshots kept; `arrRunsOfIndex`...), and
   * the accounts: built on first call, once the records are known to be valid.
   */
  factsIndex(): { index: BuiltDataset['index']; accounts: readonly Account[] };
  csms: Csm[];
  spans: DataSpans;
  /** Issues of the dialect (PostgreSQL's text cannot hold NUL), by collection, row and field. */
  dialectIssues: DataIssue[];
}

const SPEC_OF = new Map<string, TableSpec>(TABLES.map((spec) => [spec.collection, spec]));
/**
 * The facts' builder takes the records the stream checker kept as they are (its `checked`): checking them again cost
 * the write time and, at 1M accounts, a map of ~6 M contract ids in the writer's heap.
 */
const CHECKED = { checked: true } as const;
/** Collections the facts are worked out from (`factsIndex`), fed to a builder as they are kept. */
const FACTS_COLLECTIONS = new Set<string>(['accounts', 'contracts', 'arr']);

const isStream = (value: unknown): value is Iterable<DatasetChunk> | AsyncIterable<DatasetChunk> =>
  typeof value === 'object' && value !== null && (Symbol.iterator in value || Symbol.asyncIterator in value);

/** A source as chunks: a stream as it is; a dataset object as its header and one chunk per collection it has. */
export function chunksOf(source: unknown): Iterable<DatasetChunk> | AsyncIterable<DatasetChunk> {
  if (isStream(source)) return source;
  if (typeof source !== 'object' || source === null) {
    throw new TypeError(`writeDataset expected a dataset object such as { accounts: [...] } or a stream of chunks, got ${source === null ? 'null' : typeof source}`);
  }
  const raw = source as RawRecord;
  const chunks: DatasetChunk[] = [{ currency: raw.currency, fxRates: raw.fxRates }];
  for (const spec of TABLES) if (raw[spec.collection] !== undefined) chunks.push({ collection: spec.collection, records: raw[spec.collection] as unknown[] });
  return chunks;
}

/** A field of a record by its name, `a.b` reading a nested one. */
function fieldOf(record: RawRecord, field: string): unknown {
  const dot = field.indexOf('.');
  if (dot < 0) return record[field];
  const outer = record[field.slice(0, dot)];
  return typeof outer === 'object' && outer !== null ? (outer as RawRecord)[field.slice(dot + 1)] : undefined;
}

/** A field's value as stored: a date as its day number and its month index, a month as its index, absent as NULL. */
function cellOf(record: RawRecord, column: StoredColumn): unknown {
  const value = fieldOf(record, column.spec.field);
  if (value === undefined || value === null) return null;
  if (column.spec.kind === 'day') return column.kind === 'day' ? dayNumber(value as string) : monthIndex(value as string);
  if (column.kind === 'month') return monthIndex(value as string);
  return value;
}

/** Writes a stream's records into the created tables (`writeDataset` creates them first, in its transaction). */
class RecordStream {
  private checker: DatasetStreamChecker | null = null;
  private builder: DatasetBuilder | null = null;
  private readonly csms: Csm[] = [];
  private readonly pending = new Map<string, RawRecord[]>();
  private readonly written = new Map<string, number>();
  private readonly spans = new SpanCounter();
  private readonly dialectIssues: DataIssue[] = [];

  constructor(private readonly session: SqlClient, private readonly dialect: Dialect, private readonly schema: string | undefined) {}

  async take(chunk: DatasetChunk): Promise<void> {
    if (typeof chunk !== 'object' || chunk === null || Array.isArray(chunk)) {
      throw new TypeError(`writeDataset: a stream's chunk is its header { currency, fxRates } or a batch { collection, records }, got ${chunk === null ? 'null' : Array.isArray(chunk) ? 'an array' : typeof chunk}`);
    }
    if (!('collection' in chunk)) {
      if (this.checker !== null) throw new TypeError('writeDataset: a stream\'s header (currency, fxRates) comes before its first batch of records');
      this.checker = datasetStreamChecker(chunk);
      this.builder = datasetBuilder(chunk, CHECKED);
      return;
    }
    this.checker ??= datasetStreamChecker({});
    this.builder ??= datasetBuilder({}, CHECKED);
    const { collection, records } = chunk;
    const batch: RawRecord[] = [];
    this.checker.add(collection, records, (row, index) => {
      if (this.dialect === 'postgres') this.checkText(collection, row, index);
      this.spans.add(collection, row);
      if (collection === 'csms') this.csms.push(row as unknown as Csm);
      batch.push(row);
    });
    if (FACTS_COLLECTIONS.has(collection) && this.checker.errors === 0) this.builder.add(collection, batch);
    const pending = this.pending.get(collection) ?? [];
    this.pending.set(collection, pending);
    for (const row of batch) pending.push(row);
    if (pending.length >= INSERT_BATCH_ROWS) await this.flush(collection);
  }

  /** PostgreSQL's text cannot hold the NUL character: such a field is an issue naming it (nothing is written). */
  private checkText(collection: CollectionName, row: RawRecord, index: number): void {
    for (const column of (SPEC_OF.get(collection) as TableSpec).columns) {
      if (column.kind !== 'text') continue;
      const value = fieldOf(row, column.field);
      if (typeof value === 'string' && value.includes('\u0000')) {
        this.dialectIssues.push({ severity: 'error', collection, index, field: column.field, message: 'PostgreSQL text cannot hold the NUL character (U+0000)' });
      }
    }
  }

  /**
   * A collection's pending records written: `seq` (their place as written), each stored column, then for records of an
   * account its place among the accounts (`account_seq`). Once an error is found nothing more is written (the write
   * will be refused), though every record is still checked.
   */
  private async flush(collection: string): Promise<void> {
    const records = this.pending.get(collection) ?? [];
    this.pending.set(collection, []);
    const checker = this.checker as DatasetStreamChecker;
    if (records.length === 0 || checker.errors > 0 || this.dialectIssues.length > 0) return;
    const spec = SPEC_OF.get(collection) as TableSpec;
    const columns = storedColumns(spec);
    const keyed = accountKey(spec) === 'account_seq';
    const start = this.written.get(collection) ?? 0;
    this.written.set(collection, start + records.length);
    const names = ['seq', ...columns.map((c) => c.name), ...(keyed ? ['account_seq'] : [])];
    const kinds = ['int' as const, ...columns.map((c) => c.kind), ...(keyed ? ['int' as const] : [])];
    const cell = (row: number, column: number) => {
      if (column === 0) return start + row;
      const record = records[row] as RawRecord;
      return column <= columns.length ? cellOf(record, columns[column - 1] as StoredColumn) : checker.positionOf(record.accountId);
    };
    await writeRows(this.session, tableName(spec.table, this.schema), { names, kinds }, records.length, cell, this.dialect);
  }

  /** The rest written; what the facts and the header need. */
  async end(): Promise<WrittenRecords> {
    const checker = this.checker ?? datasetStreamChecker({});
    const builder = this.builder ?? datasetBuilder({}, CHECKED);
    this.checker = checker;
    for (const collection of this.pending.keys()) await this.flush(collection);
    let built: ReturnType<WrittenRecords['factsIndex']> | null = null;
    const factsIndex = () => {
      if (built === null) {
        const { index } = runSync(builder.finish());
        built = { index, accounts: index.accounts };
      }
      return built;
    };
    return { checker, factsIndex, csms: this.csms, spans: this.spans.spans(checker.collections()), dialectIssues: this.dialectIssues };
  }
}

/** Reads `chunks` (`chunksOf` a source) to their end, writing their records into the created tables; see `RecordStream`. */
export async function writeRecordStream(
  session: SqlClient, chunks: Iterable<DatasetChunk> | AsyncIterable<DatasetChunk>, dialect: Dialect, schema: string | undefined,
): Promise<WrittenRecords> {
  const stream = new RecordStream(session, dialect, schema);
  for await (const chunk of chunks) await stream.take(chunk);
  return stream.end();
}
