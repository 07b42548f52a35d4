/** `CsKitProvider`: one store per subtree, and what it asks an asynchronous source once. */
import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useMetricQuery } from './hooks.js';
import { useCsQuery } from './query.js';
import type { DataIssue, DatasetInput } from '@cskit/metrics';
import { useStore } from 'zustand';
import type { CsSource } from './source.js';
import { createCsStore } from './store.js';
import type { CsSettings, CsStore } from './store.js';
import { CsMetricReaderContext, CsStoreContext, useCsStore } from './store-context.js';

export interface CsKitProviderProps {
  /**
   * Raw records, validated once by the store and answered in the page. `DatasetInput` checks field names at compile
   * time; JSON from outside (`any`) fits as it is, an `unknown` needs a cast, and both are validated at run time.
   */
  dataset?: DatasetInput;
  /** Where the numbers come from instead of `dataset`: a worker (`workerSource`) or a server (`remoteSource`). */
  source?: CsSource;
  /** Initial settings: period, comparison, filters, health model, grace months, locale... */
  options?: Partial<CsSettings>;
  /** A store made with `createCsStore`, to read or drive the state from outside the tree. */
  store?: CsStore;
  /**
   * Called with the validation issues of each dataset the Provider validates (none: an empty list is not reported).
   * In development the Provider also prints a summary to the console; `useCsIssues()` and `<CsIssues />` list them.
   */
  onIssues?: (issues: readonly DataIssue[]) => void;
  children?: ReactNode;
}

/**
 * Gives its subtree one store of its own. A new `dataset` prop is validated and replaces the old one, a new
 * `source` replaces the old one; `options` only seed the store (change settings through its actions afterwards).
 */
export function CsKitProvider({ dataset, source, options, store: given, onIssues, children }: CsKitProviderProps) {
  const [own] = useState(() => given ?? createCsStore(source ? { ...options, source } : { ...options, dataset }));
  const store = given ?? own;
  const seen = useRef({ dataset, source });
  useEffect(() => {
    const previous = seen.current;
    seen.current = { dataset, source };
    if (source !== undefined && source !== previous.source) adoptSource(store, source);
    else if (source === undefined && dataset !== undefined && dataset !== previous.dataset) store.getState().actions.setDataset(dataset);
  }, [dataset, source, store]);
  useIssueReports(store, onIssues);
  return (
    <CsStoreContext.Provider value={store}>
      <CsMetricReaderContext.Provider value={useMetricQuery}>
        <SourceInfo />
        {children}
      </CsMetricReaderContext.Provider>
    </CsStoreContext.Provider>
  );
}

/**
 * A new `source` prop: a source with the id of the one in use is the same data (caches are keyed by id), so the
 * Provider keeps the one it has and disposes the new one (`workerSource(new Worker(...), 'v1')` written in JSX makes
 * a worker on every render: each is terminated at once, and one worker answers). Another id replaces the source.
 */
function adoptSource(store: CsStore, source: CsSource): void {
  const current = store.getState().source;
  if (current === source) return;
  if (current.id === source.id) {
    source.dispose?.();
    return;
  }
  store.getState().actions.setSource(source);
}

/** Whether the app runs in development (a bundler sets `process.env.NODE_ENV`; without one, assume production). */
declare const process: { env: { NODE_ENV?: string } };
function isDevelopment(): boolean {
  try {
    return process.env.NODE_ENV !== 'production';
  } catch {
    return false;
  }
}

/** Reports each validated dataset's issues to `onIssues`, and in development as a console summary. */
function useIssueReports(store: CsStore, onIssues: ((issues: readonly DataIssue[]) => void) | undefined): void {
  const issues = useStore(store, (state) => state.issues);
  const report = useRef(onIssues);
  useEffect(() => { report.current = onIssues; }, [onIssues]);
  useEffect(() => {
    if (issues.length === 0) return;
    report.current?.(issues);
    if (isDevelopment()) console.warn(issueSummary(issues));
  }, [issues]);
}

/** "cskit: 148 issues in the data (3 errors, 145 warnings): accounts[3].signedAt: ...; read them with useCsIssues()". */
export function issueSummary(issues: readonly DataIssue[]): string {
  const errors = issues.filter((issue) => issue.severity === 'error').length;
  const first = issues.slice(0, 3).map((issue) => `${issue.collection}${issue.index >= 0 ? `[${issue.index}]` : ''}${issue.field ? `.${issue.field}` : ''}: ${issue.message}`);
  return `cskit: ${issues.length} issue${issues.length === 1 ? '' : 's'} in the data (${errors} error${errors === 1 ? '' : 's'}, ${issues.length - errors} warning${issues.length - errors === 1 ? '' : 's'}); `
    + `records with errors are left out of every figure. First: ${first.join('; ')}. List them with useCsIssues() or <CsIssues /> from @cskit/table/issues.`;
}

/** Asks an asynchronous source what its data is (currency, default period) once per source. */
function SourceInfo() {
  const needed = useCsStore((s) => s.info === null && s.dataset === null);
  const { data, stale } = useCsQuery(needed ? { kind: 'info' } : null);
  const setInfo = useCsStore((s) => s.actions.setInfo);
  useEffect(() => {
    if (data && needed && !stale) setInfo(data);
  }, [data, needed, stale, setInfo]);
  return null;
}

// The store's hooks live in store-context.ts (which the query hooks import without importing the Provider).
export { useCsActions, useCsStore, useCsStoreApi, useOptionalCsStore, useOptionalCsStoreApi } from './store-context.js';
