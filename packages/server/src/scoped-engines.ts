/**
 * The scoped engines of one data version: a viewer's scope becomes `engine.scoped(ids)`, a mask over the prepared
 * data (its answers computed over those accounts alone, from the same index, caches and facts). They are kept by
 * scope key, least recently used first out, within a count and a byte budget: a scope costs its mask and its
 * selection (a byte and up to four per account), never a copy of the data.
 */
import type { PreparedDataset } from '@cskit/metrics';
import { scopedAccountIds, scopeKey, type CsScope } from './scope.js';

export class ScopedEngines {
  private readonly engines = new Map<string, { engine: PreparedDataset; bytes: number }>();
  private total = 0;

  constructor(private readonly engine: PreparedDataset, private readonly maxScopes: number, private readonly maxBytes: number) {}

  /** The engine that answers for `scope` (the whole engine for every account). */
  of(scope: CsScope): PreparedDataset {
    if ('all' in scope) return this.engine;
    const key = scopeKey(scope);
    const kept = this.engines.get(key);
    if (kept) {
      this.engines.delete(key);
      this.engines.set(key, kept);
      return kept.engine;
    }
    const ids = scopedAccountIds(this.engine.dataset, scope) ?? [];
    const engine = this.engine.scoped(ids);
    const bytes = this.engine.accountCount + 4 * ids.length;
    this.engines.set(key, { engine, bytes });
    this.total += bytes;
    for (const [oldest, entry] of this.engines) {
      if (this.engines.size <= this.maxScopes && this.total <= this.maxBytes) break;
      if (oldest === key) break;
      this.engines.delete(oldest);
      this.total -= entry.bytes;
    }
    return engine;
  }

  get count(): number {
    return this.engines.size;
  }
}
