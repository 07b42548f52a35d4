/**
 * `writeDataset` (SPEC 15): the contract's tables created in the host's database and a dataset (or a stream of its
 * record batches) checked and written into them, in one transaction: a dataset with errors is refused and nothing of
 * it is kept, and a write that fails half-way leaves the previous tables as they were.
 */
import type { DataIssue, HealthModelInput } from '@cskit/metrics';
import { inTransaction, type SqlClient } from '../client/clients.js';
import { checkDialect, DIALECT, tableName, type Dialect } from '../schema/dialect.js';
import { chunksOf, writeRecordStream, type DatasetSource, type WrittenRecords } from './record-stream.js';
import { wholeDataIssues } from './whole-data-checks.js';
import { arrRunsOfIndex, renewalFactsOfIndex } from '@cskit/metrics/facts';
import { ARR_RUNS_TABLE, writeArrRuns } from '../facts/arr-runs.js';
import { CONTRACT_FACTS_TABLE, RENEWAL_MATCHES_TABLE, writeRenewalFacts } from '../facts/renewal-facts.js';
import { ACCOUNT_KEYS_TABLE, writeAccountKeys } from '../facts/account-keys.js';
import { dropHealthFacts, healthFactsCover, writeHealthFacts } from './health-facts.js';
import { readHeader } from '../engine/read-chunks.js';
import { accountKey, DATA_FORMAT, META_TABLE, storedColumns, TABLES, type TableSpec } from '../schema/tables.js';

export type { DatasetSource };

export interface WriteOptions {
  dialect: Dialect;
  /** The schema the tables go in (it is created if missing); default the connection's own. A plain identifier. */
  schema?: string;
  /** The data's version, read by engines for caches and ETags; default a new random id for every write. */
  version?: string;
  /**
   * Health models whose scores per account and month are worked out once and kept with the data (health facts:
   * facts/health-facts.ts), e.g. the dashboard's: every health figure of a view with one of them reads its cells
   * instead of working them out again. Default none.
   */
  healthModels?: readonly HealthModelInput[];
}

/** A dataset `writeDataset` refused: the first issues name their collection, row and field. */
export class InvalidDatasetError extends Error {
  constructor(readonly issues: readonly DataIssue[]) {
    const shown = issues.slice(0, 3).map((issue) => `${issue.collection}[${issue.index}]${issue.field ? `.${issue.field}` : ''}: ${issue.message}`);
    super(`writeDataset: the dataset has ${issues.length} error(s), nothing was written: ${shown.join('; ')}${issues.length > 3 ? '; ...' : ''}`);
    this.name = 'InvalidDatasetError';
  }
}

export function createTableSql(spec: TableSpec, dialect: Dialect, schema?: string): string {
  const { types } = DIALECT[dialect];
  const columns = storedColumns(spec).map((c) => `${c.name} ${types[c.kind]}${c.spec.required ? ' NOT NULL' : ''}`);
  if (accountKey(spec) === 'account_seq') columns.push(`account_seq ${types.int}`);
  return `CREATE TABLE ${tableName(spec.table, schema)} (seq ${types.int} NOT NULL, ${columns.join(', ')})`;
}

/** Creates every table of the contract (replacing earlier ones), empty. */
async function createTables(session: SqlClient, dialect: Dialect, schema: string | undefined): Promise<void> {
  if (schema !== undefined) await session.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`, []);
  for (const spec of TABLES) {
    await session.query(`DROP TABLE IF EXISTS ${tableName(spec.table, schema)}`, []);
    await session.query(createTableSql(spec, dialect, schema), []);
  }
}

/** The tables' indexes, made once their rows are in: by `seq`; records by their account's place; the accounts by id. */
async function indexTables(session: SqlClient, dialect: Dialect, schema: string | undefined): Promise<void> {
  for (const spec of TABLES) {
    if (DIALECT[dialect].indexSeq) await session.query(`CREATE UNIQUE INDEX ${spec.table}_seq ON ${tableName(spec.table, schema)} (seq)`, []);
    // A story finds its account by the id it asks for.
    const by = spec.collection === 'accounts' ? 'id' : accountKey(spec);
    if (DIALECT[dialect].indexAccounts && by !== null) await session.query(`CREATE INDEX ${spec.table}_account ON ${tableName(spec.table, schema)} (${by})`, []);
  }
}

/** Refuses the write (`InvalidDatasetError`) when the stream's records, or the whole data's checks, found errors. */
async function refuseErrors(session: SqlClient, records: WrittenRecords, schema: string | undefined): Promise<void> {
  const { checker, dialectIssues } = records;
  const issues = checker.finish();
  const errors = [...issues.filter((issue) => issue.severity === 'error'), ...dialectIssues];
  if (errors.length > 0) throw new InvalidDatasetError(errors);
  const whole = await wholeDataIssues(session, checker.collections(), checker.scattered(), schema);
  if (whole.length > 0) throw new InvalidDatasetError(whole);
}

/**
 * Creates the contract's tables (`cskit_accounts`, `cskit_contracts`...; replacing earlier ones) in `schema` and
 * writes `source` into them: a dataset object, or a stream of `DatasetChunk`s (`@cskit/metrics/load`: the header
 * `{ currency, fxRates }`, then `csms`, then batches of any collection, each record after its account; a database
 * cursor, `generateDatasetChunks`) so that data larger than the writer's memory can be written. Every record is
 * checked as `validateDataset` checks it (`datasetStreamChecker`; duplicate ids and repeats across an account's runs
 * in the database: whole-data-checks.ts); a dataset with errors is an `InvalidDatasetError`. One transaction: readers
 * see the previous data or the new, never half of it, and a refused or failed write leaves the previous data.
 */
export async function writeDataset(client: SqlClient, source: DatasetSource, options: WriteOptions): Promise<void> {
  const dialect = checkDialect(options?.dialect, 'writeDataset');
  const { schema } = options;
  if (schema !== undefined) tableName('x', schema);
  const chunks = chunksOf(source);
  const version = options.version ?? globalThis.crypto.randomUUID();
  // Read before the transaction: on PostgreSQL a failed statement (no data yet) would abort it.
  const earlier = await earlierHealthFacts(client, schema);
  await inTransaction(client, async (session) => {
    await createTables(session, dialect, schema);
    const records = await writeRecordStream(session, chunks, dialect, schema);
    await refuseErrors(session, records, schema);
    await indexTables(session, dialect, schema);
    // The facts come from an index of the accounts, contracts and snapshots, built as they were written.
    const { index, accounts } = records.factsIndex();
    await writeArrRuns(session, arrRunsOfIndex(index), dialect, schema);
    await writeRenewalFacts(session, renewalFactsOfIndex(index), dialect, schema);
    await writeAccountKeys(session, accounts, records.csms, dialect, schema);
    if (DIALECT[dialect].analyze) {
      for (const table of [...TABLES.map((spec) => spec.table), ARR_RUNS_TABLE, CONTRACT_FACTS_TABLE, RENEWAL_MATCHES_TABLE, ACCOUNT_KEYS_TABLE]) await session.query(`ANALYZE ${tableName(table, schema)}`, []);
    }
    const healthFacts = await writeHealthFacts(session, options.healthModels ?? [], healthFactsCover(records.spans), dialect, schema);
    await dropHealthFacts(session, earlier, healthFacts, schema);
    await writeHeader(session, [
      ['format', DATA_FORMAT], ['version', version], ['currency', records.checker.currency], ['fxRates', JSON.stringify(records.checker.fxRates)],
      ['collections', JSON.stringify(records.checker.collections())], ['spans', JSON.stringify(records.spans)], ['healthFacts', JSON.stringify(healthFacts)],
    ], dialect, schema);
  });
}

/** The data's header (`META_TABLE`), replacing the earlier one. */
async function writeHeader(session: SqlClient, header: ReadonlyArray<[string, string]>, dialect: Dialect, schema: string | undefined): Promise<void> {
  const meta = tableName(META_TABLE, schema);
  const types = DIALECT[dialect].types;
  await session.query(`DROP TABLE IF EXISTS ${meta}`, []);
  await session.query(`CREATE TABLE ${meta} (key ${types.text} NOT NULL, value ${types.text} NOT NULL)`, []);
  for (const [key, value] of header) await session.query(`INSERT INTO ${meta} (key, value) VALUES ($1, $2)`, [key, value]);
}

/** The health facts the data written before listed (none when there was none, or of an earlier layout). */
async function earlierHealthFacts(client: SqlClient, schema: string | undefined) {
  try {
    return (await readHeader(client, schema)).healthFacts;
  } catch {
    return [];
  }
}
