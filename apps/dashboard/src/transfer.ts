/**
 * Moving a large result from the worker to the page without one long task. The browser deserialises a message in
 * one go on the main thread, and for 100k accounts the results hold ~400k rows: over a second in a single task.
 * The worker therefore cuts every long array out of the result and posts it in chunks of `CHUNK_ROWS` rows, each
 * deserialised in its own short task, then the small remainder (the head); the page puts the rows back by path.
 */

/** Where a long array sits in the result: the keys and indexes leading to it. */
export type Path = ReadonlyArray<string | number>;

export interface Part {
  path: Path;
  rows: unknown[];
}

/** Rows per message: about 10-20 ms to deserialise on the 2-core machine of BENCHMARKS.md. */
export const CHUNK_ROWS = 5_000;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/**
 * Splits `value` into a head, where every array of `minLength` or more elements is replaced by an empty array,
 * and those arrays with their paths. Only plain objects and arrays are walked; the input is not modified (objects
 * on the way to a long array are copied, everything else is shared).
 */
export function splitLongArrays<T>(value: T, minLength = CHUNK_ROWS): { head: T; parts: Part[] } {
  const parts: Part[] = [];
  const walk = (node: unknown, path: Array<string | number>): unknown => {
    if (Array.isArray(node)) {
      if (node.length >= minLength) {
        parts.push({ path: [...path], rows: node });
        return [];
      }
      let copy: unknown[] | null = null;
      node.forEach((item, index) => {
        const next = walk(item, [...path, index]);
        if (next !== item) (copy ??= [...node])[index] = next;
      });
      return copy ?? node;
    }
    if (isPlainObject(node)) {
      let copy: Record<string, unknown> | null = null;
      for (const key of Object.keys(node)) {
        const next = walk(node[key], [...path, key]);
        if (next !== node[key]) (copy ??= { ...node })[key] = next;
      }
      return copy ?? node;
    }
    return node;
  };
  return { head: walk(value, []) as T, parts };
}

/** Puts the parts' rows back into `head` (which is modified and returned). Parts of one path are appended in order. */
export function joinLongArrays<T>(head: T, parts: readonly Part[]): T {
  for (const part of parts) {
    if (part.path.length === 0) throw new Error('a part cannot replace the whole result');
    let node: unknown = head;
    for (const key of part.path.slice(0, -1)) node = (node as Record<string | number, unknown>)[key];
    const target = (node as Record<string | number, unknown>)[part.path[part.path.length - 1] as string | number];
    if (!Array.isArray(target)) throw new Error(`no array at ${part.path.join('.')}`);
    for (const row of part.rows) target.push(row);
  }
  return head;
}

/** The chunks to post for `parts`, in order. */
export function* chunks(parts: readonly Part[], size = CHUNK_ROWS): Generator<Part> {
  for (const part of parts) {
    for (let start = 0; start < part.rows.length; start += size) yield { path: part.path, rows: part.rows.slice(start, start + size) };
  }
}
