/**
 * `@cskit/metrics/load`: loading a dataset without holding a thread: the streaming `datasetBuilder` (records
 * validated as they arrive, kept only as a compact engine's columns), `prepareInSlices` (a raw dataset or a stream of
 * record batches, validated and prepared in slices between a host's other work), `datasetStreamChecker` (the
 * same rules for a writer that passes a stream's records on) and the slicing helpers. A server
 * (`@cskit/server`) or a worker uses it; a page that only renders answers never loads it.
 */
export { DatasetBuilder, datasetBuilder } from './data/dataset-builder.js';
export type { BuilderOptions, BuiltDataset } from './data/dataset-builder.js';
export { datasetStreamChecker, DatasetStreamChecker } from './data/stream-checker.js';
export { duplicateIdMessage, NATURAL_KEY_COLLECTIONS, repeatIssue } from './data/record-checks.js';
export type { NaturalKeyCollection } from './data/record-checks.js';
export { prepareInSlices } from './engine/prepare-sliced.js';
export type { DatasetChunk, PreparedLoad } from './engine/prepare-sliced.js';
export { nextTask, runSliced, runSync } from './core/work.js';
export type { SliceOptions, Work } from './core/work.js';
