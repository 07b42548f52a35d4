// `pnpm bench:import-tables`: `importTables` (@cskit/import, built) on a large subscriptions export in a worker thread,
// as a host server or a page's worker runs it. A generated CSV (CSKIT_IMPORT_MB, default 65 MB: customer, start, an
// exclusive end, MRR, currency, interval) goes to a worker; measured: time to the result, the longest stall of the
// main thread meanwhile (its event-loop delay, the Node analogue of a long task), the worker's peak heap, and the
// floor in the same run: Papa Parse alone on the same text in the same worker (`importTables` / floor is the ratio
// recorded). Results go to test-results/bench-import-tables.json. Not part of the test command.
import { mkdirSync, writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const MB = Number(process.env.CSKIT_IMPORT_MB ?? 65);
const outDir = fileURLToPath(new URL('../test-results/', import.meta.url));

function csv() {
  const lines = ['subscription_id,customer_id,customer_name,start_date,end_date,mrr,currency,interval,plan'];
  let bytes = lines[0].length;
  for (let i = 0; bytes < MB * 1e6; i += 1) {
    const customer = i >> 2;
    const year = 2021 + (i & 3);
    const month = String(1 + (customer % 12)).padStart(2, '0');
    const line = `sub_${i},cus_${customer},Customer ${customer} Ltd,${year}-${month}-15,${year + 1}-${month}-15,${(100 + (customer % 900)).toFixed(2)},USD,month,pro`;
    lines.push(line);
    bytes += line.length + 1;
  }
  return { text: lines.join('\n'), rows: lines.length - 1 };
}

async function run(kind, text) {
  const worker = new Worker(new URL('./bench-import-worker.mjs', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: 8000 } });
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const start = performance.now();
  const reply = await new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.postMessage({ kind, text });
  });
  const total = performance.now() - start;
  delay.disable();
  await worker.terminate();
  return { ...reply, totalMs: Math.round(total), mainThreadMaxStallMs: Math.round(delay.max / 1e6) };
}

const { text, rows } = csv();
console.log(`subscriptions.csv: ${(text.length / 1e6).toFixed(1)} MB, ${rows} rows`);
const floor = await run('floor', text);
const imported = await run('import', text);
const result = {
  mb: Number((text.length / 1e6).toFixed(1)), rows, node: process.version,
  floorMs: Math.round(floor.ms), importMs: Math.round(imported.ms), ratio: Number((imported.ms / floor.ms).toFixed(2)),
  totalMs: imported.totalMs, mainThreadMaxStallMs: imported.mainThreadMaxStallMs, workerHeapMb: Math.round(imported.heapMb),
  accounts: imported.accounts, contracts: imported.contracts, errors: imported.errors, notes: imported.notes,
};
console.log(JSON.stringify(result, null, 2));
mkdirSync(outDir, { recursive: true });
writeFileSync(`${outDir}bench-import-tables.json`, `${JSON.stringify(result, null, 2)}\n`);
