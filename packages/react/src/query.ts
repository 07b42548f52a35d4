/**
 * The one hook primitive every named hook is built on: `useCsQuery(request)` asks the Provider's source a protocol
 * request and follows its answer. TanStack Query does the bookkeeping, with a client of each store's own (never
 * the host's QueryClient, which stays untouched):
 * - identical requests from several widgets share one answer;
 * - a request whose answer is no longer wanted (the view changed again) is aborted through its `AbortSignal`;
 * - while a new answer is on its way the last one stays on screen (`stale: true`);
 * - a local source answers during render, so the first paint already has its numbers.
 */
import { keepPreviousData, QueryClient, useIsFetching, useQueries, useQuery } from '@tanstack/react-query';
import type { CsRequestKind, CsResponses } from '@cskit/metrics';
import { useCallback, useSyncExternalStore } from 'react';
import { useCsStore, useCsStoreApi } from './store-context.js';
import type { CsRequestOf, CsSource } from './source.js';
import type { CsStore } from './store.js';

export interface CsQueryResult<T> {
  /** The answer; the previous view's while `stale`; undefined before the first answer arrives. */
  data: T | undefined;
  error: Error | null;
  /** No answer to show yet. */
  loading: boolean;
  /** `data` answers an earlier request; the current one is on its way. */
  stale: boolean;
  /** Asks again (after an error: a Retry button). */
  retry: () => void;
}

const clients = new WeakMap<CsStore, QueryClient>();

/** The query client of a store (one per Provider). */
export function queryClientOf(store: CsStore): QueryClient {
  let client = clients.get(store);
  if (!client) {
    client = new QueryClient({
      defaultOptions: {
        // An answer for one view of one dataset never changes: the source id is in every key.
        queries: { staleTime: Number.POSITIVE_INFINITY, gcTime: 5 * 60_000, retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false },
      },
    });
    clients.set(store, client);
  }
  return client;
}

/** The answer a local source gives at once, or undefined (an asynchronous source, or a request it rejects). */
function answerNow<K extends CsRequestKind>(source: CsSource, request: CsRequestOf<K>): CsResponses[K] | undefined {
  if (!source.answerNow) return undefined;
  try {
    return source.answerNow(request);
  } catch {
    // The query function asks again and reports the error through the hook's `error`.
    return undefined;
  }
}

/**
 * The previous answer stands in while the next view's is on its way, but only an answer of the same source: another
 * dataset's (or another viewer's) numbers never stand in for this one's.
 */
function sameSource(sourceId: string) {
  return <T>(previous: T | undefined, query: { queryKey: readonly unknown[] } | undefined): T | undefined =>
    (query?.queryKey[1] === sourceId ? keepPreviousData(previous) : undefined);
}

/**
 * The TanStack Query options of one request to a source: its key (the source's id and the request), the source as
 * its function (aborted through the query's signal), a local source's answer at once, and the previous answer of
 * the same source while the next is on its way. Both query hooks use it.
 */
export function csQueryOptions<K extends CsRequestKind>(source: CsSource, request: CsRequestOf<K> | null) {
  return {
    queryKey: ['cskit', source.id, request] as const,
    queryFn: ({ signal }: { signal: AbortSignal }) => source.request(request as CsRequestOf<K>, signal),
    enabled: request !== null,
    initialData: () => (request === null ? undefined : answerNow(source, request)),
    placeholderData: sameSource(source.id),
  };
}

/** A query's state as the hooks report it. */
function resultOf<T>(
  result: { data: T | undefined; error: Error | null; isPlaceholderData: boolean; refetch: () => Promise<unknown> }, asked: boolean,
): CsQueryResult<T> {
  return {
    data: result.data,
    error: result.error,
    loading: result.data === undefined && result.error === null && asked,
    stale: result.isPlaceholderData,
    retry: () => { void result.refetch(); },
  };
}

/** Asks the nearest Provider's source `request` (null: nothing to ask yet) and follows its answer. */
export function useCsQuery<K extends CsRequestKind>(request: CsRequestOf<K> | null): CsQueryResult<CsResponses[K]> {
  const store = useCsStoreApi();
  const source = useCsStore((s) => s.source);
  return resultOf(useQuery(csQueryOptions(source, request), queryClientOf(store)), request !== null);
}

/** Several requests at once (the pages a scrolled table shows), each followed as `useCsQuery` follows one. */
export function useCsQueries<K extends CsRequestKind>(requests: ReadonlyArray<CsRequestOf<K>>): Array<CsQueryResult<CsResponses[K]>> {
  const store = useCsStoreApi();
  const source = useCsStore((s) => s.source);
  const results = useQueries({ queries: requests.map((request) => csQueryOptions(source, request)) }, queryClientOf(store));
  return results.map((result) => resultOf(result, true));
}

/** How many requests of the nearest Provider are on their way (0 when every widget shows the current view). */
export function useCsPending(): number {
  return useIsFetching({ queryKey: ['cskit'] }, queryClientOf(useCsStoreApi()));
}

/**
 * Whether any request of the nearest Provider is on its way: for a busy mark. Unlike `useCsPending` it re-renders
 * only when that flips, not on every answer, so a dashboard root can use it without redrawing every widget.
 */
export function useCsBusy(): boolean {
  const client = queryClientOf(useCsStoreApi());
  const cache = client.getQueryCache();
  const subscribe = useCallback((onChange: () => void) => cache.subscribe(onChange), [cache]);
  return useSyncExternalStore(subscribe, () => client.isFetching({ queryKey: ['cskit'] }) > 0, () => false);
}

/** The first error among the nearest Provider's current requests (null when none failed): for a status line. */
export function useCsError(): Error | null {
  const cache = queryClientOf(useCsStoreApi()).getQueryCache();
  const subscribe = useCallback((onChange: () => void) => cache.subscribe(onChange), [cache]);
  const current = () => (cache.findAll({ queryKey: ['cskit'], type: 'active' }).find((query) => query.state.error)?.state.error as Error | undefined) ?? null;
  return useSyncExternalStore(subscribe, current, () => null);
}
