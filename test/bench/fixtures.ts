/** Datasets and options shared by the benchmarks: the sample generator at fixed seeds, generated once per size. */
import { generateDataset } from '@cskit/sample-data';
import type { Dataset } from '@cskit/metrics';

export const PERIOD = { from: '2025-01', to: '2025-12' };
// The peers read health from snapshots (SPEC 4), as the benchmarks' numbers were first recorded: no measures.
export { SNAPSHOT_HEALTH_MODEL as MODEL } from '@cskit/sample-data';

const cache = new Map<number, Dataset>();

export function sampleDataset(accounts: number): Dataset {
  let dataset = cache.get(accounts);
  if (!dataset) {
    dataset = generateDataset({ seed: 20251, accounts, months: 36, start: '2023-01', measures: false, tickets: false, roles: false, targets: false });
    cache.set(accounts, dataset);
  }
  return dataset;
}

/** A shallow copy: a new dataset object, so each run indexes the data again (no warm cache). */
export function fresh(dataset: Dataset): Dataset {
  return { ...dataset };
}
