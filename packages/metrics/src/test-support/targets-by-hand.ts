/**
 * Targets worked out by hand (SPEC 14), shared by the JS engine's tests (csm/target-progress.test.ts) and
 * `@cskit/sql`'s (metrics/csm/targets.test.ts), which assert the same figures from SQL.
 */
import type { Dataset } from '../core/types.js';

// Worked by hand (SPEC 14). CSMs m1, m2 (team East) and m3 (West); accounts a, b (m1), c (m2), d (m3).
//   a: 1,200 from 2024-02-01 to 2025-01-31, renewed at 1,800 from 2025-02-01 (expansion +600 in 2025-02)
//   b: 600 from 2024-04-01 to 2025-03-31 (due 2025-03: still open on 2025-03-31)
//   c: 1,000 to 2025-02-28, renewed at 1,000 from 2025-03-01;  d: 500 from 2024-06-01 to 2025-05-31
// As of 2025-03-31, H1 2025 (2025-01..2025-06) has run 90 of its 181 days.
export const H1 = { from: '2025-01', to: '2025-06' };
export const elapsed = 90 / 181;
export const TARGETS_BY_HAND: Dataset = {
  csms: [{ id: 'm1', name: 'Mia', team: 'East' }, { id: 'm2', name: 'Max', team: 'East' }, { id: 'm3', name: 'Mo', team: 'West' }],
  accounts: [
    { id: 'a', name: 'A', signedAt: '2024-02-01', csmId: 'm1' }, { id: 'b', name: 'B', signedAt: '2024-04-01', csmId: 'm1' },
    { id: 'c', name: 'C', signedAt: '2024-01-01', csmId: 'm2' }, { id: 'd', name: 'D', signedAt: '2024-06-01', csmId: 'm3' },
  ],
  contracts: [
    { id: 'ca1', accountId: 'a', start: '2024-02-01', end: '2025-01-31', arr: 1200 },
    { id: 'ca2', accountId: 'a', start: '2025-02-01', end: '2026-01-31', arr: 1800 },
    { id: 'cb1', accountId: 'b', start: '2024-04-01', end: '2025-03-31', arr: 600 },
    { id: 'cc1', accountId: 'c', start: '2024-01-01', end: '2025-02-28', arr: 1000 },
    { id: 'cc2', accountId: 'c', start: '2025-03-01', end: '2026-02-28', arr: 1000 },
    { id: 'cd1', accountId: 'd', start: '2024-06-01', end: '2025-05-31', arr: 500 },
  ],
  leads: [
    { id: 'l0', accountId: 'c', createdAt: '2024-12-31', stage: 'submitted' },
    { id: 'l1', accountId: 'c', createdAt: '2025-01-10', stage: 'won', closedAt: '2025-02-15', arr: 300 },
    { id: 'l2', accountId: 'c', createdAt: '2025-03-31', stage: 'won', closedAt: '2025-04-05', arr: 700 },
    { id: 'l3', accountId: 'c', createdAt: '2025-04-01', stage: 'submitted' },
  ],
  targets: [
    { id: 't1', csmId: 'm1', period: H1, metric: 'logoRenewalRate', value: 0.9 },
    { id: 't2', csmId: 'm1', period: H1, metric: 'dollarRenewalRate', value: 0.95 },
    { id: 't3', team: 'East', period: H1, metric: 'expansionArr', value: 1200 },
    { id: 't4', period: H1, metric: 'nrr', value: 1 },
    { id: 't5', csmId: 'm3', period: H1, metric: 'netNewArr', value: 100 },
    { id: 't6', csmId: 'm2', period: H1, metric: 'csqlCount', value: 4 },
    { id: 't7', csmId: 'm2', period: H1, metric: 'csqlWonArr', value: 1000 },
    { id: 't8', period: { from: '2025-07', to: '2025-12' }, metric: 'csqaCount', value: 2 },
    { id: 't9', csmId: 'm1', period: { from: '2024-01', to: '2024-03' }, metric: 'grr', value: 0.9 },
  ],
};
