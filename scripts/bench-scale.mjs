// `pnpm bench:scale`: the prepared dataset at a large size (CSKIT_ACCOUNTS, default 1,000,000 accounts x 36 months,
// the sample generator's data): time to prepare it, the first view, a filter change and a period change; memory of
// the raw records against the index; and the cost of an evergreen contract (end 9999-12-31) on 3,000 accounts.
// Runs on the packages' builds (`pnpm build` first); needs a large heap: `node --max-old-space-size=20000`, which
// the package script passes. Results go to test-results/bench-scale.json. Not part of the test command.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { computeDashboard, prepareDataset } from '../packages/metrics/dist/index.js';
import { generateDataset, SNAPSHOT_HEALTH_MODEL } from '../packages/sample-data/dist/index.js';

const ACCOUNTS = Number(process.env.CSKIT_ACCOUNTS ?? 1_000_000);
const outDir = fileURLToPath(new URL('../test-results/', import.meta.url));
const mb = (bytes) => Math.round(bytes / 2 ** 20);
const heap = () => {
  globalThis.gc?.();
  return process.memoryUsage();
};
const time = (run) => {
  const start = performance.now();
  const value = run();
  return { ms: Math.round(performance.now() - start), value };
};

const before = heap();
const generated = time(() => generateDataset({ seed: 20251, accounts: ACCOUNTS, months: 36, start: '2023-01', measures: false, tickets: false, roles: false, targets: false }));
const dataset = generated.value;
const records = Object.fromEntries(Object.entries(dataset).filter(([, v]) => Array.isArray(v)).map(([k, v]) => [k, v.length]));
const withRaw = heap();

// Health from snapshots and no measures: the sizes recorded in BENCHMARKS.md (measures would add ~40M records at 1M).
const view = { period: { from: '2025-01', to: '2025-12' }, model: SNAPSHOT_HEALTH_MODEL, graceMonths: 1 };
const prepared = time(() => prepareDataset(dataset, { compact: true }));
const engine = prepared.value;
// As a worker or a server does: hand the records to the engine, then let go of them (the compact engine keeps its
// index, not the monthly records or the contracts), so garbage collection no longer walks millions of objects.
// The compact engine keeps its own lean copy (accounts, NPS, leads...; contracts as columns), so the caller lets go of
// every collection it handed over.
for (const key of Object.keys(dataset)) delete dataset[key];
const afterPrepare = heap();
const first = time(() => engine.summary(view));
const afterFirst = heap();
const filter = time(() => engine.summary({ ...view, filters: { segment: ['SMB'] } }));
const filter2 = time(() => engine.summary({ ...view, filters: { region: ['EMEA'] } }));
const period = time(() => engine.summary({ ...view, period: { from: '2024-07', to: '2025-06' } }));
const rows = time(() => engine.rows({ ...view, filters: { segment: ['SMB'] } }, 'accounts', { sort: [{ id: 'arr', desc: true }], limit: 100 }));

// An evergreen contract on 3,000 accounts: memory of the ARR matrix and time, with and without.
const small = generateDataset({ seed: 20251, accounts: 3_000, months: 36, start: '2023-01', measures: false, tickets: false, roles: false, targets: false });
const evergreen = { ...small, contracts: [...small.contracts, { id: 'evergreen', accountId: small.accounts[0].id, start: '2024-01-01', end: '9999-12-31', arr: 1000 }] };
// 31 runs each, alternating which goes first, garbage collected before each: medians of equal conditions.
const runs = { without: [], with: [] };
for (let i = 0; i < 31; i += 1) {
  for (const [name, data] of i % 2 === 0 ? [['without', small], ['with', evergreen]] : [['with', evergreen], ['without', small]]) {
    globalThis.gc?.();
    runs[name].push(time(() => computeDashboard({ ...data }, view)).ms);
  }
}
const evergreenRun = (data, name) => {
  const engineOf = prepareDataset(data);
  engineOf.summary(view);
  return { medianMs: runs[name].sort((a, b) => a - b)[15], arrMatrixBytes: engineOf.memory().arrMatrixBytes };
};
const withoutEvergreen = evergreenRun(small, 'without');
const withEvergreen = evergreenRun(evergreen, 'with');

const result = {
  node: process.version, accounts: ACCOUNTS, records,
  generateMs: generated.ms, prepareMs: prepared.ms, firstViewMs: first.ms, filterChangeMs: [filter.ms, filter2.ms], periodChangeMs: period.ms,
  accountsPageMs: rows.ms,
  memoryMb: {
    beforeGenerating: mb(before.heapUsed), rawRecords: mb(withRaw.heapUsed - before.heapUsed),
    // After prepare, with the monthly records let go: accounts, contracts, NPS, leads... and the index.
    preparedHeap: mb(afterPrepare.heapUsed - before.heapUsed), preparedTypedArrays: mb(afterPrepare.arrayBuffers),
    afterFirstViewHeap: mb(afterFirst.heapUsed - before.heapUsed), afterFirstViewTypedArrays: mb(afterFirst.arrayBuffers),
    indexBytes: mb(engine.memory().indexBytes), peakRss: mb(process.resourceUsage().maxRSS * 1024),
  },
  evergreen: { without: withoutEvergreen, with: withEvergreen },
};
console.log(JSON.stringify(result, null, 2));
mkdirSync(outDir, { recursive: true });
writeFileSync(`${outDir}bench-scale.json`, `${JSON.stringify(result, null, 2)}\n`);
