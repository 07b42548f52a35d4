/// <reference lib="webworker" />
/**
 * The dashboard's worker: holds the data (the generated sample, or an imported dataset) as a prepared dataset and
 * answers the page's protocol requests (`@cskit/react/worker`). The page never receives the records: it asks for
 * summaries and for the rows its tables show, so a view change costs the worker a masked pass over its index and the
 * page a few kilobytes.
 */
import { datasetInfo, prepareDataset } from '@cskit/metrics';
import type { DataIssue, DatasetInfo, PreparedDataset } from '@cskit/metrics';
// Not '@cskit/react': its Provider modules bring React (and, under `vite dev`, React Refresh, which needs `window`).
import { serveCsRequests } from '@cskit/react/worker';
import { prepareInSlices } from '@cskit/metrics/load';
import { generateDatasetChunks } from '@cskit/sample-data';
import { importSteps, serveImport } from './import/importer.js';

/** What the page asks besides protocol requests. */
export type DataMessage =
  | { type: 'generate'; seed: number; accounts: number; bench?: boolean }
  /** Back to the sample this worker generated. */
  | { type: 'sample' }
  /** The same data with other targets (the settings' targets editor): validated here, issues in the reply. */
  | { type: 'targets'; targets: unknown };

/** The worker has new data: the page makes a new source for `version` (so every widget asks again). */
export type DataReply =
  /** `files`: the data is an import of these files (absent: the generated sample). */
  | { type: 'ready'; version: number; info: DatasetInfo; issues: DataIssue[]; files?: string[] }
  | { type: 'failed'; message: string };

declare const self: DedicatedWorkerGlobalScope;
let engine: PreparedDataset | null = null;
let sample: PreparedDataset | null = null;
let version = 0;
/** The files the data in use was imported from (none: the sample). */
let files: string[] | undefined;

function ready(next: PreparedDataset, issues: DataIssue[], from?: string[]): void {
  engine = next;
  files = from;
  version += 1;
  self.postMessage({ type: 'ready', version, info: datasetInfo(next), issues, ...(from ? { files: from } : {}) } satisfies DataReply);
}

/** With `bench`, the worker's compute time per view is kept for `pnpm bench:dashboard` (read with a message). */
let bench = false;
let computeMs = 0;
/** With `bench`: each answered request's kind (and part or row set) and its compute time, in order. */
let computeLog: Array<[string, number]> = [];
const describe = (request: unknown): string => {
  const { kind, metric, rowSet } = request as { kind?: string; metric?: string; rowSet?: string };
  return [kind, metric ?? rowSet].filter(Boolean).join(':');
};
const serve = serveCsRequests(self, () => engine, {
  onAnswered: (request, ms) => {
    if (!bench) return;
    computeMs += ms;
    computeLog.push([describe(request), Math.round(ms)]);
  },
});
// Imports are read and validated here; the data changes only when the page applies a valid one.
const serveImports = serveImport(self, importSteps((dataset, files) => ready(prepareDataset(dataset, { compact: true }), [], files)));

self.onmessage = async (event: MessageEvent<DataMessage>) => {
  if (serve(event.data) || serveImports(event.data)) return;
  const message = event.data as DataMessage | { type: 'compute-ms' };
  if (message.type === 'compute-ms') {
    self.postMessage({ type: 'compute-ms', ms: computeMs, log: computeLog });
    computeMs = 0;
    computeLog = [];
    return;
  }
  try {
    if (message.type === 'generate') {
      bench = message.bench === true;
      // Generated and validated a block of accounts at a time into a compact engine: at 100,000 accounts (with
      // tickets and activity by role) no more than one block of records is alive, as in a server's streamed load.
      const built = await prepareInSlices(generateDatasetChunks({ seed: message.seed, accounts: message.accounts }), { sliceMs: 500 });
      sample = built.engine;
      ready(sample, built.issues);
    } else if (message.type === 'sample' && sample) {
      ready(sample, []);
    } else if (message.type === 'targets' && engine) {
      // The index is shared: no record is read again; the page gets a new version and asks again.
      const { engine: next, issues } = engine.withTargets(message.targets);
      if (engine === sample) sample = next;
      ready(next, issues, files);
    }
  } catch (error) {
    self.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies DataReply);
  }
};
