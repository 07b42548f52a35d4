/**
 * `@cskit/server` answering from `@cskit/sql` (`createCsHandler({ engine })`): nothing loaded in the handler, the
 * same answers as the handler that loads the same data, scopes pushed into the engine, ETags from the database's
 * data version, and the same errors (400 naming the field, 404 outside the scope).
 */
import { sameAnswer } from '../../packages/sql/src/test-support/same-answer.js';
import { DuckDBInstance } from '@duckdb/node-api';
import { prepareDataset } from '@cskit/metrics';
import { generateDataset } from '@cskit/sample-data';
import { createCsHandler } from '@cskit/server';
import { createSqlEngine, duckdbClient, writeDataset } from '@cskit/sql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const sample = generateDataset({ seed: 29, accounts: 80 });
const view = { period: { from: '2025-01', to: '2025-12' }, graceMonths: 1 };
const csmId = sample.accounts[0]?.csmId as string;
const scope = (request: Request) => (request.headers.get('x-viewer') === 'csm' ? { csmIds: [csmId] } : { all: true as const, admin: true });
let close = () => undefined as void;
let fromSql: ReturnType<typeof createCsHandler>;
let loaded: ReturnType<typeof createCsHandler>;

beforeAll(async () => {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  close = () => { connection.closeSync(); instance.closeSync(); };
  const client = duckdbClient(connection);
  await writeDataset(client, sample, { dialect: 'duckdb' });
  fromSql = createCsHandler({ engine: createSqlEngine({ client, dialect: 'duckdb' }), scope, rateLimit: false });
  loaded = createCsHandler({ load: () => sample, scope, rateLimit: false });
}, 60_000);
afterAll(() => { fromSql?.close(); loaded?.close(); close(); });

const ask = (handler: typeof loaded, kind: string, body: unknown, viewer = 'admin', headers: Record<string, string> = {}) =>
  handler(new Request(`http://127.0.0.1/api/cskit/v1/${kind}`, { method: 'POST', headers: { 'x-viewer': viewer, ...headers }, body: JSON.stringify(body) }));

describe('createCsHandler({ engine: createSqlEngine(...) })', () => {
  it('answers as the handler that loads the same data, for an admin and for a CSM\'s book', async () => {
    const bodies: Array<[string, unknown]> = [
      ['info', {}], ['summary', { view }], ['rows', { view, rowSet: 'accounts', query: { sort: [{ id: 'arr', desc: true }], limit: 20 } }],
      ['filter-options', { view: {} }], ['drill-down', { view, target: { kind: 'movement', movement: 'new' } }],
    ];
    for (const viewer of ['admin', 'csm']) {
      for (const [kind, body] of bodies) {
        const [a, b] = await Promise.all([ask(fromSql, kind, body, viewer), ask(loaded, kind, body, viewer)]);
        expect(a.status, `${viewer} ${kind}`).toBe(200);
        // The summary is answered in SQL: the same answer, money to the cent and ratios to 1e-9 (sameAnswer).
        const expected = await b.json() as unknown;
        expect(sameAnswer(await a.json(), expected), `${viewer} ${kind}`).toEqual(expected);
      }
    }
    const book = (await (await ask(fromSql, 'info', {}, 'csm')).json()) as { accountCount: number };
    expect(book.accountCount).toBe(sample.accounts.filter((a) => a.csmId === csmId).length);
    expect(book.accountCount).toBe(prepareDataset(sample).scoped(sample.accounts.filter((a) => a.csmId === csmId).map((a) => a.id)).accountCount);
  });

  it('the same errors: 400 naming the field, 404 for an account outside the scope; 304 on a repeat', async () => {
    const bad = await ask(fromSql, 'summary', { view: { period: { from: '2025-01', to: '2025-13' } } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ field: 'view.period.to' });
    const outside = sample.accounts.find((a) => a.csmId !== csmId)?.id as string;
    expect((await ask(fromSql, 'account-story', { view, accountId: outside }, 'csm')).status).toBe(404);
    const first = await ask(fromSql, 'summary', { view });
    const etag = first.headers.get('etag') as string;
    expect(etag).toMatch(/^W\//);
    expect((await ask(fromSql, 'summary', { view }, 'admin', { 'if-none-match': etag })).status).toBe(304);
    expect((await ask(fromSql, 'summary', { view }, 'csm', { 'if-none-match': etag })).status).toBe(200);
  });

  it('takes exactly one of load and engine; with an engine, reload has nothing to load', async () => {
    const errors: unknown[] = [];
    const handler = createCsHandler({ engine: { answer: async () => ({}), version: async () => '1' }, scope, onError: (e) => errors.push(e) });
    await handler.reload();
    expect(errors).toEqual([]);
    handler.close();
    expect(() => createCsHandler({ scope })).toThrow(/exactly one of `load`/);
    expect(() => createCsHandler({ scope, load: () => sample, engine: { answer: async () => ({}), version: async () => '1' } })).toThrow(/exactly one/);
  });
});
