/**
 * A Provider's data in a Web Worker, without React: `workerSource` is the page's side (a `CsSource` that posts
 * protocol requests), `serveCsRequests` the worker's (it answers them from a prepared dataset). Importable alone as
 * `@cskit/react/worker`, so a worker bundle carries `@cskit/metrics` and nothing of React.
 *
 * Messages: `{ cskit: 'request', id, request }` and `{ cskit: 'abort', id }` to the worker;
 * `{ cskit: 'answer', id, result }` or `{ cskit: 'failure', id, message }` back.
 */
import { answerRequest, parseRequest } from '@cskit/metrics';
import type { CsRequestKind, CsResponses, PreparedDataset } from '@cskit/metrics';
import { sourceId } from './source.js';
import type { CsRequestOf, CsSource } from './source.js';

export type CsWorkerCall = { cskit: 'request'; id: number; request: unknown } | { cskit: 'abort'; id: number };
export type CsWorkerReply = { cskit: 'answer'; id: number; result: unknown } | { cskit: 'failure'; id: number; message: string };

/** The part of a Worker (or MessagePort) the page side uses. */
export interface CsWorkerLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

let calls = 0;

/**
 * The page's side: requests go to the worker, answers come back by id. `dataVersion` names the data the worker
 * holds now; pass a new one (a new source) when it changes, so hooks ask again.
 */
export function workerSource(
  worker: CsWorkerLike, dataVersion = sourceId('worker'), options: { onAnswer?: (request: unknown, result: unknown) => void } = {},
): CsSource {
  return {
    id: dataVersion,
    request<K extends CsRequestKind>(request: CsRequestOf<K>, signal?: AbortSignal): Promise<CsResponses[K]> {
      calls += 1;
      const id = calls;
      return new Promise((resolve, reject) => {
        const done = () => {
          worker.removeEventListener('message', onMessage);
          signal?.removeEventListener('abort', onAbort);
        };
        const onMessage = (event: MessageEvent) => {
          const reply = event.data as CsWorkerReply | undefined;
          if (!reply || typeof reply !== 'object' || !('cskit' in reply) || reply.id !== id) return;
          done();
          if (reply.cskit === 'answer') {
            options.onAnswer?.(request, reply.result);
            resolve(reply.result as CsResponses[K]);
          }
          else reject(new Error(reply.message));
        };
        const onAbort = () => {
          done();
          worker.postMessage({ cskit: 'abort', id } satisfies CsWorkerCall);
          reject(signal?.reason ?? new DOMException('aborted', 'AbortError'));
        };
        if (signal?.aborted) {
          onAbort();
          return;
        }
        worker.addEventListener('message', onMessage);
        signal?.addEventListener('abort', onAbort);
        worker.postMessage({ cskit: 'request', id, request } satisfies CsWorkerCall);
      });
    },
  };
}

/** The part of a worker's global scope the worker side uses. */
export interface CsWorkerScope {
  postMessage(message: unknown): void;
}

/**
 * The worker's side: answers request messages from the prepared dataset `engine()` gives (null: no data yet).
 * Returns false for messages that are not cskit's, so a worker can handle its own next to them. Requests wait in a
 * queue and are answered one per task, so an abort that arrives meanwhile (the view changed again) skips its work.
 */
export function serveCsRequests(
  scope: CsWorkerScope, engine: () => PreparedDataset | null, options: { onAnswered?: (request: unknown, ms: number) => void } = {},
): (data: unknown) => boolean {
  const queue: Array<{ id: number; request: unknown }> = [];
  let scheduled = false;
  const next = () => {
    scheduled = false;
    const call = queue.shift();
    if (!call) return;
    if (queue.length > 0) schedule();
    try {
      const current = engine();
      if (!current) throw new Error('no dataset in the worker yet');
      const started = performance.now();
      const result = answerRequest(current, parseRequest(call.request));
      options.onAnswered?.(call.request, performance.now() - started);
      scope.postMessage({ cskit: 'answer', id: call.id, result } satisfies CsWorkerReply);
    } catch (error) {
      scope.postMessage({ cskit: 'failure', id: call.id, message: error instanceof Error ? error.message : String(error) } satisfies CsWorkerReply);
    }
  };
  // One request per task, through a MessageChannel: nested timers are clamped to 4 ms, a message is not.
  const channel = typeof MessageChannel === 'undefined' ? null : new MessageChannel();
  if (channel) {
    channel.port1.onmessage = next;
    // In Node (tests, servers) an open port would keep the process alive.
    for (const port of [channel.port1, channel.port2] as Array<MessagePort & { unref?: () => void }>) port.unref?.();
  }
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    if (channel) channel.port2.postMessage(null);
    else setTimeout(next, 0);
  };
  return (data) => {
    if (!data || typeof data !== 'object' || !('cskit' in data)) return false;
    const call = data as CsWorkerCall;
    if (call.cskit === 'abort') {
      const waiting = queue.findIndex((queued) => queued.id === call.id);
      if (waiting >= 0) queue.splice(waiting, 1);
      return true;
    }
    if (call.cskit !== 'request') return false;
    queue.push({ id: call.id, request: call.request });
    schedule();
    return true;
  };
}
