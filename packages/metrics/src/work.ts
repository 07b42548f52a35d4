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
}

const now = (): number => (typeof performance === 'undefined' ? Date.now() : performance.now());

/** The next macrotask: other callbacks (requests, I/O, rendering) run before the work goes on. */
export function nextTask(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate;
  return new Promise((resolve) => (immediate ? immediate(resolve) : setTimeout(resolve, 0)));
}

/** Runs work in slices of at most `sliceMs` (plus one step), pausing between them. */
export async function runSliced<T>(work: Work<T>, options: SliceOptions = {}): Promise<T> {
  const { sliceMs = 10, signal, pause = nextTask } = options;
  signal?.throwIfAborted();
  let deadline = now() + sliceMs;
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
    if (now() >= deadline) {
      await pause();
      signal?.throwIfAborted();
      deadline = now() + sliceMs;
    }
  }
}
