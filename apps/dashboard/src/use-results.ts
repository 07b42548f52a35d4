/**
 * The dashboard's figures for the current view. Small datasets are computed on the main thread; large ones in the
 * Web Worker, so the page stays responsive, with `pending` true (and the last figures kept) while it works.
 */
import type { Dataset } from '@cskit/metrics';
import { comparisonPeriodOf, useCsStore } from '@cskit/react';
import { startTransition, useEffect, useMemo, useRef, useState } from 'react';
import { computeAll, MAIN_THREAD_LIMIT } from './compute.js';
import type { ComputeRequest, ComputeResult } from './compute.js';
import type { WorkerMessage, WorkerReply } from './compute.worker.js';
import { joinLongArrays } from './transfer.js';
import type { Part } from './transfer.js';

export interface Results {
  result: ComputeResult | null;
  pending: boolean;
  error: string | null;
}

interface Answer {
  result: ComputeResult | null;
  error: string | null;
  dataset: Dataset | null;
  request: ComputeRequest | null;
}

export function useResults(worker: Worker | null, workerDataset: Dataset | null): Results {
  const dataset = useCsStore((s) => s.dataset);
  const period = useCsStore((s) => s.period);
  const comparison = useCsStore((s) => s.comparison);
  const filters = useCsStore((s) => s.filters);
  const model = useCsStore((s) => s.model);
  const graceMonths = useCsStore((s) => s.graceMonths);
  const earlyWarning = useCsStore((s) => s.earlyWarning);
  const lookbackMonths = useCsStore((s) => s.lookbackMonths);
  const request = useMemo<ComputeRequest>(
    () => ({ period, comparisonPeriod: comparisonPeriodOf(period, comparison), filters, model, graceMonths, earlyWarning, lookbackMonths }),
    [period, comparison, filters, model, graceMonths, earlyWarning, lookbackMonths],
  );
  const offThread = worker !== null && dataset.accounts.length > MAIN_THREAD_LIMIT;
  const onThread = useMemo(() => {
    if (offThread) return null;
    try {
      return { result: computeAll(dataset, request), error: null };
    } catch (error) {
      return { result: null, error: String(error) };
    }
  }, [offThread, dataset, request]);

  // The worker's last answer and what it answered; pending while that is not the current view.
  const [remote, setRemote] = useState<Answer>({ result: null, error: null, dataset: null, request: null });
  const sent = useRef<Dataset | null>(workerDataset);
  const latest = useRef(0);
  useEffect(() => {
    if (!offThread || !worker) return undefined;
    if (sent.current !== dataset) {
      // The light copy of the worker's own sample stands for the whole sample the worker keeps.
      worker.postMessage((dataset === workerDataset ? { type: 'sample' } : { type: 'dataset', dataset }) satisfies WorkerMessage);
      sent.current = dataset;
    }
    const id = (latest.current += 1);
    // Long arrays arrive first, in chunks (each its own short task); the head completes the result.
    const parts: Part[] = [];
    const onMessage = (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
      if (!('id' in reply) || reply.id !== id) return;
      if (reply.type === 'result-part') parts.push(reply.part);
      if (reply.type === 'result') {
        const result = joinLongArrays(reply.result, parts);
        // A transition: React renders the widgets in slices, yielding to input between them.
        startTransition(() => setRemote({ result, error: null, dataset, request }));
      }
      if (reply.type === 'error') setRemote({ result: null, error: reply.message, dataset, request });
    };
    worker.addEventListener('message', onMessage);
    worker.postMessage({ type: 'compute', id, request } satisfies WorkerMessage);
    return () => worker.removeEventListener('message', onMessage);
  }, [offThread, worker, workerDataset, dataset, request]);

  if (onThread) return { ...onThread, pending: false };
  return { result: remote.result, error: remote.error, pending: remote.dataset !== dataset || remote.request !== request };
}
