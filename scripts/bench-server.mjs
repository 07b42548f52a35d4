// `pnpm bench:server`: @cskit/server at 100,000 accounts x 36 months (CSKIT_ACCOUNTS) on 127.0.0.1, Node's http
// and fetch, 20 concurrent viewers (CSKIT_VIEWERS), each a CSM's book, a team or an admin, asking the dashboard's
// requests in a loop from a process of their own (scripts/bench-server-viewers.mjs; until 2026-12-04 they ran in the
// server's process, their fetches and garbage in its event loop and RSS). The data comes from a streaming loader (the sample generator, a block of accounts at a time,
// as a database cursor would give it), so the process holds no more than a block of raw records.
// Measured, against the goals:
// - cold start: from the handler's creation to its first answer (the loader's own time, generating the records, is
//   reported apart: a host's loader reads its database instead);
// - steady state: latencies (p50, p99) and RSS while the viewers ask for SECONDS;
// - five reloads under the same load (CSKIT_RELOADS): the longest slice of data work (the handler's own measure of
//   what a request can wait behind), the longest event-loop block of any kind (perf_hooks' delay histogram, which
//   includes answering requests), latencies during each reload and in the 10 s after the new data is swapped in,
//   failed requests, peak RSS.
//   Reloads alternate between the same data (kept: nothing to swap) and new data (another seed: swapped).
// CSKIT_SERVER_WORKER=1 runs the data in a worker thread (`createDataWorker`): loading, preparing, answering and their
// garbage collections leave the serving thread, whose event loop the delay histogram then measures; the worker's
// slices of data work (what an answer can wait behind there) are reported as `dataWork`.
// CSKIT_SNAPSHOTS=1 gives the data a `snapshotDir` (a temporary directory): each load of new data is then also written
// to a file, as a host keeping snapshots for its restarts would (`pnpm bench:server:restart` measures the restarts).
// CSKIT_SERVER_SQL=<file> serves the data from a DuckDB file through @cskit/sql's engine (`createCsHandler({ engine })`):
// no load, so the cold start is opening the file and the first answer; the file is written first if missing (the same
// records as the loader's first load, not timed). Its data changes by writes, not reloads: no reloads are run.
// CSKIT_COLD_RUNS (default 3; not in SQL mode): the cold start again, each time in a fresh process of its own
// (scripts/bench-server-cold.mjs, the same flags and mode) before the server starts: this machine's speed varies by
// a quarter from minute to minute, so one cold start is one draw; the median of the fresh ones is reported beside it.
// Results go to test-results/bench-server.json. Not part of the test command.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createCsHandler } from '../packages/server/dist/index.js';
import { toNodeListener } from '../packages/server/dist/node.js';
import { createDataWorker } from '../packages/server/dist/worker.js';
import { ask } from './bench-server-ask.mjs';

const ACCOUNTS = Number(process.env.CSKIT_ACCOUNTS ?? 100_000);
const VIEWERS = Number(process.env.CSKIT_VIEWERS ?? 20);
const SECONDS = Number(process.env.CSKIT_SECONDS ?? 20);
const SQL_FILE = process.env.CSKIT_SERVER_SQL ?? null;
const RELOADS = SQL_FILE ? 0 : Number(process.env.CSKIT_RELOADS ?? 5);
const outDir = fileURLToPath(new URL('../test-results/', import.meta.url));
const MB = 2 ** 20;
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const round = (value) => Math.round(value);

// The loader (scripts/bench-server-load.mjs) tells how long it spent generating each load's records.
let loaderMs = 0;
const loaderChannel = new BroadcastChannel('cskit-bench-server');
loaderChannel.onmessage = (event) => { loaderMs += event.data.loaderMs; };
/** The loader's time so far, once its last message has come (it is posted when a load's stream ends). */
const loaderTime = async () => { await new Promise((resolve) => setTimeout(resolve, 50)); return loaderMs; };

// Viewers: CSMs' books, team leads (several CSMs), an admin; the scope comes from a header, as a host's auth would decide it.
const csmOf = (i) => `csm-${String(1 + ((i * 37) % Math.max(3, Math.min(600, Math.round(ACCOUNTS / 80))))).padStart(3, '0')}`;
const scopes = new Map([['admin', { all: true }]]);
for (let i = 0; i < VIEWERS; i += 1) scopes.set(`v${i}`, i % 10 === 0 ? { all: true } : i % 4 === 0 ? { csmIds: [csmOf(i), csmOf(i + 1), csmOf(i + 2)] } : { csmIds: [csmOf(i)] });
const errors = [];
const onError = (error) => errors.push(String(error?.message ?? error));
const snapshotDir = process.env.CSKIT_SNAPSHOTS === '1' ? mkdtempSync(join(tmpdir(), 'cskit-bench-server-')) : null;
const dataSettings = {
  loadTimeoutMs: 10 * 60_000,
  ...(snapshotDir ? { snapshotDir } : {}),
  // CSKIT_SLICE_MS: the slice of data work (the default when unset).
  ...(process.env.CSKIT_SLICE_MS ? { sliceMs: Number(process.env.CSKIT_SLICE_MS) } : {}),
};
// CSKIT_SERVER_WORKER=1: the data loaded, prepared and answered in a worker thread (createDataWorker); else on the
// serving thread (createCsHandler({ load })).
const IN_WORKER = process.env.CSKIT_SERVER_WORKER === '1';
const loaderModule = new URL('./bench-server-load.mjs', import.meta.url);
const sql = SQL_FILE ? await import('../packages/sql/dist/index.js') : null;
const { DuckDBInstance } = SQL_FILE ? await import('@duckdb/node-api') : {};
if (SQL_FILE && !existsSync(SQL_FILE)) {
  // The loader's first load (seed 2025), written once, with the health facts of the viewers' model (a host writes
  // those of its dashboard's): the data lives in the database before the server starts.
  const { load } = await import(loaderModule.href);
  const { SAMPLE_HEALTH_MODEL } = await import('../packages/sample-data/dist/index.js');
  const instance = await DuckDBInstance.create(SQL_FILE);
  const connection = await instance.connect();
  await sql.writeDataset(sql.duckdbClient(connection), load(), { dialect: 'duckdb', healthModels: [SAMPLE_HEALTH_MODEL] });
  connection.closeSync();
  instance.closeSync();
}
// Cold starts in fresh processes first (nothing else running), then this process's own.
const COLD_RUNS = SQL_FILE ? 0 : Number(process.env.CSKIT_COLD_RUNS ?? 3);
if (!Number.isInteger(COLD_RUNS) || COLD_RUNS < 0 || COLD_RUNS > 20) throw new RangeError(`CSKIT_COLD_RUNS must be a whole number from 0 to 20, got ${JSON.stringify(process.env.CSKIT_COLD_RUNS)}`);
const freshColdStarts = [];
for (let run = 0; run < COLD_RUNS; run += 1) {
  const child = fork(fileURLToPath(new URL('./bench-server-cold.mjs', import.meta.url)), [], { execArgv: process.execArgv, env: process.env });
  freshColdStarts.push(await new Promise((done, fail) => { child.once('message', done); child.once('error', fail); }));
  await new Promise((exited) => child.once('exit', exited));
}
if (COLD_RUNS > 0) console.log('cold starts in fresh processes', freshColdStarts);

// The cold start counts from here: opening the data (a DuckDB file) or creating the handler that loads it.
const startedAt = performance.now();
const duck = SQL_FILE ? await DuckDBInstance.create(SQL_FILE) : null;
const sqlEngine = duck ? sql.createSqlEngine({ client: sql.duckdbClient(await duck.connect()), dialect: 'duckdb', onError }) : null;
const dataWorker = IN_WORKER ? createDataWorker({ module: loaderModule, ...dataSettings, onError }) : null;
const handler = createCsHandler({
  ...(sqlEngine ? { engine: sqlEngine } : dataWorker ? { engine: dataWorker.engine } : { load: (await import(loaderModule.href)).load, ...dataSettings }),
  scope: (request) => scopes.get(request.headers.get('x-viewer') ?? '') ?? null,
  rateLimit: false,
  onError,
});

const memory = { max: 0, samples: [] };
const sampler = setInterval(() => {
  const rss = process.memoryUsage().rss;
  memory.max = Math.max(memory.max, rss);
  memory.samples.push(rss);
}, 100);
const resetMemory = () => { memory.max = process.memoryUsage().rss; memory.samples = []; };

const server = createServer(toNodeListener(handler));
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const base = `http://127.0.0.1:${server.address().port}/api/cskit/v1`;

// Cold start: the handler's first answer (the first request waits for the first load), then (reported apart) the
// whole dashboard summary of every account, the first view a viewer sees.
resetMemory();
const first = await ask(base, 'info', {}, 'admin');
const coldStartMs = performance.now() - startedAt;
const coldLoaderMs = SQL_FILE ? 0 : await loaderTime();
const coldSlices = sqlEngine ? null : handler.status().lastLoadSlices;
const firstSummary = await ask(base, 'summary', { view: { period: { from: '2025-01', to: '2025-12' } } }, 'admin');
const firstSummaryMs = performance.now() - startedAt;
globalThis.gc?.();
const afterLoadRss = process.memoryUsage().rss;
console.log(`cold start ${round(coldStartMs)} ms (loader ${round(coldLoaderMs)} ms, handler ${round(coldStartMs - coldLoaderMs)} ms), status ${first.status}; first summary at ${round(firstSummaryMs)} ms (${firstSummary.status}); RSS ${round(afterLoadRss / MB)} MB`);

// The viewers run in a process of their own: the server's event loop, heap and RSS are the server's alone.
const viewers = fork(fileURLToPath(new URL('./bench-server-viewers.mjs', import.meta.url)), [], { env: { ...process.env, CSKIT_BENCH_BASE: base } });
await new Promise((ready) => viewers.once('message', ready));
const epochNow = () => performance.timeOrigin + performance.now();
/** Runs the viewers until `until()` says stop; every answer's time, status and when it finished (epoch ms). */
async function traffic(until) {
  const results = new Promise((done) => viewers.once('message', (message) => done(message.results)));
  viewers.send({ type: 'run' });
  while (!until()) await new Promise((tick) => setTimeout(tick, 20));
  viewers.send({ type: 'stop' });
  return results;
}
const summarize = (results) => ({
  requests: results.length, failed: results.filter((r) => r.failed).length,
  p50Ms: round(percentile(results.map((r) => r.ms), 50)), p99Ms: round(percentile(results.map((r) => r.ms), 99)), maxMs: round(Math.max(0, ...results.map((r) => r.ms))),
});

// Warm-up, then steady state.
await traffic(((end) => () => epochNow() > end)(epochNow() + 5_000));
resetMemory();
const delay = monitorEventLoopDelay({ resolution: 5 });
delay.enable();
const steadyEnd = epochNow() + SECONDS * 1000;
const steadyResults = await traffic(() => epochNow() > steadyEnd);
delay.disable();
const steady = { ...summarize(steadyResults), longestBlockMs: round(delay.max / 1e6), rssMaxMb: round(memory.max / MB), rssMedianMb: round(percentile(memory.samples, 50) / MB) };
console.log('steady', steady);

// Reloads under load: alternately the same data (nothing to swap) and new data (swapped in).
const reloads = [];
for (let r = 0; r < RELOADS; r += 1) {
  resetMemory();
  const before = handler.status();
  loaderMs = 0;
  let reloaded = false;
  let swappedAt = 0;
  const started = epochNow();
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const reloading = handler.reload().then(() => { reloaded = true; swappedAt = epochNow(); loop.disable(); });
  const results = await traffic(() => reloaded && epochNow() > swappedAt + 10_000);
  await reloading;
  const during = results.filter((x) => x.at <= swappedAt);
  const after = results.filter((x) => x.at > swappedAt);
  const after1s = results.filter((x) => x.at > swappedAt && x.at <= swappedAt + 1000);
  const status = handler.status();
  const reload = {
    newData: status.version !== before.version, reloadMs: round(swappedAt - started), loaderMs: round(await loaderTime()),
    dataWork: status.lastLoadSlices, longestBlockMs: round(loop.max / 1e6),
    during: summarize(during), after10s: summarize(after), firstSecondAfter: summarize(after1s), rssPeakMb: round(memory.max / MB), lastError: status.lastError,
  };
  reloads.push(reload);
  console.log(`reload ${r + 1}`, reload);
}
globalThis.gc?.();
const finalRss = process.memoryUsage().rss;

const summary = {
  node: process.version, accounts: ACCOUNTS, viewers: VIEWERS, dataIn: SQL_FILE ? 'DuckDB (@cskit/sql)' : IN_WORKER ? 'a worker thread' : 'the serving thread', snapshots: snapshotDir !== null,
  coldStart: { totalMs: round(coldStartMs), loaderMs: round(coldLoaderMs), handlerMs: round(coldStartMs - coldLoaderMs), firstSummaryMs: round(firstSummaryMs), rssAfterLoadMb: round(afterLoadRss / MB), dataWork: coldSlices },
  freshColdStarts: COLD_RUNS === 0 ? null : {
    runs: freshColdStarts, medianMs: percentile(freshColdStarts.map((run) => run.totalMs), 50),
    minMs: Math.min(...freshColdStarts.map((run) => run.totalMs)), maxMs: Math.max(...freshColdStarts.map((run) => run.totalMs)),
  },
  steady,
  reloads,
  worst: reloads.length === 0 ? null : {
    longestDataWorkSliceMs: Math.max(coldSlices?.longestMs ?? 0, ...reloads.map((r) => r.dataWork?.longestMs ?? 0)),
    longestBlockDuringReloadMs: Math.max(...reloads.map((r) => r.longestBlockMs)),
    p99DuringReloadMs: Math.max(...reloads.map((r) => r.during.p99Ms)),
    p99DuringReloadOverSteady: Math.round((Math.max(...reloads.map((r) => r.during.p99Ms)) / Math.max(1, steady.p99Ms)) * 100) / 100,
    failedRequests: reloads.reduce((sum, r) => sum + r.during.failed + r.after10s.failed, 0) + steady.failed,
    rssPeakDuringReloadMb: Math.max(...reloads.map((r) => r.rssPeakMb)),
  },
  finalRssMb: round(finalRss / MB),
  errors,
};
console.log(JSON.stringify(summary.worst, null, 2));
mkdirSync(outDir, { recursive: true });
writeFileSync(`${outDir}bench-server.json`, `${JSON.stringify(summary, null, 2)}\n`);
clearInterval(sampler);
viewers.send({ type: 'exit' });
server.close();
handler.close();
await dataWorker?.close();
duck?.closeSync();
loaderChannel.close();
if (snapshotDir) rmSync(snapshotDir, { recursive: true, force: true });
process.exit(0);
