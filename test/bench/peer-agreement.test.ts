import { arrMovements, earlyWarnings, healthDistribution, healthQuadrants, nps, renewals, retention } from '@cskit/metrics';
import { describe, expect, it } from 'vitest';
import { arqueroDashboard } from './arquero-peer.js';
import { typedArrayDashboard } from './typed-array-floor.js';
import { MODEL, PERIOD, sampleDataset } from './fixtures.js';

// The benchmark compares like with like only if the peers compute the same numbers: checked on 1,500 accounts.
describe.each([
  ['the Arquero peer', arqueroDashboard],
  ['the typed-array floor', typedArrayDashboard],
])('%s agrees with @cskit/metrics', (_name, compute) => {
  const dataset = sampleDataset(1500);
  const peer = compute(dataset, PERIOD);

  it('on the waterfall, retention and renewals', () => {
    const waterfall = arrMovements(dataset, { period: PERIOD });
    expect(peer.opening).toBeCloseTo(waterfall.opening, 4);
    expect(peer.closing).toBeCloseTo(waterfall.closing, 4);
    for (const kind of ['new', 'expansion', 'contraction', 'churn', 'reactivation'] as const) {
      expect(peer.movements[kind] ?? 0, kind).toBeCloseTo(waterfall[kind], 4);
    }
    const kept = retention(dataset, { start: '2024-12', end: PERIOD.to });
    expect(peer.nrr).toBeCloseTo(kept.nrr as number, 10);
    expect(peer.grr).toBeCloseTo(kept.grr as number, 10);
    const summary = renewals(dataset, { period: PERIOD });
    expect(peer.due).toBe(summary.due.count);
    expect(peer.logoRate).toBeCloseTo(summary.logoRate as number, 10);
    expect(peer.dollarRate).toBeCloseTo(summary.dollarRate as number, 10);
  });

  it('on health tiers, quadrants, NPS and early warnings', () => {
    const distribution = healthDistribution(dataset, { period: PERIOD, model: MODEL });
    distribution.months.forEach((month, k) => {
      for (const [tier, cell] of Object.entries(month.tiers)) expect(peer.tierCounts[k]?.[tier] ?? 0, `${month.month} ${tier}`).toBe(cell.count);
    });
    const quadrants = healthQuadrants(dataset, { month: PERIOD.to, model: MODEL });
    for (const [quadrant, cell] of Object.entries(quadrants.quadrants)) expect(peer.quadrants[quadrant] ?? 0).toBe(cell.count);
    expect(peer.nps).toBeCloseTo(nps(dataset.nps ?? [], { period: PERIOD }).score as number, 10);
    expect(peer.atRisk).toBe(earlyWarnings(dataset, { asOf: PERIOD.to }).items.length);
  });
});
