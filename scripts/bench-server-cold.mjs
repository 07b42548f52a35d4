// One cold start of `pnpm bench:server`'s handler in a fresh process (forked by scripts/bench-server.mjs with the
// bench's own flags, CSKIT_COLD_RUNS times): from the handler's creation to its first answer, the data loaded and
// prepared on the serving thread, or in a data worker with CSKIT_SERVER_WORKER=1. No server or viewers: the process
// does nothing else. It sends back the total, the loader's part (its generating time) and the RSS, then exits.
import { createCsHandler } from '../packages/server/dist/index.js';
import { createDataWorker } from '../packages/server/dist/worker.js';

const loaderModule = new URL('./bench-server-load.mjs', import.meta.url);
let loaderMs = 0;
const channel = new BroadcastChannel('cskit-bench-server');
channel.onmessage = (event) => { loaderMs += event.data.loaderMs; };
const settings = { loadTimeoutMs: 10 * 60_000 };

const startedAt = performance.now();
const dataWorker = process.env.CSKIT_SERVER_WORKER === '1' ? createDataWorker({ module: loaderModule, ...settings }) : null;
const handler = createCsHandler({
  ...(dataWorker ? { engine: dataWorker.engine } : { load: (await import(loaderModule.href)).load, ...settings }),
  scope: () => ({ all: true }),
  rateLimit: false,
});
const first = await handler(new Request('http://127.0.0.1/api/cskit/v1/info', { method: 'POST', body: '{}' }));
const totalMs = performance.now() - startedAt;
// The loader's message is posted when its stream ends; let it arrive.
await new Promise((resolve) => setTimeout(resolve, 50));
process.send({ status: first.status, totalMs: Math.round(totalMs), loaderMs: Math.round(loaderMs), rssMb: Math.round(process.memoryUsage().rss / 2 ** 20) });
handler.close();
await dataWorker?.close();
channel.close();
process.exit(0);
