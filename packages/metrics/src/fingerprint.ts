/**
 * The fingerprint of a dataset: what names its version (a server's ETags) by its content.
 */
import type { DatasetIndex } from './dataset-index.js';
import type { Work } from './work.js';

/** Bumped when what the index holds changes meaning, so a new engine never shares a version with an old one. */
const FORMAT = 'cskit-index-1';

/**
 * A 64-bit hash (two 32-bit lanes) of what an index was built from: the accounts and CSMs, every typed array of its
 * columns and caches so far, `sources` (columns not kept, such as the health snapshots a matrix is built from), and
 * the packed records. Not cryptographic: it names a version of the data (equal data give equal fingerprints across
 * processes and restarts, so a server's ETags agree across replicas), it does not protect anything.
 */
export function* fingerprintWork(index: DatasetIndex, sources: readonly object[] = []): Work<string> {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  const word = (value: number) => {
    a = Math.imul(a ^ value, 0x01000193);
    b = Math.imul(b ^ value, 0x5bd1e995) ^ (b >>> 15);
  };
  const text = (value: string) => {
    for (let i = 0; i < value.length; i += 1) word(value.charCodeAt(i));
    word(value.length);
  };
  text(FORMAT);
  const { accounts, ...rest } = index.dataset;
  text(JSON.stringify(rest));
  for (let i = 0; i < accounts.length; i += 1) {
    text(JSON.stringify(accounts[i]));
    if ((i & 1023) === 0) yield;
  }
  const arrays: ArrayBufferView[] = [];
  const strings: string[] = [];
  const visit = (value: unknown, depth: number) => {
    if (ArrayBuffer.isView(value)) arrays.push(value);
    else if (typeof value === 'string') strings.push(value);
    else if (value === null || typeof value !== 'object' || depth >= 6 || value === index || value === index.dataset) return;
    else if (Array.isArray(value)) {
      if (value.length > 0 && typeof value[0] === 'string') for (const item of value) strings.push(item as string);
    } else for (const key of Object.keys(value).sort()) visit((value as Record<string, unknown>)[key], depth + 1);
  };
  visit(index.contracts, 0);
  for (const source of sources) visit(source, 0);
  for (const key of [...index.cache.keys()].sort()) {
    strings.push(key);
    visit(index.cache.get(key), 0);
  }
  // Packed records are strings of a megabyte or more: slices are counted in characters.
  let chars = 0;
  for (const value of strings) {
    for (let start = 0; start < value.length; start += 1 << 18) {
      const end = Math.min(value.length, start + (1 << 18));
      for (let i = start; i < end; i += 1) word(value.charCodeAt(i));
      chars += end - start;
      if (chars >= 1 << 18) {
        chars = 0;
        yield;
      }
    }
    word(value.length);
  }
  for (const array of arrays) {
    const words = new Int32Array(array.buffer, array.byteOffset, array.byteOffset % 4 === 0 ? Math.floor(array.byteLength / 4) : 0);
    for (let i = 0; i < words.length; i += 1) {
      word(words[i] as number);
      if ((i & 0xffff) === 0) yield;
    }
    const bytes = new Uint8Array(array.buffer, array.byteOffset + words.length * 4, array.byteLength - words.length * 4);
    for (const byte of bytes) word(byte);
    word(array.byteLength);
  }
  return `${(a >>> 0).toString(16).padStart(8, '0')}${(b >>> 0).toString(16).padStart(8, '0')}`;
}
