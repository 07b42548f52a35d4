/**
 * One tenant's data: loading it (the host's `load`, with an `AbortSignal` and a time limit), validating and
 * preparing it in slices (`prepareInSlices`: no step holds the event loop for more than a slice, so requests keep
 * being answered from the previous data), refusing a degraded load, and swapping the new data in at once. Requests
 * before the first load share that load; after a failed first load they are refused (503, `Retry-After`) until
 * the next attempt is due, not each made to load again.
 */
import type { CsRequest, DataIssue, PreparedDataset, ViewOptions } from '@cskit/metrics';
import { prepareInSlices, runSliced } from '@cskit/metrics/load';
import type { DatasetChunk, PreparedLoad } from '@cskit/metrics/load';
import { unavailable, type HttpError } from './http.js';
import { ScopedEngines } from './scoped-engines.js';
import { snapshotStore, type KeptData, type SnapshotStore } from './snapshots.js';

/** What a host's loader returns: raw records of the data contract, or a stream of record batches (`DatasetChunk`s). */
export type LoadedData = unknown | AsyncIterable<DatasetChunk> | Iterable<DatasetChunk>;

export interface LoadContext {
  /** Aborted when the load takes longer than `loadTimeoutMs`, or the handler is closed: stop reading. */
  signal: AbortSignal;
  /** The tenant whose data to load (`'default'` without a `tenant` option). */
  tenant: string;
}

/** When a load is refused, the previous data (if any) keeps serving (`status().lastError` says why). */
export interface RefuseOptions {
  /** Refuse a load whose records with an error exceed this share of all records read. Default 0.1. */
  maxErrorShare?: number;
  /** Refuse a load with fewer accounts than this share of the data it would replace. Default 0.5 (0: never). */
  minAccountRatio?: number;
}

export interface DataOptions {
  load: (context: LoadContext) => LoadedData | Promise<LoadedData>;
  /** A version the host gives its data (a database's change counter): else a hash of the data's content names it. */
  version?: (tenant: string) => string | Promise<string>;
  loadTimeoutMs: number;
  sliceMs: number;
  retryAfterFailureMs: number;
  refuse: Required<RefuseOptions>;
  maxScopes: number;
  scopeMemoryBytes: number;
  onError: (error: unknown) => void;
  /** What data work waits for between slices (the handler lets requests in flight go first). */
  pause: () => Promise<void>;
  /** Told when a tenant's load starts and when it ends (served, kept, failed or refused): its `status()` changed. */
  onChange?: (tenant: string) => void;
  /** Where each tenant's prepared data is kept between processes (`snapshotDir`). */
  snapshots?: SnapshotStore;
}

/** The settings of data work a host may give (`createCsHandler`'s, or a data worker's), each with a default. */
export interface DataSettings {
  /** A load (and its preparation) that takes longer fails, the previous data serving on. Default 60 s. */
  loadTimeoutMs?: number;
  /** After a failed first load, requests get 503 for this long before another load is tried. Default 5 s. */
  retryAfterFailureMs?: number;
  /** When a load is refused rather than served (a share of errors, a collapse in accounts); see `RefuseOptions`. */
  refuse?: RefuseOptions;
  /** Scoped engines kept per tenant (least recently used go first). Default 256. */
  maxScopes?: number;
  /** Bytes those scoped engines may hold (masks and selections). Default 64 MiB. */
  scopeMemoryBytes?: number;
  /** Longest step of data work before requests are answered again. Default 10 ms. */
  sliceMs?: number;
  /** Reload every tenant with data every this many milliseconds (default: only on `reload()`). The previous data serves meanwhile. */
  reloadEveryMs?: number;
  /** Tenants kept at most. Default 100. */
  maxTenants?: number;
  /** Bytes the tenants' prepared data may hold together; past it the least recently asked let theirs go. Default 4 GiB. */
  memoryBudgetBytes?: number;
  /**
   * A directory (Node) where each tenant's prepared data is kept after every load that serves new data. When a
   * tenant's data is first asked for, its snapshot serves at once while the data is loaded anew (kept if the host's
   * `version` says it is unchanged), as a reload. Reading one holds its thread for a part at a time (35-58 ms at
   * 100,000 accounts, measured): with `createDataWorker`, the worker's. Default: none.
   */
  snapshotDir?: string;
}

/** `sliceMs`'s and `retryAfterFailureMs`' defaults, read where the settings cross to a worker too. */
export const DEFAULT_SLICE_MS = 10;
export const DEFAULT_RETRY_AFTER_FAILURE_MS = 5_000;

/** The data options of a host's settings, with their defaults. */
export function dataOptions(settings: DataSettings, host: Pick<DataOptions, 'load' | 'version' | 'onError' | 'pause' | 'onChange'>): DataOptions {
  const sliceMs = settings.sliceMs ?? DEFAULT_SLICE_MS;
  return {
    ...host, loadTimeoutMs: settings.loadTimeoutMs ?? 60_000, sliceMs, retryAfterFailureMs: settings.retryAfterFailureMs ?? DEFAULT_RETRY_AFTER_FAILURE_MS,
    refuse: { maxErrorShare: settings.refuse?.maxErrorShare ?? 0.1, minAccountRatio: settings.refuse?.minAccountRatio ?? 0.5 },
    maxScopes: settings.maxScopes ?? 256, scopeMemoryBytes: settings.scopeMemoryBytes ?? 64 * 2 ** 20,
    ...(settings.snapshotDir ? { snapshots: snapshotStore(settings.snapshotDir, { sliceMs, pause: host.pause }) } : {}),
  };
}

/** The data a tenant serves: the engine and what describes it. */
export interface Loaded {
  /** Counts successful loads: 1 for the first. */
  load: number;
  /** Names the data in ETags: the host's version, or a hash of the content; equal data, equal version, in any process. */
  dataVersion: string;
  loadedAt: string;
  engine: PreparedDataset;
  issues: DataIssue[];
  recordCount: number;
  scopes: ScopedEngines;
}

export interface TenantStatus {
  /** Increases with every successful load; 0 before the first. */
  version: number;
  /** The data's version in ETags (a content hash, or the host's version); null before the first load. */
  dataVersion: string | null;
  loadedAt: string | null;
  accountCount: number;
  issueCount: number;
  /** Why the last load failed or was refused, while the previous data (if any) still serves; null after a success. */
  lastError: string | null;
  loading: boolean;
  /** How long the last successful load took, from `load()` to serving. */
  lastLoadMs: number | null;
  /** Bytes of typed arrays the tenant's engine holds. */
  memoryBytes: number;
  /** The last load's slices of data work: how many, and the longest (what requests waited for at most). */
  lastLoadSlices: { count: number; longestMs: number } | null;
  /** The data serving was read from its snapshot (`snapshotDir`), not loaded by this process (yet). */
  fromSnapshot: boolean;
}

const abortReason = (signal: AbortSignal): Error => (signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason ?? 'aborted')));

export class TenantData {
  current: Loaded | null = null;
  private loading: Promise<void> | null = null;
  private controller: AbortController | null = null;
  private lastError: string | null = null;
  private lastFailureAt = -Infinity;
  private lastLoadMs: number | null = null;
  private lastLoadSlices: TenantStatus['lastLoadSlices'] = null;
  private loads = 0;
  private closed = false;
  /** Whether the snapshot was tried since the data was last let go; what `ready()` waits for first. */
  private snapshotTried = false;
  private restoring: Promise<unknown> = Promise.resolve();
  private fromSnapshot = false;
  private writing: Promise<void> = Promise.resolve();
  /** Views viewers asked lately, one per health model and last month: what a new engine is warmed with. */
  private readonly recentViews = new Map<string, ViewOptions>();

  constructor(readonly tenant: string, private readonly options: DataOptions) {}

  /** The data to answer from: the current data, the first load's (shared), or a 503 while there is none. */
  async ready(): Promise<Loaded> {
    if (this.current) return this.current;
    if (!this.loading) {
      const wait = this.lastFailureAt + this.options.retryAfterFailureMs - performance.now();
      if (wait > 0) throw this.unavailable(wait);
      void this.reload();
    }
    // A snapshot serves as soon as it is read, while the load goes on.
    await this.restoring;
    if (this.current) return this.current;
    await this.loading;
    if (this.current) return this.current;
    throw this.unavailable(this.options.retryAfterFailureMs);
  }

  private unavailable(waitMs: number): HttpError {
    return unavailable(`no data could be loaded yet${this.lastError ? `: ${this.lastError}` : ''}`, waitMs);
  }

  /** Loads again now (shared with a load in flight); the previous data serves until the new data is ready. */
  reload(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.loading) return this.loading;
    this.loading = this.loadOnce().finally(() => {
      this.loading = null;
      this.controller = null;
      this.options.onChange?.(this.tenant);
    });
    this.options.onChange?.(this.tenant);
    return this.loading;
  }

  private async loadOnce(): Promise<void> {
    const controller = new AbortController();
    this.controller = controller;
    const { loadTimeoutMs, sliceMs } = this.options;
    const timer = setTimeout(() => controller.abort(new Error(`load() did not finish within ${loadTimeoutMs} ms`)), loadTimeoutMs);
    (timer as { unref?: () => void }).unref?.();
    const started = performance.now();
    try {
      const { signal } = controller;
      if (!this.current && !this.snapshotTried && this.options.snapshots) {
        this.snapshotTried = true;
        const restoring = this.restore(this.options.snapshots, signal);
        this.restoring = restoring;
        if (await restoring) return;
      }
      const source = await untilAborted(Promise.resolve().then(() => this.options.load({ signal, tenant: this.tenant })), signal);
      const slices = { count: 0, longestMs: 0 };
      // Reading a stream is bounded too: a source that stops yielding (a cursor whose server went away) would leave
      // the load, and every reload sharing it, waiting for ever; the signal checks between chunks never run then.
      const prepared = await untilAborted(prepareInSlices(source, {
        sliceMs, signal, pause: this.options.pause,
        onSlice: (ms) => { slices.count += 1; slices.longestMs = Math.max(slices.longestMs, Math.round(ms)); },
      }), signal);
      this.lastLoadSlices = slices;
      this.refuseDegraded(prepared);
      const dataVersion = this.options.version ? safeVersion(await untilAborted(Promise.resolve(this.options.version(this.tenant)), signal)) : prepared.fingerprint;
      signal.throwIfAborted();
      this.lastError = null;
      this.lastLoadMs = Math.round(performance.now() - started);
      // The same data again: the engine that serves it keeps its warm caches (and its ETags stay valid).
      if (this.current && this.current.dataVersion === dataVersion) return;
      // New data: its health models and monthly ARR built for the views asked lately (the last three), before it serves.
      for (const view of [...this.recentViews.values()].slice(-3)) {
        await runSliced(prepared.engine.warm(view), { sliceMs, signal, pause: this.options.pause, onSlice: (ms) => { slices.longestMs = Math.max(slices.longestMs, Math.round(ms)); } }).catch(() => undefined);
      }
      signal.throwIfAborted();
      this.keep(this.serve({ load: prepared, dataVersion, loadedAt: new Date().toISOString() }, false), prepared);
    } catch (error) {
      this.lastError = error instanceof Error ? error.message : String(error);
      this.lastFailureAt = performance.now();
      this.options.onError(error);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Swaps `kept` in to serve (read from its snapshot, or loaded); what now serves. */
  private serve(kept: KeptData, fromSnapshot: boolean): Loaded {
    this.loads += 1;
    this.fromSnapshot = fromSnapshot;
    const { load: prepared } = kept;
    this.current = {
      load: this.loads, dataVersion: kept.dataVersion, loadedAt: kept.loadedAt, engine: prepared.engine, issues: prepared.issues,
      recordCount: Object.values(prepared.counts).reduce((sum, count) => sum + (count?.records ?? 0), 0),
      scopes: new ScopedEngines(prepared.engine, this.options.maxScopes, this.options.scopeMemoryBytes),
    };
    return this.current;
  }

  /**
   * Serves the tenant's snapshot, if it has one that reads; true when the host's `version` says it is the data's
   * current version (nothing to load). A snapshot that cannot be read is told to `onError`, and the data loaded.
   */
  private async restore(store: SnapshotStore, signal: AbortSignal): Promise<boolean> {
    let kept: KeptData | null;
    try {
      kept = await untilAborted(store.read(this.tenant, signal), signal);
    } catch (error) {
      // Closed or timed out: the load's own end reports it.
      if (signal.aborted) throw error;
      this.options.onError(new Error(`the snapshot of tenant '${this.tenant}' was not served (${error instanceof Error ? error.message : String(error)}); its data is loaded instead`));
      return false;
    }
    if (!kept || this.current) return false;
    this.serve(kept, true);
    this.options.onChange?.(this.tenant);
    const { version } = this.options;
    if (!version) return false;
    // A version that cannot be read now means loading: the load asks for it again, and reports a failure.
    const now = await untilAborted(Promise.resolve().then(() => version(this.tenant)), signal).catch(() => null);
    return now !== null && safeVersion(now) === kept.dataVersion;
  }

  /** Writes the data now serving to its snapshot, after any write before it; a failure is told to `onError`. */
  private keep(current: Loaded, prepared: PreparedLoad): void {
    const store = this.options.snapshots;
    if (!store) return;
    this.writing = this.writing.then(async () => {
      if (this.closed || this.current !== current) return;
      await store.write(this.tenant, { load: prepared, dataVersion: current.dataVersion, loadedAt: current.loadedAt });
    }).catch((error: unknown) => {
      this.options.onError(new Error(`the snapshot of tenant '${this.tenant}' was not written: ${error instanceof Error ? error.message : String(error)}`));
    });
  }

  /** Refuses a load that would replace good data with worse (the previous data keeps serving). */
  private refuseDegraded(prepared: PreparedLoad): void {
    const { maxErrorShare, minAccountRatio } = this.options.refuse;
    const accounts = prepared.engine.accountCount;
    if (accounts === 0) throw new Error('the load has no valid account; the previous data (if any) keeps serving');
    const records = Object.values(prepared.counts).reduce((sum, count) => sum + (count?.records ?? 0), 0);
    const rejected = Object.values(prepared.counts).reduce((sum, count) => sum + ((count?.records ?? 0) - (count?.kept ?? 0)), 0);
    if (records > 0 && rejected / records > maxErrorShare) {
      throw new Error(`the load was refused: ${rejected} of ${records} records have errors, more than ${maxErrorShare * 100}%; the previous data (if any) keeps serving`);
    }
    const previous = this.current?.engine.accountCount ?? 0;
    if (previous > 0 && accounts < previous * minAccountRatio) {
      throw new Error(`the load was refused: ${accounts} accounts against ${previous} before, less than ${minAccountRatio * 100}%; the previous data keeps serving`);
    }
  }

  /** Notes the view of a request a viewer made, to warm the next engine with (at most eight, the most recent). */
  noteRequest(request: CsRequest): void {
    if (!('view' in request) || request.kind === 'filter-options') return;
    const { view } = request;
    const key = JSON.stringify([view.model ?? null, view.period?.to]);
    this.recentViews.delete(key);
    this.recentViews.set(key, view);
    if (this.recentViews.size > 8) this.recentViews.delete(this.recentViews.keys().next().value as string);
  }

  /** Lets go of the data (a tenant evicted for memory): the next request loads it again. */
  drop(): void {
    this.current = null;
    // Its snapshot, if any, serves it again sooner than a load would.
    this.snapshotTried = false;
  }

  close(): void {
    this.closed = true;
    this.controller?.abort(new Error('the handler was closed'));
  }

  status(): TenantStatus {
    const state = this.current;
    return {
      version: state?.load ?? 0, dataVersion: state?.dataVersion ?? null, loadedAt: state?.loadedAt ?? null,
      accountCount: state?.engine.accountCount ?? 0, issueCount: state?.issues.length ?? 0, lastError: this.lastError,
      loading: this.loading !== null, lastLoadMs: this.lastLoadMs, memoryBytes: state?.engine.memory().indexBytes ?? 0, lastLoadSlices: this.lastLoadSlices,
      fromSnapshot: state !== null && this.fromSnapshot,
    };
  }
}

/** The status of a tenant with nothing loaded yet. */
export function emptyStatus(): TenantStatus {
  return { version: 0, dataVersion: null, loadedAt: null, accountCount: 0, issueCount: 0, lastError: null, loading: false, lastLoadMs: null, memoryBytes: 0, lastLoadSlices: null, fromSnapshot: false };
}

/** What admins read at `GET <base>/v1/issues`: the data's validation issues (the first thousand) and their count. */
export function issuesOf(state: Loaded): object {
  return { version: state.load, dataVersion: state.dataVersion, loadedAt: state.loadedAt, count: state.issues.length, issues: state.issues.slice(0, 1000) };
}

/** A promise that rejects when `signal` aborts first: a loader that ignores its signal is still given up on. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** A host's version as it may stand in an ETag: kept when it is short and plain, else hashed. */
function safeVersion(version: string): string {
  const text = String(version);
  if (/^[A-Za-z0-9._:-]{1,64}$/.test(text)) return text;
  let a = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) a = Math.imul(a ^ text.charCodeAt(i), 0x01000193);
  return `h${(a >>> 0).toString(16)}-${text.length}`;
}
