/**
 * Work in slices: long data work (validating and indexing a dataset, preparing an engine) written as generators
 * that yield between small steps, so a host can run it in pieces of a few milliseconds and keep answering in
 * between (a server's event loop, a page's main thread), or all at once. No runtime has a primitive for this
 * (`scheduler.yield` is a browser proposal, Node has none), so it is written here: a generator and a runner.
 */

/** A computation that yields at points where it may be paused, and returns its result at the end. */
export type Work<T> = Generator<void, T, void>;

/** Loop iterations between yields in a work loop: tens of microseconds of simple work. */
export const STEP = 2048;

/** Runs work to its end at once. */
export function runSync<T>(work: Work<T>): T {
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
  }
}

export interface SliceOptions {
  /** Longest a slice runs before the work pauses (default 10 ms). */
  sliceMs?: number;
  /** Stops the work between slices (its reason is thrown). */
  signal?: AbortSignal;
  /** What a pause waits for (default: the next macrotask, `setImmediate` where there is one, else `setTimeout(0)`). */
  pause?: () => Promise<void>;
  /** Told how long each slice ran (milliseconds), e.g. to report the longest. */
  onSlice?: (ms: number) => void;
}

const now = (): number => (typeof performance === 'undefined' ? Date.now() : performance.now());

/** The next macrotask: other callbacks (requests, I/O, rendering) run before the work goes on. */
export function nextTask(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate;
  return new Promise((resolve) => (immediate ? immediate(resolve) : setTimeout(resolve, 0)));
}

/** Runs work in slices of at most `sliceMs` (plus one step), pausing between them. */
export async function runSliced<T>(work: Work<T>, options: SliceOptions = {}): Promise<T> {
  const { sliceMs = 10, signal, pause = nextTask, onSlice } = options;
  signal?.throwIfAborted();
  let started = now();
  for (;;) {
    const step = work.next();
    if (step.done) {
      onSlice?.(now() - started);
      return step.value;
    }
    const at = now();
    if (at - started >= sliceMs) {
      onSlice?.(at - started);
      await pause();
      signal?.throwIfAborted();
      started = now();
    }
  }
}

/**
 * Rows `0 .. rows - 1` grouped by bucket (a counting sort: stable, no comparisons): the rows of bucket `b` are
 * `order[starts[b] .. starts[b + 1])`, in row order; a row whose bucket is -1 is left out. The one form of the
 * grouping the index, the account subsets and the renewal facts each need (contracts by account, by end day, records
 * by account, renewal changes by contract); it yields every few thousand rows.
 */
export function* bucketOrderWork(rows: number, buckets: number, bucketOf: (row: number) => number): Work<{ starts: Int32Array; order: Int32Array }> {
  const starts = new Int32Array(buckets + 1);
  for (let row = 0; row < rows; row += 1) {
    const bucket = bucketOf(row);
    if (bucket >= 0) starts[bucket + 1] = (starts[bucket + 1] as number) + 1;
  }
  yield;
  for (let bucket = 0; bucket < buckets; bucket += 1) starts[bucket + 1] = (starts[bucket + 1] as number) + (starts[bucket] as number);
  const fill = starts.slice(0, buckets);
  const order = new Int32Array(starts[buckets] as number);
  for (let row = 0; row < rows; row += 1) {
    const bucket = bucketOf(row);
    if (bucket >= 0) {
      const at = fill[bucket] as number;
      order[at] = row;
      fill[bucket] = at + 1;
    }
    if ((row & (STEP * 8 - 1)) === 0) yield;
  }
  return { starts, order };
}

/** Fills a (large) typed array with `value` in slices. */
export function* fillWork(array: Float64Array, value: number): Work<Float64Array> {
  const CHUNK = STEP * 64;
  for (let start = 0; start < array.length; start += CHUNK) {
    array.fill(value, start, Math.min(array.length, start + CHUNK));
    yield;
  }
  return array;
}

/** The first `length` values of a typed array as a new array of that length, copied in slices. */
export function* copyWork<A extends Int32Array | Float64Array>(array: A, length: number): Work<A> {
  const copy = new (array.constructor as new (length: number) => A)(length);
  const CHUNK = STEP * 64;
  for (let start = 0; start < length; start += CHUNK) {
    copy.set(array.subarray(start, Math.min(length, start + CHUNK)), start);
    yield;
  }
  return copy;
}

/**
 * Sorts `rows` in place by `compare`, stably (a bottom-up merge sort), yielding every few thousand moves: sorting
 * half a million contracts by due date takes hundreds of milliseconds, too long for one slice. (The comparator-free
 * radix order of `sort.ts` is faster for one call, but not sliced: it stays in the views' hot path.)
 */
export function* sortWork(rows: Int32Array, compare: (a: number, b: number) => number): Work<void> {
  const n = rows.length;
  if (n < 2) return;
  let from: Int32Array = rows;
  let to: Int32Array = new Int32Array(n);
  // Runs of 16 sorted by insertion first: fewer passes, and most comparisons in cache.
  const RUN = 16;
  for (let start = 0; start < n; start += RUN) {
    const end = Math.min(n, start + RUN);
    for (let i = start + 1; i < end; i += 1) {
      const value = from[i] as number;
      let j = i - 1;
      while (j >= start && compare(from[j] as number, value) > 0) {
        from[j + 1] = from[j] as number;
        j -= 1;
      }
      from[j + 1] = value;
    }
    // Up to 120 comparisons a run, each perhaps of two strings: a yield every 64 runs.
    if ((start & (RUN * 64 - 1)) === 0) yield;
  }
  for (let width = RUN; width < n; width *= 2) {
    yield;
    for (let left = 0; left < n; left += 2 * width) {
      const middle = Math.min(n, left + width);
      const right = Math.min(n, left + 2 * width);
      let i = left;
      let j = middle;
      let k = left;
      while (i < middle && j < right) {
        to[k++] = compare(from[j] as number, from[i] as number) < 0 ? (from[j++] as number) : (from[i++] as number);
        if ((k & (STEP - 1)) === 0) yield;
      }
      while (i < middle) to[k++] = from[i++] as number;
      while (j < right) to[k++] = from[j++] as number;
    }
    [from, to] = [to, from];
  }
  if (from !== rows) rows.set(from);
}

