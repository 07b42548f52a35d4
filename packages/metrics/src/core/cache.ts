/**
 * The engine's caches: least recently used entries go first once a cache holds more than its count or its bytes,
 * so a long-running engine (a worker, a server answering many viewers and health models) stays within a memory
 * budget whatever it is asked. Bytes are those of the typed arrays an entry holds (where nearly all of a result's
 * memory is), counted once per buffer.
 */

/** Objects never counted as part of an entry (a dataset index that entries point back to). */
const shared = new WeakSet<object>();

/** Marks an object that entries refer to but do not own (the index): its arrays are not an entry's bytes. */
export function markShared(value: object): void {
  shared.add(value);
}

/** Bytes of the typed arrays reachable from `value` through plain objects (not lists, not shared objects), to a depth of 4. */
export function typedBytes(value: unknown, seen: Set<ArrayBufferLike> = new Set(), depth = 0): number {
  if (ArrayBuffer.isView(value)) {
    if (seen.has(value.buffer)) return 0;
    seen.add(value.buffer);
    return value.buffer.byteLength;
  }
  if (value === null || typeof value !== 'object' || depth >= 4 || Array.isArray(value) || shared.has(value)) return 0;
  if (value instanceof Map) {
    let bytes = 0;
    for (const inner of value.values()) bytes += typedBytes(inner, seen, depth + 1);
    return bytes;
  }
  let bytes = 0;
  for (const key of Object.keys(value)) bytes += typedBytes((value as Record<string, unknown>)[key], seen, depth + 1);
  return bytes;
}

/**
 * A map whose values are the owner's (an index's columns and matrices): each value set is marked shared, so a result
 * that points to it (a view's health scores point to the model's score matrix) does not count its bytes as its own.
 * Without this, one filtered view's scores counted a 90 MB matrix at 100,000 accounts, twice, and filled the
 * results' byte budget on their own, pushing every other result out.
 */
export class OwnedValues<K, V> extends Map<K, V> {
  override set(key: K, value: V): this {
    if (typeof value === 'object' && value !== null) markShared(value);
    return super.set(key, value);
  }
}

export class LruCache {
  private readonly entries = new Map<string, { value: unknown; bytes: number }>();
  private total = 0;

  /**
   * At most `size` entries and `maxBytes` bytes of typed arrays (the newest entry is kept even when larger alone).
   * `owns`: the cache owns its values (the health models' matrices of an index): each is counted here, then marked
   * shared, so results pointing to it do not count it again.
   */
  constructor(private readonly size: number, private readonly maxBytes: number = Number.POSITIVE_INFINITY, private readonly owns = false) {}

  /** The entry if kept (and then the most recently used), else undefined; never builds. */
  peek<T>(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value as T;
  }

  get<T>(key: string, build: () => T): T {
    const entry = this.entries.get(key);
    if (entry !== undefined) return this.peek(key) as T;
    const value = build();
    this.set(key, value);
    return value;
  }

  set(key: string, value: unknown): void {
    const old = this.entries.get(key);
    if (old) {
      this.total -= old.bytes;
      this.entries.delete(key);
    }
    const bytes = typedBytes(value);
    if (this.owns && typeof value === 'object' && value !== null) markShared(value);
    this.entries.set(key, { value, bytes });
    this.total += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= this.size && this.total <= this.maxBytes) break;
      if (oldest === key) break;
      this.entries.delete(oldest);
      this.total -= entry.bytes;
    }
  }

  /** Typed-array bytes held now. */
  get bytes(): number {
    return this.total;
  }

  get count(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }
}
