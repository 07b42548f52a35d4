/**
 * `createCsHandler`: cskit's protocol over HTTP, next to the host's data. A Web-standard handler
 * (`(request: Request) => Promise<Response>`): Next.js route handlers and Hono take it as it is, Node's `http` and
 * Express through `toNodeListener` (`@cskit/server/node`).
 *
 * Routes: `POST <base>/v1/<kind>` with the request's JSON body (kinds: info, summary, metric, rows, drill-down,
 * filter-options, account-story; docs/server.md), and `GET <base>/v1/issues` (admins: the data's validation issues).
 *
 * Every request is scoped first: the host's `scope(request)` names the accounts the viewer may see, and the answer is
 * computed by a prepared dataset of those accounts alone, so nothing outside them (no record, id, name, aggregate,
 * filter option or error) can be in a response.
 */
import {
  accountSubsets, answerRequest, parseRequest, prepareDataset, PROTOCOL_VERSION, REQUEST_KINDS, RequestError, validateDataset,
} from '@cskit/metrics';
import type { AccountSubsets, CsRequest, DataIssue, Dataset, PreparedDataset } from '@cskit/metrics';
import { checkScope, scopedAccountIds, scopeKey } from './scope.js';
import type { CsScope, ScopeOf } from './scope.js';

export interface CsHandlerOptions {
  /** The host's loader: raw records of the data contract (validated here; issues are kept for admins). */
  load: () => Promise<unknown>;
  /** The host's authorization: the accounts a request may see, or null (403). */
  scope: ScopeOf;
  /** Reload every this many milliseconds (default: only on `reload()`). The previous data serves meanwhile. */
  reloadEveryMs?: number;
  /** A load that takes longer fails (503 until one succeeds). Default 60 s. */
  loadTimeoutMs?: number;
  /** Larger request bodies are refused with 413. Default 64 KiB. */
  maxBodyBytes?: number;
  /** Prepared datasets of distinct scopes kept (least recently used go first). Default 256. */
  maxScopes?: number;
  /** Told about failed loads and unexpected errors (never sent to a client). */
  onError?: (error: unknown) => void;
}

export interface CsHandlerStatus {
  /** Increases with every successful load; 0 before the first. */
  version: number;
  loadedAt: string | null;
  accountCount: number;
  issueCount: number;
  /** The last load's failure, while the previous data (if any) still serves. */
  lastError: string | null;
  loading: boolean;
}

export interface CsHandler {
  (request: Request): Promise<Response>;
  /** Loads again now (shared with a load in flight); the previous data serves until it succeeds. */
  reload(): Promise<void>;
  status(): CsHandlerStatus;
  /** Stops the reload timer. */
  close(): void;
}

interface Loaded {
  version: number;
  loadedAt: string;
  dataset: Dataset;
  issues: DataIssue[];
  subsets: AccountSubsets;
  full: PreparedDataset;
  scoped: Map<string, PreparedDataset>;
}

const JSON_TYPE = 'application/json; charset=utf-8';

class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly field?: string) {
    super(message);
  }
}

export function createCsHandler(options: CsHandlerOptions): CsHandler {
  const { load, scope, loadTimeoutMs = 60_000, maxBodyBytes = 64 * 1024, maxScopes = 256, onError = () => undefined } = options;
  let current: Loaded | null = null;
  let loading: Promise<void> | null = null;
  let lastError: string | null = null;
  let version = 0;

  const reload = (): Promise<void> => {
    loading ??= (async () => {
      try {
        const raw = await withTimeout(Promise.resolve().then(load), loadTimeoutMs);
        const { dataset, issues } = validateDataset(raw);
        version += 1;
        current = {
          version, loadedAt: new Date().toISOString(), dataset, issues, subsets: accountSubsets(dataset),
          full: prepareDataset(dataset), scoped: new Map(),
        };
        lastError = null;
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error);
        onError(error);
      } finally {
        loading = null;
      }
    })();
    return loading;
  };
  const timer = options.reloadEveryMs ? setInterval(() => void reload(), options.reloadEveryMs) : null;
  (timer as { unref?: () => void } | null)?.unref?.();

  /** The prepared dataset of a scope's accounts, built once per data version and scope (least recently used go first). */
  const engineFor = (state: Loaded, viewerScope: CsScope): PreparedDataset => {
    if ('all' in viewerScope) return state.full;
    const key = scopeKey(viewerScope);
    let engine = state.scoped.get(key);
    if (engine) {
      state.scoped.delete(key);
    } else {
      engine = prepareDataset(state.subsets.of(scopedAccountIds(state.dataset, viewerScope) ?? []));
      if (state.scoped.size >= maxScopes) state.scoped.delete(state.scoped.keys().next().value as string);
    }
    state.scoped.set(key, engine);
    return engine;
  };

  const handle = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const route = /\/v(\d+)\/([a-z-]+)\/?$/.exec(url.pathname);
    if (!route) throw new HttpError(404, `no cskit route at ${url.pathname}: requests go to <base>/v${PROTOCOL_VERSION}/<kind>`);
    if (Number(route[1]) !== PROTOCOL_VERSION) throw new HttpError(404, `protocol v${route[1]} is not served here; this server speaks v${PROTOCOL_VERSION}`);
    const kind = route[2] as string;
    const isIssues = kind === 'issues';
    if (!isIssues && !(REQUEST_KINDS as readonly string[]).includes(kind)) throw new HttpError(404, `unknown request kind '${kind}'; one of ${REQUEST_KINDS.join(', ')}`);
    if (isIssues ? request.method !== 'GET' : request.method !== 'POST') throw new HttpError(405, `${isIssues ? 'GET' : 'POST'} only`);

    let viewerScope: CsScope | null;
    try {
      viewerScope = checkScope(await scope(request));
    } catch (error) {
      onError(error);
      throw new HttpError(500, 'the scope of this request could not be decided');
    }
    if (viewerScope === null) throw new HttpError(403, 'this viewer may not see any account');
    if (!current) await reload();
    const state = current as Loaded | null;
    if (!state) throw new HttpError(503, `no data could be loaded yet${lastError ? `: ${lastError}` : ''}`);

    if (isIssues) {
      if (!('all' in viewerScope) || viewerScope.admin !== true) throw new HttpError(403, 'only admins may read the data\'s issues');
      return respond(request, 200, { version: state.version, loadedAt: state.loadedAt, issues: state.issues }, null);
    }
    const body = await readJson(request, maxBodyBytes);
    let parsed: CsRequest;
    try {
      parsed = parseRequest({ ...body, kind });
    } catch (error) {
      if (error instanceof RequestError) throw new HttpError(400, error.message, error.field);
      throw error;
    }
    const etag = `W/"${state.version}-${await digest(`${scopeKey(viewerScope)}\u0000${JSON.stringify(parsed)}`)}"`;
    if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers: { etag } });
    const engine = engineFor(state, viewerScope);
    let result: unknown;
    try {
      result = answerRequest(engine, parsed as never);
    } catch (error) {
      if (error instanceof RangeError || error instanceof TypeError || error instanceof RequestError) {
        const field = error instanceof RequestError ? error.field : fieldOf(error.message);
        throw new HttpError(/no account with id/.test(error.message) ? 404 : 400, error.message, field);
      }
      throw error;
    }
    return respond(request, 200, result, etag);
  };

  const handler = (async (request: Request) => {
    try {
      return await handle(request);
    } catch (error) {
      if (error instanceof HttpError) return respond(request, error.status, { error: error.message, ...(error.field ? { field: error.field } : {}) }, null);
      onError(error);
      return respond(request, 500, { error: 'internal error' }, null);
    }
  }) as CsHandler;
  handler.reload = reload;
  handler.status = () => {
    const state = current as Loaded | null;
    return {
      version: state?.version ?? 0, loadedAt: state?.loadedAt ?? null, accountCount: state?.dataset.accounts.length ?? 0,
      issueCount: state?.issues.length ?? 0, lastError, loading: loading !== null,
    };
  };
  handler.close = () => { if (timer) clearInterval(timer); };
  return handler;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`load() did not finish within ${ms} ms`)), ms); });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** A field a view error names at its start (`period.from must be ...`), if any. */
function fieldOf(message: string): string | undefined {
  return /^([A-Za-z][\w.[\]]*)(?=[: ]| must)/.exec(message)?.[1];
}

/** The request's JSON object body (empty: `{}`), refused past `max` bytes (413) or when it is not an object (400). */
async function readJson(request: Request, max: number): Promise<Record<string, unknown>> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > max) throw new HttpError(413, `the request body is larger than ${max} bytes`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > max) {
        await reader.cancel();
        throw new HttpError(413, `the request body is larger than ${max} bytes`);
      }
      chunks.push(value);
    }
  }
  const text = new TextDecoder().decode(concat(chunks, size));
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'the request body is not valid JSON', 'body');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new HttpError(400, 'the request body must be a JSON object', 'body');
  return value as Record<string, unknown>;
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return all;
}

async function digest(text: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(bytes.subarray(0, 12), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** JSON, gzip-compressed when the client accepts it and it is worth it, with the view's ETag. */
function respond(request: Request, status: number, value: unknown, etag: string | null): Response {
  const text = JSON.stringify(value);
  const headers: Record<string, string> = { 'content-type': JSON_TYPE, 'cache-control': 'private, no-cache', vary: 'accept-encoding, authorization, cookie' };
  if (etag) headers.etag = etag;
  const gzip = /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '') && text.length > 1024;
  if (!gzip) return new Response(text, { status, headers });
  headers['content-encoding'] = 'gzip';
  return new Response(new Blob([text]).stream().pipeThrough(new CompressionStream('gzip')), { status, headers });
}
