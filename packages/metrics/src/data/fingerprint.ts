/**
 * The fingerprint of a dataset: what names its version (a server's ETags) by its content. The parts of an index
 * (its accounts, columns and packed records, in a fixed order) are hashed with SHA-256 where Web Crypto is there
 * (Node, browsers, workers: native code, off the thread in Node), else with a 64-bit JavaScript hash in slices.
 * Not a protection of anything: it names a version (equal data give equal fingerprints across processes and
 * restarts, so a server's ETags agree across replicas).
 */
import type { DatasetIndex } from './dataset-index.js';
import { nextTask, runSliced, type Work } from '../core/work.js';

/** Bumped when what the index holds changes meaning, so a new engine never shares a version with an old one. */
const FORMAT = 'cskit-index-3';

/** A part of a dataset's content: a typed array's bytes, or text. */
export type FingerprintPart = ArrayBufferView | string;

/**
 * What an index was built from, in a fixed order: the accounts and CSMs (as JSON, a thousand accounts a part),
 * every typed array and string of its columns and caches so far, and `sources` (columns not kept, such as the health
 * snapshots a matrix is built from).
 */
export function* fingerprintPartsWork(index: DatasetIndex, sources: readonly object[] = []): Work<FingerprintPart[]> {
  // A list of strings stands for itself here and is joined after the visits, a bounded piece per step.
  const parts: Array<FingerprintPart | readonly string[]> = [FORMAT];
  const { accounts, ...rest } = index.dataset;
  parts.push(JSON.stringify(rest));
  for (let start = 0; start < accounts.length; start += 1000) {
    parts.push(JSON.stringify(accounts.slice(start, start + 1000)));
    yield;
  }
  const visit = (value: unknown, depth: number) => {
    if (ArrayBuffer.isView(value) || typeof value === 'string') parts.push(value);
    else if (value === null || typeof value !== 'object' || depth >= 6 || value === index || value === index.dataset) return;
    else if (Array.isArray(value)) {
      if (value.length > 0 && typeof value[0] === 'string') parts.push(value as string[]);
    } else for (const key of Object.keys(value).sort()) visit((value as Record<string, unknown>)[key], depth + 1);
  };
  visit(index.contracts, 0);
  for (const source of sources) visit(source, 0);
  for (const key of [...index.cache.keys()].sort()) {
    parts.push(key);
    visit(index.cache.get(key), 0);
    yield;
  }
  return yield* joinedWork(parts);
}

/** Characters of a list of strings joined in one step (a fingerprint part): ~1 ms of copying. */
const JOIN_CHARS = 2 ** 20;

/**
 * The parts with each list of strings joined by NUL in pieces of about `JOIN_CHARS`, one per step: joining the packed
 * records of a collection at once (tens of megabytes) held the thread for ~100 ms at 100,000 accounts.
 */
function* joinedWork(parts: ReadonlyArray<FingerprintPart | readonly string[]>): Work<FingerprintPart[]> {
  const joined: FingerprintPart[] = [];
  for (const part of parts) {
    if (!Array.isArray(part)) {
      joined.push(part as FingerprintPart);
      continue;
    }
    const list = part as readonly string[];
    let from = 0;
    let chars = 0;
    for (let i = 0; i < list.length; i += 1) {
      chars += (list[i] as string).length + 1;
      if (chars < JOIN_CHARS && i < list.length - 1) continue;
      joined.push(list.slice(from, i + 1).join('\u0000'));
      from = i + 1;
      chars = 0;
      yield;
    }
  }
  return joined;
}

/** The fingerprint of content parts: SHA-256 (Web Crypto) of each part, then of their digests; 16 hex digits. */
export async function fingerprintOf(parts: readonly FingerprintPart[], options: { sliceMs?: number; pause?: () => Promise<void> } = {}): Promise<string> {
  // Web Crypto's digest, typed here: @cskit/metrics is built without the DOM's types.
  const subtle = (globalThis as { crypto?: { subtle?: { digest(algorithm: string, data: ArrayBufferView | ArrayBuffer): Promise<ArrayBuffer> } } }).crypto?.subtle;
  if (!subtle) return runSliced(jsHashWork(parts), options);
  const encoder = new TextEncoder();
  const digests: ArrayBuffer[] = [];
  // A few at a time: each string part is encoded on this thread (a slice), the hashing runs natively.
  for (let start = 0; start < parts.length; start += 8) {
    const batch = parts.slice(start, start + 8).map((part) => {
      const bytes = typeof part === 'string' ? encoder.encode(part) : new Uint8Array(part.buffer, part.byteOffset, part.byteLength);
      return subtle.digest('SHA-256', bytes);
    });
    digests.push(...(await Promise.all(batch)));
    await (options.pause ?? nextTask)();
  }
  const all = new Uint8Array(digests.length * 32);
  digests.forEach((digest, i) => all.set(new Uint8Array(digest), i * 32));
  const final = new Uint8Array(await subtle.digest('SHA-256', all));
  return Array.from(final.subarray(0, 8), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A 64-bit JavaScript hash (two 32-bit lanes) of the parts, in slices: where there is no Web Crypto. */
function* jsHashWork(parts: readonly FingerprintPart[]): Work<string> {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  const word = (value: number) => {
    a = Math.imul(a ^ value, 0x01000193);
    b = Math.imul(b ^ value, 0x5bd1e995) ^ (b >>> 15);
  };
  for (const part of parts) {
    if (typeof part === 'string') {
      for (let i = 0; i < part.length; i += 1) {
        word(part.charCodeAt(i));
        if ((i & 0x3ffff) === 0) yield;
      }
    } else {
      const bytes = new Uint8Array(part.buffer, part.byteOffset, part.byteLength);
      for (let i = 0; i < bytes.length; i += 1) {
        word(bytes[i] as number);
        if ((i & 0xfffff) === 0) yield;
      }
    }
    word(typeof part === 'string' ? part.length : part.byteLength);
    yield;
  }
  return `${(a >>> 0).toString(16).padStart(8, '0')}${(b >>> 0).toString(16).padStart(8, '0')}`;
}
