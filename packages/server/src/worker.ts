/**
 * `@cskit/server/worker`: the data in a worker thread. `createDataWorker({ module })` starts a thread that imports the
 * host's module (which exports `load`, as `createCsHandler`'s option, and may export `version`), loads, validates,
 * prepares and answers there, and gives the handler an engine per tenant:
 *
 *   const data = createDataWorker({ module: new URL('./load-data.mjs', import.meta.url), reloadEveryMs: 15 * 60_000 });
 *   const cskit = createCsHandler({ engine: data.engine, scope });
 *
 * The thread that serves HTTP then only routes, checks scopes and views, and sends JSON: a reload's data work and
 * its garbage collections (up to ~90 ms pauses of a 250 MB heap at 100k accounts), and every answer's computing,
 * run on the other core. The loader runs in the worker too: its records never cross threads (posting ~10 million
 * records costs about what the worker saves). Everything else is as with `load`: slices, refused loads, tenants,
 * scoped engines, `reload()` and `status()` through the handler.
 *
 * If the worker stops (its heap limit, `resourceLimits`, reached; an error in the host's module), requests in
 * flight get 503 with `Retry-After`, `onError` is told, and the next request after `retryAfterFailureMs` starts a
 * new worker, which loads again: the process itself never goes down with it.
 */
import { pathToFileURL } from 'node:url';
import type { ResourceLimits, Worker } from 'node:worker_threads';
import type { CsRequest } from '@cskit/metrics';
import { DEFAULT_RETRY_AFTER_FAILURE_MS, emptyStatus } from './data.js';
import type { DataSettings } from './data.js';
import type { CsEngine, CsHandlerStatus } from './handler.js';
import { jsonText, unavailable } from './http.js';
import type { CsScope } from './scope.js';
import { fromWire } from './worker/messages.js';
import type { FromWorker, Ping, Question, WorkerSettings } from './worker/messages.js';

export interface DataWorkerOptions extends DataSettings {
  /**
   * The host's module, a file URL or an absolute path: it exports `load(context)` (as `createCsHandler`'s `load`:
   * records or a stream of `DatasetChunk`s, told the tenant and given an `AbortSignal`) and may export
   * `version(tenant)`. It is imported in the worker, so it reads its database there (environment variables are the
   * worker's too).
   */
  module: string | URL;
  /** The worker's V8 heap limits (`worker_threads`' `resourceLimits`): a load past them stops the worker, not the process. */
  resourceLimits?: ResourceLimits;
  /**
   * A worker that answers no heartbeat for this long is stuck (a host's `load` that never yields, say) and is stopped:
   * requests waiting on it get 503 and the next request after `retryAfterFailureMs` starts a new one. Default 30 s.
   */
  stallMs?: number;
  /** The worker's script: default this package's `data-worker.mjs` (give it when a bundler moves the package's files). */
  workerUrl?: URL;
  /** Told about failed or refused loads, engine failures and a worker that stopped (never sent to a client). */
  onError?: (error: unknown) => void;
}

export interface DataWorker {
  /** The engine of a tenant, for `createCsHandler({ engine: data.engine })`. */
  readonly engine: (tenant: string) => CsEngine;
  /** Loads a tenant's data again now (shared with a load in flight); the previous data serves until it succeeds. */
  reload(tenant?: string): Promise<void>;
  /** What the worker last said of a tenant's data (it says so whenever a load starts or ends). */
  status(tenant?: string): CsHandlerStatus;
  /** Stops the worker (and its reload timer and any load in flight). */
  close(): Promise<void>;
}

interface Pending {
  resolve: (value: FromWorker & { type: 'reply' }) => void;
  reject: (error: Error) => void;
}

/**
 * The worker's script beside this file (a bundler copies it, as it copies any `new URL(..., import.meta.url)`: it is
 * one file that imports only packages). `Worker` is taken from Node when a worker starts, not imported: Turbopack
 * rewrites `new Worker(...)` of an imported `worker_threads` into its own worker chunks, which cannot start this
 * script (Next.js 16: `request.indexOf is not a function` on every request).
 */
const workerScript = (): URL => new URL('./data-worker.mjs', import.meta.url);
const workerThreads = () => process.getBuiltinModule('node:worker_threads');

/** What a client is told while there is no worker to ask: nothing of why (that goes to `onError` and `status()`). */
const NOT_NOW = 'the data is not available right now; try again shortly';

const moduleUrl = (module: string | URL): string => (module instanceof URL ? module.href : module.startsWith('file:') ? module : pathToFileURL(module).href);

export function createDataWorker(options: DataWorkerOptions): DataWorker {
  const { module, onError = () => undefined, resourceLimits, workerUrl, stallMs = 30_000, ...data } = options;
  const retryAfterFailureMs = data.retryAfterFailureMs ?? DEFAULT_RETRY_AFTER_FAILURE_MS;
  // The data settings cross to the worker as they are; the functions and the thread's own options stay here.
  const settings: WorkerSettings = { ...data, module: moduleUrl(module) };
  const pending = new Map<number, Pending>();
  const statuses = new Map<string, CsHandlerStatus>();
  let worker: Worker | null = null;
  let startedAt = -Infinity;
  let stopped: string | null = null;
  let closed = false;
  let nextId = 1;

  const start = (): Worker => {
    startedAt = performance.now();
    const thread = new (workerThreads().Worker)(workerUrl ?? workerScript(), { workerData: settings, ...(resourceLimits ? { resourceLimits } : {}) });
    // The heartbeat: a ping a quarter of `stallMs` apart; no pong for `stallMs`, and the worker is stopped.
    let lastPong = performance.now();
    const heartbeat = setInterval(() => {
      if (performance.now() - lastPong <= stallMs) {
        thread.postMessage({ type: 'ping' } satisfies Ping);
        return;
      }
      clearInterval(heartbeat);
      stopped = `it did not answer for ${stallMs} ms`;
      void thread.terminate();
    }, Math.max(10, stallMs / 4));
    heartbeat.unref();
    thread.on('message', (message: FromWorker) => {
      if (message.type === 'pong') lastPong = performance.now();
      else if (message.type === 'status') statuses.set(message.tenant, message.status);
      else if (message.type === 'error') onError(fromWire(message.error));
      else settle(message);
    });
    // Why it stopped (an uncaught error, a heap limit): told to `onError` once, when it exits.
    thread.on('error', (error) => {
      stopped = error.message;
    });
    thread.on('exit', (code) => {
      clearInterval(heartbeat);
      if (worker === thread) worker = null;
      statuses.clear();
      stopped ??= `the data worker exited (code ${code})`;
      if (!closed && code !== 0) onError(new Error(`the data worker stopped: ${stopped}`));
      for (const [id, waiting] of pending) {
        pending.delete(id);
        waiting.reject(unavailable(NOT_NOW, retryAfterFailureMs));
      }
    });
    stopped = null;
    return thread;
  };

  const settle = (message: FromWorker & { type: 'reply' }) => {
    const waiting = pending.get(message.id);
    if (!waiting) return;
    pending.delete(message.id);
    if (message.error) waiting.reject(fromWire(message.error));
    else waiting.resolve(message);
  };

  /** The running worker, or a new one; a worker that stopped lately is not started again before `retryAfterFailureMs`. */
  const running = (): Worker => {
    if (closed) throw unavailable(NOT_NOW, retryAfterFailureMs);
    if (worker) return worker;
    const wait = startedAt + retryAfterFailureMs - performance.now();
    if (stopped !== null && wait > 0) throw unavailable(NOT_NOW, wait);
    worker = start();
    return worker;
  };

  const ask = (message: Question): Promise<FromWorker & { type: 'reply' }> => new Promise((resolve, reject) => {
    const id = nextId;
    nextId += 1;
    // Posted first: a message that cannot be cloned rejects here and leaves nothing waiting (replies come in a later task).
    running().postMessage({ ...message, id });
    pending.set(id, { resolve, reject });
  });

  const engines = new Map<string, CsEngine>();
  const engineOf = (tenant: string): CsEngine => {
    let engine = engines.get(tenant);
    if (engine) return engine;
    engine = {
      answer: async (request: CsRequest, { scope }: { scope: CsScope }) => {
        const reply = await ask({ type: 'answer', tenant, request, scope });
        return jsonText(reply.json ?? 'null', reply.computeMs ?? 0);
      },
      // The version the worker last told (it tells before it answers from new data), else asked (it waits for the first load).
      version: async () => statuses.get(tenant)?.dataVersion ?? String((await ask({ type: 'version', tenant })).value),
      issues: async () => (await ask({ type: 'issues', tenant })).value as object,
      reload: async () => {
        await ask({ type: 'reload', tenant });
      },
      dataStatus: () => statuses.get(tenant) ?? { ...emptyStatus(), lastError: stopped },
    };
    if (engines.size >= 10_000) engines.clear();
    engines.set(tenant, engine);
    return engine;
  };

  return {
    engine: engineOf,
    reload: (tenant = 'default') => engineOf(tenant).reload?.() ?? Promise.resolve(),
    status: (tenant = 'default') => engineOf(tenant).dataStatus?.() ?? emptyStatus(),
    close: async () => {
      closed = true;
      await worker?.terminate();
      worker = null;
    },
  };
}

