/**
 * Fuzzing the server as an attacker would: over a thousand requests of every kind with malformed and oversized
 * views, queries, targets and bodies through the handler, and raw HTTP (methods, targets, Host headers, header
 * values, bodies cut short) through Node's `http` and `toNodeListener`. Nothing may crash the process, take more than
 * 2 s, or answer 500 for what a client sent. A data worker (`createDataWorker`) answers the same fuzzed requests with
 * the same statuses and bodies as the handler in process, and so does a handler serving the snapshot (`snapshotDir`)
 * the first one wrote.
 */
import { ROW_SETS, SUMMARY_PARTS } from '@cskit/metrics';
import { generateDataset, SAMPLE_HEALTH_MODEL } from '@cskit/sample-data';
import fc from 'fast-check';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCsHandler } from './handler.js';
import { toNodeListener } from './node.js';
import { createDataWorker } from './worker.js';

const sample = generateDataset({ seed: 17, accounts: 70 });
const ids = sample.accounts.map((a) => a.id);
/** The accounts both viewers see (the CSM viewer's book), so a good account story is not merely a 404 out of scope. */
const shared = sample.accounts.filter((a) => a.csmId === sample.accounts[0]?.csmId).map((a) => a.id);
const errors: unknown[] = [];
const scopeOf = (request: Request) => (request.headers.get('x-viewer') === 'csm' ? { csmIds: [sample.accounts[0]?.csmId as string] } : { all: true as const, admin: true });
const handler = createCsHandler({ load: async () => sample, scope: scopeOf, onError: (error) => errors.push(error), rateLimit: false });

const month = fc.oneof(
  fc.integer({ min: 2022 * 12, max: 2026 * 12 }).map((i) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`),
  fc.constantFrom('0000-01', '9999-12', '2025-13', '2025-00', '2025-1', '', 'x', '२०२५-०१'),
  fc.jsonValue(),
);
const count = fc.oneof(fc.integer({ min: -3, max: 40 }), fc.constantFrom(1e9, -1e9, 0.5, Number.MAX_SAFE_INTEGER, '3', null), fc.jsonValue());
const text = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'toString', '\u0000', 'x'.repeat(300)), fc.constantFrom(...ids.slice(0, 5)));
/** Mostly a valid value, sometimes a wild one: a view with one or two bad fields among good ones reaches deepest. */
const mostly = <T>(good: fc.Arbitrary<T>, wild: fc.Arbitrary<unknown>) => fc.oneof({ weight: 7, arbitrary: good as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: wild });
const goodMonth = fc.integer({ min: 2024 * 12, max: 2025 * 12 + 11 }).map((i) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
const view = fc.oneof(
  { weight: 8, arbitrary: fc.record({
    period: mostly(fc.tuple(goodMonth, fc.integer({ min: 0, max: 11 })).map(([from, n]) => ({ from, to: from < '2025-06' ? '2025-06' : from, n }))
      .map(({ from, to }) => ({ from, to })), fc.oneof(fc.record({ from: month, to: month }), fc.jsonValue())),
    graceMonths: mostly(fc.integer({ min: 0, max: 3 }), count),
    asOf: mostly(fc.constantFrom('2025-06-30', '2025-12-31'), fc.oneof(fc.constantFrom('9999-12-31', '2025-02-30'), fc.jsonValue())),
    comparison: mostly(fc.constantFrom('previous', 'previous-year', 'none'), fc.oneof(fc.constant('sideways'), fc.record({ from: month, to: month }))),
    filters: mostly(fc.record({ segment: fc.subarray(['SMB', 'MM', 'KA']), region: fc.subarray(['EMEA', 'NA']) }, { requiredKeys: [] }),
      fc.oneof(fc.dictionary(fc.constantFrom('segment', 'region', 'csmId', 'color', '__proto__'), fc.array(text, { maxLength: 4 })), fc.jsonValue())),
    earlyWarning: mostly(fc.record({ months: fc.integer({ min: 1, max: 6 }), threshold: fc.double({ min: 0, max: 1, noNaN: true }) }, { requiredKeys: [] }),
      fc.oneof(fc.record({ months: count, threshold: fc.jsonValue() }, { requiredKeys: [] }), fc.jsonValue())),
    ahead: mostly(fc.record({ months: fc.integer({ min: 1, max: 12 }) }), fc.oneof(fc.record({ months: count, likelihood: fc.dictionary(fc.constantFrom('green', 'red', 'blue'), fc.double()) }, { requiredKeys: [] }), fc.jsonValue())),
    lookbackMonths: mostly(fc.integer({ min: 0, max: 24 }), count),
    accountIds: mostly(fc.subarray(ids, { maxLength: 30 }), fc.oneof(fc.array(text, { maxLength: 5 }), fc.jsonValue())),
    breakdownDimensions: mostly(fc.subarray(['segment', 'region', 'csmId', 'signedMonth']), fc.oneof(fc.array(fc.constantFrom('segment', 'color'), { maxLength: 9 }), fc.jsonValue())),
    model: mostly(fc.constantFrom(SAMPLE_HEALTH_MODEL, {}), fc.oneof(fc.record({ weights: fc.jsonValue(), tiers: fc.jsonValue(), components: fc.jsonValue() }, { requiredKeys: [] }), fc.jsonValue())),
    selection: mostly(fc.constantFrom({ kind: 'movement', movement: 'churn' }, { kind: 'group', dimension: 'segment', key: 'SMB' }),
      fc.record({ kind: fc.constantFrom('movement', 'tier', 'group', 'nope'), movement: text, tier: text, dimension: text, key: text, month })),
  }, { requiredKeys: ['period'] }) },
  { weight: 1, arbitrary: fc.jsonValue() },
);
const query = fc.oneof(fc.record({
  sort: fc.oneof(fc.array(fc.record({ id: fc.constantFrom('arr', 'name', 'nope', 'score'), desc: fc.oneof(fc.boolean(), fc.jsonValue()) }), { maxLength: 12 }), fc.jsonValue()),
  filters: fc.oneof(fc.array(fc.record({ id: fc.constantFrom('arr', 'segment', 'nope'), value: fc.jsonValue() }), { maxLength: 20 }), fc.jsonValue()),
  search: fc.oneof(text, fc.jsonValue()), offset: count, limit: count,
}, { requiredKeys: [] }), fc.jsonValue());
const target = fc.oneof(fc.record({
  kind: fc.constantFrom('accounts', 'tier', 'transition', 'tier-change', 'group', 'cohort', 'nps', 'renewal-stage', 'attribution', 'movement', 'due', 'quadrant', 'nope'),
  accountIds: fc.oneof(fc.array(text, { maxLength: 4 }), fc.jsonValue()), tier: text, month, transition: text, fromTier: text, toTier: text,
  dimension: text, key: text, cohort: month, category: text, stage: text, field: text, movement: text, quadrant: text,
}, { requiredKeys: ['kind'] }), fc.jsonValue());
/**
 * A fixed seed, so the floor on answered requests below is the same on every run (unseeded runs reached the engine 14-31
 * times of 1,000 for account stories, around the floor of 20; with good stories naming accounts in both viewers'
 * scopes, 26-41 over six seeds: most good stories are 404s for an account outside the view's filters or selection).
 * Set CSKIT_FUZZ_SEED to explore other inputs.
 */
const seed = Number(process.env['CSKIT_FUZZ_SEED'] ?? 20261204);
const KINDS = ['info', 'summary', 'metric', 'rows', 'drill-down', 'filter-options', 'account-story'] as const;
const body = (kind: (typeof KINDS)[number]) => fc.record({
  view, metric: mostly(fc.constantFrom(...SUMMARY_PARTS), text), rowSet: mostly(fc.constantFrom(...Object.keys(ROW_SETS)), text), query: mostly(fc.constant({ limit: 20 }), query),
  target: mostly(fc.constantFrom({ kind: 'movement', movement: 'new' }, { kind: 'tier', month: '2025-06', tier: 'red' }, { kind: 'nps', category: 'promoters' }), target),
  accountId: mostly(fc.constantFrom(...shared), fc.oneof(text, fc.jsonValue())), kind: fc.constant(kind),
}, { requiredKeys: [] });

describe('fuzz: the handler answers every malformed request with a 4xx (or a 200), quickly, and never 500', () => {
  it.each(KINDS)('1,000 %s requests', async (kind) => {
    const statuses = new Map<number, number>();
    await fc.assert(fc.asyncProperty(body(kind), fc.boolean(), async (payload, csm) => {
      const started = performance.now();
      const response = await handler(new Request(`http://127.0.0.1/api/cskit/v1/${kind}`, {
        method: 'POST', body: JSON.stringify(payload), headers: csm ? { 'x-viewer': 'csm' } : {},
      }));
      const answer = await response.text();
      const ms = performance.now() - started;
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      expect(response.status, answer).not.toBe(500);
      expect([200, 304, 400, 404]).toContain(response.status);
      expect(ms).toBeLessThan(2000);
      if (response.status === 400) expect(JSON.parse(answer).field, answer).toBeTypeOf('string');
    }), { numRuns: 1000, seed });
    expect(errors).toEqual([]);
    // Most fuzzed requests are refused, but valid ones get through too: the fuzzer reaches the engine.
    if (kind !== 'info') expect(statuses.get(400) ?? 0).toBeGreaterThan(100);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(kind === 'account-story' ? 20 : 100);
  }, 120_000);
});

/** Fuzzed requests of `kind`, each asked of the handler loading in process and of `other`: the same status and body. */
function answersAsInProcess(kind: (typeof KINDS)[number], other: typeof handler, numRuns: number): Promise<void> {
  return fc.assert(fc.asyncProperty(body(kind), fc.boolean(), async (payload, csm) => {
    const ask = (serve: typeof handler) => serve(new Request(`http://127.0.0.1/api/cskit/v1/${kind}`, {
      method: 'POST', body: JSON.stringify(payload), headers: csm ? { 'x-viewer': 'csm' } : {},
    }));
    const [here, there] = await Promise.all([ask(handler), ask(other)]);
    expect([there.status, await there.text()]).toEqual([here.status, await here.text()]);
  }), { numRuns, seed });
}

describe('fuzz: a data worker answers every request as the handler in process does (status and body)', () => {
  // The same sample (seed 17, 70 accounts), loaded in a worker thread by worker/test-load.mjs (tenant 'fuzz'); the
  // worker runs the built package (scripts/test.sh builds before the tests).
  const data = createDataWorker({
    module: new URL('./worker/test-load.mjs', import.meta.url), workerUrl: new URL('../dist/data-worker.mjs', import.meta.url),
    onError: (error) => errors.push(error),
  });
  const inWorker = createCsHandler({ engine: data.engine, tenant: () => 'fuzz', scope: scopeOf, onError: (error) => errors.push(error), rateLimit: false });
  afterAll(() => data.close());

  it.each(KINDS)('300 %s requests', async (kind) => {
    await answersAsInProcess(kind, inWorker, 300);
    expect(errors).toEqual([]);
  }, 120_000);
});

describe('fuzz: a handler serving its snapshot answers every request as the handler that loaded the data', () => {
  // The first handler loads the sample and writes its snapshot; the second serves that snapshot only (its own load
  // never ends), so every answer comes from the engine read back from the file.
  const dir = mkdtempSync(join(tmpdir(), 'cskit-fuzz-snapshot-'));
  let restored: ReturnType<typeof createCsHandler>;
  // Its own: closing it aborts its load, which it tells onError.
  const restoredErrors: unknown[] = [];
  beforeAll(async () => {
    const writer = createCsHandler({ load: async () => sample, snapshotDir: dir, scope: scopeOf, rateLimit: false });
    await writer(new Request('http://127.0.0.1/api/cskit/v1/info', { method: 'POST', body: '{}' }));
    for (let tries = 0; !readdirSync(dir).some((name) => name.endsWith('.snapshot')) && tries < 500; tries += 1) await new Promise((tick) => setTimeout(tick, 20));
    writer.close();
    restored = createCsHandler({ load: () => new Promise(() => undefined), loadTimeoutMs: 30 * 60_000, snapshotDir: dir, scope: scopeOf, onError: (error) => restoredErrors.push(error), rateLimit: false });
  });
  afterAll(() => {
    restored.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(KINDS)('150 %s requests', async (kind) => {
    await answersAsInProcess(kind, restored, 150);
    expect(restored.status()).toMatchObject({ fromSnapshot: true, accountCount: 70 });
    expect([errors, restoredErrors]).toEqual([[], []]);
  }, 120_000);
});

describe('fuzz: raw HTTP through Node never crashes the process', () => {
  let server: Server;
  let port = 0;
  beforeAll(async () => {
    server = createServer(toNodeListener(handler));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  /** Sends raw bytes and resolves with what came back (or '' when the connection closed without an answer). */
  const raw = (bytes: string | Buffer, waitMs = 1500) => new Promise<string>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    const done = () => { socket.destroy(); resolve(reply); };
    socket.setTimeout(waitMs, done);
    socket.on('data', (chunk) => { reply += chunk.toString('latin1'); if (/\r\n\r\n/.test(reply) && !reply.includes('Transfer-Encoding: chunked') && !/content-length: [1-9]/i.test(reply)) done(); });
    socket.on('error', done);
    socket.on('end', done);
    socket.on('close', done);
    socket.write(bytes);
  });
  const status = (reply: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(reply)?.[1] ?? 0);

  it('known killers: TRACE, CONNECT-like targets, a Host of x:99999, the target //, absolute and asterisk forms, bad escapes', async () => {
    const summary = JSON.stringify({ view: { period: { from: '2025-01', to: '2025-12' } } });
    const cases: Array<[string, number[]]> = [
      ['TRACE /api/cskit/v1/summary HTTP/1.1\r\nHost: a\r\n\r\n', [405]],
      ['TRACK /api/cskit/v1/summary HTTP/1.1\r\nHost: a\r\n\r\n', [400, 405]],
      ['GET // HTTP/1.1\r\nHost: a\r\n\r\n', [400]],
      ['GET /api/cskit/v1/info HTTP/1.1\r\nHost: x:99999\r\n\r\n', [405]],
      [`POST /api/cskit/v1/summary HTTP/1.1\r\nHost: x:99999\r\nContent-Length: ${summary.length}\r\n\r\n${summary}`, [200]],
      [`POST /api/cskit/v1/summary HTTP/1.1\r\nHost: [::1\r\nContent-Length: ${summary.length}\r\n\r\n${summary}`, [200, 400]],
      ['OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n', [400]],
      ['GET http://evil.example/api/cskit/v1/issues HTTP/1.1\r\nHost: a\r\n\r\n', [400]],
      ['POST /api/cskit/v1/%zz HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n{}', [404]],
      ['DELETE /api/cskit/v1/summary HTTP/1.1\r\nHost: a\r\n\r\n', [405]],
      ['PATCH /api/cskit/v2/summary HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n', [404]],
      ['POST /api/cskit/v1/summary HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n{"view":', [0, 400]],
      ['POST /api/cskit/v1/summary HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', [0, 400]],
      ['POST /api/cskit/v1/summary HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\n\r\n\u00ff\u00fe\u0000\u0001', [400]],
      [`POST /api/cskit/v1/summary HTTP/1.1\r\nHost: a\r\nX-Odd: \u00e9\u00e8\r\nContent-Length: ${summary.length}\r\n\r\n${summary}`, [200, 400]],
    ];
    for (const [request, allowed] of cases) {
      const reply = await raw(Buffer.from(request.replace('\r\n', '\r\nConnection: close\r\n'), 'latin1'));
      expect(allowed, `${request.slice(0, 60)} -> ${reply.slice(0, 80)}`).toContain(status(reply));
    }
  }, 60_000);

  it('1,000 random requests of raw bytes: the server answers a good request after all of them', async () => {
    const methods = fc.constantFrom('GET', 'POST', 'PUT', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT', 'FOO', 'get', 'M-SEARCH');
    const targets = fc.oneof(fc.constantFrom('/api/cskit/v1/summary', '/api/cskit/v1/info', '//', '/\\', '/v1/rows?x=%', '*', '/../../etc/passwd', `/${'a'.repeat(3000)}`), fc.string({ maxLength: 30 }));
    const headerValues = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('x:99999', '', '[::1', 'a b', '\u00e9', '0', '-1', '99999999999999999999'));
    const requests = fc.tuple(methods, targets, headerValues, headerValues, fc.oneof(fc.string({ maxLength: 200 }), fc.jsonValue().map((v) => JSON.stringify(v) ?? '')))
      .map(([method, target, host, length, payload]) => `${method} ${target} HTTP/1.1\r\nHost: ${host}\r\nContent-Length: ${length}\r\n\r\n${payload}`);
    await fc.assert(fc.asyncProperty(requests, async (request) => {
      const reply = await raw(Buffer.from(request, 'latin1'), 300);
      const code = status(reply);
      expect(code === 0 || (code >= 200 && code < 500), reply.slice(0, 120)).toBe(true);
    }), { numRuns: 1000 });
    const good = await fetch(`http://127.0.0.1:${port}/api/cskit/v1/info`, { method: 'POST', body: '{}' });
    expect(good.status).toBe(200);
    expect(errors).toEqual([]);
  }, 180_000);
});
