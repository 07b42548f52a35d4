/**
 * Result objects for tests and stories: computed with @cskit/metrics from @cskit/sample-data, plus the edge cases
 * every chart must survive (empty, a single point, all-negative movements). Not part of the public API.
 */
import {
  accountStory, arrMovements, arrTrend, cohorts, healthDrivers, healthValidation, renewalsAhead, csAttribution, datasetNps, groupSummaries, healthDistribution, healthQuadrants, healthTransitions,
  renewalFunnel, renewals, retention,
} from '@cskit/metrics';
import type { Dataset } from '@cskit/metrics';
import { generateDataset, SAMPLE_HEALTH_MODEL } from '@cskit/sample-data';

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
    roles: groupSummaries(dataset, 'role', { waterfall, retention: retained, renewals: summary, graceMonths: 1, asOf: summary.asOf }),
    attribution: csAttribution(dataset, { period }),
    trend: arrTrend(dataset, { period, graceMonths: 1 }),
    ahead: renewalsAhead(dataset, { asOf: `${period.to}-01`, months: 6, graceMonths: 1 }),
    story: dataset.accounts.length === 0 ? null : accountStory(dataset, storyAccount(dataset, period), { period, graceMonths: 1, model: SAMPLE_HEALTH_MODEL }),
    drivers: mostChanged(healthDrivers(dataset, { month: period.to, from: monthBefore(period.to), model: SAMPLE_HEALTH_MODEL }).accounts),
    validation: healthValidation(dataset, { period, graceMonths: 1, model: SAMPLE_HEALTH_MODEL }),
  };
}

function monthBefore(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
}

/** The account whose score moved most over the month: the richest drivers to show (null without any). */
function mostChanged<T extends { scoreChange: number | null }>(accounts: T[]): T | null {
  let best: T | null = null;
  for (const a of accounts) if (a.scoreChange !== null && (best === null || Math.abs(a.scoreChange) > Math.abs(best.scoreChange ?? 0))) best = a;
  return best ?? accounts[0] ?? null;
}

/** The account with the most dated records in the period: the richest story to show. */
function storyAccount(dataset: Dataset, period: { from: string; to: string }): string {
  const counts = new Map<string, number>();
  const add = (accountId: string | undefined, date: string) => {
    const month = date.slice(0, 7);
    if (accountId !== undefined && month >= period.from && month <= period.to) counts.set(accountId, (counts.get(accountId) ?? 0) + 1);
  };
  for (const r of dataset.nps ?? []) add(r.accountId, r.date);
  for (const l of dataset.leads ?? []) add(l.accountId, l.createdAt);
  for (const a of dataset.advocacy ?? []) add(a.accountId, a.date);
  for (const r of dataset.revenue ?? []) add(r.accountId, r.date);
  for (const c of dataset.contracts ?? []) if (c.end !== undefined) add(c.accountId, c.end);
  let best = dataset.accounts[0]?.id ?? '';
  for (const [id, count] of counts) if (count > (counts.get(best) ?? 0)) best = id;
  return best;
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
