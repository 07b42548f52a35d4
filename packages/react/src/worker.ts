/**
 * A Provider's data in a Web Worker, without React: `workerSource` is the page's side (a `CsSource` that posts
 * protocol requests), `serveCsRequests` the worker's (it answers them from a prepared dataset). Importable alone as
 * `@cskit/react/worker`, so a worker bundle carries `@cskit/metrics` and nothing of React.
 *
 * Messages: `{ cskit: 'request', id, request }` and `{ cskit: 'abort', id }` to the worker;
 * `{ cskit: 'answer', id, result }` or `{ cskit: 'failure', id, message }` back, several at once as
 * `{ cskit: 'replies', replies }` (answers ready together reach the page in one task, so it renders them together).
 */
import { answerRequest, parseRequest } from '@cskit/metrics';
import type { CsRequestKind, CsResponses, PreparedDataset, ViewOptions } from '@cskit/metrics';
import { sourceId } from './source.js';
import type { CsRequestOf, CsSource } from './source.js';

export type CsWorkerCall = { cskit: 'request'; id: number; request: unknown } | { cskit: 'abort'; id: number };
export type CsWorkerReply = { cskit: 'answer'; id: number; result: unknown } | { cskit: 'failure'; id: number; message: string };
export type CsWorkerMessage = CsWorkerReply | { cskit: 'replies'; replies: CsWorkerReply[] };

/** The part of a Worker (or MessagePort) the page side uses. */
export interface CsWorkerLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  /** A `Worker`'s: `dispose()` calls it. */
  terminate?(): void;
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
    dispose: () => worker.terminate?.(),
    request<K extends CsRequestKind>(request: CsRequestOf<K>, signal?: AbortSignal): Promise<CsResponses[K]> {
      calls += 1;
      const id = calls;
      return new Promise((resolve, reject) => {
        const done = () => {
          worker.removeEventListener('message', onMessage);
          signal?.removeEventListener('abort', onAbort);
        };
        const onMessage = (event: MessageEvent) => {
          const message = event.data as CsWorkerMessage | undefined;
          if (!message || typeof message !== 'object' || !('cskit' in message)) return;
          const reply = message.cskit === 'replies' ? message.replies.find((one) => one.id === id) : message;
          if (!reply || reply.id !== id) return;
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
export interface ServeOptions {
  onAnswered?: (request: unknown, ms: number) => void;
  /**
   * Milliseconds without a request after which the worker prefetches, one step per task, what a filtered view of
   * the last view's settings is summed from (`PreparedDataset.prefetch`), so the next filter change costs a masked
   * sum. A request that arrives meanwhile waits for one step at most. Default 100; `false` turns it off.
   */
  prefetchAfterMs?: number | false;
  /**
   * While a burst of requests (a view change) is being answered, answers are held and sent together once the queue
   * is empty, or every `batchMs` milliseconds for a longer burst (and `batchAnswers` at most per message): the page
   * renders a view in a few tasks instead of once per answer, and its rendering takes less of the cores this worker
   * computes on. Default 250
   * (a burst slower than that still updates the page four times a second); 0 sends each answer at once.
   */
  batchMs?: number;
  /**
   * At most this many answers go in one message (default 8): a burst of twenty answers reaches the page in three
   * messages, so no single render of the page is long, and it renders the first while the worker computes the rest.
   */
  batchAnswers?: number;
}

export function serveCsRequests(scope: CsWorkerScope, engine: () => PreparedDataset | null, options: ServeOptions = {}): (data: unknown) => boolean {
  const queue: Array<{ id: number; request: unknown }> = [];
  let scheduled = false;
  /** The settings of the last view asked for, and the prefetch steps still to run for them. */
  let lastView: ViewOptions | null = null;
  let prefetchTimer: ReturnType<typeof setTimeout> | null = null;
  let steps: Array<() => void> = [];
  const next = () => {
    scheduled = false;
    const call = queue.shift();
    if (!call) {
      // The requests answers were held back for were aborted meanwhile: send what is held.
      flush();
      prefetchStep();
      return;
    }
    if (queue.length > 0) schedule();
    try {
      const current = engine();
      if (!current) throw new Error('no dataset in the worker yet');
      const started = performance.now();
      const request = parseRequest(call.request);
      const result = answerRequest(current, request);
      if (request.kind === 'summary' || request.kind === 'metric') lastView = request.view;
      options.onAnswered?.(call.request, performance.now() - started);
      send({ cskit: 'answer', id: call.id, result });
    } catch (error) {
      send({ cskit: 'failure', id: call.id, message: error instanceof Error ? error.message : String(error) });
    }
    if (queue.length === 0) {
      flush();
      planPrefetch();
    }
  };
  /** Answers wait while more requests are queued, up to `batchMs` after the first of them (see `ServeOptions`). */
  const outbox: CsWorkerReply[] = [];
  let oldest = 0;
  const send = (reply: CsWorkerReply) => {
    if (outbox.length === 0) oldest = performance.now();
    outbox.push(reply);
    if (outbox.length >= (options.batchAnswers ?? 8) || performance.now() - oldest >= (options.batchMs ?? 250)) flush();
  };
  const flush = () => {
    if (outbox.length === 0) return;
    const replies = outbox.splice(0);
    scope.postMessage(replies.length === 1 ? replies[0] : ({ cskit: 'replies', replies } satisfies CsWorkerMessage));
  };
  const planPrefetch = () => {
    const after = options.prefetchAfterMs ?? 100;
    if (after === false || lastView === null) return;
    // Planned again after every burst of requests (a table's pages too): steps already done cost a cache lookup.
    const view = lastView;
    prefetchTimer = setTimeout(() => {
      prefetchTimer = null;
      const current = engine();
      if (!current || queue.length > 0) return;
      try {
        // Steps of an engine the worker has since replaced (new data) are dropped, not run.
        steps = current.prefetch(view).map((step) => () => { if (engine() === current) step(); });
      } catch {
        steps = [];
      }
      schedule();
    }, after);
    (prefetchTimer as { unref?: () => void }).unref?.();
  };
  /** One prefetch step, then the next in its own task, while no request waits. */
  const prefetchStep = () => {
    const step = steps.shift();
    if (!step) return;
    try {
      step();
    } catch {
      // Best effort: the view's own requests report what is wrong with it.
      steps = [];
    }
    if (steps.length > 0) schedule();
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
    // A new view: what was prefetched for the last one may no longer be what the next filter change needs.
    if (prefetchTimer !== null) clearTimeout(prefetchTimer);
    prefetchTimer = null;
    steps = [];
    queue.push({ id: call.id, request: call.request });
    schedule();
    return true;
  };
}
