/**
 * `pnpm bench`: computeDashboard on the sample generator's accounts x 36 months against the same metrics written
 * with Arquero (the peer) and as hand-written typed-array passes (the floor), on the same data in the same run, at
 * 10k, 30k and 100k accounts (CSKIT_BENCH_ACCOUNTS=10000,30000 to choose). Every run starts from a new dataset
 * object, so our side pays for indexing the records each time, as the others pay for building their arrays.
 * scripts/bench-report.mjs prints the ratios and the scaling from the JSON this writes.
 */
import { arrMovements, computeDashboard, earlyWarnings, healthDistribution, healthQuadrants, nps, renewals, retention } from '@cskit/metrics';
import { bench, describe } from 'vitest';
import { arqueroDashboard } from './arquero-peer.js';
import { typedArrayDashboard } from './typed-array-floor.js';
import { fresh, MODEL, PERIOD, sampleDataset } from './fixtures.js';

const sizes = (process.env.CSKIT_BENCH_ACCOUNTS ?? '10000,30000,100000').split(',').map(Number);
const options = { iterations: 3, warmupIterations: 1, time: 0, warmupTime: 0 };

for (const accounts of sizes) {
  describe(`${accounts.toLocaleString('en-US')} accounts x 36 months`, () => {
    const dataset = sampleDataset(accounts);

    bench('cskit computeDashboard (every metric)', () => {
      computeDashboard(fresh(dataset), { period: PERIOD, model: MODEL, graceMonths: 0 });
    }, options);

    bench('cskit, the metrics the peer computes', () => {
      const data = fresh(dataset);
      arrMovements(data, { period: PERIOD });
      retention(data, { start: '2024-12', end: PERIOD.to });
      renewals(data, { period: PERIOD });
      healthDistribution(data, { period: PERIOD, model: MODEL });
      healthQuadrants(data, { month: PERIOD.to, model: MODEL });
      nps(data.nps ?? [], { period: PERIOD });
      earlyWarnings(data, { asOf: PERIOD.to });
    }, options);

    bench('arquero, the same metrics', () => {
      arqueroDashboard(fresh(dataset), PERIOD);
    }, options);

    bench('typed-array floor, the same metrics', () => {
      typedArrayDashboard(fresh(dataset), PERIOD);
    }, options);
  });
}
