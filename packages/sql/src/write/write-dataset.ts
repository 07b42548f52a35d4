/**
 * `writeDataset` (SPEC 15): the contract's tables created in the host's database and a validated dataset written
 * into them, in one transaction: a dataset with errors is refused before anything is written, and a write that
 * fails half-way leaves the previous tables as they were.
 */
import { dayNumber, monthIndex, validateDataset, type DataIssue, type Dataset, type HealthModelInput } from '@cskit/metrics';
import { inTransaction, type SqlClient } from '../client/clients.js';
import { checkDialect, DIALECT, tableName, type Dialect } from '../schema/dialect.js';
import { writeRows } from './write-rows.js';
import { arrRunsOf, renewalFactsOf } from '@cskit/metrics/facts';
import { ARR_RUNS_TABLE, writeArrRuns } from '../facts/arr-runs.js';
import { CONTRACT_FACTS_TABLE, RENEWAL_MATCHES_TABLE, writeRenewalFacts } from '../facts/renewal-facts.js';
import { dataSpansOf } from '../facts/data-spans.js';
import { ACCOUNT_KEYS_TABLE, writeAccountKeys } from '../facts/account-keys.js';
import { dropHealthFacts, healthFactsCover, writeHealthFacts } from './health-facts.js';
import { readHeader } from '../engine/read-chunks.js';
import { accountKey, DATA_FORMAT, META_TABLE, storedColumns, TABLES, type StoredColumn, type TableSpec } from '../schema/tables.js';

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

/** A field of a record by its name, `a.b` reading a nested one. */
function fieldOf(record: Record<string, unknown>, field: string): unknown {
  const dot = field.indexOf('.');
  if (dot < 0) return record[field];
  const outer = record[field.slice(0, dot)];
  return typeof outer === 'object' && outer !== null ? (outer as Record<string, unknown>)[field.slice(dot + 1)] : undefined;
}

/** A field's value as stored: a date as its day number and its month index, a month as its index, absent as NULL. */
function cellOf(record: Record<string, unknown>, column: StoredColumn): unknown {
  const value = fieldOf(record, column.spec.field);
  if (value === undefined || value === null) return null;
  if (column.spec.kind === 'day') return column.kind === 'day' ? dayNumber(value as string) : monthIndex(value as string);
  if (column.kind === 'month') return monthIndex(value as string);
  return value;
}

export function createTableSql(spec: TableSpec, dialect: Dialect, schema?: string): string {
  const { types } = DIALECT[dialect];
  const columns = storedColumns(spec).map((c) => `${c.name} ${types[c.kind]}${c.spec.required ? ' NOT NULL' : ''}`);
  if (accountKey(spec) === 'account_seq') columns.push(`account_seq ${types.int}`);
  return `CREATE TABLE ${tableName(spec.table, schema)} (seq ${types.int} NOT NULL, ${columns.join(', ')})`;
}

/**
 * A collection's records written (`writeRows`): `seq`, their place as written, each stored column, then for records of
 * an account its place among the accounts (`account_seq`: `seqOf`; see `accountKey`).
 */
async function insertRecords(
  session: SqlClient, spec: TableSpec, records: ReadonlyArray<Record<string, unknown>>, seqOf: ReadonlyMap<unknown, number>, dialect: Dialect, schema?: string,
): Promise<void> {
  const columns = storedColumns(spec);
  const keyed = accountKey(spec) === 'account_seq';
  const names = ['seq', ...columns.map((c) => c.name), ...(keyed ? ['account_seq'] : [])];
  const kinds = ['int' as const, ...columns.map((c) => c.kind), ...(keyed ? ['int' as const] : [])];
  const cell = (row: number, column: number) => {
    if (column === 0) return row;
    const record = records[row] as Record<string, unknown>;
    return column <= columns.length ? cellOf(record, columns[column - 1] as StoredColumn) : seqOf.get(record.accountId);
  };
  await writeRows(session, tableName(spec.table, schema), { names, kinds }, records.length, cell, dialect);
}

/**
 * Creates the contract's tables (`cskit_accounts`, `cskit_contracts`...; replacing earlier ones) in `schema` and
 * writes `dataset` into them, validated first (`validateDataset`): a dataset with errors is an `InvalidDatasetError`
 * and nothing is written. One transaction: readers see the previous data or the new, never half of it.
 */
export async function writeDataset(client: SqlClient, dataset: Dataset, options: WriteOptions): Promise<void> {
  const dialect = checkDialect(options?.dialect, 'writeDataset');
  const { schema } = options;
  if (schema !== undefined) tableName('x', schema);
  const { dataset: valid, issues } = validateDataset(dataset);
  const errors = issues.filter((issue) => issue.severity === 'error');
  if (errors.length > 0) throw new InvalidDatasetError(errors);
  if (dialect === 'postgres') {
    const nul = textWithNul(valid);
    if (nul.length > 0) throw new InvalidDatasetError(nul);
  }
  // The facts come from an index of the data, built on a shallow copy: the index (indexes are kept per dataset
  // object) can go once they are computed, while the records are written (at 1M accounts, gigabytes).
  const copy = { ...valid };
  const facts = { runs: arrRunsOf(copy), renewals: renewalFactsOf(copy), spans: dataSpansOf(valid) };
  const seqOf = new Map<unknown, number>(valid.accounts.map((account, seq) => [account.id, seq]));
  const collections = TABLES.map((spec) => spec.collection).filter((name) => (valid as unknown as Record<string, unknown>)[name] !== undefined);
  const version = options.version ?? globalThis.crypto.randomUUID();
  // Read before the transaction: on PostgreSQL a failed statement (no data yet) would abort it.
  const earlier = await earlierHealthFacts(client, schema);
  await inTransaction(client, async (session) => {
    if (schema !== undefined) await session.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`, []);
    for (const spec of TABLES) {
      await session.query(`DROP TABLE IF EXISTS ${tableName(spec.table, schema)}`, []);
      await session.query(createTableSql(spec, dialect, schema), []);
      const records = ((valid as unknown as Record<string, unknown>)[spec.collection] ?? []) as Array<Record<string, unknown>>;
      await insertRecords(session, spec, records, seqOf, dialect, schema);
      if (DIALECT[dialect].indexSeq) await session.query(`CREATE UNIQUE INDEX ${spec.table}_seq ON ${tableName(spec.table, schema)} (seq)`, []);
      // Records by their account's place; the accounts by id (a story finds its account by the id it asks for).
      const by = spec.collection === 'accounts' ? 'id' : accountKey(spec);
      if (DIALECT[dialect].indexAccounts && by !== null) await session.query(`CREATE INDEX ${spec.table}_account ON ${tableName(spec.table, schema)} (${by})`, []);
    }
    await writeArrRuns(session, facts.runs, dialect, schema);
    await writeRenewalFacts(session, facts.renewals, dialect, schema);
    await writeAccountKeys(session, valid.accounts, valid.csms ?? [], dialect, schema);
    if (DIALECT[dialect].analyze) {
      for (const table of [...TABLES.map((spec) => spec.table), ARR_RUNS_TABLE, CONTRACT_FACTS_TABLE, RENEWAL_MATCHES_TABLE, ACCOUNT_KEYS_TABLE]) await session.query(`ANALYZE ${tableName(table, schema)}`, []);
    }
    const healthFacts = await writeHealthFacts(session, options.healthModels ?? [], healthFactsCover(facts.spans), dialect, schema);
    await dropHealthFacts(session, earlier, healthFacts, schema);
    const meta = tableName(META_TABLE, schema);
    const types = DIALECT[dialect].types;
    await session.query(`DROP TABLE IF EXISTS ${meta}`, []);
    await session.query(`CREATE TABLE ${meta} (key ${types.text} NOT NULL, value ${types.text} NOT NULL)`, []);
    const header: Array<[string, string]> = [
      ['format', DATA_FORMAT], ['version', version], ['currency', valid.currency ?? 'USD'], ['fxRates', JSON.stringify(valid.fxRates ?? null)],
      ['collections', JSON.stringify(collections)], ['spans', JSON.stringify(facts.spans)], ['healthFacts', JSON.stringify(healthFacts)],
    ];
    for (const [key, value] of header) await session.query(`INSERT INTO ${meta} (key, value) VALUES ($1, $2)`, [key, value]);
  });
}

/** The health facts the data written before listed (none when there was none, or of an earlier layout). */
async function earlierHealthFacts(client: SqlClient, schema: string | undefined) {
  try {
    return (await readHeader(client, schema)).healthFacts;
  } catch {
    return [];
  }
}

/** Text fields holding the NUL character, which PostgreSQL's text cannot store: refused before writing. */
function textWithNul(dataset: Dataset): DataIssue[] {
  const issues: DataIssue[] = [];
  for (const spec of TABLES) {
    const records = ((dataset as unknown as Record<string, unknown>)[spec.collection] ?? []) as Array<Record<string, unknown>>;
    const fields = spec.columns.filter((c) => c.kind === 'text').map((c) => c.field);
    records.forEach((record, index) => {
      for (const field of fields) {
        const value = fieldOf(record, field);
        if (typeof value === 'string' && value.includes('\u0000')) {
          issues.push({ severity: 'error', collection: spec.collection, index, field, message: 'PostgreSQL text cannot hold the NUL character (U+0000)' });
        }
      }
    });
  }
  return issues;
}
