/**
 * The store a `CsKitProvider` gives its subtree, and the hooks that read it. Every other module reads the store
 * through these; the Provider itself (context.tsx) is the only writer of the context.
 */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { SummaryPart, SummaryParts, ViewOptions } from '@cskit/metrics';
import type { CsQueryResult } from './query.js';
import type { CsState, CsStore } from './store.js';

export const CsStoreContext = createContext<CsStore | null>(null);

/** A hook that reads one metric of the store's view from the Provider's source (`useMetricQuery`). */
export type CsMetricReader = <K extends SummaryPart>(metric: K, overrides?: Partial<ViewOptions>) => CsQueryResult<SummaryParts[K]>;

/**
 * The Provider gives its subtree `useMetricQuery` through this context, so a chart that reads its own metric reaches
 * the query machinery (TanStack Query) through the Provider the app already has, not through its own import: a chart's
 * bundle stays the chart's.
 */
export const CsMetricReaderContext = createContext<CsMetricReader | null>(null);

/** The nearest Provider's metric reader (a hook: call it unconditionally), or null outside a Provider. */
export function useOptionalMetricReader(): CsMetricReader | null {
  return useContext(CsMetricReaderContext);
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
