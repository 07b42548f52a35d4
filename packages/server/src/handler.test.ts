import { filterDataset, prepareDataset, ROW_SETS, SUMMARY_PARTS } from '@cskit/metrics';
import type { Dataset } from '@cskit/metrics';
import { generateDataset } from '@cskit/sample-data';
import fc from 'fast-check';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createCsHandler } from './handler.js';
import type { CsScope } from './scope.js';

const sample = generateDataset({ seed: 11, accounts: 160 });
const view = { period: { from: '2025-01', to: '2025-12' }, graceMonths: 1 };
const csmIds = [...new Set(sample.accounts.map((a) => a.csmId as string))].sort();

/** A handler whose scope comes from the test's `x-scope` header (JSON), as a host's auth would decide it. */
function handlerFor(load: () => Promise<unknown> = async () => sample, options: Partial<Parameters<typeof createCsHandler>[0]> = {}) {
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
    expect(scoped).toEqual(JSON.parse(JSON.stringify(prepareDataset({ ...theirs, csms: sample.csms?.filter((c) => c.id === csmIds[0]) }).summary(view))));
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

  it('an ETag per data version, scope and view: 304 on repeat; gzip when accepted', async () => {
    const first = await handler(post('summary', { view }));
    const etag = first.headers.get('etag') as string;
    expect(etag).toMatch(/^W\/"1-[0-9a-f]{24}"$/);
    expect((await handler(post('summary', { view }, { 'if-none-match': etag }))).status).toBe(304);
    const otherScope = await handler(post('summary', { view }, { 'if-none-match': etag, 'x-scope': JSON.stringify({ csmIds: [csmIds[1]] }) }));
    expect(otherScope.status).toBe(200);
    const zipped = await handler(post('summary', { view }, { 'accept-encoding': 'gzip, br' }));
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(JSON.parse(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString())).toEqual(await json(first.clone()));
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
    const flaky = handlerFor(async () => { calls += 1; if (calls === 2) throw new Error('timeout'); return calls === 1 ? sample : { ...sample, accounts: sample.accounts.slice(0, 10) }; });
    expect((await json(await flaky(post('info', {})))).accountCount).toBe(160);
    await flaky.reload();
    expect(flaky.status()).toMatchObject({ version: 1, lastError: 'timeout', accountCount: 160 });
    expect((await json(await flaky(post('info', {})))).accountCount).toBe(160);
    await flaky.reload();
    expect(flaky.status()).toMatchObject({ version: 2, lastError: null, accountCount: 10 });
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
