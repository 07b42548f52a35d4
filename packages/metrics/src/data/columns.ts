/** Growable typed columns for per-account results (movements) before they become rows. */
import type { Work } from '../core/work.js';

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
  /** The values pushed, in a typed array of their length. */
  toArray(): Int32Array {
    return this.values.slice(0, this.length);
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
  toArray(): Float64Array {
    return this.values.slice(0, this.length);
  }
}

/** Values per chunk of a `ChunkedColumn`: 64K (half a megabyte of doubles). */
const CHUNK_VALUES_BITS = 16;
const CHUNK_VALUES = 1 << CHUNK_VALUES_BITS;

/**
 * A column of numbers pushed one at a time into fixed chunks: growing never copies what is there (a doubled typed
 * array copies tens of megabytes at once, and holds up to twice what it needs), so a stream of ten million records
 * is read with steps of constant cost. `toArrayWork` gives the values as one array, copied in slices.
 */
export class ChunkedColumn<A extends Int32Array | Float64Array> {
  length = 0;
  private readonly chunks: A[] = [];
  private last: A;
  private fill = 0;

  constructor(private readonly make: (length: number) => A) {
    this.last = make(CHUNK_VALUES);
  }

  push(value: number): void {
    if (this.fill === CHUNK_VALUES) {
      this.chunks.push(this.last);
      this.last = this.make(CHUNK_VALUES);
      this.fill = 0;
    }
    this.last[this.fill++] = value;
    this.length += 1;
  }

  at(row: number): number {
    const chunk = row >>> CHUNK_VALUES_BITS;
    return ((chunk < this.chunks.length ? this.chunks[chunk] : this.last) as A)[row & (CHUNK_VALUES - 1)] as number;
  }

  /**
   * The values as one typed array of their length, copied a chunk per step; each chunk is let go once copied (the
   * column is empty afterwards), so the values are never held twice over.
   */
  *toArrayWork(): Work<A> {
    const all = this.make(this.length);
    let at = 0;
    while (this.chunks.length > 0) {
      const chunk = this.chunks.shift() as A;
      all.set(chunk, at);
      at += chunk.length;
      yield;
    }
    all.set(this.last.subarray(0, this.fill), at);
    this.last = this.make(0);
    this.fill = 0;
    this.length = 0;
    return all;
  }
}

export const intColumn = (): ChunkedColumn<Int32Array> => new ChunkedColumn((length) => new Int32Array(length));
export const floatColumn = (): ChunkedColumn<Float64Array> => new ChunkedColumn((length) => new Float64Array(length));

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
    const packer = new StringPacker(length);
    for (let row = 0; row < length; row += 1) packer.push(valueAt(row));
    this.length = length;
    this.ends = packer.ends.subarray(0, length);
    this.chunks = packer.chunks;
    packer.flush();
  }

  /** Packed strings from a packer that was given them one at a time (a stream of records). */
  static of(packer: StringPacker): PackedStrings {
    return new PackedStrings(0, () => '').adopt(packer);
  }

  private adopt(packer: StringPacker): this {
    packer.flush();
    const self = this as unknown as { length: number; ends: Uint32Array; chunks: string[] };
    self.length = packer.length;
    self.ends = packer.ends.slice(0, packer.length);
    self.chunks = packer.chunks;
    return this;
  }

  at(row: number): string {
    const start = (row & (CHUNK - 1)) === 0 ? 0 : (this.ends[row - 1] as number);
    return (this.chunks[row >>> CHUNK_BITS] as string).slice(start, this.ends[row] as number);
  }
}

/** Packs strings given one at a time, a chunk of 16,384 at a time, for `PackedStrings.of`. */
export class StringPacker {
  length = 0;
  ends: Uint32Array;
  readonly chunks: string[] = [];
  private parts: string[] = [];
  private end = 0;

  constructor(capacity = 1024) {
    this.ends = new Uint32Array(Math.max(1, capacity));
  }

  push(value: string): void {
    if (this.length === this.ends.length) {
      const next = new Uint32Array(this.ends.length * 2);
      next.set(this.ends);
      this.ends = next;
    }
    this.parts.push(value);
    this.end += value.length;
    this.ends[this.length] = this.end;
    this.length += 1;
    if ((this.length & (CHUNK - 1)) === 0) this.flush();
  }

  /** Joins the strings since the last chunk into one. */
  flush(): void {
    if (this.parts.length === 0) return;
    this.chunks.push(this.parts.join(''));
    this.parts = [];
    this.end = 0;
  }
}
