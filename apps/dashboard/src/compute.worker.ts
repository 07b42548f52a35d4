/// <reference lib="webworker" />
/**
 * The dashboard's worker: holds the current dataset (generated here for large samples, or received once per
 * import) and answers compute and drill-down requests. A large sample never crosses to the page whole: the page
 * gets only its accounts and CSMs (for filters and names), since copying millions of records into the page would
 * block it for seconds.
 */
import { validateDataset } from '@cskit/metrics';
import type { Dataset, ValidationResult } from '@cskit/metrics';
import { drillDownAccountIds } from '@cskit/react';
import type { DrillDownContext, DrillDownTarget } from '@cskit/react';
import { generateDataset } from '@cskit/sample-data';
import { applyFilters, computeAll, lightDataset } from './compute.js';
import type { ComputeRequest } from './compute.js';

export type WorkerMessage =
  | { type: 'generate'; seed: number; accounts: number }
  | { type: 'dataset'; dataset: Dataset }
  /** Back to the sample this worker generated (the page only has its light copy). */
  | { type: 'sample' }
  | { type: 'compute'; id: number; request: ComputeRequest }
  | { type: 'drill'; id: number; target: DrillDownTarget; context: DrillDownContext; filters: ComputeRequest['filters'] };

export type WorkerReply =
  | { type: 'progress'; id: number; step: 'generating' | 'computing' }
  | { type: 'generated'; validated: ValidationResult }
  | { type: 'result'; id: number; result: ReturnType<typeof computeAll> }
  | { type: 'drilled'; id: number; accountIds: string[] }
  | { type: 'error'; id: number; message: string };

declare const self: DedicatedWorkerGlobalScope;
let dataset: Dataset | null = null;
let sample: Dataset | null = null;

self.onmessage = (event: MessageEvent<WorkerMessage>) => {
  const message = event.data;
  try {
    if (message.type === 'generate') {
      self.postMessage({ type: 'progress', id: -1, step: 'generating' } satisfies WorkerReply);
      const validated = validateDataset(generateDataset({ seed: message.seed, accounts: message.accounts }));
      dataset = sample = validated.dataset;
      self.postMessage({ type: 'generated', validated: { dataset: lightDataset(dataset), issues: validated.issues } } satisfies WorkerReply);
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
      self.postMessage({ type: 'result', id: message.id, result: computeAll(dataset, message.request) } satisfies WorkerReply);
    }
  } catch (error) {
    self.postMessage({ type: 'error', id: 'id' in message ? message.id : -1, message: String(error) } satisfies WorkerReply);
  }
};
