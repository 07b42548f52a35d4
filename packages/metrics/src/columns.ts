/** Growable typed columns for per-account results (movements) before they become rows. */

export class IntColumn {
  values: Int32Array;
  length = 0;
  /** `capacity`: the rows expected, when known (growing by doubling allocates twice the final size). */
  constructor(capacity = 64) {
    this.values = new Int32Array(Math.max(1, capacity));
  }
  push(value: number): void {
    if (this.length === this.values.length) {
      const next = new Int32Array(this.values.length * 2);
      next.set(this.values);
      this.values = next;
    }
    this.values[this.length++] = value;
  }
  at(row: number): number {
    return this.values[row] as number;
  }
}

export class FloatColumn {
  values: Float64Array;
  length = 0;
  constructor(capacity = 64) {
    this.values = new Float64Array(Math.max(1, capacity));
  }
  push(value: number): void {
    if (this.length === this.values.length) {
      const next = new Float64Array(this.values.length * 2);
      next.set(this.values);
      this.values = next;
    }
    this.values[this.length++] = value;
  }
  at(row: number): number {
    return this.values[row] as number;
  }
}

/** Strings per packed chunk: a chunk stays far below the engine's longest string whatever the strings' length. */
const CHUNK_BITS = 14;
const CHUNK = 1 << CHUNK_BITS;

/**
 * A column of strings packed into one long string per 16,384 (with their end offsets): a handful of heap objects
 * instead of one per string, so a long-lived index (contract ids, the records a compact engine keeps) adds almost
 * nothing to what every garbage collection walks. `at(row)` slices a string back out.
 */
export class PackedStrings {
  readonly length: number;
  private readonly chunks: string[] = [];
  /** End offset of each string within its chunk. */
  private readonly ends: Uint32Array;

  constructor(length: number, valueAt: (row: number) => string) {
    this.length = length;
    this.ends = new Uint32Array(length);
    for (let first = 0; first < length; first += CHUNK) {
      const parts: string[] = [];
      let end = 0;
      for (let row = first; row < Math.min(length, first + CHUNK); row += 1) {
        const value = valueAt(row);
        parts.push(value);
        end += value.length;
        this.ends[row] = end;
      }
      this.chunks.push(parts.join(''));
    }
  }

  at(row: number): string {
    const start = (row & (CHUNK - 1)) === 0 ? 0 : (this.ends[row - 1] as number);
    return (this.chunks[row >>> CHUNK_BITS] as string).slice(start, this.ends[row] as number);
  }
}
