/**
 * The PostgreSQL loader against a real PostgreSQL server (Debian's `postgresql` package, installed by
 * scripts/setup.sh): a throwaway cluster listening on a Unix socket only, loaded with the sample, read back by
 * `postgresLoader` (whole tables) and `postgresSource` (cursors, in batches) with `pg`, served by `createCsHandler`,
 * and stopped at the end; and `@cskit/sql` on the same server (its tables in their own schema, written through a
 * pooled transaction): the SQL engine's answers equal the JS engine's.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answerRequest, filterDataset, prepareDataset, validateDataset } from '@cskit/metrics';
import { generateDataset } from '@cskit/sample-data';
import { createCsHandler } from '@cskit/server';
import { postgresLoader, postgresSource, writeDatasetToPostgres } from '@cskit/server/postgres';
import { createSqlEngine, METRICS_IN_SQL, postgresClient, writeDataset } from '@cskit/sql';
import { sameAnswer } from '../../packages/sql/src/test-support/same-answer.js';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { startDemoServer } from '../../apps/server/src/server.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** initdb and pg_ctl of the newest installed PostgreSQL (or CSKIT_PG_BIN). */
function postgresBin(): string {
  if (process.env.CSKIT_PG_BIN) return process.env.CSKIT_PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a)) : [];
  if (versions.length === 0) throw new Error('PostgreSQL is not installed: bash scripts/setup.sh installs Debian\'s postgresql package (or set CSKIT_PG_BIN)');
  return join(root, versions[0] as string, 'bin');
}

const root = process.getuid?.() === 0;
/** PostgreSQL refuses to run as root: as root, its tools run as the `postgres` user the Debian package creates. */
function run(bin: string, args: string[]): void {
  if (root) execFileSync('runuser', ['-u', 'postgres', '--', bin, ...args], { stdio: 'pipe' });
  else execFileSync(bin, args, { stdio: 'pipe' });
}

const sample = generateDataset({ seed: 2025, accounts: 400 });
const view = { period: { from: '2025-01', to: '2025-12' }, graceMonths: 1 };
let dir = '';
let pool: pg.Pool;
let bin = '';

beforeAll(async () => {
  bin = postgresBin();
  dir = mkdtempSync(join(tmpdir(), 'cskit-pg-'));
  if (root) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), Number(execFileSync('id', ['-g', 'postgres']).toString().trim()));
  run(join(bin, 'initdb'), ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'cskit', '-E', 'UTF8', '--no-sync']);
  // A socket in `dir` and no TCP listener at all; fsync off for a throwaway cluster.
  run(join(bin, 'pg_ctl'), ['-D', join(dir, 'data'), '-l', join(dir, 'log'), '-w', '-o', `-k ${dir} -c listen_addresses= -c fsync=off`, 'start']);
  pool = new pg.Pool({ host: dir, user: 'cskit', database: 'postgres', max: 4 });
  await writeDatasetToPostgres(pool, sample);
}, 120_000);

afterAll(async () => {
  await pool?.end();
  if (dir && bin) {
    try {
      run(join(bin, 'pg_ctl'), ['-D', join(dir, 'data'), '-m', 'fast', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});

describe('PostgreSQL (a real server on a Unix socket)', () => {
  it('the loader reads the tables into the data contract; the handler answers as in-process computation', async () => {
    const { dataset, issues } = validateDataset(await postgresLoader({ db: pool })());
    expect(issues).toEqual([]);
    expect(dataset.accounts).toEqual(sample.accounts);
    expect(dataset.contracts).toEqual(validateDataset(sample).dataset.contracts);
    const csmId = sample.accounts[0]?.csmId as string;
    const handler = createCsHandler({ load: postgresLoader({ db: pool }), scope: (request) => (request.headers.get('x-viewer') === 'csm' ? { csmIds: [csmId] } : { all: true }) });
    const ask = (viewer: string) => handler(new Request('http://127.0.0.1/api/cskit/v1/summary', { method: 'POST', headers: { 'x-viewer': viewer }, body: JSON.stringify({ view }) }));
    const whole = JSON.parse(JSON.stringify(prepareDataset(sample).summary(view))) as unknown;
    expect(sameAnswer(await (await ask('admin')).json(), whole)).toEqual(whole);
    const book = filterDataset(sample, (a) => a.csmId === csmId);
    const scoped = await (await ask('csm')).json() as { accountCount: number; kpis: { arr: number } };
    expect(scoped.accountCount).toBe(book.accounts.length);
    expect(scoped.kpis.arr).toBeCloseTo(prepareDataset(book).summary(view).kpis.arr, 6);
  }, 60_000);

  it('the streaming source reads through cursors on a client the pool lends, and serves the same answers', async () => {
    const streamed = createCsHandler({ load: postgresSource({ db: pool, batchRows: 2000 }), scope: () => ({ all: true }) });
    const answer = await streamed(new Request('http://127.0.0.1/api/cskit/v1/summary', { method: 'POST', body: JSON.stringify({ view }) }));
    const expected = JSON.parse(JSON.stringify(prepareDataset(sample).summary(view))) as unknown;
    expect(sameAnswer(await answer.json(), expected)).toEqual(expected);
    expect(streamed.status()).toMatchObject({ version: 1, accountCount: 400, lastError: null });
    // The client went back to the pool: all of them are idle again.
    expect(pool.idleCount).toBe(pool.totalCount);
  }, 60_000);

  it('@cskit/sql on the real server: writeDataset through a pool (one transaction on one client) and the engine\'s answers equal the JS engine\'s', async () => {
    const client = postgresClient(pool);
    await writeDataset(client, sample, { dialect: 'postgres', schema: 'cskit_sql' });
    const engine = createSqlEngine({ client, dialect: 'postgres', schema: 'cskit_sql' });
    const local = prepareDataset(sample);
    const csmId = sample.accounts[0]?.csmId as string;
    const ids = sample.accounts.filter((a) => a.csmId === csmId).map((a) => a.id);
    const requests = [
      { kind: 'info' }, { kind: 'summary', view }, { kind: 'filter-options', view: {} },
      { kind: 'rows', view, rowSet: 'renewals', query: { sort: [{ id: 'dueArr', desc: true }], limit: 50 } },
    ] as const;
    for (const request of requests) {
      const whole = JSON.parse(JSON.stringify(answerRequest(local, request as never))) as unknown;
      const book = JSON.parse(JSON.stringify(answerRequest(local.scoped(ids), request as never))) as unknown;
      expect(sameAnswer(await engine.answer(request), whole)).toEqual(whole);
      expect(sameAnswer(await engine.answer(request, { scope: { csmIds: [csmId] } }), book)).toEqual(book);
    }
    // The metrics answered in SQL, on a real server: money to the cent, ratios to 1e-9 (sameAnswer).
    for (const metric of METRICS_IN_SQL) {
      for (const v of [view, { ...view, graceMonths: 3, asOf: '2025-10-15', filters: { segment: ['MM', 'KA'] } }]) {
        const request = { kind: 'metric', metric, view: v } as const;
        const expected = JSON.parse(JSON.stringify(answerRequest(local, request))) as unknown;
        expect(sameAnswer(await engine.answer(request), expected), `${metric} ${JSON.stringify(v)}`).toEqual(expected);
      }
    }
    expect(pool.idleCount).toBe(pool.totalCount);
  }, 120_000);

  it('writeDataset through COPY (pg-copy-streams): text with tabs, newlines, backslashes, `\\N` and `\\.` kept exactly; answers equal the JS engine\'s', async () => {
    const names = ['tab\there', 'line\nbreak', 'cr\rhere', 'back\\slash', '\\N', '\\.', "O'Brien; --", '\u202eevil', ''];
    const hostile = { ...sample, accounts: sample.accounts.map((a, i) => (i < names.length ? { ...a, name: names[i] === '' ? 'x' : (names[i] as string), segment: names[i] as string } : a)) };
    const statements: string[] = [];
    const client = postgresClient(pool, { copyFrom: (sql: string) => { statements.push(sql); return copyFrom(sql); } });
    await writeDataset(client, hostile, { dialect: 'postgres', schema: 'cskit_copy' });
    // Every table and facts table went through COPY, none through bound arrays.
    expect(statements.length).toBeGreaterThanOrEqual(16);
    const stored = await pool.query('SELECT name, segment FROM cskit_copy.cskit_accounts ORDER BY seq LIMIT 9');
    expect(stored.rows).toEqual(hostile.accounts.slice(0, 9).map((a) => ({ name: a.name, segment: a.segment === undefined ? null : a.segment })));
    const engine = createSqlEngine({ client, dialect: 'postgres', schema: 'cskit_copy' });
    const local = prepareDataset(hostile);
    for (const request of [{ kind: 'info' }, { kind: 'filter-options', view: {} }, { kind: 'rows', view, rowSet: 'accounts', query: { limit: 20 } }, { kind: 'metric', metric: 'waterfall', view }] as const) {
      const expected = JSON.parse(JSON.stringify(answerRequest(local, request as never))) as unknown;
      expect(sameAnswer(await engine.answer(request), expected), request.kind).toEqual(expected);
    }
    expect(pool.idleCount).toBe(pool.totalCount);
  }, 120_000);

  it('the demo server on it (CSKIT_STORE=postgres): the sample written to a schema of its own and answered by @cskit/sql', async () => {
    const server = await startDemoServer({ port: 0, store: 'postgres', databaseUrl: `postgresql:///postgres?host=${encodeURIComponent(dir)}&user=cskit`, accounts: 60, dashboardDir: null });
    try {
      const ask = async (viewer: string) => (await fetch(`${server.url}/api/cskit/v1/info`, { method: 'POST', headers: { 'x-cskit-viewer': viewer }, body: '{}' })).json() as Promise<{ accountCount: number }>;
      expect((await ask('admin')).accountCount).toBe(60);
      const csm = server.viewers.find((viewer) => viewer.id.startsWith('csm:')) as { id: string };
      const book = (await ask(csm.id)).accountCount;
      expect(book).toBeGreaterThan(0);
      expect(book).toBeLessThan(60);
    } finally {
      await server.close();
    }
  }, 60_000);
});
