/**
 * Result objects for tests and stories: computed with @cskit/metrics from @cskit/sample-data, plus the edge cases
 * every chart must survive (empty, a single point, all-negative movements). Not part of the public API.
 */
import {
  arrMovements, cohorts, csAttribution, datasetNps, groupSummaries, healthDistribution, healthQuadrants, healthTransitions,
  renewalFunnel, renewals, retention,
} from '@cskit/metrics';
import type { Dataset } from '@cskit/metrics';
import { generateDataset } from '@cskit/sample-data';

export const PERIOD = { from: '2025-01', to: '2025-12' };
export const SINGLE = { from: '2025-06', to: '2025-06' };

export function resultsFor(dataset: Dataset, period = PERIOD) {
  const summary = renewals(dataset, { period, graceMonths: 1 });
  const waterfall = arrMovements(dataset, { period, graceMonths: 1 });
  const retained = retention(dataset, { start: '2024-12', end: period.to });
  return {
    waterfall,
    funnel: renewalFunnel(summary),
    quadrants: healthQuadrants(dataset, { month: period.to }),
    distribution: healthDistribution(dataset, { period }),
    transitions: healthTransitions(dataset, { period }),
    nps: datasetNps(dataset, { period }),
    cohorts: cohorts(dataset, { from: period.from, to: period.to, measure: 'logo' }),
    segments: {
      dimension: 'segment' as const,
      groups: groupSummaries(dataset, 'segment', { waterfall, retention: retained, renewals: summary, graceMonths: 1, asOf: summary.asOf }),
    },
    attribution: csAttribution(dataset, { period }),
  };
}

let sample: Dataset | null = null;
export function sampleDataset(): Dataset {
  sample ??= generateDataset({ seed: 42, accounts: 400 });
  return sample;
}

/** One account that churns in the period: every movement is negative. */
export const CHURN_ONLY: Dataset = {
  accounts: [{ id: 'x', name: 'X', signedAt: '2024-01-01', segment: 'KA' }],
  contracts: [{ id: 'x1', accountId: 'x', start: '2024-01-01', end: '2025-03-31', arr: 5000 }],
  health: [{ accountId: 'x', month: '2025-01', outcome: 20, experience: 30 }],
};

/** One account, one month, one of everything. */
export const SINGLE_ACCOUNT: Dataset = {
  accounts: [{ id: 'y', name: 'Y', signedAt: '2025-06-01', segment: 'SMB' }],
  contracts: [{ id: 'y1', accountId: 'y', start: '2025-06-01', end: '2026-05-31', arr: 1200 }],
  health: [{ accountId: 'y', month: '2025-06', outcome: 80, experience: 70 }],
  nps: [{ accountId: 'y', date: '2025-06-10', score: 9 }],
};
