/**
 * The written data read back as the stream `prepareInSlices` takes (`DatasetChunk`s): the header, then each
 * collection's records in their written order, a batch at a time (keyset pages on `seq`), so no more than one batch
 * of records is alive while the compact engine's columns are built.
 */
import { dateFromDayNumber, monthFromIndex, type CollectionName } from '@cskit/metrics';
import type { DatasetChunk } from '@cskit/metrics/load';
import type { SqlClient } from '../client/clients.js';
import { tableName } from '../schema/dialect.js';
import type { DataSpans } from '../facts/data-spans.js';
import type { HealthFactsEntry } from '../facts/health-facts.js';
import { DATA_FORMAT, META_TABLE, storedColumns, TABLES, type StoredColumn, type TableSpec } from '../schema/tables.js';

export interface DataHeader {
  version: string;
  currency: string;
  fxRates: Record<string, number> | null;
  collections: ReadonlySet<CollectionName>;
  /** The whole data's spans (facts/data-spans.ts), for the anchor of pages and stories. */
  spans: DataSpans;
  /** The health facts written for this version (facts/health-facts.ts). */
  healthFacts: readonly HealthFactsEntry[];
}

/**
 * The data's header (`cskit_meta`); an error saying `writeDataset` comes first when there is none, or that it must run
 * again when the tables were written by an earlier layout (`DATA_FORMAT`).
 */
export async function readHeader(client: SqlClient, schema: string | undefined): Promise<DataHeader> {
  let rows: Array<Record<string, unknown>>;
  try {
    rows = await client.query(`SELECT key, value FROM ${tableName(META_TABLE, schema)}`, []);
  } catch (error) {
    throw new Error(`@cskit/sql: no cskit data in ${schema === undefined ? 'the database' : `schema ${schema}`} (write it with writeDataset first)`, { cause: error });
  }
  const meta = new Map(rows.map((row) => [String(row.key), String(row.value)]));
  if (meta.get('format') !== DATA_FORMAT) {
    throw new Error(`@cskit/sql: the data in ${schema === undefined ? 'the database' : `schema ${schema}`} was written by an earlier @cskit/sql (layout ${meta.get('format') ?? '1'}, this one reads ${DATA_FORMAT}): write it again with writeDataset`);
  }
  return {
    version: meta.get('version') ?? '',
    currency: meta.get('currency') ?? 'USD',
    fxRates: JSON.parse(meta.get('fxRates') ?? 'null') as Record<string, number> | null,
    collections: new Set(JSON.parse(meta.get('collections') ?? '[]') as CollectionName[]),
    spans: JSON.parse(meta.get('spans') ?? '{}') as DataSpans,
    healthFacts: JSON.parse(meta.get('healthFacts') ?? '[]') as HealthFactsEntry[],
  };
}

/**
 * `read` of one data version (from `first`, or the header read now): the version is read again after it, and a write
 * meanwhile (a new version) means reading again, from a header read anew, so a result never holds half of one version
 * and half of another; refused after three tries in a row.
 */
export async function readOneVersion<T>(
  client: SqlClient, schema: string | undefined, read: (header: DataHeader) => Promise<T>, first?: DataHeader,
): Promise<{ header: DataHeader; result: T }> {
  for (let attempt = 1; ; attempt += 1) {
    const header = attempt === 1 && first !== undefined ? first : await readHeader(client, schema);
    const result = await read(header);
    if ((await readHeader(client, schema)).version === header.version) return { header, result };
    if (attempt === 3) throw new Error('@cskit/sql: the data was written again while it was read, three times in a row; try again later');
  }
}

/** A stored row as the contract's record: dates and months as strings again, NULL an absent field. */
export function recordOf(row: Record<string, unknown>, columns: readonly StoredColumn[]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const column of columns) {
    if (!column.reads) continue;
    const value = row[column.name];
    if (value === null || value === undefined) continue;
    const cell = column.kind === 'day' ? dateFromDayNumber(Number(value)) : column.kind === 'month' ? monthFromIndex(Number(value)) : value;
    const { field } = column.spec;
    const dot = field.indexOf('.');
    if (dot < 0) record[field] = cell;
    else ((record[field.slice(0, dot)] ??= {}) as Record<string, unknown>)[field.slice(dot + 1)] = cell;
  }
  return record;
}

async function* readTable(client: SqlClient, spec: TableSpec, schema: string | undefined, batchRows: number, signal?: AbortSignal): AsyncGenerator<DatasetChunk> {
  const columns = storedColumns(spec).filter((c) => c.reads);
  const sql = `SELECT seq, ${columns.map((c) => c.name).join(', ')} FROM ${tableName(spec.table, schema)} WHERE seq > $1 ORDER BY seq LIMIT ${batchRows}`;
  let after = -1;
  let first = true;
  for (;;) {
    signal?.throwIfAborted();
    const rows = await client.query(sql, [after]);
    // A collection written empty is given as empty (`arr: []` is not "no ARR snapshots" to every reader).
    if (rows.length > 0 || first) yield { collection: spec.collection, records: rows.map((row) => recordOf(row, columns)) };
    first = false;
    if (rows.length < batchRows) return;
    after = Number(rows[rows.length - 1]?.seq);
  }
}

/** The whole written dataset as a stream of chunks: the header first, then each collection that was written. */
export async function* readChunks(client: SqlClient, header: DataHeader, schema: string | undefined, batchRows: number, signal?: AbortSignal): AsyncGenerator<DatasetChunk> {
  yield { currency: header.currency, ...(header.fxRates ? { fxRates: header.fxRates } : {}) };
  for (const spec of TABLES) {
    if (header.collections.has(spec.collection)) yield* readTable(client, spec, schema, batchRows, signal);
  }
}
