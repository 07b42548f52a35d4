/**
 * The page's handle on an import: every step (inspect a file, read it, drop it, the full report, apply) runs where
 * the data is (the worker, or the page without workers) and answers with small results, so a large file never
 * blocks the page. `serveImport` is the other side, in the worker.
 */
import type { CollectionName } from '@cskit/metrics';
import type { ColumnMapping, DateFormat } from './convert.js';
import { inspectFile, parseFile } from './parse.js';
import type { Inspection } from './parse.js';
import { readExports } from './exports.js';
import type { ExportChoices, ExportsReport } from './exports.js';
import { ImportSession } from './session.js';
import type { ImportReport } from './session.js';

export interface ReadOptions {
  mapping: ColumnMapping;
  dateFormat: DateFormat;
}

export interface Importer {
  inspect(collection: CollectionName, file: File): Promise<Inspection>;
  /** Reads a file for its collection (replacing an earlier one) and validates every file together. */
  read(collection: CollectionName, file: File, options: ReadOptions, onProgress: (share: number, rows: number) => void): Promise<ImportReport>;
  remove(collection: CollectionName): Promise<ImportReport | null>;
  /** Every issue as CSV. */
  reportCsv(): Promise<string>;
  /** Loads the validated files as the data; rejects (leaving the data as it was) without a valid account. */
  apply(): Promise<void>;
  /** Reads exports as they are (`@cskit/import`), replacing an earlier read of exports. */
  readExports(files: File[], choices: ExportChoices): Promise<ExportsReport>;
  /** Loads the exports read last; rejects (leaving the data as it was) without a valid account. */
  applyExports(): Promise<void>;
}

/** Messages of the import protocol (page to worker). */
export type ImportCall =
  | { importCall: number; step: 'inspect'; collection: CollectionName; file: File }
  | { importCall: number; step: 'read'; collection: CollectionName; file: File; options: ReadOptions }
  | { importCall: number; step: 'remove'; collection: CollectionName }
  | { importCall: number; step: 'report-csv' }
  | { importCall: number; step: 'apply' }
  | { importCall: number; step: 'read-exports'; files: File[]; choices: ExportChoices }
  | { importCall: number; step: 'apply-exports' };

/** A call without its id (the importer numbers it). */
type ImportCallBody = ImportCall extends infer C ? (C extends ImportCall ? Omit<C, 'importCall'> : never) : never;

/** Replies (worker to page): a result, a progress report, or a failure. */
export type ImportReply =
  | { importReply: number; result: unknown }
  | { importReply: number; progress: { share: number; rows: number } }
  | { importReply: number; failure: string };

/** A read file's text, or the file itself for CSV (Papa Parse streams it in chunks in a worker). */
async function inputOf(collection: CollectionName, file: File): Promise<string | File> {
  if (typeof FileReader === 'undefined') return file.text();
  const inspection = await inspectFile(collection, file);
  return inspection.format === 'json' ? file.text() : file;
}

/** The steps themselves, over one session; `load` replaces the data with a validated dataset (read from `files`). */
export function importSteps(load: (dataset: ReturnType<ImportSession['validate']>['dataset'], files: string[]) => void) {
  let session = new ImportSession();
  let exported: Awaited<ReturnType<typeof readExports>> | null = null;
  const report = () => (session.size === 0 ? null : session.validate().report);
  return {
    inspect: (collection: CollectionName, file: File) => inspectFile(collection, file),
    read: async (collection: CollectionName, file: File, options: ReadOptions, onProgress: (share: number, rows: number) => void) => {
      session.set(await parseFile(collection, file.name, await inputOf(collection, file), options, onProgress));
      return report() as ImportReport;
    },
    remove: async (collection: CollectionName) => {
      session.remove(collection);
      return report();
    },
    reportCsv: async () => session.issuesCsv(),
    apply: async () => {
      const { dataset } = session.validate();
      if (dataset.accounts.length === 0) throw new Error('the import has no valid account: the data was left as it was');
      load(dataset, session.fileNames);
      session = new ImportSession();
    },
    readExports: async (files: File[], choices: ExportChoices) => {
      exported = await readExports(files, choices);
      return exported.report;
    },
    applyExports: async () => {
      if (!exported || exported.result.dataset.accounts.length === 0) throw new Error('the import has no valid account: the data was left as it was');
      load(exported.result.dataset, exported.report.files);
      exported = null;
    },
  };
}

/** The import in the page (without workers). */
export function localImporter(load: Parameters<typeof importSteps>[0]): Importer {
  return importSteps(load);
}

/** The import in a worker that runs `serveImport`. */
export function workerImporter(worker: Worker): Importer {
  let next = 0;
  const call = <T>(message: ImportCallBody, onProgress?: (share: number, rows: number) => void): Promise<T> => {
    const id = (next += 1);
    return new Promise<T>((resolve, reject) => {
      const onMessage = (event: MessageEvent<ImportReply>) => {
        const reply = event.data;
        if (!reply || typeof reply !== 'object' || !('importReply' in reply) || reply.importReply !== id) return;
        if ('progress' in reply) {
          onProgress?.(reply.progress.share, reply.progress.rows);
          return;
        }
        worker.removeEventListener('message', onMessage);
        if ('failure' in reply) reject(new Error(reply.failure));
        else resolve(reply.result as T);
      };
      worker.addEventListener('message', onMessage);
      worker.postMessage({ ...message, importCall: id });
    });
  };
  return {
    inspect: (collection, file) => call({ step: 'inspect', collection, file }),
    read: (collection, file, options, onProgress) => call({ step: 'read', collection, file, options }, onProgress),
    remove: (collection) => call({ step: 'remove', collection }),
    reportCsv: () => call({ step: 'report-csv' }),
    apply: () => call({ step: 'apply' }),
    readExports: (files, choices) => call({ step: 'read-exports', files, choices }),
    applyExports: () => call({ step: 'apply-exports' }),
  };
}

/** The worker's side: answers import calls with `steps`; returns false for other messages. */
export function serveImport(scope: { postMessage(message: unknown): void }, steps: ReturnType<typeof importSteps>): (data: unknown) => boolean {
  return (data) => {
    if (!data || typeof data !== 'object' || !('importCall' in data)) return false;
    const message = data as ImportCall;
    const id = message.importCall;
    const answer = (work: Promise<unknown>) => work.then(
      (result) => scope.postMessage({ importReply: id, result } satisfies ImportReply),
      (error: unknown) => scope.postMessage({ importReply: id, failure: error instanceof Error ? error.message : String(error) } satisfies ImportReply),
    );
    switch (message.step) {
      case 'inspect': void answer(steps.inspect(message.collection, message.file)); break;
      case 'read': void answer(steps.read(message.collection, message.file, message.options, (share, rows) => scope.postMessage({ importReply: id, progress: { share, rows } } satisfies ImportReply))); break;
      case 'remove': void answer(steps.remove(message.collection)); break;
      case 'report-csv': void answer(steps.reportCsv()); break;
      case 'apply': void answer(steps.apply()); break;
      case 'read-exports': void answer(steps.readExports(message.files, message.choices)); break;
      case 'apply-exports': void answer(steps.applyExports()); break;
    }
    return true;
  };
}
