/// <reference lib="webworker" />
import { prepareDataset, validateDataset } from '@cskit/metrics';
import { serveCsRequests } from '@cskit/react/worker';
import { generateDataset } from '@cskit/sample-data';

declare const self: DedicatedWorkerGlobalScope;
const engine = prepareDataset(validateDataset(generateDataset({ seed: 7, accounts: 200 })).dataset);
const serve = serveCsRequests(self, () => engine);
self.addEventListener('message', (event) => serve(event.data));
