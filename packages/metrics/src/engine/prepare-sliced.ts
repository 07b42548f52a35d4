/**
 * `prepareInSlices`: validate and prepare a dataset without holding a host's thread for more than a slice at a
 * time, from a whole raw dataset object or from a stream of record batches (`DatasetChunk`s: a database cursor, a
 * file read line by line). The records pass through a `datasetBuilder` (validated as `validateDataset` validates,
 * kept only as the compact engine's columns), then the engine's index is finished in slices, and its content is
 * fingerprinted so that a host can name the data's version (ETags) by what it is, not by when it was loaded.
 */
import { datasetBuilder, feedWork, type DatasetBuilder } from '../data/dataset-builder.js';
import { fingerprintOf, type FingerprintPart } from '../data/fingerprint.js';
import { engineOfIndex, type PreparedDataset } from './prepared.js';
import type { CollectionName, DataIssue } from '../core/types.js';
import { nextTask, runSliced, type SliceOptions } from '../core/work.js';

/** A piece of a streamed dataset: its header (`currency`, `fxRates`: first, if any) or a batch of one collection's records. */
export type DatasetChunk = { currency?: unknown; fxRates?: unknown } | { collection: CollectionName; records: readonly unknown[] };

export interface PreparedLoad {
  engine: PreparedDataset;
  /** What `validateDataset` reports for the same records, in the same order. */
  issues: DataIssue[];
  /** Records read and kept, per collection. */
  counts: Partial<Record<CollectionName, { records: number; kept: number }>>;
  /** A hash of the prepared data (accounts, columns, packed records): equal data, equal fingerprint. */
  fingerprint: string;
}

const isChunkSource = (value: unknown): value is AsyncIterable<DatasetChunk> | Iterable<DatasetChunk> =>
  typeof value === 'object' && value !== null && (Symbol.asyncIterator in value || Symbol.iterator in value);

/**
 * Validates and prepares a compact engine in slices of `sliceMs` (default 10 ms), pausing between them so the
 * host's other work runs (requests, rendering). `source` is a raw dataset object (as `validateDataset` takes it)
 * or an iterable of `DatasetChunk`s (the header, csms, then batches with each record after its account; see
 * `datasetBuilder`). The answers equal those of
 * `prepareDataset(validateDataset(raw).dataset, { compact: true })`.
 */
export async function prepareInSlices(source: unknown, options: SliceOptions = {}): Promise<PreparedLoad> {
  const { sliceMs = 10, signal, pause = nextTask, onSlice } = options;
  if (typeof source !== 'object' || source === null) {
    throw new TypeError(`prepareInSlices expected a dataset object such as { accounts: [...] } or a stream of chunks, got ${source === null ? 'null' : typeof source}`);
  }
  let builder;
  const slices = { sliceMs, signal, pause, ...(onSlice ? { onSlice } : {}) };
  if (isChunkSource(source)) {
    builder = await readChunks(source, slices);
  } else {
    const raw = source as Record<string, unknown>;
    builder = datasetBuilder({ currency: raw.currency, fxRates: raw.fxRates });
    await runSliced(feedWork(builder, raw), slices);
  }
  // The fingerprint starts as soon as its parts are known: its digests (native, on other threads) run during the
  // last finishing passes instead of after them, with this thread idle (~0.1 s at 100,000 accounts).
  let fingerprinting: Promise<string> | undefined;
  const startFingerprint = (parts: readonly FingerprintPart[]) => {
    fingerprinting = fingerprintOf(parts, { sliceMs, pause });
    // Awaited below; a finish that fails first must not leave it rejected and unheard.
    fingerprinting.catch(() => undefined);
  };
  const built = await runSliced(builder.finish(startFingerprint), slices);
  const fingerprint = await (fingerprinting ?? fingerprintOf(built.fingerprintParts, { sliceMs, pause }));
  return { engine: engineOfIndex(built.index), issues: built.issues, counts: built.counts, fingerprint };
}

/**
 * Feeds a stream's chunks to a builder. A slice is the time the builder and a synchronous source run since the last
 * pause: a source that resolves at once (an in-memory generator, a file read ahead) is read in a plain loop, so the
 * work pauses whenever a slice has run `sliceMs`; an asynchronous source's waits (its I/O, and whatever other callbacks
 * run meanwhile) are not the builder's slice, so only the time from each chunk's arrival to its end counts.
 * (Reading a synchronous source with `for await` also let the host's pending promise callbacks run between its
 * chunks, and they were counted in the slice: 60-75 ms "slices" under load at 100,000 accounts, 30 ms without.)
 */
async function readChunks(source: AsyncIterable<DatasetChunk> | Iterable<DatasetChunk>, options: SliceOptions & { sliceMs: number; pause: () => Promise<void> }) {
  const { sliceMs, signal, pause, onSlice } = options;
  let builder: DatasetBuilder | null = null;
  let busy = 0;
  /**
   * Feeds a chunk and adds the time since `since` to the slice; once the slice has run `sliceMs`, the pause to await
   * (else nothing, so a synchronous source's chunks follow each other without a turn of the microtask queue).
   */
  const take = (chunk: DatasetChunk, since: number): Promise<void> | undefined => {
    builder = feedChunk(builder, chunk);
    busy += performance.now() - since;
    if (busy < sliceMs) return undefined;
    onSlice?.(busy);
    busy = 0;
    return pause();
  };
  if (Symbol.asyncIterator in source) {
    for await (const chunk of source) {
      const arrived = performance.now();
      signal?.throwIfAborted();
      await take(chunk, arrived);
    }
  } else {
    const iterator = source[Symbol.iterator]();
    for (;;) {
      let since = performance.now();
      signal?.throwIfAborted();
      const step = iterator.next();
      if (step.done) break;
      let chunk: DatasetChunk = step.value;
      // A promise among the chunks is awaited, as `for await` would (its wait is not the slice's).
      if (isThenable(step.value)) {
        chunk = await step.value;
        since = performance.now();
      }
      const pausing = take(chunk, since);
      if (pausing) await pausing;
    }
  }
  return builder ?? datasetBuilder();
}

const isThenable = (value: unknown): value is PromiseLike<DatasetChunk> =>
  typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';

/** One chunk into the builder, which it returns: the header (first, if any) makes it; a batch of records is added. */
function feedChunk(builder: DatasetBuilder | null, chunk: DatasetChunk): DatasetBuilder {
  if (typeof chunk !== 'object' || chunk === null) throw new TypeError('a dataset chunk must be { currency?, fxRates? } or { collection, records }');
  if (!('collection' in chunk)) {
    if (builder) throw new TypeError('a dataset chunk with currency or fxRates must come first');
    return datasetBuilder(chunk);
  }
  const into = builder ?? datasetBuilder();
  if (!Array.isArray(chunk.records)) into.notAList(chunk.collection, chunk.records);
  else into.add(chunk.collection, chunk.records);
  return into;
}
