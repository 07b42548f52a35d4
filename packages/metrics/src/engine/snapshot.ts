/**
 * Snapshots of a prepared load: what `prepareInSlices` built (the compact index, its issues, counts and
 * fingerprint) as plain values (objects, arrays, Maps, typed arrays, strings, numbers) that a structured-clone
 * serializer writes and reads (Node's `v8.serialize`, a browser's IndexedDB), so that a restarted server serves the
 * data it last prepared within a second instead of validating and preparing every record again (seconds at 100,000
 * accounts). `@cskit/server` keeps one per tenant (`snapshotDir`).
 *
 * Written here, not taken from a library: structured clone already writes everything but the few classes the index
 * holds (packed strings and records, the owned-values cache: it drops their prototypes), and no serializer knows
 * them. So the walk notes where they are, and reading rebuilds them there; anything else that is not plain data (a
 * function, another class) fails the snapshot rather than come back as something else. The parts are serialized
 * one at a time (shorter steps for the host's thread), so no object may be reached from two parts: the one such
 * sharing the index has (its accounts are its dataset's) is noted as a link. A long list of objects in a part (the
 * accounts: 100,000 objects took 230-270 ms to read back in one piece) is written as parts of `PIECE` items each.
 */
import { LruCache, OwnedValues } from '../core/cache.js';
import type { CollectionName, DataIssue } from '../core/types.js';
import { STEP, type Work } from '../core/work.js';
import { PackedStrings } from '../data/columns.js';
import { MODEL_CACHE_BYTES, PackedRecords, restoredIndex, type DatasetIndex } from '../data/dataset-index.js';
import { engineOfIndex, preparedIndexOf } from './prepared.js';
import type { PreparedLoad } from './prepare-sliced.js';

/**
 * The snapshot's layout. Raise it whenever the index's parts or classes change shape: a snapshot of another
 * layout is refused (`preparedFromSnapshot` throws) and the host loads its data again.
 */
export const SNAPSHOT_FORMAT = 1;

declare const __CSKIT_METRICS_VERSION__: string | undefined;
/**
 * The build that writes and reads: a snapshot is read back only by the same version of this package (its build
 * defines the version; run from source, `source`), so a change of the index's layout that forgot `SNAPSHOT_FORMAT`
 * still never reads an older snapshot as something else. After an upgrade, the first start loads.
 */
const BUILD = typeof __CSKIT_METRICS_VERSION__ === 'string' ? __CSKIT_METRICS_VERSION__ : 'source';

/** Objects of a long list per part: ~20 ms to read back for accounts. */
const PIECE = 8192;

type Step = string | number | { mapKey: unknown };
type ClassKind = 'PackedStrings' | 'PackedRecords' | 'OwnedValues';

export interface PreparedSnapshot {
  format: number;
  /** The version of `@cskit/metrics` that wrote it. */
  build: string;
  fingerprint: string;
  counts: Partial<Record<CollectionName, { records: number; kept: number }>>;
  /**
   * The index's parts by name (`index.<field>`, `cache.<key>`), each a graph of its own, and the load's issues
   * (`load.issues`: `{ list }`, in pieces when long: a load can have a million).
   */
  parts: Array<[name: string, value: unknown]>;
  /** Where the classes are: the part, the path within it, the class. */
  classes: Array<{ part: number; path: Step[]; kind: ClassKind }>;
  /** Parts that are another part's object (by path), written once. */
  links: Array<{ part: number; from: number; path: Step[] }>;
  /** Lists of a part's field written as the pieces' parts, in order (the field holds an empty list meanwhile). */
  pieces: Array<{ part: number; field: string; from: number[] }>;
}

const KINDS = new Map<unknown, ClassKind>([[PackedStrings.prototype, 'PackedStrings'], [PackedRecords.prototype, 'PackedRecords'], [OwnedValues.prototype, 'OwnedValues']]);
const PLAIN = new Set<unknown>([Object.prototype, null, Array.prototype, Map.prototype, Set.prototype]);

/**
 * The snapshot of a load `prepareInSlices` returned, as its data was prepared (what answers cached since is left
 * out), walked in steps. Throws for a load of another origin or an index holding what a snapshot cannot carry.
 */
export function* snapshotWork(load: PreparedLoad, options: { piece?: number } = {}): Work<PreparedSnapshot> {
  const prepared = preparedIndexOf(load.engine);
  if (!prepared) throw new Error('snapshotWork takes a load prepareInSlices returned');
  const { index, cache } = prepared;
  const parts: Array<[string, unknown]> = [];
  for (const key of Object.keys(index) as Array<keyof DatasetIndex>) if (key !== 'cache' && key !== 'models') parts.push([`index.${key}`, index[key]]);
  for (const [key, value] of cache) parts.push([`cache.${key}`, value]);
  parts.push(['load.issues', { list: load.issues }]);
  const walk = new Walk();
  const pieces = splitLongLists(parts, walk, options.piece ?? PIECE);
  const links: PreparedSnapshot['links'] = [];
  for (let part = 0; part < parts.length; part += 1) {
    const root = (parts[part] as [string, unknown])[1];
    const earlier = walk.pathOf(root);
    if (earlier) {
      links.push({ part, from: earlier.part, path: earlier.path });
      (parts[part] as [string, unknown])[1] = null;
      continue;
    }
    yield* walk.part(part, root);
  }
  return { format: SNAPSHOT_FORMAT, build: BUILD, fingerprint: load.fingerprint, counts: load.counts, parts, classes: walk.classes, links, pieces };
}

/**
 * Moves each long list of objects in a part's fields into parts of `PIECE` items (the part's root copied, with an
 * empty list there); the list itself stays known at its path, for a later part that is it (a link).
 */
function splitLongLists(parts: Array<[string, unknown]>, walk: Walk, piece: number): PreparedSnapshot['pieces'] {
  const pieces: PreparedSnapshot['pieces'] = [];
  const count = parts.length;
  for (let part = 0; part < count; part += 1) {
    const [name, root] = parts[part] as [string, unknown];
    if (typeof root !== 'object' || root === null || Object.getPrototypeOf(root) !== Object.prototype) continue;
    let copy: Record<string, unknown> | null = null;
    for (const [field, list] of Object.entries(root)) {
      if (!Array.isArray(list) || list.length <= piece || typeof list[0] !== 'object') continue;
      copy ??= { ...(root as Record<string, unknown>) };
      copy[field] = [];
      walk.note(list, part, [field]);
      const from: number[] = [];
      for (let start = 0; start < list.length; start += piece) from.push(parts.push([`${name}.${field}@${start}`, list.slice(start, start + piece)]) - 1);
      pieces.push({ part, field, from });
    }
    if (copy) parts[part] = [name, copy];
  }
  return pieces;
}

/** Visits every object of the parts once: notes the classes, refuses what is not plain, and objects two parts share. */
class Walk {
  readonly classes: PreparedSnapshot['classes'] = [];
  private readonly owner = new Map<object, { part: number; path: Step[] | null }>();
  private visits = 0;

  /** Notes `value` as a part's, at `path` (a list split into pieces: its items are the pieces'). */
  note(value: object, part: number, path: Step[]): void {
    this.owner.set(value, { part, path });
  }

  /** Where an earlier part holds `value` (only a part's root may be one). */
  pathOf(value: unknown): { part: number; path: Step[] } | null {
    if (typeof value !== 'object' || value === null) return null;
    const seen = this.owner.get(value);
    if (!seen) return null;
    if (!seen.path) throw new Error('a part of the snapshot is an object deep inside an earlier part (only a part or its fields can be another part)');
    return { part: seen.part, path: seen.path };
  }

  *part(part: number, root: unknown): Work<void> {
    // Paths are kept for the roots' direct children (where a later part's root may point), not for every object.
    const stack: Array<{ value: unknown; path: Step[] }> = [{ value: root, path: [] }];
    while (stack.length > 0) {
      const { value, path } = stack.pop() as { value: unknown; path: Step[] };
      if ((this.visits += 1) % STEP === 0) yield;
      if (typeof value === 'function' || typeof value === 'symbol') throw new Error(`a snapshot cannot hold a ${typeof value} (part ${part}, at ${JSON.stringify(path)})`);
      if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) continue;
      const seen = this.owner.get(value);
      if (seen) {
        if (seen.part !== part) throw new Error(`a snapshot's parts ${seen.part} and ${part} share an object (at ${JSON.stringify(path)})`);
        continue;
      }
      this.owner.set(value, { part, path: path.length <= 1 ? path : null });
      const proto: unknown = Object.getPrototypeOf(value);
      const kind = KINDS.get(proto);
      if (kind) this.classes.push({ part, path, kind });
      else if (!PLAIN.has(proto)) throw new Error(`a snapshot cannot hold a ${(value as object).constructor?.name ?? 'class'} (part ${part}, at ${JSON.stringify(path)})`);
      pushChildren(value, path, stack);
    }
  }
}

/** Objects, and what a snapshot refuses (functions, symbols): what the walk visits. */
const notPrimitive = (value: unknown): boolean => (typeof value === 'object' && value !== null) || typeof value === 'function' || typeof value === 'symbol';

function pushChildren(value: object, path: Step[], stack: Array<{ value: unknown; path: Step[] }>): void {
  if (value instanceof Map) {
    for (const [key, inner] of value) {
      if (typeof key === 'object' && key !== null) throw new Error('a snapshot cannot hold a Map keyed by objects');
      if (notPrimitive(inner)) stack.push({ value: inner, path: [...path, { mapKey: key }] });
    }
  } else if (value instanceof Set) {
    for (const inner of value) if (typeof inner === 'object' && inner !== null) throw new Error('a snapshot cannot hold a Set of objects');
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) if (notPrimitive(value[i])) stack.push({ value: value[i], path: [...path, i] });
  } else {
    for (const key of Object.keys(value)) {
      const inner = (value as Record<string, unknown>)[key];
      if (notPrimitive(inner)) stack.push({ value: inner, path: [...path, key] });
    }
  }
}

/**
 * The load a snapshot holds, ready to answer as the one it was taken of (the same answers, fingerprint and
 * issues). `snapshot` is what a structured-clone reader gave back; one of another layout, or not a snapshot at all,
 * throws (load the data again then).
 */
export function preparedFromSnapshot(snapshot: unknown): PreparedLoad {
  const taken = snapshot as Partial<PreparedSnapshot> | null;
  if (typeof taken !== 'object' || taken === null || taken.format !== SNAPSHOT_FORMAT) {
    throw new Error(`not a snapshot of this version's layout (format ${String(taken?.format)}, expected ${SNAPSHOT_FORMAT}): load the data again`);
  }
  if (taken.build !== BUILD) throw new Error(`a snapshot of @cskit/metrics ${String(taken.build)}, read by ${BUILD}: load the data again`);
  const { parts, classes, links, pieces } = taken as PreparedSnapshot;
  const roots = parts.map(([, value]) => value);
  // The deepest first, so a class inside another is rebuilt before its holder is.
  for (const { part, path, kind } of [...classes].sort((a, b) => b.path.length - a.path.length)) {
    const rebuilt = rebuild(kind, at(roots[part], path));
    if (path.length === 0) roots[part] = rebuilt;
    else put(at(roots[part], path.slice(0, -1)), path[path.length - 1] as Step, rebuilt);
  }
  const isPiece = new Set<number>();
  for (const { part, field, from } of pieces) {
    (roots[part] as Record<string, unknown>)[field] = from.flatMap((piece) => roots[piece] as unknown[]);
    from.forEach((piece) => isPiece.add(piece));
  }
  for (const { part, from, path } of links) roots[part] = at(roots[from], path);
  const fields: Record<string, unknown> = {};
  const cache = new OwnedValues<string, unknown>();
  let issues: DataIssue[] = [];
  parts.forEach(([name], part) => {
    if (isPiece.has(part)) return;
    if (name.startsWith('index.')) fields[name.slice('index.'.length)] = roots[part];
    else if (name.startsWith('cache.')) cache.set(name.slice('cache.'.length), roots[part]);
    else if (name === 'load.issues') issues = (roots[part] as { list: DataIssue[] }).list;
  });
  const index = restoredIndex({ ...fields, cache, models: new LruCache(Number.POSITIVE_INFINITY, MODEL_CACHE_BYTES, true) } as DatasetIndex);
  return { engine: engineOfIndex(index), issues, counts: taken.counts ?? {}, fingerprint: String(taken.fingerprint) };
}

function rebuild(kind: ClassKind, plain: unknown): unknown {
  if (kind === 'OwnedValues') return new OwnedValues(plain as Map<unknown, unknown>);
  const prototype = kind === 'PackedStrings' ? PackedStrings.prototype : PackedRecords.prototype;
  return Object.assign(Object.create(prototype) as object, plain);
}

function at(root: unknown, path: readonly Step[]): unknown {
  let value = root;
  for (const step of path) value = typeof step === 'object' ? (value as Map<unknown, unknown>).get(step.mapKey) : (value as Record<string | number, unknown>)[step];
  return value;
}

function put(holder: unknown, step: Step, value: unknown): void {
  if (typeof step === 'object') (holder as Map<unknown, unknown>).set(step.mapKey, value);
  else (holder as Record<string | number, unknown>)[step] = value;
}
