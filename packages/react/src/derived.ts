/**
 * Results derived from a store's state, shared by every hook of that store: two widgets showing renewals compute
 * them once. Each key keeps its last inputs and result; inputs are compared by identity, like React's `useMemo`.
 */
import type { CsStore } from './store.js';

interface Entry {
  inputs: readonly unknown[];
  value: unknown;
}

const caches = new WeakMap<CsStore, Map<string, Entry>>();

function sameInputs(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, i) => Object.is(value, b[i]));
}

export function derive<T>(store: CsStore, key: string, inputs: readonly unknown[], compute: () => T): T {
  let cache = caches.get(store);
  if (!cache) {
    cache = new Map();
    caches.set(store, cache);
  }
  const entry = cache.get(key);
  if (entry && sameInputs(entry.inputs, inputs)) return entry.value as T;
  const value = compute();
  cache.set(key, { inputs, value });
  return value;
}
