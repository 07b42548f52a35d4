/**
 * What `@cskit/sql` needs of a database: `query(sql, params)` with `$1, $2...` placeholders (bound by the driver,
 * never spliced into the text), answering plain row objects. `duckdbClient` and `postgresClient` adapt the two
 * drivers the package is tested on; any other driver with the same shape works (BigQuery, Snowflake... through the
 * host's own adapter).
 *
 * The adapters import no driver themselves (the host passes its connection), so `@cskit/sql` carries no native
 * code and a host installs only the driver it uses.
 */

/** A database session or pool: one statement per call, `$n` placeholders, rows as objects keyed by column alias. */
export interface SqlClient {
  query(sql: string, params: unknown[]): Promise<Array<Record<string, unknown>>>;
  /**
   * Runs `work` in one transaction on one session (a pool lends a client for it): committed when it resolves, rolled
   * back when it throws. Absent: `BEGIN`/`COMMIT` go through `query` (a single-session client).
   */
  transaction?<T>(work: (session: SqlClient) => Promise<T>): Promise<T>;
  /**
   * A bulk write (PostgreSQL's `COPY table (columns) FROM STDIN`): the rows in COPY's text format, a chunk of whole
   * lines at a time (write/copy-text.ts). Absent: `writeDataset` inserts batches of bound arrays instead.
   */
  copyIn?(table: string, columns: readonly string[], chunks: Iterable<string>): Promise<void>;
  /**
   * A bulk write of typed values (DuckDB's appender): `count` rows into `table` (`"schema".table` or `table`), each
   * column's kind, the cell of a row and column (null or undefined: NULL). Absent: `copyIn`, else batches of bound
   * arrays.
   */
  appendRows?(table: string, kinds: readonly AppendKind[], count: number, cell: (row: number, column: number) => unknown): Promise<void>;
}

/** How `appendRows` writes a column's values: text, an integer (days, months, places), a double. */
export type AppendKind = 'text' | 'int' | 'number';

/** The part of a `@duckdb/node-api` `DuckDBConnection` the adapter uses. */
export interface DuckDbConnectionLike {
  runAndReadAll(sql: string, values?: never[]): Promise<{ getRowObjectsJS(): Array<Record<string, unknown>> }>;
  /** `@duckdb/node-api`'s appender (`writeDataset` appends rows through it: ~2.7x faster than bound JSON lists). */
  createAppender?(table: string, schema?: string | null): Promise<DuckDbAppenderLike>;
}

/** The part of a `@duckdb/node-api` `DuckDBAppender` the adapter uses. */
export interface DuckDbAppenderLike {
  appendVarchar(value: string): void;
  appendInteger(value: number): void;
  appendDouble(value: number): void;
  appendNull(): void;
  endRow(): void;
  flushSync(): void;
  closeSync(): void;
}

/**
 * Rows appended through DuckDB's appender, in the connection's open transaction (a rollback drops them). By hand,
 * because `@duckdb/node-api` has no bulk write from JS columns: one call per value is its own way.
 */
async function appendThrough(connection: DuckDbConnectionLike, qualified: string, kinds: readonly AppendKind[], count: number, cell: (row: number, column: number) => unknown): Promise<void> {
  // `tableName` gives `"schema".table` (a schema checked as a plain identifier) or `table`.
  const [, schema, table] = /^(?:"(\w+)"\.)?(\w+)$/.exec(qualified) ?? [];
  if (table === undefined) throw new TypeError(`appendRows: not a table name: ${qualified}`);
  const appender = await (connection.createAppender as NonNullable<DuckDbConnectionLike['createAppender']>)(table, schema ?? null);
  try {
    for (let row = 0; row < count; row += 1) {
      for (let column = 0; column < kinds.length; column += 1) {
        const value = cell(row, column);
        if (value === null || value === undefined) appender.appendNull();
        else if (kinds[column] === 'text') appender.appendVarchar(value as string);
        else if (kinds[column] === 'int') appender.appendInteger(value as number);
        else appender.appendDouble(value as number);
      }
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

/** A driver's values as the engine reads them: 64-bit integers (DuckDB `BIGINT`, `pg` int8 as text) as numbers. */
function plainRow(row: Record<string, unknown>): Record<string, unknown> {
  for (const key of Object.keys(row)) {
    const value = row[key];
    if (typeof value === 'bigint') row[key] = Number(value);
  }
  return row;
}

/**
 * A `SqlClient` over a `@duckdb/node-api` connection (`await (await DuckDBInstance.create('cskit.duckdb')).connect()`).
 * DuckDB's connection is one session, so transactions are `BEGIN`/`COMMIT` on it; statements of one connection run
 * one at a time (a queue here), as DuckDB requires of a connection.
 */
export function duckdbClient(connection: DuckDbConnectionLike): SqlClient {
  // One statement at a time per connection, and a transaction holds the connection until it ends.
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };
  const session: SqlClient = {
    query: (sql, params) => connection.runAndReadAll(sql, params.map(duckValue) as never[]).then((reader) => reader.getRowObjectsJS().map(plainRow)),
    ...(typeof connection.createAppender === 'function' ? { appendRows: (table: string, kinds: readonly AppendKind[], count: number, cell: (row: number, column: number) => unknown) => appendThrough(connection, table, kinds, count, cell) } : {}),
  };
  return {
    query: (sql, params) => exclusive(() => session.query(sql, params)),
    transaction: (work) => exclusive(() => transact(session, work)),
  };
}

/** DuckDB binds a JS number as DOUBLE; integers it compares and stores in INTEGER columns are cast by the query. */
function duckValue(value: unknown): unknown {
  return value === undefined ? null : value;
}

/** The part of `pg`'s `Pool`/`Client` or PGlite the adapter uses. */
export interface PostgresLike {
  query(sql: string, params?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
}

interface PoolLike extends PostgresLike {
  connect(): Promise<PostgresLike & { release(): void }>;
  totalCount: number;
}

/** PGlite's own transactions: they hold its one session, so no other query runs inside them. */
interface TransactionLike extends PostgresLike {
  transaction<T>(work: (tx: PostgresLike) => Promise<T>): Promise<T>;
}

const isPool = (db: PostgresLike): db is PoolLike => 'totalCount' in db && typeof (db as Partial<PoolLike>).connect === 'function';
const hasTransactions = (db: PostgresLike): db is TransactionLike => typeof (db as Partial<TransactionLike>).transaction === 'function';

/** What `postgresClient` takes besides the connection. */
export interface PostgresClientOptions {
  /**
   * `from` of `pg-copy-streams` (`import { from as copyFrom } from 'pg-copy-streams'`): with it `writeDataset` writes
   * through `COPY ... FROM STDIN` on `pg`, a stream (at 100,000 accounts several times faster than bound arrays, and
   * no array of a batch's values built for the driver). PGlite needs nothing: it copies from a blob.
   */
  copyFrom?: (sql: string) => unknown;
}

/** A stream `pg` gives for a COPY submittable (`pg-copy-streams`). */
interface CopyStream {
  write(chunk: string): boolean;
  end(): void;
  once(event: string, listener: (...args: unknown[]) => void): unknown;
  removeListener(event: string, listener: (...args: unknown[]) => void): unknown;
}

/** Waits for `event` on the stream, or rejects with its error. */
function eventOf(stream: CopyStream, event: 'drain' | 'finish'): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => { stream.removeListener('error', failed); resolve(); };
    const failed = (error: unknown) => { stream.removeListener(event, done); reject(error as Error); };
    stream.once(event, done);
    stream.once('error', failed);
  });
}

/** `COPY ... FROM STDIN` on one `pg` session through `pg-copy-streams`, waiting on the stream when it is full. */
async function copyThroughStream(session: PostgresLike, copyFrom: (sql: string) => unknown, sql: string, chunks: Iterable<string>): Promise<void> {
  const stream = (session as unknown as { query(submittable: unknown): CopyStream }).query(copyFrom(sql));
  const finished = eventOf(stream, 'finish');
  finished.catch(() => undefined);
  for (const chunk of chunks) if (!stream.write(chunk)) await Promise.race([eventOf(stream, 'drain'), finished]);
  stream.end();
  await finished;
}

/** PGlite's COPY: each chunk from a blob (`/dev/blob`), one statement per chunk. */
async function copyFromBlobs(session: PostgresLike, table: string, columns: readonly string[], chunks: Iterable<string>): Promise<void> {
  const query = session.query as unknown as (sql: string, params: unknown[], options: { blob: Blob }) => Promise<unknown>;
  for (const chunk of chunks) await query.call(session, `COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`, [], { blob: new Blob([chunk]) });
}

/**
 * A `SqlClient` over `pg` (a `Pool` or a `Client`) or PGlite. A pool runs each query on any of its clients, and a
 * transaction on one client it lends for the purpose; PGlite runs a transaction with its own (which holds its
 * session). A `pg.Client` is one session shared by every caller: give the engine a `Pool` when requests run at once.
 * Bulk writes go through COPY on PGlite, and on `pg` when `options.copyFrom` is given.
 */
export function postgresClient(db: PostgresLike, options: PostgresClientOptions = {}): SqlClient {
  const pglite = !isPool(db) && hasTransactions(db);
  const { copyFrom } = options;
  const over = (session: PostgresLike, inTransaction: boolean): SqlClient => ({
    query: async (sql, params) => (await session.query(sql, params.map(pgValue))).rows.map(plainRow),
    // A COPY holds its session: only inside a transaction (one lent client, or PGlite's) is that session known.
    ...(inTransaction && (pglite || copyFrom) ? {
      copyIn: (table: string, columns: readonly string[], chunks: Iterable<string>) => (pglite
        ? copyFromBlobs(session, table, columns, chunks)
        : copyThroughStream(session, copyFrom as (sql: string) => unknown, `COPY ${table} (${columns.join(', ')}) FROM STDIN`, chunks)),
    } : {}),
  });
  const client = over(db, false);
  client.transaction = async (work) => {
    if (pglite) return (db as TransactionLike).transaction((tx) => work(over(tx, true)));
    const lent = isPool(db) ? await db.connect() : null;
    try {
      return await transact(over(lent ?? db, true), work);
    } finally {
      lent?.release();
    }
  };
  return client;
}

function pgValue(value: unknown): unknown {
  return value === undefined ? null : value;
}

/** `work` between `BEGIN` and `COMMIT` on one session; `ROLLBACK` when it throws. */
async function transact<T>(session: SqlClient, work: (session: SqlClient) => Promise<T>): Promise<T> {
  await session.query('BEGIN', []);
  try {
    const result = await work(session);
    await session.query('COMMIT', []);
    return result;
  } catch (error) {
    await session.query('ROLLBACK', []).catch(() => undefined);
    throw error;
  }
}

/** `work` in one transaction of `client`: its own `transaction`, else `BEGIN`/`COMMIT` on it (one session). */
export function inTransaction<T>(client: SqlClient, work: (session: SqlClient) => Promise<T>): Promise<T> {
  return client.transaction ? client.transaction(work) : transact(client, work);
}
