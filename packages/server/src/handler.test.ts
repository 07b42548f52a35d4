import { filterDataset, prepareDataset, ROW_SETS, SUMMARY_PARTS } from '@cskit/metrics';
import type { Dataset } from '@cskit/metrics';
import { generateDataset, generateDatasetChunks } from '@cskit/sample-data';
import fc from 'fast-check';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createCsHandler } from './handler.js';
import type { CsScope } from './scope.js';

const sample = generateDataset({ seed: 11, accounts: 160 });
const view = { period: { from: '2025-01', to: '2025-12' }, graceMonths: 1 };
const csmIds = [...new Set(sample.accounts.map((a) => a.csmId as string))].sort();

/** A handler whose scope comes from the test's `x-scope` header (JSON), as a host's auth would decide it. */
function handlerFor(load: Parameters<typeof createCsHandler>[0]['load'] = async () => sample, options: Partial<Parameters<typeof createCsHandler>[0]> = {}) {
  return createCsHandler({
    load,
    scope: (request) => {
      const header = request.headers.get('x-scope');
      return header === null ? { all: true, admin: true } : (JSON.parse(header) as CsScope | null);
    },
    ...options,
  });
}

const post = (kind: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(`http://127.0.0.1/api/cskit/v1/${kind}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
const json = async (response: Response) => JSON.parse(await response.text()) as Record<string, unknown>;

describe('createCsHandler: the protocol over HTTP', () => {
  const handler = handlerFor();

  it('answers as the engine does in process, for the whole dataset and for a scope', async () => {
    const summary = await json(await handler(post('summary', { view })));
    expect(summary).toEqual(JSON.parse(JSON.stringify(prepareDataset(sample).summary(view))));
    const book = { csmIds: [csmIds[0] as string] };
    const scoped = await json(await handler(post('summary', { view }, { 'x-scope': JSON.stringify(book) })));
    const theirs = filterDataset(sample, (a) => a.csmId === csmIds[0]);
    // A viewer's book keeps its CSM's own targets only (never a team's or the company's).
    const book0 = { ...theirs, csms: sample.csms?.filter((c) => c.id === csmIds[0]), targets: sample.targets?.filter((t) => t.csmId === csmIds[0]) };
    expect(scoped).toEqual(JSON.parse(JSON.stringify(prepareDataset(book0).summary(view))));
    expect((await json(await handler(post('info', {}, { 'x-scope': JSON.stringify(book) })))).accountCount).toBe(theirs.accounts.length);
  });

  it('errors: 404 route and kind, 405, 400 naming the field, 403, 413, 500 for a failing scope', async () => {
    expect((await handler(new Request('http://127.0.0.1/api/cskit/nothing', { method: 'POST' }))).status).toBe(404);
    expect((await handler(new Request('http://127.0.0.1/api/cskit/v2/summary', { method: 'POST' }))).status).toBe(404);
    expect((await handler(post('everything', {}))).status).toBe(404);
    expect((await handler(new Request('http://127.0.0.1/api/cskit/v1/summary'))).status).toBe(405);
    const invalid = await handler(post('summary', '{"view":'));
    expect([invalid.status, await json(invalid)]).toEqual([400, { error: 'the request body is not valid JSON', field: 'body' }]);
    const wrongRowSet = await handler(post('rows', { view, rowSet: 'passwords' }));
    expect(wrongRowSet.status).toBe(400);
    expect((await json(wrongRowSet)).field).toBe('rowSet');
    const badPeriod = await handler(post('summary', { view: { period: { from: '2025-13', to: '2025-01' } } }));
    expect(badPeriod.status).toBe(400);
    expect((await handler(post('rows', { view, rowSet: 'accounts', query: { offset: -1, limit: 10 ** 9 } }))).status).toBe(400);
    expect((await handler(post('summary', { view }, { 'x-scope': 'null' }))).status).toBe(403);
    expect((await handler(post('summary', { view, padding: 'x'.repeat(70_000) }))).status).toBe(413);
    expect((await handler(post('summary', { view }, { 'x-scope': '{"everyone":true}' }))).status).toBe(500);
    expect((await handler(post('account-story', { view, accountId: 'acc-999999' }))).status).toBe(404);
  });

  it('an ETag per data (its content), scope and view: 304 on repeat, the same in another process, another for other data', async () => {
    const first = await handler(post('summary', { view }));
    const etag = first.headers.get('etag') as string;
    expect(etag).toMatch(/^W\/"[0-9a-f]{16}-[0-9a-f]{24}"$/);
    expect((await handler(post('summary', { view }, { 'if-none-match': etag }))).status).toBe(304);
    expect((await handler(post('summary', { view }, { 'if-none-match': `"x", ${etag}` }))).status).toBe(304);
    const otherScope = await handler(post('summary', { view }, { 'if-none-match': etag, 'x-scope': JSON.stringify({ csmIds: [csmIds[1]] }) }));
    expect(otherScope.status).toBe(200);
    // A restarted process (or another replica) with the same data names it the same; changed data gets a new tag.
    const replica = handlerFor(async () => generateDataset({ seed: 11, accounts: 160 }));
    expect((await replica(post('summary', { view }, { 'if-none-match': etag }))).status).toBe(304);
    const changed = handlerFor(async () => ({ ...sample, accounts: sample.accounts.map((a, i) => (i === 3 ? { ...a, name: 'Renamed' } : a)) }));
    expect((await changed(post('summary', { view }, { 'if-none-match': etag }))).status).toBe(200);
    const versioned = handlerFor(async () => sample, { version: () => 'db-change-42' });
    expect((await versioned(post('summary', { view }))).headers.get('etag')).toMatch(/^W\/"db-change-42-[0-9a-f]{24}"$/);
  });

  it('gzip only when asked to compress (frameworks and toNodeListener compress on their own)', async () => {
    const plain = await handler(post('summary', { view }, { 'accept-encoding': 'gzip, br' }));
    expect(plain.headers.get('content-encoding')).toBeNull();
    const compressing = handlerFor(async () => sample, { compress: true });
    const zipped = await compressing(post('summary', { view }, { 'accept-encoding': 'gzip, br' }));
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(JSON.parse(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString())).toEqual(await json(plain));
    expect((await compressing(post('summary', { view }, { 'accept-encoding': 'gzip;q=0' }))).headers.get('content-encoding')).toBeNull();
  });

  it('issues are for admins only', async () => {
    expect((await handler(new Request('http://127.0.0.1/api/cskit/v1/issues'))).status).toBe(200);
    expect((await handler(new Request('http://127.0.0.1/api/cskit/v1/issues', { headers: { 'x-scope': '{"all":true}' } }))).status).toBe(403);
  });
});

describe('loading', () => {
  it('a loader that throws or never finishes: 503 with the reason; the previous data serves while a reload fails', async () => {
    const failing = handlerFor(async () => { throw new Error('database is down'); });
    const down = await failing(post('summary', { view }));
    expect([down.status, (await json(down)).error]).toEqual([503, 'no data could be loaded yet: database is down']);
    const hanging = handlerFor(() => new Promise(() => undefined), { loadTimeoutMs: 50 });
    expect((await json(await hanging(post('info', {})))).error).toBe('no data could be loaded yet: load() did not finish within 50 ms');
    let calls = 0;
    const flaky = handlerFor(async () => { calls += 1; if (calls === 2) throw new Error('timeout'); return calls === 1 ? sample : { ...sample, accounts: sample.accounts.slice(0, 10) }; }, { refuse: { minAccountRatio: 0, maxErrorShare: 1 } });
    expect((await json(await flaky(post('info', {})))).accountCount).toBe(160);
    await flaky.reload();
    expect(flaky.status()).toMatchObject({ version: 1, lastError: 'timeout', accountCount: 160 });
    expect((await json(await flaky(post('info', {})))).accountCount).toBe(160);
    await flaky.reload();
    expect(flaky.status()).toMatchObject({ version: 2, lastError: null, accountCount: 10 });
  });
});

describe('loads that would replace good data with worse are refused, and loads are shared, bounded and cancellable', () => {
  it('refuses an empty load, no accounts, too many errors or a collapse in accounts; the previous data serves and status says why', async () => {
    const errors: unknown[] = [];
    let next: unknown = sample;
    const handler = handlerFor(async () => next, { onError: (error) => errors.push(error) });
    await handler.reload();
    const before = handler.status();
    expect(before).toMatchObject({ version: 1, accountCount: 160, lastError: null });
    const halfBroken = { ...sample, measures: (sample.measures ?? []).map((m, i) => (i % 2 === 0 ? { ...m, value: 'lots' } : m)) };
    const shrunk = { ...sample, accounts: sample.accounts.slice(0, 50), contracts: [], health: [], activity: [], nps: [], leads: [], advocacy: [], revenue: [], measures: [], tickets: [] };
    for (const [load, reason] of [
      [{}, /no valid account/], [{ accounts: [] }, /no valid account/], [halfBroken, /records have errors, more than 10%/], [shrunk, /50 accounts against 160 before/],
    ] as const) {
      next = load;
      await handler.reload();
      expect(handler.status()).toMatchObject({ version: 1, accountCount: 160, dataVersion: before.dataVersion });
      expect(handler.status().lastError).toMatch(reason);
      expect((await json(await handler(post('info', {})))).accountCount).toBe(160);
    }
    expect(errors).toHaveLength(4);
    // A host can accept a smaller load on purpose.
    const lenient = handlerFor(async () => next, { refuse: { minAccountRatio: 0 } });
    next = sample;
    await lenient.reload();
    next = shrunk;
    await lenient.reload();
    expect(lenient.status()).toMatchObject({ version: 2, accountCount: 50, lastError: null });
  });

  it('a reload of the same data keeps the engine that serves it (its caches stay warm, its ETags valid)', async () => {
    let calls = 0;
    const handler = handlerFor(async () => { calls += 1; return generateDataset({ seed: 11, accounts: 160 }); });
    const first = await handler(post('summary', { view }));
    await handler.reload();
    expect(calls).toBe(2);
    expect(handler.status()).toMatchObject({ version: 1, lastError: null });
    expect((await handler(post('summary', { view }, { 'if-none-match': first.headers.get('etag') as string }))).status).toBe(304);
  });

  it('requests before the first load share one load; after a failed one they get 503 with Retry-After, not a load each', async () => {
    let calls = 0;
    let release: (value: unknown) => void = () => undefined;
    const handler = handlerFor(() => { calls += 1; return new Promise((resolve) => { release = resolve; }); });
    const waiting = Array.from({ length: 10 }, () => handler(post('info', {})));
    await new Promise((resolve) => setTimeout(resolve, 20));
    release(sample);
    expect((await Promise.all(waiting)).map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(calls).toBe(1);
    let failures = 0;
    const failing = handlerFor(async () => { failures += 1; throw new Error('database is down'); }, { retryAfterFailureMs: 60_000 });
    const first = await failing(post('info', {}));
    const again = await Promise.all(Array.from({ length: 5 }, () => failing(post('info', {}))));
    expect([first.status, ...again.map((r) => r.status)]).toEqual(Array(6).fill(503));
    expect(again[0]?.headers.get('retry-after')).toBe('60');
    expect(failures).toBe(1);
  });

  it('a load gets an AbortSignal, aborted when it takes too long or the handler closes', async () => {
    const signals: AbortSignal[] = [];
    const slow = handlerFor(({ signal }) => { signals.push(signal); return new Promise(() => undefined); }, { loadTimeoutMs: 30 });
    await slow.reload();
    expect(signals[0]?.aborted).toBe(true);
    expect(slow.status().lastError).toBe('load() did not finish within 30 ms');
    const closing = handlerFor(({ signal }) => { signals.push(signal); return new Promise(() => undefined); });
    const loading = closing.reload();
    closing.close();
    await loading;
    expect(signals[1]?.aborted).toBe(true);
    // A stream that stops yielding (a cursor whose server went away) is given up on too, and the next load can start.
    const stalled = handlerFor(async () => ({
      async *[Symbol.asyncIterator]() {
        yield { collection: 'accounts', records: sample.accounts.slice(0, 3) };
        await new Promise(() => undefined);
      },
    }), { loadTimeoutMs: 30 });
    await stalled.reload();
    expect(stalled.status()).toMatchObject({ lastError: 'load() did not finish within 30 ms', loading: false });
  });

  it('a reload runs in slices: the previous data answers while a large load is prepared', async () => {
    const big = generateDataset({ seed: 12, accounts: 3000, tickets: false, roles: false });
    let next: unknown = sample;
    const handler = handlerFor(async () => next, { sliceMs: 2, rateLimit: false });
    await handler.reload();
    next = big;
    const reloading = handler.reload();
    let answered = 0;
    while (handler.status().loading) {
      expect((await json(await handler(post('info', {})))).accountCount).toBe(160);
      answered += 1;
    }
    await reloading;
    expect(answered).toBeGreaterThan(5);
    expect((await json(await handler(post('info', {})))).accountCount).toBe(3000);
  });

  it('a streamed load (record batches, each after its account) serves the same answers as the whole dataset', async () => {
    const streamed = handlerFor(() => generateDatasetChunks({ seed: 11, accounts: 160, blockAccounts: 25 }));
    const whole = handlerFor();
    for (const body of [['summary', { view }], ['rows', { view, rowSet: 'accounts', query: { limit: 20 } }]] as const) {
      expect(await json(await streamed(post(body[0], body[1])))).toEqual(await json(await whole(post(body[0], body[1]))));
    }
    expect(streamed.status().dataVersion).toBe(whole.status().dataVersion);
  });
});

describe('every request is bounded: a malformed or oversized view is a 400 naming its qualified field', () => {
  const handler = handlerFor();
  const cases: Array<[string, unknown, string]> = [
    ['summary', { view: { ...view, earlyWarning: { months: 1e9 } } }, 'view.earlyWarning.months'],
    ['summary', { view: { ...view, graceMonths: 1e9 } }, 'view.graceMonths'],
    ['summary', { view: { ...view, ahead: { months: 1e9 } } }, 'view.ahead.months'],
    ['summary', { view: { ...view, lookbackMonths: 1e9 } }, 'view.lookbackMonths'],
    ['summary', { view: { period: { from: '0000-01', to: '9999-12' } } }, 'view.period'],
    ['summary', { view: { period: { from: '9998-01', to: '9998-12' } } }, 'view.period.to'],
    ['summary', { view: { period: { from: '2025-13', to: '2025-12' } } }, 'view.period.from'],
    ['summary', { view: { ...view, asOf: '9999-12-31' } }, 'view.asOf'],
    ['summary', { view: { ...view, filters: { segment: Array.from({ length: 2000 }, (_, i) => `s${i}`) } } }, 'view.filters.segment'],
    ['summary', { view: { ...view, breakdownDimensions: ['segment', 'color'] } }, 'view.breakdownDimensions[1]'],
    ['summary', { view: { ...view, model: { components: { outcome: Array.from({ length: 40 }, (_, i) => ({ key: `k${i}`, weight: 1, floor: 0, target: 1 })) } } } }, 'view.model.components.outcome'],
    ['summary', { view: { ...view, selection: { kind: 'movement', movement: 'teleport' } } }, 'view.selection.target.movement'],
    ['rows', { view, rowSet: 'accounts', query: { sort: Array.from({ length: 300 }, () => ({ id: 'arr' })) } }, 'query.sort'],
    ['rows', { view, rowSet: 'accounts', query: { search: 'x'.repeat(500) } }, 'query.search'],
    ['drill-down', { view, target: { kind: 'attribution', field: 'everything' } }, 'target.field'],
    ['drill-down', { view, target: { kind: 'tier', month: '2025-06', tier: 'purple' } }, 'target.tier'],
    ['drill-down', { view, target: { kind: 'cohort', cohort: '2025-13' } }, 'target.cohort'],
    ['metric', { view, metric: 'secrets' }, 'metric'],
    ['account-story', { view, accountId: 'x'.repeat(500) }, 'accountId'],
  ];
  it.each(cases)('%s %j → 400 %s', async (kind, body, field) => {
    const response = await handler(post(kind, body));
    const answer = await json(response);
    expect([response.status, answer.field]).toEqual([400, field]);
    expect(String(answer.error)).not.toMatch(/typed array|Invalid|undefined|TypeError/);
  });
});

describe('fail closed: a scope is exactly one of its shapes, own properties only, never all accounts by mistake', () => {
  const errors: unknown[] = [];
  const handler = handlerFor(async () => sample, { onError: (error) => errors.push(error) });
  const inherited = Object.create({ all: true }) as object;
  const sparse = new Array<string>(2);
  sparse[1] = csmIds[0] as string;
  it.each([
    ['all and a list', { all: true, csmIds: [csmIds[0]] }], ['an inherited all', inherited], ['all: "yes"', { all: 'yes' }],
    ['empty filters', { filters: {} }], ['filters with only empty lists', { filters: { csmId: [] } }], ['a filter on no field', { filters: { color: ['red'] } }],
    ['a list of numbers', { accountIds: [1, 2] }], ['a sparse list', { csmIds: sparse }], ['an unknown key', { csmIds: [csmIds[0]], also: 1 }],
    ['a string', 'everyone'], ['an array', [csmIds[0]]],
  ])('%s: 500, told to onError, nothing sent', async (_, scope) => {
    const before = errors.length;
    const custom = createCsHandler({ load: async () => sample, scope: () => scope as never, onError: (error) => errors.push(error) });
    const response = await custom(post('summary', { view }));
    expect(response.status).toBe(500);
    expect(await json(response)).toEqual({ error: 'the scope of this request could not be decided' });
    expect(errors.length).toBe(before + 1);
  });

  it('scope keys cannot collide: ids with separators in them are other scopes', async () => {
    const a = sample.accounts[0]?.id as string;
    const b = sample.accounts[1]?.id as string;
    const joined = await json(await handler(post('info', {}, { 'x-scope': JSON.stringify({ accountIds: [`${a}\u0000${b}`] }) })));
    const both = await json(await handler(post('info', {}, { 'x-scope': JSON.stringify({ accountIds: [a, b] }) })));
    expect([joined.accountCount, both.accountCount]).toEqual([0, 2]);
  });
});

describe('per-viewer budgets', () => {
  it('a viewer past its request rate gets 429 with Retry-After; another viewer is not held up', async () => {
    const handler = handlerFor(async () => sample, { rateLimit: { requestsPerMinute: 5 } });
    const mine = { 'x-scope': JSON.stringify({ csmIds: [csmIds[0]] }) };
    const statuses = [];
    for (let i = 0; i < 7; i += 1) statuses.push((await handler(post('info', {}, mine))).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const refused = await handler(post('info', {}, mine));
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await handler(post('info', {}, { 'x-scope': JSON.stringify({ csmIds: [csmIds[1]] }) }))).status).toBe(200);
  });

  it('a viewer whose answers took more than its computing budget waits', async () => {
    const handler = handlerFor(async () => sample, { rateLimit: { cpuMsPerMinute: 1 } });
    expect((await handler(post('summary', { view }))).status).toBe(200);
    const next = await handler(post('summary', { view: { ...view, graceMonths: 2 } }));
    expect(next.status).toBe(429);
    expect(Number(next.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});

describe('tenants: one process, many customers\' data, no answer crosses', () => {
  const other = generateDataset({ seed: 31, accounts: 90 });
  const renamed = { ...other, accounts: other.accounts.map((a) => ({ ...a, id: `t2-${a.id}`, name: `Tenant2 ${a.name}` })) };
  for (const name of ['contracts', 'health', 'activity', 'nps', 'leads', 'advocacy', 'revenue', 'measures', 'tickets'] as const) {
    (renamed as Record<string, unknown>)[name] = ((other[name] ?? []) as Array<{ accountId?: string }>).map((r) => ({ ...r, ...(r.accountId ? { accountId: `t2-${r.accountId}` } : {}) }));
  }
  const loads: string[] = [];
  const handler = createCsHandler({
    load: async ({ tenant }) => { loads.push(tenant); return tenant === 'acme' ? sample : renamed; },
    tenant: (request) => request.headers.get('x-tenant'),
    scope: () => ({ all: true, admin: true }),
  });

  it('each tenant loads and answers from its own data; its ids never appear in another tenant\'s answers', async () => {
    const acme = await json(await handler(post('rows', { view, rowSet: 'accounts', query: { limit: 5000 } }, { 'x-tenant': 'acme' })));
    const globex = await json(await handler(post('rows', { view, rowSet: 'accounts', query: { limit: 5000 } }, { 'x-tenant': 'globex' })));
    const acmeIds = new Set((acme.rows as Array<{ accountId: string }>).map((r) => r.accountId));
    const globexIds = new Set((globex.rows as Array<{ accountId: string }>).map((r) => r.accountId));
    expect([acmeIds.size, globexIds.size]).toEqual([sample.accounts.length, 90]);
    for (const id of acmeIds) expect(globexIds.has(id)).toBe(false);
    expect(handler.status('acme').accountCount).toBe(160);
    expect(handler.status('globex').accountCount).toBe(90);
    expect(handler.status('initech').version).toBe(0);
    expect((await handler(post('info', {}))).status).toBe(403);
    expect(loads.sort()).toEqual(['acme', 'globex']);
  });

  it('keeps tenants within the memory budget: a first load past it lets the least recently asked tenant\'s data go', async () => {
    const budgeted = createCsHandler({
      load: ({ tenant }) => (tenant === 'acme' ? sample : renamed), tenant: (request) => request.headers.get('x-tenant'), scope: () => ({ all: true }),
      // More than either tenant's prepared data, less than both.
      memoryBudgetBytes: handler.status('acme').memoryBytes + 1,
    });
    expect((await budgeted(post('info', {}, { 'x-tenant': 'acme' }))).status).toBe(200);
    expect(budgeted.status('acme')).toMatchObject({ version: 1, accountCount: 160 });
    expect((await budgeted(post('info', {}, { 'x-tenant': 'globex' }))).status).toBe(200);
    // globex's first load (not a reload the host asked for) let acme's data go; acme's next request loads it again.
    expect([budgeted.status('acme').accountCount, budgeted.status('globex').accountCount]).toEqual([0, 90]);
    expect((await json(await budgeted(post('info', {}, { 'x-tenant': 'acme' })))).accountCount).toBe(160);
    expect(budgeted.status('acme').version).toBe(2);
    expect(budgeted.status('globex').accountCount).toBe(0);
  });
});

/** Every string of a JSON answer, to search for an outside account's id or name as a whole value. */
function strings(value: unknown, out = new Set<string>()): Set<string> {
  if (typeof value === 'string') out.add(value);
  else if (Array.isArray(value)) for (const item of value) strings(item, out);
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) { out.add(key); strings(item, out); }
  return out;
}

describe('security: no answer carries anything outside the viewer\'s scope', () => {
  const handler = handlerFor();
  const ids = sample.accounts.map((a) => a.id);
  const scopeArb: fc.Arbitrary<CsScope> = fc.oneof(
    fc.subarray(csmIds, { minLength: 1, maxLength: 3 }).map((list) => ({ csmIds: list })),
    fc.subarray(ids, { minLength: 0, maxLength: 12 }).map((list) => ({ accountIds: list })),
    fc.constantFrom('EMEA', 'APAC', 'NA', 'LATAM').map((region) => ({ filters: { region: [region] } })),
  );
  const requestArb = fc.oneof(
    fc.constantFrom(...SUMMARY_PARTS).map((metric) => ['metric', { view, metric }] as const),
    fc.constant(['summary', { view }] as const),
    fc.constant(['info', {}] as const),
    fc.constant(['filter-options', { view }] as const),
    fc.tuple(fc.constantFrom(...(Object.keys(ROW_SETS) as Array<keyof typeof ROW_SETS>)), fc.integer({ min: 0, max: 50 }), fc.constantFrom(undefined, 'a', 'Acme'))
      .map(([rowSet, offset, search]) => ['rows', { view, rowSet, query: { offset, limit: 100, ...(search ? { search } : {}) } }] as const),
    fc.subarray(ids, { minLength: 1, maxLength: 5 }).map((accountIds) => ['drill-down', { view, target: { kind: 'accounts', accountIds } }] as const),
    fc.constantFrom(...ids).map((accountId) => ['account-story', { view, accountId }] as const),
    fc.subarray(ids, { minLength: 1, maxLength: 5 }).map((accountIds) => ['summary', { view: { ...view, accountIds } }] as const),
  );

  it('property: summaries, rows, stories, drill-downs, filter options and errors name only accounts in scope', async () => {
    await fc.assert(fc.asyncProperty(scopeArb, requestArb, async (scope, [kind, body]) => {
      const response = await handler(post(kind, body, { 'x-scope': JSON.stringify(scope) }));
      const text = await response.text();
      const inside = new Set(scopedIds(sample, scope));
      const seen = strings(JSON.parse(text));
      for (const account of sample.accounts) {
        if (inside.has(account.id)) continue;
        expect(seen.has(account.id), `${kind} leaks id ${account.id}`).toBe(false);
        expect(seen.has(account.name), `${kind} leaks name ${account.name}`).toBe(false);
      }
      if (kind === 'info') expect(JSON.parse(text).accountCount).toBe(inside.size);
    }), { numRuns: 150 });
  }, 60_000);
});

function scopedIds(dataset: Dataset, scope: CsScope): string[] {
  if ('csmIds' in scope) return dataset.accounts.filter((a) => scope.csmIds.includes(a.csmId as string)).map((a) => a.id);
  if ('accountIds' in scope) return [...scope.accountIds];
  if ('filters' in scope) return dataset.accounts.filter((a) => (scope.filters.region ?? []).includes(a.region as string)).map((a) => a.id);
  return dataset.accounts.map((a) => a.id);
}
