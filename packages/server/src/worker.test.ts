import { generateDataset } from '@cskit/sample-data';
import { describe, expect, it } from 'vitest';
import { createCsHandler } from './handler.js';
import { computeMsOf, jsonText, respond } from './http.js';
import type { CsScope } from './scope.js';
import { createDataWorker } from './worker.js';
import type { DataWorkerOptions } from './worker.js';

// The worker thread runs the built package (it is plain Node, without the test runner's transforms); this side runs
// the source. `pnpm build` comes before the tests in scripts/test.sh.
const workerUrl = new URL('../dist/data-worker.mjs', import.meta.url);
const module = new URL('./worker/test-load.mjs', import.meta.url);
const view = { period: { from: '2025-01', to: '2025-12' }, graceMonths: 1 };
const sample = generateDataset({ seed: 11, accounts: 160 });
const csmIds = [...new Set(sample.accounts.map((a) => a.csmId as string))].sort();

/** A handler over a data worker; the scope from the `x-scope` header (JSON), the tenant from `x-tenant`. */
function workerHandler(options: Partial<DataWorkerOptions> = {}) {
  const errors: string[] = [];
  const data = createDataWorker({ module, workerUrl, onError: (error) => errors.push(String((error as Error).message)), ...options });
  const handler = createCsHandler({
    engine: data.engine,
    scope: (request) => {
      const header = request.headers.get('x-scope');
      return header === null ? { all: true, admin: true } : (JSON.parse(header) as CsScope | null);
    },
    tenant: (request) => request.headers.get('x-tenant') ?? 'default',
    rateLimit: false,
  });
  return { data, handler, errors };
}
/** The handler loading in process, as a peer: the same data, the same answers. */
const inProcess = createCsHandler({
  load: () => sample, rateLimit: false,
  scope: (request) => {
    const header = request.headers.get('x-scope');
    return header === null ? { all: true, admin: true } : (JSON.parse(header) as CsScope | null);
  },
});

const json = async (response: Response) => (await response.json()) as Record<string, unknown>;
const post = (kind: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(`http://127.0.0.1/api/cskit/v1/${kind}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('createDataWorker: the data in a worker thread', () => {
  it('answers every kind as the handler loading in process does, for everyone and for a scope', async () => {
    const { data, handler } = workerHandler();
    try {
      const book = JSON.stringify({ csmIds: [csmIds[0]] });
      const asks: Array<[string, unknown, Record<string, string>]> = [
        ['info', {}, {}], ['info', {}, { 'x-scope': book }], ['summary', { view }, {}], ['summary', { view }, { 'x-scope': book }],
        ['metric', { view, metric: 'waterfall' }, { 'x-scope': book }],
        ['rows', { view, rowSet: 'accounts', query: { sort: [{ id: 'arr', desc: true }], limit: 20 } }, {}],
        ['filter-options', { view }, { 'x-scope': book }],
        ['account-story', { view, accountId: sample.accounts[0]?.id }, {}],
      ];
      for (const [kind, body, headers] of asks) {
        const [inWorker, here] = await Promise.all([handler(post(kind, body, headers)), inProcess(post(kind, body, headers))]);
        expect([kind, inWorker.status]).toEqual([kind, 200]);
        expect(await inWorker.text()).toBe(await here.text());
      }
      // 160 accounts, seed 11; a CSM's book is fewer. The module's `version` names the data.
      expect(handler.status()).toMatchObject({ version: 1, dataVersion: 'db-default-1', accountCount: 160, loading: false, lastError: null });
      const issues = await handler(new Request('http://127.0.0.1/api/cskit/v1/issues'));
      expect(await json(issues)).toMatchObject({ version: 1, count: 0, issues: [] });
    } finally {
      await data.close();
    }
  });

  it('says what the in-process handler says of bad requests: 400 naming the field, 404, 304 for a known ETag', async () => {
    const { data, handler } = workerHandler();
    try {
      const badMetric = await handler(post('metric', { view, metric: 'passwords' }));
      expect([badMetric.status, (await json(badMetric)).field]).toEqual([400, 'metric']);
      const far = await handler(post('summary', { view: { ...view, earlyWarning: { months: 1e9 } } }));
      expect([far.status, (await json(far)).field]).toEqual([400, 'view.earlyWarning.months']);
      const nobody = await handler(post('account-story', { view, accountId: 'no-such-account' }));
      expect(nobody.status).toBe(404);
      // Outside the viewer's scope is the same 404 as no account at all.
      const outside = sample.accounts.find((a) => a.csmId !== csmIds[0])?.id;
      const hidden = await handler(post('account-story', { view, accountId: outside }, { 'x-scope': JSON.stringify({ csmIds: [csmIds[0]] }) }));
      expect(hidden.status).toBe(404);
      const first = await handler(post('summary', { view }));
      const again = await handler(post('summary', { view }, { 'if-none-match': first.headers.get('etag') ?? '' }));
      expect(again.status).toBe(304);
    } finally {
      await data.close();
    }
  });

  it('keeps tenants apart, refuses a degraded reload (the previous data serves on), and 503s a failing load', async () => {
    const { data, handler, errors } = workerHandler({ retryAfterFailureMs: 60_000 });
    try {
      const count = async (tenant: string) => (await json(await handler(post('info', {}, { 'x-tenant': tenant })))).accountCount;
      expect([await count('default'), await count('other')]).toEqual([160, 40]);
      expect(await count('shrinking')).toBe(160);
      // While a reload runs in the worker, the previous data answers.
      const reloading = handler.reload('shrinking');
      expect(await count('shrinking')).toBe(160);
      await reloading;
      expect(await count('shrinking')).toBe(160);
      expect(handler.status('shrinking')).toMatchObject({ version: 1, lastError: expect.stringContaining('no valid account') });
      const failing = await handler(post('info', {}, { 'x-tenant': 'failing' }));
      expect([failing.status, failing.headers.get('retry-after')]).toEqual([503, '60']);
      expect(errors).toContain('the database is down');
    } finally {
      await data.close();
    }
  });

  it('survives a worker that runs out of heap: 503 with Retry-After, no internals, onError told, a new worker next', async () => {
    const { data, handler, errors } = workerHandler({ resourceLimits: { maxOldGenerationSizeMb: 48 }, retryAfterFailureMs: 0 });
    try {
      const exhausted = await handler(post('info', {}, { 'x-tenant': 'exhausting' }));
      expect(exhausted.status).toBe(503);
      expect(exhausted.headers.get('retry-after')).toBe('1');
      expect(await json(exhausted)).toEqual({ error: 'the data is not available right now; try again shortly' });
      expect(errors.some((message) => /memory/i.test(message))).toBe(true);
      // The process is still here, and a new worker loads and answers the next request.
      const next = await handler(post('info', {}));
      expect([next.status, (await json(next)).accountCount]).toEqual([200, 160]);
    } finally {
      await data.close();
    }
  });

  it('replaces a stuck worker: a load that never yields its thread gets 503, onError told, and a new worker answers next', async () => {
    // 2 s: a worker starts and loads this data in ~0.2 s here; a slow machine must not be taken for a stuck worker.
    const { data, handler, errors } = workerHandler({ stallMs: 2000, retryAfterFailureMs: 0 });
    try {
      const stuck = await handler(post('info', {}, { 'x-tenant': 'stuck' }));
      expect([stuck.status, await json(stuck)]).toEqual([503, { error: 'the data is not available right now; try again shortly' }]);
      expect(errors).toContain('the data worker stopped: it did not answer for 2000 ms');
      expect(handler.status('stuck').lastError).toBe('it did not answer for 2000 ms');
      const next = await handler(post('info', {}));
      expect([next.status, (await json(next)).accountCount]).toEqual([200, 160]);
    } finally {
      await data.close();
    }
  });

  it('reloads on its own timer (reloadEveryMs): new data is swapped in while the previous answers', async () => {
    const { data, handler } = workerHandler({ reloadEveryMs: 200 });
    try {
      expect((await handler(post('info', {}, { 'x-tenant': 'changing' }))).status).toBe(200);
      expect(handler.status('changing')).toMatchObject({ version: 1, dataVersion: 'db-changing-1' });
      for (let waited = 0; handler.status('changing').version < 3 && waited < 20_000; waited += 50) await new Promise((tick) => setTimeout(tick, 50));
      expect(handler.status('changing').version).toBeGreaterThanOrEqual(3);
      expect((await handler(post('info', {}, { 'x-tenant': 'changing' }))).status).toBe(200);
    } finally {
      await data.close();
    }
  });

  it('sends a worker\'s JSON as it is, and charges a viewer the worker\'s computing time, not the wait behind others', async () => {
    const answer = jsonText('{"arr":1}', 12.5);
    expect(await respond(new Request('http://127.0.0.1/'), 200, answer, null, false).text()).toBe('{"arr":1}');
    expect(computeMsOf(answer)).toBe(12.5);
    // Plain answers (in process, from SQL) are charged their wall time; no parsed JSON can carry the mark.
    expect([computeMsOf({ arr: 1 }), computeMsOf(JSON.parse('{"computeMs":3}')), computeMsOf(null)]).toEqual([null, null, null]);
  });

  it('answers between the slices of a long load in the worker, not after it', async () => {
    const { data, handler } = workerHandler();
    try {
      expect((await handler(post('info', {}))).status).toBe(200);
      let largeDone = false;
      const large = handler(post('info', {}, { 'x-tenant': 'large' })).then((response) => { largeDone = true; return response; });
      // Asked after the long load began (the worker takes questions in order), answered while it still runs.
      const answers = [];
      for (let k = 0; k < 3; k += 1) answers.push((await handler(post('summary', { view: { ...view, graceMonths: k } }))).status);
      expect([answers, largeDone, handler.status('large').loading]).toEqual([[200, 200, 200], false, true]);
      expect((await json(await large)).accountCount).toBe(3000);
    } finally {
      await data.close();
    }
  });

  it('charges a viewer the worker\'s computing time end to end: past the budget, 429 with Retry-After', async () => {
    const data = createDataWorker({ module, workerUrl });
    // 1 ms of computing a minute: one summary computed in the worker spends it; requests alone would allow 1,000.
    const handler = createCsHandler({ engine: data.engine, scope: () => ({ all: true, admin: true }), rateLimit: { requestsPerMinute: 1000, cpuMsPerMinute: 1 } });
    try {
      expect((await handler(post('summary', { view }))).status).toBe(200);
      const refused = await handler(post('summary', { view: { ...view, graceMonths: 2 } }));
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    } finally {
      await data.close();
    }
  });

  it('closes while a load runs: the waiting request gets 503 at once, not when the load would end', async () => {
    const { data, handler } = workerHandler();
    // The fixture's 'slow' load takes ten minutes here (the worker starts with the environment of its first request):
    // only close() can answer the request.
    process.env.CSKIT_TEST_SLOW_MS = '600000';
    try {
      const waiting = handler(post('info', {}, { 'x-tenant': 'slow' }));
      await new Promise((tick) => setTimeout(tick, 200));
      await data.close();
      expect((await waiting).status).toBe(503);
      expect((await handler(post('info', {}))).status).toBe(503);
    } finally {
      delete process.env.CSKIT_TEST_SLOW_MS;
    }
  });

  it('answers nothing once closed', async () => {
    const { data, handler } = workerHandler();
    expect((await handler(post('info', {}))).status).toBe(200);
    await data.close();
    expect((await handler(post('info', {}))).status).toBe(503);
  });
});
