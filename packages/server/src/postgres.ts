/**
 * `@cskit/server/postgres`: reading a host's PostgreSQL tables into cskit's data contract with plain SQL, as a
 * template to adapt. `SAMPLE_TABLES` describes one table per collection (snake_case columns, dates as `date`,
 * months as the month's first day); `postgresQueries()` turns it into the SELECTs `postgresLoader` runs, each
 * aliasing columns to the contract's field names. A host with other tables writes its own SELECTs (keep the
 * aliases) and passes them as `queries`. Any client with `query(text, params)` works: `pg`'s Pool or Client, or
 * PGlite (Postgres in WebAssembly) for an embedded database.
 *
 *   import pg from 'pg';
 *   const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 *   const handler = createCsHandler({ load: postgresSource({ db: pool }), scope });
 *
 * `postgresSource` streams each table through a cursor, a batch of rows at a time, so no more than one batch of
 * records is ever alive in the server (at 100,000 accounts, ten million rows would take gigabytes as objects);
 * `postgresLoader` reads whole tables into one raw dataset (simpler, for small data).
 */
import type { CollectionName, Dataset } from '@cskit/metrics';
import type { DatasetChunk } from '@cskit/metrics/load';

/** What the loader needs of a database client (`pg.Pool`, `pg.Client` and `PGlite` all have it). */
export interface Queryable {
  query(text: string, params?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
}

/** A pool lends a client for the cursors (a cursor lives in one session); a client or PGlite is one session. */
interface Pool extends Queryable {
  connect(): Promise<Queryable & { release(): void }>;
}

type ColumnType = 'text' | 'date' | 'month' | 'float8' | 'int';

interface TableSpec {
  table: string;
  collection: CollectionName;
  columns: ReadonlyArray<{ column: string; field: string; type: ColumnType; required?: boolean }>;
  orderBy: string;
}

/** The sample schema: one table per collection of the data contract. */
export const SAMPLE_TABLES: readonly TableSpec[] = [
  { table: 'csms', collection: 'csms', orderBy: 'id', columns: [
    { column: 'id', field: 'id', type: 'text', required: true }, { column: 'name', field: 'name', type: 'text', required: true }, { column: 'team', field: 'team', type: 'text' },
  ] },
  { table: 'accounts', collection: 'accounts', orderBy: 'id', columns: [
    { column: 'id', field: 'id', type: 'text', required: true }, { column: 'name', field: 'name', type: 'text', required: true },
    { column: 'signed_at', field: 'signedAt', type: 'date', required: true }, { column: 'csm_id', field: 'csmId', type: 'text' },
    { column: 'sales_rep_id', field: 'salesRepId', type: 'text' }, { column: 'segment', field: 'segment', type: 'text' },
    { column: 'region', field: 'region', type: 'text' }, { column: 'industry', field: 'industry', type: 'text' },
    { column: 'channel', field: 'channel', type: 'text' }, { column: 'stage', field: 'stage', type: 'text' },
  ] },
  { table: 'contracts', collection: 'contracts', orderBy: 'id', columns: [
    { column: 'id', field: 'id', type: 'text', required: true }, { column: 'account_id', field: 'accountId', type: 'text', required: true },
    { column: 'start_date', field: 'start', type: 'date', required: true }, { column: 'end_date', field: 'end', type: 'date' },
    { column: 'arr', field: 'arr', type: 'float8', required: true }, { column: 'currency', field: 'currency', type: 'text' },
    { column: 'opt_out_date', field: 'optOutDate', type: 'date' },
  ] },
  { table: 'arr_snapshots', collection: 'arr', orderBy: 'account_id, month', columns: [
    { column: 'account_id', field: 'accountId', type: 'text', required: true }, { column: 'month', field: 'month', type: 'month', required: true },
    { column: 'arr', field: 'arr', type: 'float8', required: true }, { column: 'currency', field: 'currency', type: 'text' },
  ] },
  { table: 'health_snapshots', collection: 'health', orderBy: 'account_id, month', columns: [
    { column: 'account_id', field: 'accountId', type: 'text', required: true }, { column: 'month', field: 'month', type: 'month', required: true },
    { column: 'outcome', field: 'outcome', type: 'float8', required: true }, { column: 'experience', field: 'experience', type: 'float8', required: true },
  ] },
  { table: 'nps_responses', collection: 'nps', orderBy: 'id', columns: [
    { column: 'id', field: 'id', type: 'text' }, { column: 'account_id', field: 'accountId', type: 'text' },
    { column: 'response_date', field: 'date', type: 'date', required: true }, { column: 'score', field: 'score', type: 'int', required: true },
    { column: 'role', field: 'role', type: 'text' },
  ] },
  { table: 'activity', collection: 'activity', orderBy: 'account_id, month, role NULLS FIRST', columns: [
    { column: 'account_id', field: 'accountId', type: 'text', required: true }, { column: 'month', field: 'month', type: 'month', required: true },
    { column: 'active_users', field: 'activeUsers', type: 'int', required: true }, { column: 'licensed_users', field: 'licensedUsers', type: 'int', required: true },
    { column: 'role', field: 'role', type: 'text' },
  ] },
  { table: 'leads', collection: 'leads', orderBy: 'id', columns: [
    { column: 'id', field: 'id', type: 'text', required: true }, { column: 'account_id', field: 'accountId', type: 'text', required: true },
    { column: 'csm_id', field: 'csmId', type: 'text' }, { column: 'created_at', field: 'createdAt', type: 'date', required: true },
    { column: 'stage', field: 'stage', type: 'text', required: true }, { column: 'closed_at', field: 'closedAt', type: 'date' },
    { column: 'arr', field: 'arr', type: 'float8' },
  ] },
  { table: 'advocacy', collection: 'advocacy', orderBy: 'id', columns: [
    { column: 'id', field: 'id', type: 'text', required: true }, { column: 'account_id', field: 'accountId', type: 'text', required: true },
    { column: 'csm_id', field: 'csmId', type: 'text' }, { column: 'record_date', field: 'date', type: 'date', required: true },
    { column: 'kind', field: 'kind', type: 'text', required: true },
  ] },
  { table: 'revenue_events', collection: 'revenue', orderBy: 'id', columns: [
    { column: 'id', field: 'id', type: 'text', required: true }, { column: 'account_id', field: 'accountId', type: 'text', required: true },
    { column: 'csm_id', field: 'csmId', type: 'text' }, { column: 'event_date', field: 'date', type: 'date', required: true },
    { column: 'arr', field: 'arr', type: 'float8', required: true }, { column: 'source', field: 'source', type: 'text', required: true },
  ] },
  { table: 'measures', collection: 'measures', orderBy: 'account_id, month, key', columns: [
    { column: 'account_id', field: 'accountId', type: 'text', required: true }, { column: 'month', field: 'month', type: 'month', required: true },
    { column: 'key', field: 'key', type: 'text', required: true }, { column: 'value', field: 'value', type: 'float8', required: true },
  ] },
  { table: 'tickets', collection: 'tickets', orderBy: 'id', columns: [
    { column: 'id', field: 'id', type: 'text', required: true }, { column: 'account_id', field: 'accountId', type: 'text', required: true },
    { column: 'opened_at', field: 'openedAt', type: 'date', required: true }, { column: 'first_response_minutes', field: 'firstResponseMinutes', type: 'float8' },
    { column: 'resolution_minutes', field: 'resolutionMinutes', type: 'float8' }, { column: 'type', field: 'type', type: 'text' },
    { column: 'origin', field: 'origin', type: 'text' }, { column: 'csat', field: 'csat', type: 'float8' }, { column: 'complaint', field: 'complaint', type: 'text' },
  ] },
  // A target's period is two months; the aliases `period.from` and `period.to` nest them (`withoutNulls`).
  { table: 'targets', collection: 'targets', orderBy: 'id', columns: [
    { column: 'id', field: 'id', type: 'text' }, { column: 'csm_id', field: 'csmId', type: 'text' }, { column: 'team', field: 'team', type: 'text' },
    { column: 'period_from', field: 'period.from', type: 'month', required: true }, { column: 'period_to', field: 'period.to', type: 'month', required: true },
    { column: 'metric', field: 'metric', type: 'text', required: true }, { column: 'value', field: 'value', type: 'float8', required: true },
  ] },
];

const SQL_TYPE: Record<ColumnType, string> = { text: 'text', date: 'date', month: 'date', float8: 'double precision', int: 'integer' };

/** The SELECT of one table, its columns aliased to the contract's fields, dates as `YYYY-MM-DD` and months as `YYYY-MM`. */
function selectOf(spec: TableSpec): string {
  const columns = spec.columns.map(({ column, field, type }) => {
    const value = type === 'date' ? `to_char(${column}, 'YYYY-MM-DD')` : type === 'month' ? `to_char(${column}, 'YYYY-MM')` : column;
    return value === field ? column : `${value} AS "${field}"`;
  });
  return `SELECT ${columns.join(', ')} FROM ${spec.table} ORDER BY ${spec.orderBy}`;
}

/** The loader's SELECT per collection for `tables` (the sample schema by default): the SQL a host adapts. */
export function postgresQueries(tables: readonly TableSpec[] = SAMPLE_TABLES): Partial<Record<CollectionName, string>> {
  return Object.fromEntries(tables.map((spec) => [spec.collection, selectOf(spec)]));
}

export interface PostgresLoaderOptions {
  db: Queryable;
  /** SELECTs per collection, each aliasing its columns to the contract's field names; default the sample schema's. */
  queries?: Partial<Record<CollectionName, string>>;
  /** Exchange rates: a SELECT of (currency, rate); default `SELECT currency, rate FROM fx_rates`. Null: none. */
  fxRatesQuery?: string | null;
  /** The reporting currency. Default USD. */
  currency?: string;
}

/**
 * A `load()` for `createCsHandler`: runs the queries and returns raw records (SQL NULL becomes an absent field),
 * which the handler validates.
 */
export function postgresLoader(options: PostgresLoaderOptions): () => Promise<Record<string, unknown>> {
  const { db, queries = postgresQueries(), fxRatesQuery = 'SELECT currency, rate FROM fx_rates', currency = 'USD' } = options;
  return async () => {
    const raw: Record<string, unknown> = { currency };
    for (const [collection, sql] of Object.entries(queries)) {
      const { rows } = await db.query(sql as string);
      // An empty table is a collection the host does not have (an empty `arr` would otherwise say "ARR from snapshots").
      if (rows.length > 0 || collection === 'accounts') raw[collection] = rows.map(withoutNulls);
    }
    if (fxRatesQuery) {
      const { rows } = await db.query(fxRatesQuery);
      const rates: Record<string, number> = {};
      for (const row of rows) Object.defineProperty(rates, String(row.currency), { value: Number(row.rate), enumerable: true, writable: true, configurable: true });
      raw.fxRates = rates;
    }
    return raw;
  };
}

export interface PostgresSourceOptions extends PostgresLoaderOptions {
  /** Rows per batch (per FETCH). Default 5,000. */
  batchRows?: number;
}

/** Collections in the order a stream must give them: CSMs, then accounts, then the records that refer to them. */
const STREAM_ORDER: readonly CollectionName[] = [
  'csms', 'accounts', 'contracts', 'arr', 'health', 'nps', 'activity', 'leads', 'advocacy', 'revenue', 'measures', 'tickets', 'targets',
];

/**
 * A streaming `load` for `createCsHandler`: each table read through a server-side cursor in batches of `batchRows`
 * (one transaction per table, in one session of a pool), given as `DatasetChunk`s. The handler's `AbortSignal` stops
 * the reading between batches.
 */
export function postgresSource(options: PostgresSourceOptions): (context: { signal: AbortSignal }) => AsyncIterable<DatasetChunk> {
  const { db, queries = postgresQueries(), fxRatesQuery = 'SELECT currency, rate FROM fx_rates', currency = 'USD', batchRows = 5000 } = options;
  return ({ signal }) => ({
    async *[Symbol.asyncIterator]() {
      // A `pg.Pool` (it counts its clients) lends one client for the cursors; a `pg.Client` or PGlite is one session already.
      const pooled = 'totalCount' in db && typeof (db as Partial<Pool>).connect === 'function';
      const session = pooled ? await (db as unknown as Pool).connect() : db;
      try {
        yield { currency, ...(fxRatesQuery ? { fxRates: await ratesOf(session, fxRatesQuery) } : {}) };
        for (const collection of STREAM_ORDER) {
          const sql = queries[collection];
          if (sql === undefined) continue;
          yield* streamTable(session, collection, sql, batchRows, signal);
        }
      } finally {
        if (pooled) (session as Queryable & { release(): void }).release();
      }
    },
  });
}

async function ratesOf(db: Queryable, sql: string): Promise<Record<string, number>> {
  const { rows } = await db.query(sql);
  const rates: Record<string, number> = {};
  for (const row of rows) Object.defineProperty(rates, String(row.currency), { value: Number(row.rate), enumerable: true, writable: true, configurable: true });
  return rates;
}

/** One table's rows through a cursor, a batch at a time; an empty table other than accounts gives nothing. */
async function* streamTable(db: Queryable, collection: CollectionName, sql: string, batchRows: number, signal: AbortSignal): AsyncGenerator<DatasetChunk> {
  await db.query('BEGIN READ ONLY');
  let open = true;
  try {
    await db.query(`DECLARE cskit_rows NO SCROLL CURSOR FOR ${sql}`);
    let first = true;
    for (;;) {
      signal.throwIfAborted();
      const { rows } = await db.query(`FETCH FORWARD ${Math.max(1, Math.floor(batchRows))} FROM cskit_rows`);
      // An empty table is a collection the host does not have (an empty `arr` would otherwise say "ARR from snapshots").
      if (rows.length > 0 || (first && collection === 'accounts')) yield { collection, records: rows.map(withoutNulls) };
      first = false;
      if (rows.length < batchRows) break;
    }
    await db.query('CLOSE cskit_rows');
    await db.query('COMMIT');
    open = false;
  } finally {
    if (open) await db.query('ROLLBACK').catch(() => undefined);
  }
}

/** A row as a record: SQL NULL an absent field, bigints numbers, and `a.b` aliases nested (a target's `period`). */
function withoutNulls(row: Record<string, unknown>): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (value === null || value === undefined) continue;
    const cell = typeof value === 'bigint' ? Number(value) : value;
    const dot = key.indexOf('.');
    if (dot < 0) record[key] = cell;
    else ((record[key.slice(0, dot)] ??= {}) as Record<string, unknown>)[key.slice(dot + 1)] = cell;
  }
  return record;
}

/** A record's field by its alias (`period.from` reads the nested field). */
function fieldOf(record: Record<string, unknown>, field: string): unknown {
  const dot = field.indexOf('.');
  if (dot < 0) return record[field];
  const outer = record[field.slice(0, dot)];
  return typeof outer === 'object' && outer !== null ? (outer as Record<string, unknown>)[field.slice(dot + 1)] : undefined;
}

/** The sample schema's CREATE TABLE statements (and `fx_rates`). */
export function sampleSchemaSql(tables: readonly TableSpec[] = SAMPLE_TABLES): string {
  const statements = tables.map(({ table, columns }) => `CREATE TABLE ${table} (${columns.map((c) => `${c.column} ${SQL_TYPE[c.type]}${c.required ? ' NOT NULL' : ''}`).join(', ')});`);
  return [...statements, 'CREATE TABLE fx_rates (currency text PRIMARY KEY, rate double precision NOT NULL);'].join('\n');
}

/**
 * Creates the sample schema in `db` and writes a dataset into it (the demo server's PGlite, and the PostgreSQL
 * tests), in batches of JSON rows.
 */
export async function writeDatasetToPostgres(db: Queryable, dataset: Dataset, tables: readonly TableSpec[] = SAMPLE_TABLES, batch = 20_000): Promise<void> {
  for (const spec of tables) await db.query(`DROP TABLE IF EXISTS ${spec.table}`);
  await db.query('DROP TABLE IF EXISTS fx_rates');
  for (const statement of sampleSchemaSql(tables).split('\n')) await db.query(statement);
  for (const spec of tables) {
    const records = ((dataset as unknown as Record<string, unknown[] | undefined>)[spec.collection] ?? []) as Array<Record<string, unknown>>;
    const names = spec.columns.map((c) => c.column);
    const recordType = spec.columns.map((c) => `${c.column} ${c.type === 'month' ? 'text' : SQL_TYPE[c.type]}`).join(', ');
    const values = spec.columns.map((c) => (c.type === 'month' ? `to_date(${c.column}, 'YYYY-MM')` : c.column)).join(', ');
    for (let start = 0; start < records.length; start += batch) {
      const rows = records.slice(start, start + batch).map((record) => Object.fromEntries(spec.columns.map((c) => [c.column, fieldOf(record, c.field) ?? null])));
      await db.query(`INSERT INTO ${spec.table} (${names.join(', ')}) SELECT ${values} FROM json_to_recordset($1::json) AS r(${recordType})`, [JSON.stringify(rows)]);
    }
  }
  for (const [code, rate] of Object.entries(dataset.fxRates ?? {})) await db.query('INSERT INTO fx_rates (currency, rate) VALUES ($1, $2)', [code, rate]);
}
