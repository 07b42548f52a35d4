/** `CsKitProvider`: one store per subtree, and what it asks an asynchronous source once. */
import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useMetricQuery } from './hooks.js';
import { useCsQuery } from './query.js';
import type { CsSource } from './source.js';
import { createCsStore } from './store.js';
import type { CsSettings, CsStore } from './store.js';
import { CsMetricReaderContext, CsStoreContext, useCsStore } from './store-context.js';

export interface CsKitProviderProps {
  /** Raw records, validated once by the store and answered in the page. */
  dataset?: unknown;
  /** Where the numbers come from instead of `dataset`: a worker (`workerSource`) or a server (`remoteSource`). */
  source?: CsSource;
  /** Initial settings: period, comparison, filters, health model, grace months, locale... */
  options?: Partial<CsSettings>;
  /** A store made with `createCsStore`, to read or drive the state from outside the tree. */
  store?: CsStore;
  children?: ReactNode;
}

/**
 * Gives its subtree one store of its own. A new `dataset` prop is validated and replaces the old one, a new
 * `source` replaces the old one; `options` only seed the store (change settings through its actions afterwards).
 */
export function CsKitProvider({ dataset, source, options, store: given, children }: CsKitProviderProps) {
  const [own] = useState(() => given ?? createCsStore(source ? { ...options, source } : { ...options, dataset }));
  const store = given ?? own;
  const seen = useRef({ dataset, source });
  useEffect(() => {
    const previous = seen.current;
    seen.current = { dataset, source };
    if (source !== undefined && source !== previous.source) store.getState().actions.setSource(source);
    else if (source === undefined && dataset !== undefined && dataset !== previous.dataset) store.getState().actions.setDataset(dataset);
  }, [dataset, source, store]);
  return (
    <CsStoreContext.Provider value={store}>
      <CsMetricReaderContext.Provider value={useMetricQuery}>
        <SourceInfo />
        {children}
      </CsMetricReaderContext.Provider>
    </CsStoreContext.Provider>
  );
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
