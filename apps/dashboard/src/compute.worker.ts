/// <reference lib="webworker" />
/**
 * The dashboard's worker: holds the current dataset (generated here for large samples, or received once per
 * import) and answers compute and drill-down requests. A large sample never crosses to the page whole: the page
 * gets only its accounts and CSMs (for filters and names), since copying millions of records into the page would
 * block it for seconds.
 */
import { validateDataset } from '@cskit/metrics';
import type { Dataset, ValidationResult } from '@cskit/metrics';
// Not '@cskit/react': its Provider modules bring React (and, under `vite dev`, React Refresh, which needs `window`).
import { drillDownAccountIds } from '@cskit/react/drill-down-targets';
import type { DrillDownContext, DrillDownTarget } from '@cskit/react/drill-down-targets';
import { generateDataset } from '@cskit/sample-data';
import { applyFilters, computeAll, lightDataset } from './compute.js';
import type { ComputeRequest } from './compute.js';
import { chunks, splitLongArrays } from './transfer.js';
import type { Part } from './transfer.js';

export type WorkerMessage =
  | { type: 'generate'; seed: number; accounts: number }
  | { type: 'dataset'; dataset: Dataset }
  /** Back to the sample this worker generated (the page only has its light copy). */
  | { type: 'sample' }
  | { type: 'compute'; id: number; request: ComputeRequest }
  | { type: 'drill'; id: number; target: DrillDownTarget; context: DrillDownContext; filters: ComputeRequest['filters'] };

export type WorkerReply =
  | { type: 'progress'; id: number; step: 'generating' | 'computing' }
  /** A chunk of the accounts (or issues) of the coming `generated` head, as for results. */
  | { type: 'generated-part'; part: Part }
  | { type: 'generated'; validated: ValidationResult }
  /** A chunk of a long array of the coming result (see transfer.ts); the `result` that follows is its head. */
  | { type: 'result-part'; id: number; part: Part }
  | { type: 'result'; id: number; result: ReturnType<typeof computeAll> }
  | { type: 'drilled'; id: number; accountIds: string[] }
  | { type: 'error'; id: number; message: string };

declare const self: DedicatedWorkerGlobalScope;
let dataset: Dataset | null = null;
let sample: Dataset | null = null;

/** Posts `value`'s long arrays in chunks, then the rest (see transfer.ts). */
function postInChunks<T>(value: T, part: (part: Part) => WorkerReply, head: (head: T) => WorkerReply): void {
  const split = splitLongArrays(value);
  for (const chunk of chunks(split.parts)) self.postMessage(part(chunk));
  self.postMessage(head(split.head));
}

self.onmessage = (event: MessageEvent<WorkerMessage>) => {
  const message = event.data;
  try {
    if (message.type === 'generate') {
      self.postMessage({ type: 'progress', id: -1, step: 'generating' } satisfies WorkerReply);
      const validated = validateDataset(generateDataset({ seed: message.seed, accounts: message.accounts }));
      dataset = sample = validated.dataset;
      postInChunks({ dataset: lightDataset(dataset), issues: validated.issues }, (part) => ({ type: 'generated-part', part }), (head) => ({ type: 'generated', validated: head }));
    } else if (message.type === 'dataset') {
      dataset = message.dataset;
    } else if (message.type === 'sample') {
      dataset = sample;
    } else if (message.type === 'drill') {
      if (!dataset) throw new Error('no dataset yet');
      const accountIds = drillDownAccountIds(applyFilters(dataset, message.filters), message.target, message.context);
      self.postMessage({ type: 'drilled', id: message.id, accountIds } satisfies WorkerReply);
    } else {
      if (!dataset) throw new Error('no dataset yet');
      self.postMessage({ type: 'progress', id: message.id, step: 'computing' } satisfies WorkerReply);
      const { id } = message;
      postInChunks(computeAll(dataset, message.request), (part) => ({ type: 'result-part', id, part }), (head) => ({ type: 'result', id, result: head }));
    }
  } catch (error) {
    self.postMessage({ type: 'error', id: 'id' in message ? message.id : -1, message: String(error) } satisfies WorkerReply);
  }
};
