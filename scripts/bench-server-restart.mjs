// `pnpm bench:server:restart`: how soon a restarted @cskit/server answers at 100,000 accounts x 36 months
// (CSKIT_ACCOUNTS), with `snapshotDir` against without. Each start is a process of its own (a deploy's new process):
// 1. a first start with an empty snapshot directory: the cold start (load, validate, prepare), then the snapshot
//    written in the background (its time and size reported);
// 2. a restart over that directory: the first answer comes from the snapshot while the data is loaded anew; reported:
//    the time to the first answer, the longest event-loop block of the serving thread until then, RSS, and the time
//    until the new load has replaced the snapshot.
// Both with the data on the serving thread and in a data worker (CSKIT_SERVER_WORKER=1 for the worker only, =0 for
// the serving thread only; both by default). The loader is `pnpm bench:server`'s (scripts/bench-server-load.mjs).
// Results go to test-results/bench-server-restart.json. Not part of the test command.
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const MB = 2 ** 20;
const round = (value) => Math.round(value);
const role = process.argv[2];

if (role === 'start') await start(process.argv[3], process.argv[4] === 'worker');
else await main();

/** One process's start: its first answer, then (first start) the snapshot written, or (restart) the load that replaces it. */
async function start(dir, inWorker) {
  const { createCsHandler } = await import('../packages/server/dist/index.js');
  const { createDataWorker } = await import('../packages/server/dist/worker.js');
  const loaderModule = new URL('./bench-server-load.mjs', import.meta.url);
  const errors = [];
  const settings = { loadTimeoutMs: 10 * 60_000, snapshotDir: dir, onError: (error) => errors.push(String(error?.message ?? error)) };
  const hadSnapshot = readdirSync(dir).some((name) => name.endsWith('.snapshot'));
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const started = performance.now();
  const data = inWorker ? createDataWorker({ module: loaderModule, ...settings }) : null;
  const handler = createCsHandler({ ...(data ? { engine: data.engine } : { load: (await import(loaderModule.href)).load, ...settings }), scope: () => ({ all: true }), rateLimit: false });
  const first = await handler(new Request('http://127.0.0.1/api/cskit/v1/info', { method: 'POST', body: '{}' }));
  const firstAnswerMs = performance.now() - started;
  delay.disable();
  const blockMs = delay.max / 1e6;
  globalThis.gc?.();
  const rssMb = process.memoryUsage().rss / MB;
  const status = handler.status();
  let followMs = null;
  let writeBlockMs = null;
  if (hadSnapshot) {
    // The load that replaces the snapshot (the bench's first load generates the same data again: it is kept).
    while (handler.status().loading) await new Promise((tick) => setTimeout(tick, 50));
    followMs = performance.now() - started;
  } else {
    const writing = monitorEventLoopDelay({ resolution: 5 });
    writing.enable();
    while (!readdirSync(dir).some((name) => name.endsWith('.snapshot'))) await new Promise((tick) => setTimeout(tick, 50));
    writing.disable();
    writeBlockMs = writing.max / 1e6;
  }
  const doneMs = performance.now() - started;
  handler.close();
  await data?.close();
  process.send({ status: first.status, fromSnapshot: status.fromSnapshot, firstAnswerMs: round(firstAnswerMs), longestBlockUntilThenMs: round(blockMs), rssMb: round(rssMb), loadReplacedSnapshotMs: followMs && round(followMs), snapshotWrittenMs: hadSnapshot ? null : round(doneMs), longestBlockWhileWritingMs: writeBlockMs && round(writeBlockMs), errors });
  process.exit(0);
}

function run(dir, mode) {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['start', dir, mode], { execArgv: ['--expose-gc', '--max-old-space-size=8000'] });
    child.once('message', resolve);
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`the ${mode} start exited with ${code}`))));
  });
}

async function main() {
  const modes = process.env.CSKIT_SERVER_WORKER === '1' ? ['worker'] : process.env.CSKIT_SERVER_WORKER === '0' ? ['in-process'] : ['in-process', 'worker'];
  const results = {};
  for (const mode of modes) {
    const dir = mkdtempSync(join(tmpdir(), 'cskit-bench-snapshots-'));
    try {
      const cold = await run(dir, mode);
      const [file] = readdirSync(dir).filter((name) => name.endsWith('.snapshot'));
      const snapshotMb = round(statSync(join(dir, file)).size / MB);
      const restart = await run(dir, mode);
      const again = await run(dir, mode);
      results[mode] = { coldStart: cold, snapshotMb, restarts: [restart, again] };
      console.log(mode, JSON.stringify(results[mode], null, 1));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const out = fileURLToPath(new URL('../test-results/', import.meta.url));
  mkdirSync(out, { recursive: true });
  writeFileSync(`${out}bench-server-restart.json`, `${JSON.stringify({ node: process.version, accounts: Number(process.env.CSKIT_ACCOUNTS ?? 100_000), results }, null, 2)}\n`);
}
