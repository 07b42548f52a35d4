/**
 * The data worker's thread (`createDataWorker`): it imports the host's module, and loads, validates, prepares and
 * answers there, so none of that work, and none of the garbage collections of the heap that holds it, ever holds up
 * the thread that serves HTTP. The same tenants as in `createCsHandler({ load })` (`Tenants`, `TenantData`): a
 * reload's data work runs in slices between answers, the previous data answers meanwhile, a degraded load is
 * refused, and scopes are answered by scoped engines. Answers go back as JSON text, serialized here.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { answerRequest } from '@cskit/metrics';
import { nextTask } from '@cskit/metrics/load';
import type { Loaded, LoadContext, LoadedData, TenantData } from '../data.js';
import { DEFAULT_SLICE_MS, issuesOf } from '../data.js';
import { checkScope } from '../scope.js';
import { Tenants } from '../tenants.js';
import { toWire } from './messages.js';
import type { FromWorker, Ping, ToWorker, WorkerSettings } from './messages.js';

interface HostModule {
  load?: (context: LoadContext) => LoadedData | Promise<LoadedData>;
  version?: (tenant: string) => string | Promise<string>;
}

const port = parentPort;
if (!port) throw new Error('@cskit/server: the data worker runs in a worker thread (createDataWorker), not on its own');
const settings = workerData as WorkerSettings;
const host = (await import(settings.module)) as HostModule;
if (typeof host.load !== 'function') throw new TypeError(`the data worker's module ${settings.module} exports no load(context) function`);
const load = host.load;

const post = (message: FromWorker) => port.postMessage(message);
const replyError = (id: number) => (error: unknown) => post({ type: 'reply', id, error: toWire(error) });
// Data work and answers take turns, each in its own task: a slice of data work, then questions for up to two slices'
// time (as the handler rests two slices while requests are in flight). A port hands over every message waiting in
// one go: answering each as it came would starve a reload (with 20 viewers asking, a reload of 100k accounts took
// minutes), and answering one per slice slowed answers fourfold during a reload.
const pause = nextTask;
const turnMs = 2 * (settings.sliceMs ?? DEFAULT_SLICE_MS);
const tenants = new Tenants(settings, {
  load, ...(host.version ? { version: host.version } : {}), pause,
  onError: (error) => post({ type: 'error', error: toWire(error) }),
  onChange: (tenant) => {
    const data = tenants.peek(tenant);
    if (data) post({ type: 'status', tenant, status: data.status() });
  },
});

/** Answers a question now when its tenant's data is there (a reload, or a first load, replies when it ends). */
function answer(message: ToWorker): void {
  const data = tenants.get(message.tenant);
  if (message.type === 'reload') {
    data.reload().then(() => post({ type: 'reply', id: message.id }), replyError(message.id));
    return;
  }
  const state = data.current;
  if (!state) {
    data.ready().then(() => answer(message), replyError(message.id));
    return;
  }
  try {
    post(replyOf(message, state, data));
  } catch (error) {
    replyError(message.id)(error);
  }
}

/** The reply to a question about loaded data: JSON text for answers (serialized on this thread), a value for the rest. */
function replyOf(message: Exclude<ToWorker, { type: 'reload' }>, state: Loaded, data: TenantData): FromWorker {
  if (message.type === 'version') return { type: 'reply', id: message.id, value: state.dataVersion };
  if (message.type === 'issues') return { type: 'reply', id: message.id, value: issuesOf(state) };
  // The serving thread checked the scope; checked again here, where it is applied (fail closed: no scope, no answer).
  const scope = checkScope(message.scope);
  if (scope === null) throw new Error('the data worker was asked without a scope');
  data.noteRequest(message.request);
  const started = performance.now();
  const json = JSON.stringify(answerRequest(state.scopes.of(scope), message.request as never));
  return { type: 'reply', id: message.id, json, computeMs: performance.now() - started };
}

const questions: ToWorker[] = [];
let answering = false;

/** One turn of answering: questions for up to `turnMs`, then the data work's turn (if any) before the next. */
function answerTurn(): void {
  const started = performance.now();
  do answer(questions.shift() as ToWorker);
  while (questions.length > 0 && performance.now() - started < turnMs);
  answering = questions.length > 0;
  if (answering) setImmediate(answerTurn);
}

port.on('message', (message: ToWorker | Ping) => {
  // The heartbeat is answered at once: between two slices of data work or two turns, never behind a queue.
  if (message.type === 'ping') {
    post({ type: 'pong' });
    return;
  }
  questions.push(message);
  if (!answering) {
    answering = true;
    setImmediate(answerTurn);
  }
});
