/**
 * Drill-down for the dashboard. When the worker holds the dataset (a large sample: the page has only its
 * accounts), the accounts behind a mark are found there; otherwise `useDrillDown` finds them in the page.
 */
import type { Dataset } from '@cskit/metrics';
import { useCsStoreApi, useDrillDown } from '@cskit/react';
import type { DrillDown } from '@cskit/react';
import { useCallback, useRef } from 'react';
import type { WorkerMessage, WorkerReply } from './compute.worker.js';

export function useDashboardDrill(worker: Worker | null, workerDataset: Dataset | null): (drill: DrillDown) => void {
  const store = useCsStoreApi();
  const inPage = useDrillDown();
  const requests = useRef(0);
  return useCallback((drill: DrillDown) => {
    const state = store.getState();
    if (!worker || state.dataset !== workerDataset || drill.target.kind === 'accounts') {
      inPage(drill);
      return;
    }
    const id = (requests.current += 1);
    const onMessage = (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
      if (!('id' in reply) || reply.id !== id) return;
      worker.removeEventListener('message', onMessage);
      if (reply.type === 'drilled') store.getState().actions.select({ accountIds: reply.accountIds, label: drill.label, source: drill.source });
    };
    worker.addEventListener('message', onMessage);
    const { period, model, graceMonths, filters } = state;
    worker.postMessage({ type: 'drill', id, target: drill.target, context: { period, model, graceMonths }, filters } satisfies WorkerMessage);
  }, [store, inPage, worker, workerDataset]);
}
