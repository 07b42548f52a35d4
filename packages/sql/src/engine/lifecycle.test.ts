/**
 * The SQL engine's life across writes and failures: a preparation that fails in the background is told to
 * `onError` while the previous version keeps serving; data written again while it is read is read again, and
 * refused after three tries; and one DuckDB connection shared by many concurrent answers (its statements queued one
 * at a time) answers each as it would alone.
 */
import { answerRequest, prepareDataset, resolveHealthModel, type CsRequest } from '@cskit/metrics';
import { runSync, type PreparedLoad } from '@cskit/metrics/load';
import { preparedFromSnapshot, snapshotWork } from '@cskit/metrics/snapshot';
import { generateDataset, SNAPSHOT_HEALTH_MODEL } from '@cskit/sample-data';
import { afterEach, describe, expect, it } from 'vitest';
import type { SqlClient } from '../client/clients.js';
import { openDatabase, type TestDatabase } from '../test-support/databases.js';
import { DIALECTS } from '../schema/dialect.js';
import { sameAnswer } from '../test-support/same-answer.js';
import { writeDataset } from '../write/write-dataset.js';
import { refreshHealthFacts } from '../write/health-facts.js';
import { HEALTH_FACTS_PREFIX, healthModelKey } from '../facts/health-facts.js';
import { createSqlEngine } from './sql-engine.js';

const first = generateDataset({ seed: 41, accounts: 25 });
const second = generateDataset({ seed: 42, accounts: 30 });
const view = { period: { from: '2025-01', to: '2025-12' }, graceMonths: 1 };
const asJson = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

let db: TestDatabase | undefined;
afterEach(async () => { await db?.close(); db = undefined; });

/** A client that fails the reads of records (keyset pages on `seq`) while `failing.on` is set. */
function failingReads(client: SqlClient, failing: { on: boolean }): SqlClient {
  return { query: (sql, params) => (failing.on && /ORDER BY seq/i.test(sql) ? Promise.reject(new Error('disk on fire')) : client.query(sql, params)) };
}

/**
 * A store of one snapshot in memory, through a structured clone part by part (what `snapshotFiles` writes and reads
 * back); `writes` counts what was written.
 */
function memorySnapshots() {
  let kept: { version: string; snapshot: unknown } | null = null;
  const store = {
    writes: [] as string[],
    failReads: false,
    read: async () => {
      if (store.failReads) throw new Error('the disk is gone');
      return kept && { version: kept.version, load: preparedFromSnapshot(structuredClone(kept.snapshot)) };
    },
    write: async (version: string, load: PreparedLoad) => {
      kept = { version, snapshot: runSync(snapshotWork(load)) };
      store.writes.push(version);
    },
  };
  return store;
}

describe('the SQL engine across writes and failures', () => {
  it('keeps the engine it prepared in `snapshots`: a new engine on the same version answers from it without reading the records', async () => {
    db = await openDatabase('duckdb');
    await writeDataset(db.client, first, { dialect: 'duckdb', version: 'v1' });
    const snapshots = memorySnapshots();
    // A row set the prepared engine answers (every metric and the summary are answered in SQL).
    const summary: CsRequest = { kind: 'rows', view, rowSet: 'accounts', query: { search: 'a' } };
    const before = createSqlEngine({ client: db.client, dialect: 'duckdb', snapshots });
    const answer = asJson(await before.answer(summary));
    await expect.poll(() => snapshots.writes).toEqual(['v1']);
    // A restarted server: its engine reads the header, not the records (keyset pages on `seq`).
    const statements: string[] = [];
    const inner = db.client;
    const counting: SqlClient = { query: (sql, params) => { statements.push(sql); return inner.query(sql, params); } };
    const after = createSqlEngine({ client: counting, dialect: 'duckdb', snapshots });
    expect(asJson(await after.answer(summary))).toEqual(answer);
    expect(statements.filter((sql) => /ORDER BY seq/i.test(sql))).toEqual([]);
    // New data: the snapshot is of another version, so the records are read, and the new engine kept.
    await writeDataset(db.client, second, { dialect: 'duckdb', version: 'v2' });
    expect(asJson(await after.answer(summary))).toEqual(asJson(answerRequest(prepareDataset(second), summary)));
    expect(statements.some((sql) => /ORDER BY seq/i.test(sql))).toBe(true);
    await expect.poll(() => snapshots.writes).toEqual(['v1', 'v2']);
    // A store that cannot be read: told to onError, and the records are read.
    snapshots.failReads = true;
    const errors: unknown[] = [];
    const third = createSqlEngine({ client: db.client, dialect: 'duckdb', snapshots, onError: (error) => errors.push(error) });
    expect(asJson(await third.answer(summary))).toEqual(asJson(answerRequest(prepareDataset(second), summary)));
    expect(errors.map((error) => (error as Error).message)).toEqual(['the disk is gone']);
  });

  it('a preparation failing in the background goes to onError; the previous version keeps answering, and the next try succeeds', async () => {
    db = await openDatabase('duckdb');
    await writeDataset(db.client, first, { dialect: 'duckdb', version: 'v1' });
    const failing = { on: false };
    const errors: unknown[] = [];
    const engine = createSqlEngine({ client: failingReads(db.client, failing), dialect: 'duckdb', serveWhilePreparing: true, onError: (error) => errors.push(error) });
    await engine.prepare();
    await writeDataset(db.client, second, { dialect: 'duckdb', version: 'v2' });
    failing.on = true;
    const summary: CsRequest = { kind: 'summary', view };
    // Served from v1 while v2 prepares (and fails) in the background.
    expect(await engine.answer(summary)).toEqual(answerRequest(prepareDataset(first), summary));
    expect(await engine.version()).toBe('v1');
    // Each failure is told (a request meanwhile may try again: one preparation at a time); v1 stays prepared.
    await expect.poll(() => engine.status().preparing).toBe(false);
    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(errors.every((error) => String((error as Error).message).includes('disk on fire'))).toBe(true);
    expect(engine.status()).toEqual({ preparedVersion: 'v1', preparing: false });
    failing.on = false;
    // Still v1 while v2 prepares again, now able to read; then v2.
    expect(await engine.answer(summary)).toEqual(answerRequest(prepareDataset(first), summary));
    await engine.prepare();
    expect(engine.status().preparedVersion).toBe('v2');
    // v2's summary is answered in SQL: the same answer (money to the cent, ratios to 1e-9).
    const expected = asJson(answerRequest(prepareDataset(second), summary));
    expect(sameAnswer(asJson(await engine.answer(summary)), expected)).toEqual(expected);
  });

  it('a summary\'s statements run in lanes: one failing rejects the summary with its error, none left unhandled; a write meanwhile reads again', async () => {
    db = await openDatabase('duckdb');
    await writeDataset(db.client, first, { dialect: 'duckdb', version: 'v1' });
    const inner = db.client;
    const broken: SqlClient = { query: (sql, params) => (/cskit_leads/.test(sql) ? Promise.reject(new Error('leads are gone')) : inner.query(sql, params)) };
    const summary: CsRequest = { kind: 'summary', view };
    await expect(createSqlEngine({ client: broken, dialect: 'duckdb', parallelQueries: 4 }).answer(summary)).rejects.toThrow('leads are gone');
    // A write between the summary's statements: the summary is read again, all of it of the new version.
    let writes = 0;
    const writing: SqlClient = {
      query: async (sql, params) => {
        if (/cskit_targets/.test(sql) && writes === 0) {
          writes += 1;
          await writeDataset(inner, second, { dialect: 'duckdb', version: 'v2' });
        }
        return inner.query(sql, params);
      },
    };
    const expected = asJson(answerRequest(prepareDataset(second), summary));
    expect(sameAnswer(asJson(await createSqlEngine({ client: writing, dialect: 'duckdb', parallelQueries: 2 }).answer(summary)), expected)).toEqual(expected);
    expect(writes).toBe(1);
  });

  it('keeps metric and summary answers per data version, scope and request (keptAnswers); a write drops them', async () => {
    db = await openDatabase('duckdb');
    await writeDataset(db.client, first, { dialect: 'duckdb', version: 'v1' });
    const statements: string[] = [];
    const inner = db.client;
    const counting: SqlClient = { query: (sql, params) => { statements.push(sql); return inner.query(sql, params); } };
    const engine = createSqlEngine({ client: counting, dialect: 'duckdb' });
    const summary: CsRequest = { kind: 'summary', view };
    const answer = await engine.answer(summary);
    const asked = statements.length;
    // Again, for the same scope: only the header is read (the data's version).
    expect(await engine.answer(summary)).toBe(answer);
    // Its metrics are kept as the metric requests they equal.
    expect(await engine.answer({ kind: 'metric', view, metric: 'csmScorecard' })).toBe((answer as { csmScorecard: unknown }).csmScorecard);
    // Targets are the owners' whatever the view's filters: a filtered view reads the same kept answer.
    expect(await engine.answer({ kind: 'metric', view: { ...view, filters: { segment: ['MM'] } }, metric: 'targets' })).toBe((answer as { targets: unknown }).targets);
    expect(statements.slice(asked).every((sql) => sql.includes('cskit_meta'))).toBe(true);
    // Another scope is its own answer; a write drops every kept answer.
    expect(asJson(await engine.answer(summary, { scope: { accountIds: [first.accounts[0]?.id as string] } }))).not.toEqual(asJson(answer));
    await writeDataset(inner, second, { dialect: 'duckdb', version: 'v2' });
    const expected = asJson(answerRequest(prepareDataset(second), summary));
    expect(sameAnswer(asJson(await engine.answer(summary)), expected)).toEqual(expected);
    // None kept (none at all, or a byte budget smaller than one answer): the second answer asks the tables again.
    for (const options of [{ keptAnswers: 0 }, { keptAnswerBytes: 1000 }]) {
      const keeping = createSqlEngine({ client: counting, dialect: 'duckdb', ...options });
      await keeping.answer(summary);
      const before = statements.length;
      await keeping.answer(summary);
      expect(statements.length - before, JSON.stringify(options)).toBeGreaterThan(20);
    }
    expect(() => createSqlEngine({ client: counting, dialect: 'duckdb', keptAnswers: -1 })).toThrow(/keptAnswers/);
    expect(() => createSqlEngine({ client: counting, dialect: 'duckdb', keptAnswerBytes: -1 })).toThrow(/keptAnswerBytes/);
  });

  it('a summary runs each equal statement once (its parts read some of the same figures), even with no answer kept', async () => {
    db = await openDatabase('duckdb');
    await writeDataset(db.client, first, { dialect: 'duckdb' });
    const inner = db.client;
    const statements: string[] = [];
    const counting: SqlClient = { query: (sql, params) => { statements.push(`${sql}\u0000${JSON.stringify(params)}`); return inner.query(sql, params); } };
    const summary: CsRequest = { kind: 'summary', view: { ...view, comparisonPeriod: { from: '2024-01', to: '2024-12' } } };
    const answer = await createSqlEngine({ client: counting, dialect: 'duckdb', keptAnswers: 0 }).answer(summary);
    const reads = statements.filter((statement) => !statement.includes('cskit_meta'));
    expect(reads.length).toBeGreaterThan(20);
    expect(new Set(reads).size).toBe(reads.length);
    // The parts asked one by one run the KPIs' period statements again (what the summary shares), with the same answer.
    statements.length = 0;
    const alone = createSqlEngine({ client: counting, dialect: 'duckdb', keptAnswers: 0 });
    const parts = answer as Record<string, unknown>;
    // (DuckDB sums doubles in parallel, so a ratio may differ in its last bit from one statement to the next: sameAnswer.)
    for (const metric of ['waterfall', 'retention', 'renewals', 'nps'] as const) {
      const expected = asJson(parts[metric]);
      expect(sameAnswer(asJson(await alone.answer({ kind: 'metric', view: summary.view, metric })), expected)).toEqual(expected);
    }
    // The `kpis` metric is the summary's `kpis` and `comparisonKpis`.
    const kpis = asJson({ kpis: parts.kpis, comparisonKpis: parts.comparisonKpis });
    expect(sameAnswer(asJson(await alone.answer({ kind: 'metric', view: summary.view, metric: 'kpis' })), kpis)).toEqual(kpis);
    const again = statements.filter((statement) => !statement.includes('cskit_meta'));
    expect(new Set(again).size).toBeLessThan(again.length);
  });

  it('health facts: refreshed for the version written (engines read them from their next answer), dropped by a write without them, and a write that drops them mid-answer is answered again', async () => {
    db = await openDatabase('duckdb');
    const inner = db.client;
    await writeDataset(inner, first, { dialect: 'duckdb', version: 'v1' });
    const statements: string[] = [];
    const counting: SqlClient = { query: (sql, params) => { statements.push(sql); return inner.query(sql, params); } };
    const engine = createSqlEngine({ client: counting, dialect: 'duckdb', keptAnswers: 0 });
    const request: CsRequest = { kind: 'metric', metric: 'healthDistribution', view: { ...view, model: SNAPSHOT_HEALTH_MODEL } };
    const expected = asJson(answerRequest(prepareDataset(first), request));
    const readsFacts = async () => {
      statements.length = 0;
      expect(sameAnswer(asJson(await engine.answer(request)), expected)).toEqual(expected);
      return statements.some((sql) => sql.includes(HEALTH_FACTS_PREFIX));
    };
    expect(await readsFacts()).toBe(false);
    const entries = await refreshHealthFacts(inner, { dialect: 'duckdb', models: [SNAPSHOT_HEALTH_MODEL, { weights: { outcome: 1, experience: 1 } }] });
    expect(entries.map((entry) => entry.key)).toEqual([healthModelKey(resolveHealthModel(SNAPSHOT_HEALTH_MODEL)), healthModelKey(resolveHealthModel({ weights: { outcome: 1, experience: 1 } }))]);
    expect(await readsFacts()).toBe(true);
    // Refreshed for one model: the other's table goes.
    await refreshHealthFacts(inner, { dialect: 'duckdb', models: [SNAPSHOT_HEALTH_MODEL] });
    const tables = async () => (await inner.query(`SELECT table_name AS t FROM information_schema.tables WHERE table_name LIKE 'cskit_health_%' ORDER BY table_name`, [])).map((row) => String(row.t));
    expect(await tables()).toEqual([`${HEALTH_FACTS_PREFIX}${entries[0]?.key}`]);
    // New data without facts drops them; with them, writes them for the new version.
    await writeDataset(inner, first, { dialect: 'duckdb', version: 'v2' });
    expect(await tables()).toEqual([]);
    expect(await readsFacts()).toBe(false);
    await writeDataset(inner, first, { dialect: 'duckdb', version: 'v3', healthModels: [SNAPSHOT_HEALTH_MODEL] });
    expect(await readsFacts()).toBe(true);
    // A write between the header read and the statement that reads the facts: the table is gone, the answer is asked again.
    let racing = true;
    const racy: SqlClient = {
      query: async (sql, params) => {
        if (racing && sql.includes(HEALTH_FACTS_PREFIX)) {
          racing = false;
          await writeDataset(inner, second, { dialect: 'duckdb', version: 'v4' });
        }
        return inner.query(sql, params);
      },
    };
    const again = createSqlEngine({ client: racy, dialect: 'duckdb', keptAnswers: 0 });
    const next = asJson(answerRequest(prepareDataset(second), request));
    expect(sameAnswer(asJson(await again.answer(request)), next)).toEqual(next);
    expect(racing).toBe(false);
  });

  it.each(DIALECTS)('health facts on %s are written in the order its reads want (PostgreSQL by account for its index, DuckDB by month)', async (dialect) => {
    db = await openDatabase(dialect);
    await writeDataset(db.client, first, { dialect, healthModels: [SNAPSHOT_HEALTH_MODEL] });
    const table = `${HEALTH_FACTS_PREFIX}${healthModelKey(resolveHealthModel(SNAPSHOT_HEALTH_MODEL))}`;
    // Rows as stored: PostgreSQL's physical place of each row (ctid), DuckDB's row id (its insertion order). A scan
    // without an order could start anywhere (PostgreSQL's synchronized scans) or interleave (parallel scans).
    const stored = dialect === 'postgres' ? 'ctid' : 'rowid';
    const cells = (await db.client.query(`SELECT acct, k FROM ${table} ORDER BY ${stored}`, [])).map((row) => [Number(row.acct), Number(row.k)] as const);
    expect(cells.length).toBeGreaterThan(100);
    const byAccount = dialect === 'postgres';
    const key = ([acct, k]: readonly [number, number]) => (byAccount ? acct * 100_000 + k : k * 100_000 + acct);
    expect(cells.every((cell, i) => i === 0 || key(cells[i - 1] as readonly [number, number]) < key(cell))).toBe(true);
  });

  it('data written again while it is read is read again; written again three times in a row, the answer is refused', async () => {
    db = await openDatabase('duckdb');
    await writeDataset(db.client, first, { dialect: 'duckdb', version: 'v1' });
    const inner = db.client;
    let headers = 0;
    // The header reads that see a newer version (as a writer committing between reads would make them).
    let moved: (read: number) => boolean = (read) => read === 3 || read === 4;
    const client: SqlClient = {
      query: async (sql, params) => {
        const rows = await inner.query(sql, params);
        if (!/FROM cskit_meta/.test(sql)) return rows;
        headers += 1;
        return rows.map((row) => (row.key === 'version' && moved(headers) ? { ...row, value: `v${headers}` } : row));
      },
    };
    const engine = createSqlEngine({ client, dialect: 'duckdb' });
    const request: CsRequest = { kind: 'rows', view, rowSet: 'accounts', query: { limit: 5 } };
    // The first read ends on a new version, the second starts on one: the third holds (the version first, then two per read).
    await engine.prepare();
    expect(headers).toBe(7);
    expect(asJson(await engine.answer(request))).toEqual(asJson(answerRequest(prepareDataset(first), request)));
    // A version that never holds still: refused after three reads, with a message saying so.
    headers = 0;
    moved = (read) => read > 1;
    const refusing = createSqlEngine({ client, dialect: 'duckdb' });
    await expect(refusing.prepare()).rejects.toThrow(/written again while it was read, three times/);
  });

  it('one DuckDB connection answers 40 concurrent requests of every kind as it answers each alone', async () => {
    db = await openDatabase('duckdb');
    await writeDataset(db.client, first, { dialect: 'duckdb' });
    const engine = createSqlEngine({ client: db.client, dialect: 'duckdb' });
    const js = prepareDataset(first);
    const csm = first.accounts.find((a) => a.csmId)?.csmId as string;
    const kinds: CsRequest[] = [
      { kind: 'info' }, { kind: 'filter-options', view: {} }, { kind: 'metric', metric: 'waterfall', view }, { kind: 'metric', metric: 'cohorts', view },
      { kind: 'metric', metric: 'nps', view }, { kind: 'summary', view }, { kind: 'rows', view, rowSet: 'renewals' },
      { kind: 'drill-down', view, target: { kind: 'movement', movement: 'expansion' } },
    ];
    const requests = Array.from({ length: 40 }, (_, i) => kinds[i % kinds.length] as CsRequest);
    const answers = await Promise.all(requests.map((request, i) => engine.answer(request, i % 3 === 0 ? { scope: { csmIds: [csm] } } : {})));
    answers.forEach((answer, i) => {
      const request = requests[i] as CsRequest;
      const expected = asJson(answerRequest(i % 3 === 0 ? js.scoped(first.accounts.filter((a) => a.csmId === csm).map((a) => a.id)) : js, request));
      expect(sameAnswer(asJson(answer), expected), JSON.stringify(request)).toEqual(expected);
    });
  });

  it('the data period a view may read past is the latest write\'s (kept per version and scope)', async () => {
    db = await openDatabase('duckdb');
    await writeDataset(db.client, first, { dialect: 'duckdb', version: 'v1' });
    const engine = createSqlEngine({ client: db.client, dialect: 'duckdb' });
    const late: CsRequest = { kind: 'metric', metric: 'nps', view: { period: { from: '2031-01', to: '2031-06' } } };
    const js = (data: typeof first) => { try { return asJson(answerRequest(prepareDataset(data), late)); } catch (error) { return { refused: (error as { field?: string }).field }; } };
    const answer = async () => { try { return asJson(await engine.answer(late)); } catch (error) { return { refused: (error as { field?: string }).field }; } };
    expect(js(first)).toEqual({ refused: 'view.period.to' });
    expect(await answer()).toEqual(js(first));
    // Data reaching further: the same view is now within reach, as the JS engine says.
    const longer = generateDataset({ seed: 41, accounts: 25, start: '2026-01' });
    await writeDataset(db.client, longer, { dialect: 'duckdb', version: 'v2' });
    expect(js(longer)).not.toHaveProperty('refused');
    expect(sameAnswer(await answer(), js(longer))).toEqual(js(longer));
  });
  it('the whole data\'s period comes from the header\'s spans: ARR snapshots\' months when the data has any, else contract starts; tables without the contracts\' span read it by a query', async () => {
    const opened = await openDatabase('duckdb');
    db = opened;
    const refusal = async (answer: () => unknown) => { try { await answer(); return null; } catch (error) { return (error as Error).message; } };
    // Snapshots of two accounts end in 2023-06: a view may read to 60 months past that (2028-06), not to 2029.
    const snapshots = { ...first, arr: [first.accounts[0], first.accounts[3]].flatMap((a) => ['2023-01', '2023-06'].map((month) => ({ accountId: a?.id as string, month, arr: 1200 }))) };
    const requests: CsRequest[] = ['2028-06', '2029-01'].map((to) => ({ kind: 'metric', metric: 'nps', view: { period: { from: '2028-01', to } } }));
    for (const [data, refused] of [[snapshots, [false, true]], [first, [false, false]]] as const) {
      await writeDataset(opened.client, data, { dialect: 'duckdb' });
      const engine = createSqlEngine({ client: opened.client, dialect: 'duckdb' });
      const js = prepareDataset(data);
      for (const [i, request] of requests.entries()) {
        const expected = await refusal(() => answerRequest(js, request));
        expect(expected !== null).toBe(refused[i]);
        expect(await refusal(() => engine.answer(request))).toBe(expected);
      }
    }
    // Spans written by an earlier @cskit/sql (no contracts'): the same refusal, from the tables.
    await writeDataset(opened.client, snapshots, { dialect: 'duckdb' });
    const [meta] = await opened.client.query(`SELECT value FROM cskit_meta WHERE key = 'spans'`, []);
    const { contracts: _contracts, ...older } = JSON.parse(String(meta?.value)) as Record<string, unknown>;
    await opened.client.query(`UPDATE cskit_meta SET value = $1 WHERE key = 'spans'`, [JSON.stringify(older)]);
    const texts: string[] = [];
    const engine = createSqlEngine({ client: { query: (sql, params) => { texts.push(sql); return opened.client.query(sql, params); } }, dialect: 'duckdb' });
    expect(await refusal(() => engine.answer(requests[1] as CsRequest))).toBe(await refusal(() => answerRequest(prepareDataset(snapshots), requests[1] as CsRequest)));
    expect(texts.some((sql) => sql.includes('FROM cskit_contracts WHERE account_seq IN (SELECT seq FROM scoped)'))).toBe(true);
  });
});
