// The host's module of a data worker (`createDataWorker` in main.cts): imported in the worker's thread.
import { generateDataset } from '@cskit/sample-data';

export const load = () => generateDataset({ seed: 7, accounts: 50 });
