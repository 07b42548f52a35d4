/**
 * Each tenant's prepared data kept on disk (`snapshotDir`): written after every load that serves new data, read when
 * a tenant's data is first asked for, so a restarted process (a deploy, a crash) serves the data it last prepared
 * within a second or two, where validating and preparing every record again takes seconds to minutes; the data
 * is loaded anew meanwhile and swapped in as a reload is (docs/server.md).
 *
 * A file is the snapshot's head (its format, tenant, data version, issues, where its classes are) and its parts,
 * each written with `v8.serialize` (structured clone: typed arrays as bytes) behind its length, one part at a time
 * with a pause between, and read back the same way. Node's own modules are taken at run time
 * (`process.getBuiltinModule`), so a host that never sets `snapshotDir` (an edge runtime) never needs them.
 */
import { nextTask, runSliced } from '@cskit/metrics/load';
import type { PreparedLoad } from '@cskit/metrics/load';
import { preparedFromSnapshot, snapshotWork } from '@cskit/metrics/snapshot';
import type { PreparedSnapshot } from '@cskit/metrics/snapshot';
import type { FileHandle } from 'node:fs/promises';

const MAGIC = 'cskit-snapshot';

/** What a snapshot gives back: the load, and the version and time of the data it was taken of. */
export interface KeptData {
  load: PreparedLoad;
  dataVersion: string;
  loadedAt: string;
}

export interface SnapshotStore {
  /**
   * The tenant's snapshot, or null when there is none (or, given `dataVersion`, none of that version: then only its
   * head is read); throws for one that cannot be read (then load instead).
   */
  read(tenant: string, signal: AbortSignal, dataVersion?: string): Promise<KeptData | null>;
  /** Replaces the tenant's snapshot (a new file renamed over the old: a reader sees the old or the new, whole). */
  write(tenant: string, kept: KeptData, signal?: AbortSignal): Promise<void>;
}

interface Head extends Omit<PreparedSnapshot, 'parts'> {
  magic: string;
  tenant: string;
  dataVersion: string;
  loadedAt: string;
  names: string[];
}

const node = () => ({
  fs: process.getBuiltinModule('node:fs/promises'),
  path: process.getBuiltinModule('node:path'),
  v8: process.getBuiltinModule('node:v8'),
  crypto: process.getBuiltinModule('node:crypto'),
});

type View = ArrayBufferView & { constructor: { name: string } };
const VIEW_TYPES = new Map<string, new (length: number) => ArrayBufferView>(
  [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array].map((type) => [type.name, type]),
);

/**
 * Writes `value`: its objects through `v8.Serializer`, its typed arrays' bytes as they are, after it. The typed
 * arrays (the columns and matrices: nearly all of the bytes) are then written and read by the file system's own
 * threads, straight from and into their memory, not copied through the serializer on the host's thread.
 */
async function writeItem(handle: FileHandle, value: unknown, at: number): Promise<number> {
  const { v8 } = node();
  const views: View[] = [];
  const serializer = new (class extends v8.Serializer {
    constructor() {
      super();
      (this as unknown as { _setTreatArrayBufferViewsAsHostObjects(flag: boolean): void })._setTreatArrayBufferViewsAsHostObjects(true);
    }
    _writeHostObject(view: View): void {
      this.writeUint32(views.length);
      views.push(view);
    }
  })();
  serializer.writeHeader();
  serializer.writeValue(value);
  const objects = serializer.releaseBuffer();
  const table = Buffer.from(JSON.stringify(views.map((view) => [view.constructor.name, view.byteLength])));
  const head = Buffer.alloc(12);
  head.writeBigUInt64LE(BigInt(objects.length));
  head.writeUInt32LE(table.length, 8);
  let offset = at;
  for (const bytes of [head, objects, table, ...views.map((view) => new Uint8Array(view.buffer, view.byteOffset, view.byteLength))]) {
    await handle.write(bytes, 0, bytes.length, offset);
    offset += bytes.length;
  }
  return offset;
}

/** Reads an item `writeItem` wrote at `at`: its typed arrays first (into their own memory), then its objects. */
async function readItem(handle: FileHandle, at: number, size: number): Promise<{ value: unknown; end: number }> {
  const { v8 } = node();
  const head = await readBytes(handle, at, 12, size);
  const objects = await readBytes(handle, at + 12, Number(head.readBigUInt64LE()), size);
  let offset = at + 12 + objects.length;
  const table = await readBytes(handle, offset, head.readUInt32LE(8), size);
  offset += table.length;
  const views: ArrayBufferView[] = [];
  for (const [name, byteLength] of JSON.parse(table.toString()) as Array<[string, number]>) {
    const type = VIEW_TYPES.get(name);
    const width = (type as unknown as { BYTES_PER_ELEMENT?: number } | undefined)?.BYTES_PER_ELEMENT ?? 0;
    if (!type || !Number.isSafeInteger(byteLength) || byteLength < 0 || byteLength % width !== 0 || offset + byteLength > size) throw damaged(offset, size);
    const view = new type(byteLength / width);
    const { bytesRead } = await handle.read(new Uint8Array(view.buffer), 0, byteLength, offset);
    if (bytesRead !== byteLength) throw damaged(offset, size);
    views.push(view);
    offset += byteLength;
  }
  const deserializer = new (class extends v8.Deserializer {
    _readHostObject(): unknown {
      const view = views[this.readUint32()];
      if (view === undefined) throw damaged(at, size);
      return view;
    }
  })(objects);
  deserializer.readHeader();
  return { value: deserializer.readValue(), end: offset };
}

/**
 * Removes this tenant's temporary files left an hour or more ago (a process stopped while it wrote: each is as
 * large as a snapshot). Younger ones may be another process's write in progress (replicas sharing the directory).
 */
async function removeStale(dir: string, name: string): Promise<void> {
  const { fs, path } = node();
  for (const entry of await fs.readdir(dir)) {
    if (!entry.startsWith(`${name}.`) || !entry.endsWith('.tmp')) continue;
    const at = path.join(dir, entry);
    const stat = await fs.stat(at).catch(() => null);
    if (stat && Date.now() - stat.mtimeMs > 3_600_000) await fs.rm(at, { force: true });
  }
}

async function readBytes(handle: FileHandle, at: number, length: number, size: number): Promise<Buffer> {
  if (!Number.isSafeInteger(length) || length < 0 || at + length > size) throw damaged(at, size);
  const bytes = Buffer.alloc(length);
  const { bytesRead } = await handle.read(bytes, 0, length, at);
  if (bytesRead !== length) throw damaged(at, size);
  return bytes;
}

const damaged = (at: number, size: number) => new Error(`the snapshot is cut short or damaged (at byte ${at} of ${size})`);

/** Snapshots in `dir` (created if missing), one file per tenant, named by a hash of the tenant. */
export function snapshotStore(dir: string, slicing: { sliceMs?: number; pause: () => Promise<void> }): SnapshotStore {
  const fileOf = (tenant: string) => {
    const { path, crypto } = node();
    return path.join(dir, `cskit-${crypto.createHash('sha256').update(tenant).digest('hex').slice(0, 32)}.snapshot`);
  };
  return {
    async read(tenant, signal, dataVersion) {
      const { fs } = node();
      let handle;
      try {
        handle = await fs.open(fileOf(tenant), 'r');
      } catch (error) {
        if ((error as { code?: string }).code === 'ENOENT') return null;
        throw error;
      }
      try {
        const size = (await handle.stat()).size;
        const first = await readItem(handle, 0, size);
        const head = first.value as Head;
        if (head?.magic !== MAGIC || head.tenant !== tenant) throw new Error('not a cskit snapshot of this tenant');
        if (dataVersion !== undefined && head.dataVersion !== dataVersion) return null;
        const parts: PreparedSnapshot['parts'] = [];
        let offset = first.end;
        for (const name of head.names) {
          await slicing.pause();
          signal.throwIfAborted();
          const item = await readItem(handle, offset, size);
          parts.push([name, item.value]);
          offset = item.end;
        }
        return { load: preparedFromSnapshot({ ...head, parts }), dataVersion: head.dataVersion, loadedAt: head.loadedAt };
      } finally {
        await handle.close();
      }
    },
    async write(tenant, kept, signal) {
      const { fs, path } = node();
      const snapshot = await runSliced(snapshotWork(kept.load), { ...slicing, ...(signal ? { signal } : {}) });
      const { parts, ...rest } = snapshot;
      const head: Head = { ...rest, magic: MAGIC, tenant, dataVersion: kept.dataVersion, loadedAt: kept.loadedAt, names: parts.map(([name]) => name) };
      const file = fileOf(tenant);
      // The process and a random part: replicas on other machines sharing the directory may have the same pid.
      const temporary = `${file}.${process.pid}-${node().crypto.randomBytes(4).toString('hex')}.tmp`;
      await fs.mkdir(path.dirname(file), { recursive: true });
      await removeStale(dir, path.basename(file));
      const handle = await fs.open(temporary, 'w');
      try {
        let offset = 0;
        for (const value of [head, ...parts.map(([, part]) => part)]) {
          signal?.throwIfAborted();
          offset = await writeItem(handle, value, offset);
          await slicing.pause();
        }
        await handle.sync();
      } catch (error) {
        await handle.close();
        await fs.rm(temporary, { force: true });
        throw error;
      }
      await handle.close();
      await fs.rename(temporary, file);
    },
  };
}

/**
 * One prepared engine kept in `dir` under `name` (default `sql`), in the shape `createSqlEngine`'s `snapshots` takes:
 * the SQL engine's compact engine of a data version, kept for the next process (`@cskit/sql` does not touch files).
 */
export function snapshotFiles(dir: string, options: { name?: string; sliceMs?: number } = {}): {
  read(version: string): Promise<{ version: string; load: PreparedLoad } | null>;
  write(version: string, load: PreparedLoad): Promise<void>;
} {
  const name = options.name ?? 'sql';
  // Without `sliceMs`, `runSliced`'s own default.
  const store = snapshotStore(dir, { ...(options.sliceMs === undefined ? {} : { sliceMs: options.sliceMs }), pause: nextTask });
  return {
    async read(version) {
      // Another version's snapshot is known by its head alone: its parts (hundreds of megabytes) are not read.
      const kept = await store.read(name, new AbortController().signal, version);
      return kept && { version: kept.dataVersion, load: kept.load };
    },
    write: (version, load) => store.write(name, { load, dataVersion: version, loadedAt: new Date().toISOString() }),
  };
}
