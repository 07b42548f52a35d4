/**
 * `writeDataset` and the engine as an attacker would try them: hostile text in the data and in scopes and filters
 * is bound, never spliced (the statements' text never holds it, the tables stay whole); a refused or failed write
 * leaves the previous data answering; the schema name cannot carry SQL; a new write is a new version.
 */
import { answerRequest, prepareDataset, type Dataset } from '@cskit/metrics';
import { afterEach, describe, expect, it } from 'vitest';
import type { SqlClient } from '../client/clients.js';
import { createSqlEngine } from '../engine/sql-engine.js';
import { DIALECTS } from '../schema/dialect.js';
import { openDatabase, type TestDatabase } from '../test-support/databases.js';
import { InvalidDatasetError, writeDataset } from './write-dataset.js';

const HOSTILE = ["x' OR '1'='1", "'; DROP TABLE cskit_accounts; --", '/* */ UNION SELECT name FROM cskit_accounts --', '$1', 'Ω \u202e ‮', '\\', '"c1"'];

const data = (name = 'Acme'): Dataset => ({
  currency: 'USD',
  csms: [{ id: 'c1', name: "Ann O'Neil" }],
  accounts: [
    { id: 'A', name, signedAt: '2024-01-10', csmId: 'c1', segment: 'KA' },
    { id: 'B', name: HOSTILE[1] as string, signedAt: '2024-03-01', segment: HOSTILE[0] as string },
  ],
  contracts: [
    { id: 'A1', accountId: 'A', start: '2024-01-01', end: '2024-12-31', arr: 100000 },
    { id: 'B1', accountId: 'B', start: '2024-03-01', end: '2025-02-28', arr: 20000 },
  ],
});

/** A client that records every statement's text, and can be told to fail on the nth INSERT. */
function spying(client: SqlClient, failOnInsert = Infinity): SqlClient & { texts: string[] } {
  const texts: string[] = [];
  let inserts = 0;
  const wrap = (inner: SqlClient): SqlClient => ({
    query: async (sql, params) => {
      texts.push(sql);
      if (sql.startsWith('INSERT') && (inserts += 1) >= failOnInsert) throw new Error('the connection broke');
      return inner.query(sql, params);
    },
  });
  const spy = { ...wrap(client), texts } as SqlClient & { texts: string[] };
  if (client.transaction) spy.transaction = (work) => (client.transaction as NonNullable<SqlClient['transaction']>)((session) => work(wrap(session)));
  return spy;
}

const view = { period: { from: '2024-01', to: '2024-12' } };
/** Rows the compact engine answers (a search: the SQL engine orders and cuts accounts, but never searches them). */
const engineRows = { kind: 'rows', view, rowSet: 'accounts', query: { search: 'a' } } as const;

describe.each(DIALECTS)('writeDataset and the engine against hostile input, on %s', (dialect) => {
  let db: TestDatabase | undefined;
  afterEach(async () => { await db?.close(); db = undefined; });

  it('hostile text in the data and in scopes is bound: never in a statement, the tables whole, the answers exact', async () => {
    db = await openDatabase(dialect);
    const client = spying(db.client);
    await writeDataset(client, data(HOSTILE[2]), { dialect });
    const engine = createSqlEngine({ client, dialect });
    for (const value of HOSTILE) {
      expect(await engine.answer({ kind: 'info' }, { scope: { csmIds: [value] } })).toMatchObject({ accountCount: 0 });
      expect(await engine.answer({ kind: 'info' }, { scope: { filters: { segment: [value], team: [value] } } })).toMatchObject({ accountCount: 0 });
      expect(await engine.answer({ kind: 'drill-down', view: { ...view, filters: { region: [value] } }, target: { kind: 'accounts', accountIds: [value] } }, { scope: { accountIds: [value, 'A'] } })).toEqual({ accountIds: [] });
    }
    expect(await engine.answer({ kind: 'info' }, { scope: { filters: { segment: [HOSTILE[0] as string] } } })).toMatchObject({ accountCount: 1 });
    for (const text of client.texts) for (const value of HOSTILE) if (value.length > 2) expect(text).not.toContain(value);
    expect(await engine.answer({ kind: 'rows', view, rowSet: 'accounts' })).toEqual(JSON.parse(JSON.stringify(answerRequest(prepareDataset(data(HOSTILE[2])), { kind: 'rows', view, rowSet: 'accounts' }))));
  });

  it('refuses a schema name that is not a plain identifier, and a dataset with errors, naming the row and field', async () => {
    db = await openDatabase(dialect);
    await expect(writeDataset(db.client, data(), { dialect, schema: 'x"; DROP TABLE y; --' })).rejects.toThrow(/plain SQL identifier/);
    expect(() => createSqlEngine({ client: db!.client, dialect, schema: 'a b' })).toThrow(/plain SQL identifier/);
    expect(() => createSqlEngine({ client: db!.client, dialect, batchRows: Number.NaN })).toThrow(/batchRows must be a whole number/);
    expect(() => createSqlEngine({ client: db!.client, dialect, maxScopes: 0 })).toThrow(/maxScopes must be a whole number/);
    await expect(writeDataset(db.client, data(), { dialect: 'mysql' as never })).rejects.toThrow(/dialect must be one of duckdb, postgres/);
    const bad = { ...data(), contracts: [{ id: 'A1', accountId: 'nobody', start: '2024-01-01', end: '2024-12-31', arr: 1 }] };
    await expect(writeDataset(db.client, bad, { dialect })).rejects.toThrow(/contracts\[0\]\.accountId/);
  });

  it('a refused or broken write leaves the previous data answering; a new write is a new version, answered at once', async () => {
    db = await openDatabase(dialect);
    await writeDataset(db.client, data('First'), { dialect });
    const engine = createSqlEngine({ client: db.client, dialect });
    const names = async () => ((await engine.answer(engineRows)) as { rows: Array<{ name: string }> }).rows.map((r) => r.name).sort();
    expect(await names()).toContain('First');
    const before = await engine.version();
    await expect(writeDataset(spying(db.client, 3), data('Second'), { dialect })).rejects.toThrow('the connection broke');
    await expect(writeDataset(db.client, { ...data('Third'), accounts: [{ id: 'A', name: 'x', signedAt: '2024-02-30' }] }, { dialect })).rejects.toBeInstanceOf(InvalidDatasetError);
    expect(await engine.version()).toBe(before);
    expect(await names()).toContain('First');
    await writeDataset(db.client, data('Fourth'), { dialect });
    expect(await engine.version()).not.toBe(before);
    expect(engine.status().preparedVersion).toBe(before);
    await engine.prepare();
    expect(engine.status()).toEqual({ preparedVersion: await engine.version(), preparing: false });
    expect(await names()).toContain('Fourth');
  });

  it('serveWhilePreparing: a new write is prepared in the background while the previous version answers (and names itself)', async () => {
    db = await openDatabase(dialect);
    await writeDataset(db.client, data('First'), { dialect, version: 'v1' });
    // Reading the contracts back waits for `release` while it is held: the preparation is seen in progress.
    let hold: Promise<void> | null = null;
    let release = () => undefined as void;
    const gated = (inner: SqlClient): SqlClient => ({
      query: async (sql, params) => {
        if (hold && sql.includes('FROM cskit_contracts WHERE seq')) await hold;
        return inner.query(sql, params);
      },
    });
    const client = gated(db.client);
    const engine = createSqlEngine({ client, dialect, serveWhilePreparing: true });
    const names = async () => ((await engine.answer(engineRows)) as { rows: Array<{ name: string }> }).rows.map((r) => r.name);
    expect(await names()).toContain('First');
    hold = new Promise<void>((done) => { release = done; });
    await writeDataset(db.client, data('Second'), { dialect, version: 'v2' });
    // The first answer after the write is still the served version's, and so are the version and the SQL-answered kinds.
    expect(await names()).toContain('First');
    expect(await engine.version()).toBe('v1');
    expect(await engine.answer({ kind: 'filter-options', view: {} })).toEqual(JSON.parse(JSON.stringify(prepareDataset(data('First')).filterOptions({}))));
    expect(engine.status()).toEqual({ preparedVersion: 'v1', preparing: true });
    release();
    hold = null;
    await engine.prepare();
    expect(await engine.version()).toBe('v2');
    expect(await names()).toContain('Second');
    // Without it, an answer waits for the latest write.
    const waiting = createSqlEngine({ client: db.client, dialect });
    await writeDataset(db.client, data('Third'), { dialect, version: 'v3' });
    expect(((await waiting.answer(engineRows)) as { rows: Array<{ name: string }> }).rows.map((r) => r.name)).toContain('Third');
  });

  it('a write while a version is read back: the engine reads again, and holds the newer version whole', async () => {
    db = await openDatabase(dialect);
    await writeDataset(db.client, data('First'), { dialect, version: 'v1' });
    let release = () => undefined as void;
    let hold: Promise<void> | null = new Promise<void>((done) => { release = done; });
    const inner = db.client;
    const client: SqlClient = {
      query: async (sql, params) => {
        if (hold && sql.includes('FROM cskit_contracts WHERE seq')) {
          const held = hold;
          hold = null;
          await held;
        }
        return inner.query(sql, params);
      },
    };
    const engine = createSqlEngine({ client, dialect });
    const answer = engine.answer(engineRows) as Promise<{ rows: Array<{ name: string }> }>;
    await new Promise((done) => setTimeout(done, 50));
    await writeDataset(db.client, data('Second'), { dialect, version: 'v2' });
    release();
    expect((await answer).rows.map((r) => r.name)).toContain('Second');
    expect(engine.status().preparedVersion).toBe('v2');
  });

  it('text with NUL: refused on PostgreSQL (its text cannot hold it) naming the field; kept exactly on DuckDB', async () => {
    db = await openDatabase(dialect);
    const withNul = data('Ac\u0000me');
    if (dialect === 'postgres') {
      await expect(writeDataset(db.client, withNul, { dialect })).rejects.toThrow(/accounts\[0\]\.name: PostgreSQL text cannot hold the NUL/);
    } else {
      await writeDataset(db.client, withNul, { dialect });
      const engine = createSqlEngine({ client: db.client, dialect });
      const story = await engine.answer({ kind: 'account-story', view, accountId: 'A' }) as { account: { name: string } };
      expect(story.account.name).toBe('Ac\u0000me');
    }
    await db.close();
    db = await openDatabase(dialect);
    await writeDataset(db.client, data(), { dialect });
    const engine = createSqlEngine({ client: db.client, dialect });
    expect(await engine.answer({ kind: 'info' }, { scope: { csmIds: ['c1\u0000'] } })).toMatchObject({ accountCount: 0 });
  });

  it('before any write, says writeDataset comes first', async () => {
    db = await openDatabase(dialect);
    await expect(createSqlEngine({ client: db.client, dialect }).answer({ kind: 'info' })).rejects.toThrow(/write it with writeDataset first/);
  });

  it('tables of an earlier layout (no account_seq, no spans) are refused with a message saying to write them again', async () => {
    db = await openDatabase(dialect);
    await writeDataset(db.client, data(), { dialect });
    await db.client.query(`DELETE FROM cskit_meta WHERE key = 'format'`, []);
    await expect(createSqlEngine({ client: db.client, dialect }).answer({ kind: 'info' })).rejects.toThrow(/written by an earlier @cskit\/sql \(layout 1, this one reads 4\): write it again with writeDataset/);
  });

  it('records keep their account\'s place (account_seq: NULL for a response without one) and the header the data\'s spans', async () => {
    db = await openDatabase(dialect);
    const base = data();
    await writeDataset(db.client, {
      ...base,
      nps: [{ id: 'n1', accountId: 'B', date: '2024-03-05', score: 9 }, { id: 'n2', date: '2023-01-01', score: 3 }, { id: 'n3', accountId: 'A', date: '2024-11-30', score: 7 }],
      activity: [
        { accountId: 'B', month: '2024-02', activeUsers: 1, licensedUsers: 2, role: 'admin' }, { accountId: 'A', month: '2024-05', activeUsers: 1, licensedUsers: 2 },
        { accountId: 'A', month: '2023-12', activeUsers: 1, licensedUsers: 2, role: 'admin' },
      ],
    }, { dialect });
    const nps = await db.client.query('SELECT id, account_seq FROM cskit_nps ORDER BY seq', []);
    expect(nps.map((row) => [row.id, row.account_seq === null ? null : Number(row.account_seq)])).toEqual([['n1', 1], ['n2', null], ['n3', 0]]);
    const [spans] = await db.client.query(`SELECT value FROM cskit_meta WHERE key = 'spans'`, []);
    // Months as indexes (2024-02 = 2024 x 12 + 1), days since 1970-01-01 (2024-03-05 = 19,787); responses without an account left out.
    expect(JSON.parse(String(spans?.value))).toMatchObject({
      activity: [{ group: 'admin', first: 2023 * 12 + 11, last: 2024 * 12 + 1 }, { group: null, first: 2024 * 12 + 4, last: 2024 * 12 + 4 }],
      nps: [{ group: null, first: 19_787, last: 20_057 }],
      // The contracts' start months (2024-01, 2024-03): the whole data's period, without ARR snapshots.
      contracts: [{ group: null, first: 2024 * 12, last: 2024 * 12 + 2 }],
    });
  });
});
