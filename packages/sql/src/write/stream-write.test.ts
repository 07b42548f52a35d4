/**
 * `writeDataset` of a stream of record batches: the same tables, facts and header as the whole dataset written at
 * once, however the batches are cut; the whole data's checks (duplicate ids across batches, an account's monthly
 * records that came apart) refuse it naming the record, and the previous data stays.
 */
import { SAMPLE_HEALTH_MODEL, generateDataset, generateDatasetChunks } from '@cskit/sample-data';
import type { Dataset } from '@cskit/metrics';
import type { DatasetChunk } from '@cskit/metrics/load';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { duckdbClient, type SqlClient } from '../client/clients.js';
import { createSqlEngine } from '../engine/sql-engine.js';
import { DIALECTS } from '../schema/dialect.js';
import { TABLES } from '../schema/tables.js';
import { openDatabase, type TestDatabase } from '../test-support/databases.js';
import { InvalidDatasetError, writeDataset } from './write-dataset.js';

const SAMPLE = { seed: 11, accounts: 40, months: 15, start: '2024-01' };
const FACT_TABLES = ['cskit_arr_runs', 'cskit_contract_facts', 'cskit_renewal_matches', 'cskit_account_keys'];

/** Every table's rows in a stable order, and the header but its version: what two writes of the same data share. */
async function contents(client: SqlClient): Promise<unknown> {
  const tables: Record<string, unknown> = {};
  for (const table of [...TABLES.map((spec) => spec.table), ...FACT_TABLES]) {
    const rows = await client.query(`SELECT * FROM ${table}`, []);
    tables[table] = rows.map((row) => JSON.stringify(Object.entries(row).sort(([a], [b]) => (a < b ? -1 : 1)))).sort();
  }
  const header = await client.query(`SELECT key, value FROM cskit_meta WHERE key <> 'version' ORDER BY key`, []);
  return { tables, header };
}

/** A dataset's collections as batches of `size` records (the header first), in the contract's order. */
function batches(dataset: Dataset, size: number): DatasetChunk[] {
  const raw = dataset as unknown as Record<string, unknown>;
  const chunks: DatasetChunk[] = [{ currency: raw.currency, fxRates: raw.fxRates }];
  for (const { collection } of TABLES) {
    const records = raw[collection] as unknown[] | undefined;
    if (records === undefined) continue;
    if (records.length === 0) chunks.push({ collection, records: [] });
    for (let start = 0; start < records.length; start += size) chunks.push({ collection, records: records.slice(start, start + size) });
  }
  return chunks;
}

async function* slowly(chunks: Iterable<DatasetChunk>): AsyncGenerator<DatasetChunk> {
  for (const chunk of chunks) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    yield chunk;
  }
}

describe.each(DIALECTS)('writeDataset of a stream, on %s', (dialect) => {
  let db: TestDatabase | undefined;
  afterEach(async () => { await db?.close(); db = undefined; });

  it('block by block (a generator, an async cursor) or in batches of any size: the tables, facts and header of the whole write', async () => {
    db = await openDatabase(dialect);
    const options = { dialect, healthModels: [SAMPLE_HEALTH_MODEL] };
    await writeDataset(db.client, generateDataset(SAMPLE), options);
    const whole = await contents(db.client);
    await writeDataset(db.client, generateDatasetChunks({ ...SAMPLE, blockAccounts: 6 }), options);
    expect(await contents(db.client)).toEqual(whole);
    await writeDataset(db.client, slowly(generateDatasetChunks({ ...SAMPLE, blockAccounts: 17 })), options);
    expect(await contents(db.client)).toEqual(whole);
    // Batches cut anywhere, collection after collection: an account's monthly records may span two batches.
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 700 }), async (size) => {
      await writeDataset((db as TestDatabase).client, batches(generateDataset(SAMPLE), size), options);
      expect(await contents((db as TestDatabase).client)).toEqual(whole);
    }), { numRuns: 3 });
  });

  it('a duplicate id in a later block, or a month repeated where an account\'s records came apart: refused by record, the previous data kept', async () => {
    db = await openDatabase(dialect);
    await writeDataset(db.client, generateDataset({ ...SAMPLE, accounts: 3 }), { dialect });
    const engine = createSqlEngine({ client: db.client, dialect });
    const before = await engine.answer({ kind: 'info' });
    const accounts = [{ id: 'a', name: 'A', signedAt: '2024-01-01' }, { id: 'b', name: 'B', signedAt: '2024-01-01' }];
    const contract = (id: string, accountId: string) => ({ id, accountId, start: '2024-01-01', end: '2024-12-31', arr: 1200 });
    const duplicate = [
      { currency: 'USD' }, { collection: 'accounts', records: accounts.slice(0, 1) }, { collection: 'contracts', records: [contract('k1', 'a'), contract('k2', 'a')] },
      { collection: 'accounts', records: accounts.slice(1) }, { collection: 'contracts', records: [contract('k3', 'b'), contract('k1', 'b')] },
    ] as DatasetChunk[];
    const refused = await writeDataset(db.client, duplicate, { dialect }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(InvalidDatasetError);
    expect((refused as InvalidDatasetError).issues).toEqual([
      { severity: 'error', collection: 'contracts', index: 3, id: 'k1', field: 'id', message: "duplicate id 'k1' (first used by contracts[0], which is kept)" },
    ]);
    const health = (accountId: string, month: string) => ({ accountId, month, outcome: 60, experience: 70 });
    const apart = [
      { currency: 'USD' }, { collection: 'accounts', records: accounts },
      { collection: 'health', records: [health('a', '2024-01'), health('b', '2024-01'), health('a', '2024-02'), health('a', '2024-01')] },
    ] as DatasetChunk[];
    await expect(writeDataset(db.client, apart, { dialect })).rejects.toThrow("health[3].month: a second health snapshot for account 'a' in 2024-01 (the first is kept)");
    // Activity keyed by its role ('' and none alike), measures by their key; responses without an id are never duplicates.
    const activity = (accountId: string, role?: string) => ({ accountId, month: '2024-03', activeUsers: 1, licensedUsers: 4, ...(role === undefined ? {} : { role }) });
    const measure = (accountId: string, key: string) => ({ accountId, month: '2024-03', key, value: 1 });
    const keyed = [
      { currency: 'USD' }, { collection: 'accounts', records: accounts },
      { collection: 'nps', records: [{ accountId: 'a', date: '2024-03-02', score: 9 }, { accountId: 'a', date: '2024-03-02', score: 9 }] },
      { collection: 'activity', records: [activity('a', 'admin'), activity('a'), activity('b'), activity('a', 'user'), activity('a', ''), activity('a', 'admin')] },
      { collection: 'measures', records: [measure('a', 'k1'), measure('b', 'k1'), measure('a', 'k2'), measure('a', 'k1')] },
    ] as DatasetChunk[];
    const repeats = await writeDataset(db.client, keyed, { dialect }).catch((error: unknown) => error);
    expect((repeats as InvalidDatasetError).issues.map((issue) => `${issue.collection}[${issue.index}].${issue.field}: ${issue.message}`)).toEqual([
      "activity[4].month: a second activity record without a role for account 'a' in 2024-03 (the first is kept)",
      "activity[5].role: a second activity record of role 'admin' for account 'a' in 2024-03 (the first is kept)",
      "measures[3].month: a second measure 'k1' for account 'a' in 2024-03 (the first is kept)",
    ]);
    const badRecord = [{ currency: 'USD' }, { collection: 'accounts', records: accounts }, { collection: 'contracts', records: [contract('k1', 'zz')] }] as DatasetChunk[];
    await expect(writeDataset(db.client, badRecord, { dialect })).rejects.toThrow(/contracts\[0\]\.accountId: unknown account 'zz'/);
    await expect(writeDataset(db.client, [{ collection: 'accounts', records: accounts }, { currency: 'EUR' }] as DatasetChunk[], { dialect })).rejects.toThrow(/header .* comes before/);
    await expect(writeDataset(db.client, 'accounts' as never, { dialect })).rejects.toThrow(/expected a dataset object/);
    await expect(writeDataset(db.client, [{ currency: 'USD' }, null, { collection: 'accounts', records: accounts }] as never, { dialect })).rejects.toThrow(/a stream's chunk is its header .* got null/);
    await expect(writeDataset(db.client, [{ currency: 'USD' }, { collection: 'toString', records: [] }] as never, { dialect })).rejects.toThrow(/not a collection of the data contract/);
    expect(await createSqlEngine({ client: db.client, dialect }).answer({ kind: 'info' })).toEqual(before);
  });

  it('a source that fails half-way (a cursor whose connection drops): the error reaches the caller, the previous data stays', async () => {
    db = await openDatabase(dialect);
    await writeDataset(db.client, generateDataset({ ...SAMPLE, accounts: 3 }), { dialect });
    const before = await contents(db.client);
    async function* broken(): AsyncGenerator<DatasetChunk> {
      let n = 0;
      for (const chunk of generateDatasetChunks({ ...SAMPLE, blockAccounts: 5 })) {
        if ((n += 1) === 12) throw new Error('the cursor\'s connection dropped');
        yield chunk;
      }
    }
    await expect(writeDataset(db.client, broken(), { dialect })).rejects.toThrow("the cursor's connection dropped");
    expect(await contents(db.client)).toEqual(before);
  });
});

describe('writeDataset on DuckDB without its appender', () => {
  it('a connection that has no createAppender (an older @duckdb/node-api) writes the same tables, facts and header through bound lists', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const options = { dialect: 'duckdb' as const, healthModels: [SAMPLE_HEALTH_MODEL] };
      const withAppender = duckdbClient(connection);
      await writeDataset(withAppender, generateDatasetChunks({ ...SAMPLE, blockAccounts: 7 }), options);
      const appended = await contents(withAppender);
      // Only what a connection without an appender has: statements.
      const plain = duckdbClient({ runAndReadAll: (sql: string, params?: never[]) => connection.runAndReadAll(sql, params) } as never);
      await writeDataset(plain, generateDatasetChunks({ ...SAMPLE, blockAccounts: 7 }), options);
      expect(await contents(plain)).toEqual(appended);
      expect(JSON.stringify(appended).length).toBeGreaterThan(10_000);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});
