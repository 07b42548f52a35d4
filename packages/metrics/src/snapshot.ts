/**
 * `@cskit/metrics/snapshot`: a prepared load (what `prepareInSlices` of `@cskit/metrics/load` returns) as plain,
 * structured-cloneable parts and back, so a server keeps it between processes (`@cskit/server`'s `snapshotDir`). An
 * entry of its own: a page or a worker that loads data never carries it.
 */
export { preparedFromSnapshot, SNAPSHOT_FORMAT, snapshotWork } from './engine/snapshot.js';
export type { PreparedSnapshot } from './engine/snapshot.js';
