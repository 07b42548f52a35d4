import { arrMovements, earlyWarnings, healthDistribution, healthQuadrants, nps, prepareDataset, renewals, retention } from '@cskit/metrics';
import { describe, expect, it } from 'vitest';
import { arqueroDashboard } from './arquero-peer.js';
import { duckWaterfall, prepareDuckDb } from './duckdb-peer.js';
import { engineView } from './engine-view.js';
import { floorView, prepareFloor } from './masked-floor.js';
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

describe('the masked floor and the DuckDB waterfall agree with the prepared dataset on filtered views', () => {
  const dataset = sampleDataset(1500);
  const engine = prepareDataset(dataset);
  const floor = prepareFloor(dataset, PERIOD);

  it.each([{}, { segment: ['KA'] }, { region: ['EMEA', 'APAC'] }, { segment: ['SMB'], channel: ['direct'] }])('filters %j', (filters) => {
    const mask = Uint8Array.from(dataset.accounts, (account) => (Object.entries(filters).every(([key, values]) => values.includes(account[key as 'segment'] ?? '')) ? 1 : 0));
    const peer = floorView(floor, mask);
    const ours = engineView(engine, PERIOD, filters);
    expect(peer.opening).toBeCloseTo(ours.opening, 4);
    expect(peer.closing).toBeCloseTo(ours.closing, 4);
    for (const kind of ['new', 'expansion', 'contraction', 'churn', 'reactivation'] as const) expect(peer.movements[kind], kind).toBeCloseTo(ours.movements[kind] ?? 0, 4);
    expect(peer.nrr).toBeCloseTo(ours.nrr as number, 10);
    expect(peer.due).toBe(ours.due);
    expect(peer.logoRate).toBeCloseTo(ours.logoRate as number, 10);
    expect(peer.dollarRate).toBeCloseTo(ours.dollarRate as number, 10);
    expect(peer.tierCounts).toEqual(ours.tierCounts);
    expect(peer.quadrants).toEqual(ours.quadrants);
    expect(peer.nps).toBeCloseTo(ours.nps as number, 10);
    expect(peer.atRisk).toBe(ours.atRisk);
  });

  it('DuckDB computes the same waterfall from the monthly ARR rows', async () => {
    const peer = await prepareDuckDb(dataset);
    try {
      for (const period of [PERIOD, { from: '2024-04', to: '2024-09' }]) {
        const duck = await duckWaterfall(peer, period);
        const ours = engine.metric({ period }, 'waterfall');
        expect(duck.opening).toBeCloseTo(ours.opening, 4);
        expect(duck.closing).toBeCloseTo(ours.closing, 4);
        for (const kind of ['new', 'expansion', 'contraction', 'churn', 'reactivation'] as const) expect(duck.movements[kind], kind).toBeCloseTo(ours[kind], 4);
      }
    } finally {
      peer.close();
    }
  });
});
