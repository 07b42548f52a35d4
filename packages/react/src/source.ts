/**
 * Where a Provider's numbers come from. Every hook asks its source protocol requests (`@cskit/metrics`'s
 * `CsRequest`) and renders the answers, so the same widgets work on a dataset in the page (`localSource`), in a Web
 * Worker (`workerSource`, `@cskit/react/worker`) or on the host's server (`remoteSource`, `@cskit/server`).
 */
import { answerRequest, prepareDataset, PROTOCOL_VERSION } from '@cskit/metrics';
import type { CsRequest, CsRequestKind, CsResponses, Dataset, PreparedDataset } from '@cskit/metrics';

export type CsRequestOf<K extends CsRequestKind> = Extract<CsRequest, { kind: K }>;

export interface CsSource {
  /** Identity for caches: a source with new data has a new id, so every hook asks again. */
  readonly id: string;
  /** Answers one request; `signal` aborts it when the answer is no longer wanted. */
  request<K extends CsRequestKind>(request: CsRequestOf<K>, signal?: AbortSignal): Promise<CsResponses[K]>;
  /** Present when the data is in this thread: hooks answer during render, with no loading state. */
  answerNow?<K extends CsRequestKind>(request: CsRequestOf<K>): CsResponses[K];
  /** The validated dataset, for a source that holds it in the page. */
  readonly dataset?: Dataset;
  readonly engine?: PreparedDataset;
  /**
   * Lets go of what the source holds (a worker source terminates its worker). A Provider calls it on a source it
   * does not use: a new source object with the id of the one in use (the same data), e.g. one written inline in JSX.
   */
  dispose?(): void;
}

let sources = 0;
/** A new id per source object, e.g. `local-3`. */
export function sourceId(kind: string): string {
  sources += 1;
  return `${kind}-${sources}`;
}

/** A validated dataset in the page, answered by `prepareDataset`: right for datasets the page can hold. */
export function localSource(dataset: Dataset): CsSource {
  const engine = prepareDataset(dataset);
  const answerNow = <K extends CsRequestKind>(request: CsRequestOf<K>): CsResponses[K] => answerRequest(engine, request) as CsResponses[K];
  return {
    id: sourceId('local'),
    dataset,
    engine,
    answerNow,
    request: async (request) => answerNow(request),
  };
}

export interface RemoteSourceOptions {
  /** The handler's base URL, e.g. `/api/cskit` (requests go to `${url}/v1/${kind}`). */
  url: string;
  /** A fetch to use (default: the global one), e.g. one that adds the host's credentials. */
  fetch?: typeof fetch;
  /** Headers sent with every request (an authorization token). */
  headers?: Record<string, string> | (() => Record<string, string>);
  /**
   * The source's id (caches are keyed by it). By default the URL and fixed headers: two sources made with the same
   * options are the same source, so one written inline in JSX asks nothing again. Give a new id (a data version) to
   * make every widget ask again.
   */
  id?: string;
}

/** An error answer of a server: its HTTP status and the message it sent (e.g. the field a 400 names). */
export class CsRemoteError extends Error {
  constructor(readonly status: number, message: string, readonly field?: string) {
    super(message);
    this.name = 'CsRemoteError';
  }
}

/** Answers a remote source keeps to revalidate with ETags. */
const MAX_REMEMBERED = 200;

/**
 * The host's server (`@cskit/server`'s `createCsHandler`), over HTTP. Each request is a POST of JSON to
 * `${url}/v1/${kind}`; the answer is JSON. Identical requests in flight are shared, and an ETag per request lets
 * the server answer a repeat with 304 and no body.
 */
export function remoteSource(options: RemoteSourceOptions): CsSource {
  const base = options.url.replace(/\/+$/, '');
  const cache = new Map<string, { etag: string; body: unknown }>();
  return {
    id: options.id ?? (options.fetch || typeof options.headers === 'function'
      ? sourceId(`remote:${base}`)
      : `remote:${base}${options.headers ? `:${JSON.stringify(Object.entries(options.headers).sort())}` : ''}`),
    async request(request, signal) {
      const doFetch = options.fetch ?? globalThis.fetch;
      const { kind, ...body } = request as CsRequest;
      const key = `${kind}:${JSON.stringify(body)}`;
      const known = cache.get(key);
      const headers = typeof options.headers === 'function' ? options.headers() : options.headers ?? {};
      const response = await doFetch(`${base}/v${PROTOCOL_VERSION}/${kind}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...(known ? { 'if-none-match': known.etag } : {}), ...headers },
        body: JSON.stringify(body),
        ...(signal ? { signal } : {}),
      });
      if (response.status === 304 && known) return known.body as never;
      const text = await response.text();
      let parsed: unknown;
      try {
        parsed = text === '' ? null : JSON.parse(text);
      } catch {
        throw new CsRemoteError(response.status, `the server answered ${response.status} with a body that is not JSON`);
      }
      if (!response.ok) {
        const error = (parsed ?? {}) as { error?: string; field?: string };
        throw new CsRemoteError(response.status, error.error ?? `the server answered ${response.status}`, error.field);
      }
      const etag = response.headers.get('etag');
      if (etag) {
        cache.delete(key);
        cache.set(key, { etag, body: parsed });
        // Remember the most recent answers only.
        if (cache.size > MAX_REMEMBERED) cache.delete(cache.keys().next().value as string);
      }
      return parsed as never;
    },
  };
}
