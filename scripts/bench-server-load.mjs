// The loader of `pnpm bench:server`: the sample streamed a block of accounts at a time, as a database cursor would
// give it. It runs where the data is prepared: on the serving thread (`createCsHandler({ load })`), or in the data
// worker (`createDataWorker({ module })`, CSKIT_SERVER_WORKER=1), which imports this module. The time spent
// generating is the loader's own; it is told on a BroadcastChannel, which reaches the bench from either thread.
import { generateDatasetChunks } from '../packages/sample-data/dist/index.js';

const ACCOUNTS = Number(process.env.CSKIT_ACCOUNTS ?? 100_000);
const channel = new BroadcastChannel('cskit-bench-server');
channel.unref?.();
let loads = 0;

// The seeds the bench's loads see: the first load 2025; then the reloads alternate new data (3000, 3002, 3004) and the
// same data again (kept: nothing to swap).
const seedOf = (load) => (load === 1 ? 2025 : 3000 + (load - 2) - ((load - 2) % 2));

export function load() {
  loads += 1;
  // The records BENCHMARKS.md's server figures were measured on (before tickets, roles and targets were sampled).
  const chunks = generateDatasetChunks({ seed: seedOf(loads), accounts: ACCOUNTS, blockAccounts: 100, tickets: false, roles: false, targets: false });
  let loaderMs = 0;
  return {
    [Symbol.iterator]() {
      return {
        next() {
          const started = performance.now();
          const step = chunks.next();
          loaderMs += performance.now() - started;
          if (step.done) channel.postMessage({ loaderMs });
          return step;
        },
      };
    },
  };
}
