import { createContext, useContext, useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import { useCsQuery } from './query.js';
import type { CsSource } from './source.js';
import { createCsStore } from './store.js';
import type { CsSettings, CsState, CsStore } from './store.js';

const CsStoreContext = createContext<CsStore | null>(null);

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
      <SourceInfo />
      {children}
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

/** The store of the nearest `CsKitProvider`; throws a clear error outside one. */
export function useCsStoreApi(): CsStore {
  const store = useContext(CsStoreContext);
  if (!store) {
    throw new Error('cskit: this hook must be used inside <CsKitProvider dataset={...}>; wrap the widget tree in a CsKitProvider.');
  }
  return store;
}

/** The nearest store, or null outside a Provider: for components that also work standalone (charts). */
export function useOptionalCsStoreApi(): CsStore | null {
  return useContext(CsStoreContext);
}

/** Reads the nearest store through a selector; the component re-renders only when the selected value changes. */
export function useCsStore<T>(selector: (state: CsState) => T): T {
  return useStore(useCsStoreApi(), selector);
}

/** The store's actions (stable across renders). */
export function useCsActions(): CsState['actions'] {
  return useCsStore((state) => state.actions);
}

const NO_STORE: StoreApi<CsState | null> = createStore<CsState | null>(() => null);

/** Like `useCsStore`, but `undefined` outside a Provider: for components that also work standalone. */
export function useOptionalCsStore<T>(selector: (state: CsState) => T): T | undefined {
  const store = useContext(CsStoreContext) as StoreApi<CsState | null> | null;
  return useStore(store ?? NO_STORE, (state) => (state ? selector(state) : undefined));
}
