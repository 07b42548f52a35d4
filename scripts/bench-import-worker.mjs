// The worker of `pnpm bench:import-tables`: Papa Parse alone (the floor) or `importTables` (the built package).
import { parentPort } from 'node:worker_threads';
import Papa from 'papaparse';
import { importTables } from '../packages/import/dist/index.js';

parentPort.on('message', ({ kind, text }) => {
  const start = performance.now();
  let summary;
  if (kind === 'floor') summary = { rows: Papa.parse(text, { header: false }).data.length - 1 };
  else {
    const result = importTables([{ name: 'subscriptions.csv', text }]);
    summary = { accounts: result.dataset.accounts.length, contracts: result.dataset.contracts?.length ?? 0, errors: result.issues.filter((i) => i.severity === 'error').length, notes: result.notes };
  }
  parentPort.postMessage({ ms: performance.now() - start, heapMb: process.memoryUsage().heapUsed / 1e6, ...summary });
});
