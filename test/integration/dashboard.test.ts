import { arrMovements, computeDashboard, dashboardKpis, nps, previousPeriod, renewals, retention } from '@cskit/metrics';
import { generateDataset } from '@cskit/sample-data';
import { describe, expect, it } from 'vitest';

describe('computeDashboard', () => {
  const sample = generateDataset({ seed: 3, accounts: 300 });
  const period = { from: '2025-01', to: '2025-12' };
  const dashboard = computeDashboard(sample, { period, graceMonths: 1 });

  it('matches the individual metric functions', () => {
    expect(dashboard.waterfall).toEqual(arrMovements(sample, { period, graceMonths: 1 }));
    expect(dashboard.renewals).toEqual(renewals(sample, { period, graceMonths: 1 }));
    expect(dashboard.retention).toEqual(retention(sample, { start: '2024-12', end: '2025-12' }));
    expect(dashboard.nps).toEqual(nps(sample.nps ?? [], { period }));
    expect(dashboard.kpis.arr).toBe(dashboard.waterfall.closing);
    expect(dashboard.comparisonPeriod).toEqual({ from: '2024-01', to: '2024-12' });
    expect(dashboard.comparisonKpis?.arr).toBe(arrMovements(sample, { period: { from: '2024-01', to: '2024-12' }, graceMonths: 1 }).closing);
  });

  it('group summaries add up to the whole', () => {
    const segments = dashboard.breakdowns.segment ?? [];
    expect(segments.map((s) => s.key)).toEqual(['KA', 'MM', 'SMB']);
    const sum = (pick: (s: (typeof segments)[number]) => number) => segments.reduce((total, s) => total + pick(s), 0);
    expect(sum((s) => s.arr)).toBeCloseTo(dashboard.waterfall.closing, 4);
    expect(sum((s) => s.netNew)).toBeCloseTo(dashboard.waterfall.netNew, 4);
    expect(sum((s) => s.renewalsDue)).toBe(dashboard.renewals.due.count);
    expect(sum((s) => s.accounts)).toBe(dashboard.csmScorecard.totals.accounts);
    expect(dashboard.csmScorecard.totals.arr).toBeCloseTo(dashboard.waterfall.closing, 4);
  });

  it('is plain JSON: it round-trips through JSON.stringify unchanged', () => {
    expect(JSON.parse(JSON.stringify(dashboard))).toEqual(dashboard);
  });

  it('dashboardKpis gives the same KPIs for one period alone', () => {
    expect(dashboardKpis(sample, { period, graceMonths: 1 })).toEqual(dashboard.kpis);
    expect(dashboardKpis(sample, { period: { from: '2024-01', to: '2024-12' }, graceMonths: 1 })).toEqual(dashboard.comparisonKpis);
  });

  it('previousPeriod is the same length, just before', () => {
    expect(previousPeriod({ from: '2025-01', to: '2025-03' })).toEqual({ from: '2024-10', to: '2024-12' });
    expect(computeDashboard({ accounts: [] }, { period, comparisonPeriod: null }).comparisonKpis).toBeNull();
  });
});

