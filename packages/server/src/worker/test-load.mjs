// The host's module of worker.test.ts: each tenant's loader, run in the data worker's thread. Plain JavaScript, as a
// worker imports it without the test runner's transforms (the sample generator from its build).
import { generateDataset, generateDatasetChunks } from '../../../sample-data/dist/index.js';

const loads = new Map();

export function load({ tenant }) {
  const count = (loads.get(tenant) ?? 0) + 1;
  loads.set(tenant, count);
  if (tenant === 'failing') throw new Error('the database is down');
  if (tenant === 'exhausting') {
    // A load that keeps every row it ever read: past the worker's heap limit, the worker stops (not the process).
    const rows = [];
    for (;;) rows.push(new Array(100_000).fill(count));
  }
  // A load that never gives its thread back (a synchronous loop): the worker answers no heartbeat and is replaced.
  if (tenant === 'stuck') for (;;);
  // The first load is good; every later one has no account (refused: the first keeps serving).
  if (tenant === 'shrinking') return count === 1 ? generateDataset({ seed: 11, accounts: 160 }) : { accounts: [] };
  if (tenant === 'other') return generateDataset({ seed: 12, accounts: 40 });
  // New data on every load (another seed): what a reload timer swaps in.
  if (tenant === 'changing') return generateDataset({ seed: 100 + count, accounts: 30 });
  // A database that takes its time: 1.5 s, or CSKIT_TEST_SLOW_MS (a worker copies the environment it is started in).
  if (tenant === 'slow') {
    const ms = Number(globalThis.process.env.CSKIT_TEST_SLOW_MS ?? 1500);
    return new Promise((resolve) => globalThis.setTimeout(() => resolve(generateDataset({ seed: 11, accounts: 160 })), ms));
  }
  // A stream long enough to take many slices (worker.test.ts: answers go on between them).
  if (tenant === 'large') return generateDatasetChunks({ seed: 13, accounts: 3000, blockAccounts: 50 });
  // fuzz.test.ts's data: a worker's answers to fuzzed requests against the handler's in process.
  if (tenant === 'fuzz') return generateDataset({ seed: 17, accounts: 70 });
  return generateDataset({ seed: 11, accounts: 160 });
}

// The data's version as a host's database would give it (a change counter): it names the data in ETags.
export const version = (tenant) => `db-${tenant}-${loads.get(tenant) ?? 0}`;
