/**
 * `snapshotDir`: a restarted handler serves the data its predecessor prepared, at once, while it loads anew; the
 * load's data replaces it as a reload's does; a host `version` equal to the snapshot's skips the load; a damaged or
 * another tenant's snapshot is never served (the data is loaded instead, `onError` told why).
 */
import { generateDataset } from '@cskit/sample-data';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { answerRequest, type PreparedDataset } from '@cskit/metrics';
import { prepareInSlices } from '@cskit/metrics/load';
import { createCsHandler } from './handler.js';
import { snapshotFiles } from './snapshots.js';
import { createDataWorker } from './worker.js';

const first = generateDataset({ seed: 11, accounts: 90 });
const second = generateDataset({ seed: 12, accounts: 70 });
const view = { period: { from: '2025-01', to: '2025-12' }, graceMonths: 1 };
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const newDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'cskit-snapshots-'));
  dirs.push(dir);
  return dir;
};

const post = (kind: string, body: unknown, tenant = 'default') =>
  new Request(`http://127.0.0.1/api/cskit/v1/${kind}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-tenant': tenant }, body: JSON.stringify(body) });
const summaryOf = async (handler: ReturnType<typeof createCsHandler>, tenant = 'default') => (await handler(post('summary', { view }, tenant))).text();

/** Waits until `dir` holds `count` snapshot files (written after a load, in the background). */
async function snapshotsIn(dir: string, count = 1): Promise<string[]> {
  for (let tries = 0; tries < 500; tries += 1) {
    const files = readdirSync(dir).filter((name) => name.endsWith('.snapshot'));
    if (files.length >= count) return files;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no snapshot in ${dir}`);
}

const handlerOf = (dir: string, options: Partial<Parameters<typeof createCsHandler>[0]> = {}) => createCsHandler({
  load: () => first, snapshotDir: dir, scope: () => ({ all: true, admin: true }), rateLimit: false,
  tenant: (request) => request.headers.get('x-tenant') ?? 'default', ...options,
});

describe('snapshotDir: prepared data kept between processes', () => {
  it('serves the snapshot at once after a restart, then the data loaded anew', async () => {
    const dir = newDir();
    const before = handlerOf(dir);
    const answer = await summaryOf(before);
    expect(before.status()).toMatchObject({ fromSnapshot: false, accountCount: 90 });
    await snapshotsIn(dir);
    before.close();

    // The next process: its load waits until the test lets it go.
    let release: (data: unknown) => void = () => undefined;
    let loads = 0;
    const after = handlerOf(dir, { load: () => { loads += 1; return new Promise((resolve) => { release = resolve; }); } });
    expect(await summaryOf(after)).toBe(answer);
    expect(after.status()).toMatchObject({ fromSnapshot: true, loading: true, accountCount: 90, version: 1, dataVersion: before.status().dataVersion });
    expect(loads).toBe(1);
    release(second);
    while (after.status().loading) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(after.status()).toMatchObject({ fromSnapshot: false, accountCount: 70, version: 2, lastError: null });
    expect(JSON.parse(await summaryOf(after))).toEqual(JSON.parse(await summaryOf(handlerOf(newDir(), { load: () => second }))));
    after.close();
  });

  it('skips the load when the host version says the snapshot is current, and keeps each tenant to its own', async () => {
    const dir = newDir();
    const version = (tenant: string) => `v-${tenant}`;
    const before = handlerOf(dir, { version, load: ({ tenant }) => (tenant === 'b' ? second : first) });
    const [a, b] = [await summaryOf(before, 'a'), await summaryOf(before, 'b')];
    await snapshotsIn(dir, 2);
    before.close();
    let loads = 0;
    const after = handlerOf(dir, { version, load: () => { loads += 1; return first; } });
    expect([await summaryOf(after, 'a'), await summaryOf(after, 'b')]).toEqual([a, b]);
    expect(a).not.toBe(b);
    while (after.status('a').loading || after.status('b').loading) await new Promise((resolve) => setTimeout(resolve, 10));
    expect([loads, after.status('a').fromSnapshot, after.status('b').dataVersion]).toEqual([0, true, 'v-b']);
    // A tenant with no snapshot loads.
    await summaryOf(after, 'c');
    expect(loads).toBe(1);
    after.close();
    // A version that cannot be read as the snapshot is served: the data is loaded (and the version asked again).
    let asked = 0;
    const unsure = handlerOf(dir, { version: (tenant) => { asked += 1; if (asked === 1) throw new Error('the database is busy'); return version(tenant); }, load: () => { loads += 1; return first; } });
    expect(await summaryOf(unsure, 'a')).toBe(a);
    while (unsure.status('a').loading) await new Promise((resolve) => setTimeout(resolve, 10));
    expect([loads, asked, unsure.status('a').lastError, unsure.status('a').dataVersion]).toEqual([2, 2, null, 'v-a']);
    unsure.close();
  });

  it('serves a tenant let go for memory from its snapshot when it is asked again', async () => {
    const dir = newDir();
    // A budget of one byte: each load that ends lets the other tenant's data go.
    const handler = handlerOf(dir, { memoryBudgetBytes: 1, load: ({ tenant }) => (tenant === 'b' ? second : first) });
    const a = await summaryOf(handler, 'a');
    await snapshotsIn(dir, 1);
    await summaryOf(handler, 'b');
    await snapshotsIn(dir, 2);
    while (handler.status('b').loading) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(handler.status('a')).toMatchObject({ accountCount: 0, dataVersion: null });
    expect(await summaryOf(handler, 'a')).toBe(a);
    expect(handler.status('a')).toMatchObject({ fromSnapshot: true, accountCount: 90 });
    handler.close();
  });

  it('loads instead of serving a damaged snapshot, and says why', async () => {
    const dir = newDir();
    const before = handlerOf(dir);
    const answer = await summaryOf(before);
    const [file] = await snapshotsIn(dir);
    before.close();
    for (const damage of [Buffer.from('not a snapshot at all'), Buffer.alloc(0)]) {
      writeFileSync(join(dir, file as string), damage);
      const errors: string[] = [];
      const after = handlerOf(dir, { onError: (error) => errors.push((error as Error).message) });
      expect(await summaryOf(after)).toBe(answer);
      expect(after.status()).toMatchObject({ fromSnapshot: false, lastError: null });
      expect(errors).toEqual([expect.stringMatching(/^the snapshot of tenant 'default' was not served \(the snapshot is cut short or damaged/)]);
      after.close();
    }
  });

  it('serves on when a snapshot cannot be written, and clears what a stopped writer left an hour ago', async () => {
    const notADir = join(newDir(), 'a-file');
    writeFileSync(notADir, 'x');
    const errors: string[] = [];
    const handler = handlerOf(notADir, { onError: (error) => errors.push((error as Error).message) });
    expect(JSON.parse(await summaryOf(handler))).toHaveProperty('waterfall');
    for (let tries = 0; errors.length < 2 && tries < 1000; tries += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(errors).toEqual([
      expect.stringMatching(/^the snapshot of tenant 'default' was not served \(.*ENOTDIR.*\); its data is loaded instead$/),
      expect.stringMatching(/^the snapshot of tenant 'default' was not written: .*(EEXIST|ENOTDIR)/),
    ]);
    expect(handler.status()).toMatchObject({ lastError: null, accountCount: 90 });
    handler.close();

    const dir = newDir();
    const before = handlerOf(dir);
    await summaryOf(before);
    const [file] = await snapshotsIn(dir);
    before.close();
    const firstSize = statSync(join(dir, file as string)).size;
    const [old, young] = [join(dir, `${file}.123.tmp`), join(dir, `${file}.456.tmp`)];
    writeFileSync(old, 'left by a stopped process');
    writeFileSync(young, 'another process writing now');
    utimesSync(old, new Date(Date.now() - 2 * 3_600_000), new Date(Date.now() - 2 * 3_600_000));
    // New data to write: the next process loads other data over its snapshot.
    const after = handlerOf(dir, { load: () => second });
    await summaryOf(after);
    while (after.status().loading || after.status().accountCount !== 70) await new Promise((resolve) => setTimeout(resolve, 10));
    // Until this process's own write of the new data is renamed into place.
    const mine = `${file}.${process.pid}-`;
    const written = () => statSync(join(dir, file as string)).size !== firstSize && !readdirSync(dir).some((name) => name.startsWith(mine));
    for (let tries = 0; !written() && tries < 1000; tries += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp')).sort()).toEqual([`${file}.456.tmp`]);
    after.close();
  });

  it('snapshotFiles keeps one engine and its version in files, for createSqlEngine', async () => {
    const dir = newDir();
    const files = snapshotFiles(dir);
    expect(await files.read('v9')).toBeNull();
    const load = await prepareInSlices(first);
    await files.write('v9', load);
    const back = await files.read('v9');
    expect(back?.version).toBe('v9');
    // Another version's: null, from its head alone. With the file cut right after its head (the objects' length,
    // the typed arrays' table's length, then both), another version's is still null; this version's cannot be read.
    expect(await files.read('v8')).toBeNull();
    const [file] = readdirSync(dir);
    const bytes = readFileSync(join(dir, file as string));
    const headEnd = 12 + Number(bytes.readBigUInt64LE(0)) + bytes.readUInt32LE(8);
    writeFileSync(join(dir, file as string), bytes.subarray(0, headEnd + 10));
    expect(await files.read('v8')).toBeNull();
    await expect(files.read('v9')).rejects.toThrow(/cut short or damaged/);
    writeFileSync(join(dir, file as string), bytes);
    const summary = { kind: 'summary', view } as const;
    expect(JSON.stringify(answerRequest(back?.load.engine as PreparedDataset, summary))).toBe(JSON.stringify(answerRequest(load.engine, summary)));
    // Another name is another snapshot.
    expect(await snapshotFiles(dir, { name: 'other' }).read('v9')).toBeNull();
  });

  it('serves a snapshot from a data worker, written by the worker before it', async () => {
    const dir = newDir();
    const module = new URL('./worker/test-load.mjs', import.meta.url);
    const workerUrl = new URL('../dist/data-worker.mjs', import.meta.url);
    // The first worker's load is quick; the restarted one's takes longer than the test (so every answer it gives
    // before the end is the snapshot's). A worker starts on its first request, with the environment of that moment.
    process.env.CSKIT_TEST_SLOW_MS = '0';
    const started = createDataWorker({ module, workerUrl, snapshotDir: dir });
    const handler = createCsHandler({ engine: started.engine, scope: () => ({ all: true, admin: true }), rateLimit: false, tenant: () => 'slow' });
    const answer = await summaryOf(handler, 'slow');
    await snapshotsIn(dir);
    await started.close();
    process.env.CSKIT_TEST_SLOW_MS = '600000';
    const again = createDataWorker({ module, workerUrl, snapshotDir: dir });
    const restarted = createCsHandler({ engine: again.engine, scope: () => ({ all: true, admin: true }), rateLimit: false, tenant: () => 'slow' });
    try {
      expect(await summaryOf(restarted, 'slow')).toBe(answer);
      expect(restarted.status('slow')).toMatchObject({ fromSnapshot: true, loading: true, accountCount: 160 });
    } finally {
      delete process.env.CSKIT_TEST_SLOW_MS;
      await again.close();
    }
  });
});
