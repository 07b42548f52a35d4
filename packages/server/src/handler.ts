/**
 * `createCsHandler`: cskit's protocol over HTTP, next to the host's data. A Web-standard handler
 * (`(request: Request) => Promise<Response>`): Next.js route handlers and Hono take it as it is, Node's `http` and
 * Express through `toNodeListener` (`@cskit/server/node`).
 *
 * Routes: `POST <base>/v1/<kind>` with the request's JSON body (kinds: info, summary, metric, rows, drill-down,
 * filter-options, account-story; docs/server.md), and `GET <base>/v1/issues` (admins: the data's validation issues).
 *
 * Every request is scoped first: the host's `scope(request)` names the accounts the viewer may see, and the answer is
 * computed by a scoped engine of those accounts alone, so nothing outside them (no record, id, name, aggregate,
 * filter option or error) can be in a response. Every request is bounded: its body (`maxBodyBytes`), its view
 * (`VIEW_LIMITS`, checked before anything is computed), and its viewer's rate and computing time (`rateLimit`).
 * Data work (loading, validating, preparing) runs in slices between requests, never holding them up.
 */
import { answerRequest, parseRequest, PROTOCOL_VERSION, REQUEST_KINDS, RequestError, UnknownAccountError } from '@cskit/metrics';
import { nextTask } from '@cskit/metrics/load';
import type { CsRequest } from '@cskit/metrics';
import { DEFAULT_SLICE_MS, emptyStatus, issuesOf } from './data.js';
import type { DataSettings, Loaded, LoadContext, LoadedData, TenantData, TenantStatus } from './data.js';
import { computeMsOf, digest, HttpError, readJson, respond } from './http.js';
import { ViewerBudgets, type RateLimitOptions } from './rate-limit.js';
import { checkScope, scopeKey, ViewerRefused } from './scope.js';
import type { CsScope, ScopeOf } from './scope.js';
import { Tenants } from './tenants.js';

export interface CsHandlerOptions extends DataSettings {
  /**
   * The host's loader: raw records of the data contract, or a stream of record batches (`DatasetChunk`s, so no more
   * than a batch of records is alive at once; `postgresSource` streams a database), validated here. It is told the
   * tenant and given an `AbortSignal` (a load past `loadTimeoutMs`, or a closed handler).
   */
  load?: (context: LoadContext) => LoadedData | Promise<LoadedData>;
  /**
   * Instead of `load`: an engine that answers from where the data lives (`createSqlEngine` of `@cskit/sql`), one, or
   * one per tenant. Nothing is loaded or prepared here; the engine's `version()` names the data in ETags.
   */
  engine?: CsEngine | ((tenant: string) => CsEngine);
  /** The host's authorization: the accounts a request may see, or null (403). */
  scope: ScopeOf;
  /** Which tenant (host customer) a request is for; default one tenant, `'default'`. Null: 403. */
  tenant?: (request: Request) => string | null | Promise<string | null>;
  /** The data's version as the host knows it (a change counter), for ETags; default a hash of the loaded content. */
  version?: (tenant: string) => string | Promise<string>;
  /** Larger request bodies are refused with 413. Default 64 KiB. */
  maxBodyBytes?: number;
  /**
   * Gzip answers when the client accepts it. Default false: Next.js, Hono's `compress()`, proxies and
   * `toNodeListener` compress; a handler that compressed too would send a body its framework cannot read.
   */
  compress?: boolean;
  /** Per-viewer request rate and computing time (429 with `Retry-After` past them); false: none. */
  rateLimit?: RateLimitOptions | false;
  /** Told about failed or refused loads and unexpected errors (never sent to a client). */
  onError?: (error: unknown) => void;
}

export type CsHandlerStatus = TenantStatus;

/** An engine the handler asks instead of loading data itself: a request (checked) and the viewer's checked scope. */
export interface CsEngine {
  answer(request: CsRequest, options: { scope: CsScope }): Promise<unknown>;
  /** The data's version, for ETags. */
  version(): Promise<string>;
  /** What admins read at `GET <base>/v1/issues` (default: none, for data validated when it was written). */
  issues?(): Promise<object>;
  /** What `handler.reload()` does for this engine's tenant (default: nothing, its data is read where it lives). */
  reload?(): Promise<void>;
  /** What `handler.status()` says of this engine's tenant (default: a status with nothing loaded). */
  dataStatus?(): CsHandlerStatus;
}

export interface CsHandler {
  (request: Request): Promise<Response>;
  /** Loads a tenant's data again now (shared with a load in flight); the previous data serves until it succeeds. */
  reload(tenant?: string): Promise<void>;
  status(tenant?: string): CsHandlerStatus;
  /** Stops the reload timer and any load in flight. */
  close(): void;
}

const DEFAULT_TENANT = 'default';

/** The route of a request: its kind, or an HttpError for a path, version or method the protocol does not serve. */
function routeOf(request: Request): { kind: string; isIssues: boolean } {
  let pathname: string;
  try {
    pathname = new URL(request.url).pathname;
  } catch {
    throw new HttpError(400, 'the request URL is not valid');
  }
  const route = /\/v(\d{1,6})\/([a-z-]{1,40})\/?$/.exec(pathname);
  if (!route) throw new HttpError(404, `no cskit route at ${pathname.slice(0, 200)}: requests go to <base>/v${PROTOCOL_VERSION}/<kind>`);
  if (Number(route[1]) !== PROTOCOL_VERSION) throw new HttpError(404, `protocol v${route[1]} is not served here; this server speaks v${PROTOCOL_VERSION}`);
  const kind = route[2] as string;
  const isIssues = kind === 'issues';
  if (!isIssues && !(REQUEST_KINDS as readonly string[]).includes(kind)) throw new HttpError(404, `unknown request kind '${kind}'; one of ${REQUEST_KINDS.join(', ')}`);
  const allowed = isIssues ? 'GET' : 'POST';
  if (request.method !== allowed) throw new HttpError(405, `${allowed} only`, undefined, { allow: allowed });
  return { kind, isIssues };
}

export function createCsHandler(options: CsHandlerOptions): CsHandler {
  const { scope, maxBodyBytes = 64 * 1024, compress = false, onError = () => undefined } = options;
  if ((options.load === undefined) === (options.engine === undefined)) throw new TypeError('createCsHandler: give exactly one of `load` (data loaded and prepared here) or `engine` (answers from where the data lives)');
  const engineOf = options.engine === undefined ? null : typeof options.engine === 'function' ? options.engine : () => options.engine as CsEngine;
  const sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
  // Data work gives way to requests: while any is in flight, it rests twice a slice after each slice.
  let inFlight = 0;
  const pause = async () => {
    await nextTask();
    if (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, sliceMs * 2));
  };
  const tenants = new Tenants(options, {
    load: options.load ?? (() => ({ accounts: [] })), ...(options.version ? { version: options.version } : {}), pause, onError,
  });
  const budgets = options.rateLimit === false ? null : new ViewerBudgets(options.rateLimit ?? {});
  const viewerOf = (options.rateLimit && options.rateLimit.viewer) || ((_: Request, s: CsScope, tenant: string) => `${tenant}\u0000${scopeKey(s)}`);

  const reload = async (tenant = DEFAULT_TENANT): Promise<void> => {
    // An engine reads its data where it lives, or loads it itself (a data worker).
    if (engineOf) return engineOf(tenant).reload?.();
    await tenants.get(tenant).reload();
  };

  const decide = async <T>(what: string, ask: () => T | Promise<T>): Promise<T> => {
    try {
      return await ask();
    } catch (error) {
      if (error instanceof ViewerRefused) throw new HttpError(error.status, error.message, undefined, error.status === 401 ? { 'www-authenticate': 'Bearer' } : {});
      onError(error);
      throw new HttpError(500, `the ${what} of this request could not be decided`);
    }
  };

  const handle = async (request: Request): Promise<Response> => {
    const { kind, isIssues } = routeOf(request);
    const tenant = options.tenant ? await decide('tenant', () => checkTenant(options.tenant?.(request))) : DEFAULT_TENANT;
    if (tenant === null) throw new HttpError(403, 'this request is for no tenant');
    const viewerScope = await decide('scope', async () => checkScope(await scope(request, { tenant })));
    if (viewerScope === null) throw new HttpError(403, 'this viewer may not see any account');
    const viewer = budgets ? viewerOf(request, viewerScope, tenant) : '';
    const wait = budgets?.take(viewer) ?? null;
    if (wait !== null) throw new HttpError(429, 'too many requests from this viewer; try again later', undefined, { 'retry-after': String(wait) });
    if (engineOf) return answer(request, kind, isIssues, viewerScope, viewer, engineSource(engineOf(tenant)));
    const tenantData = tenants.get(tenant);
    const state = await tenantData.ready();
    // Counted from here on: a request waiting for the first load does not slow that load down.
    inFlight += 1;
    try {
      return await answer(request, kind, isIssues, viewerScope, viewer, loadedSource(state, tenantData));
    } finally {
      inFlight -= 1;
    }
  };

  /** One request of a viewer answered from a source: the issues (admins), or the parsed request with its ETag. */
  const answer = async (request: Request, kind: string, isIssues: boolean, viewerScope: CsScope, viewer: string, source: AnswerSource): Promise<Response> => {
    if (isIssues) {
      if (!('all' in viewerScope) || viewerScope.admin !== true) throw new HttpError(403, 'only admins may read the data\'s issues');
      return respond(request, 200, await source.issues(), null, compress);
    }
    const body = await readJson(request, maxBodyBytes);
    const parsed = parsed400(() => parseRequest({ ...body, kind }));
    source.noteRequest?.(parsed);
    const etag = `W/"${await source.tag()}-${await digest(`${scopeKey(viewerScope)}\u0000${JSON.stringify(parsed)}`)}"`;
    if (matchesEtag(request.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers: { etag } });
    const started = performance.now();
    // A viewer is charged the computing of their answer: a worker's own measure (waiting behind other viewers'
    // answers there is not theirs), else the time it took here.
    let computeMs: number | null = null;
    try {
      const value = await source.answer(parsed, viewerScope);
      computeMs = computeMsOf(value);
      return respond(request, 200, value, etag, compress);
    } catch (error) {
      if (error instanceof RequestError) throw new HttpError(400, error.message, error.field);
      if (error instanceof UnknownAccountError) throw new HttpError(404, error.message);
      throw error;
    } finally {
      budgets?.charge(viewer, computeMs ?? performance.now() - started);
    }
  };

  /** A host's engine as a source: nothing loaded here, ETags from its data version. */
  const engineSource = (engine: CsEngine): AnswerSource => ({
    tag: async () => digest(await engine.version()),
    // An SQL engine's data was validated when it was written (`writeDataset` refuses errors): there is nothing to list.
    issues: async () => (engine.issues ? engine.issues() : { dataVersion: await engine.version(), count: 0, issues: [] }),
    answer: async (parsed, viewerScope) => {
      inFlight += 1;
      try {
        return await engine.answer(parsed, { scope: viewerScope });
      } finally {
        inFlight -= 1;
      }
    },
  });

  const handler = (async (request: Request) => {
    try {
      return await handle(request);
    } catch (error) {
      if (error instanceof HttpError) {
        return respond(request, error.status, { error: error.message, ...(error.field ? { field: error.field } : {}) }, null, compress, error.headers);
      }
      // What the engine could not answer is its own failure: the client learns nothing of its internals.
      onError(error);
      return respond(request, 500, { error: 'internal error' }, null, compress);
    }
  }) as CsHandler;
  handler.reload = reload;
  handler.status = (tenant = DEFAULT_TENANT) => (engineOf ? engineOf(tenant).dataStatus?.() : tenants.peek(tenant)?.status()) ?? emptyStatus();
  handler.close = () => {
    tenants.close();
  };
  return handler;
}

/** Where a request's answer comes from: data loaded here (`load`), or a host's engine (`engine`). */
interface AnswerSource {
  /** The data's version as it goes into ETags. */
  tag(): Promise<string>;
  /** What admins read at `GET <base>/v1/issues`. */
  issues(): Promise<object>;
  /** Told each request (the loaded data warms a new engine with the views asked lately before a swap). */
  noteRequest?(request: CsRequest): void;
  answer(parsed: CsRequest, scope: CsScope): unknown;
}

/** The loaded data of a tenant as a source: its scoped engines answer, ETags name its content hash. */
function loadedSource(state: Loaded, tenantData: TenantData): AnswerSource {
  return {
    tag: async () => state.dataVersion,
    issues: async () => issuesOf(state),
    noteRequest: (request) => tenantData.noteRequest(request),
    answer: (parsed, scope) => answerRequest(state.scopes.of(scope), parsed as never),
  };
}

/** Whether an `If-None-Match` header (one tag, a list, or `*`) names the answer's tag. */
function matchesEtag(header: string | null, etag: string): boolean {
  if (header === null) return false;
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed === etag || `W/${trimmed}` === etag;
  });
}

function parsed400(parse: () => CsRequest): CsRequest {
  try {
    return parse();
  } catch (error) {
    if (error instanceof RequestError) throw new HttpError(400, error.message, error.field);
    throw error;
  }
}

/** A tenant the host named: a non-empty string of at most 200 characters, or null. */
async function checkTenant(tenant: string | null | Promise<string | null> | undefined): Promise<string | null> {
  const value = await tenant;
  if (value === null) return null;
  if (typeof value !== 'string' || value === '' || value.length > 200) throw new TypeError(`tenant() returned ${JSON.stringify(value)?.slice(0, 100)}: expected a non-empty string or null`);
  return value;
}
