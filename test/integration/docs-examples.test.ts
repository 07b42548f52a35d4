/**
 * The worked examples of docs/metrics.md, checked against the code: the dataset is read from the page itself, and
 * every number the page quotes is asserted here (worked out by hand on the page).
 */
import { readFileSync } from 'node:fs';
import {
  arrMovements, arrTrend, breakdown, cohorts, componentScore, csmScorecard, DEFAULT_HEALTH_MODEL, earlyWarnings,
  healthQuadrants, healthScores, healthValidation, nps, renewalFunnel, renewals, renewalsAhead, retention, validateDataset,
} from '@cskit/metrics';
import { describe, expect, it } from 'vitest';

const page = readFileSync(new URL('../../docs/metrics.md', import.meta.url), 'utf8');
const block = /<!-- example-dataset -->\s*```json\n([\s\S]*?)```/.exec(page);
if (!block?.[1]) throw new Error('docs/metrics.md lost its example dataset block');
const { dataset, issues } = validateDataset(JSON.parse(block[1]));
const period = { from: '2024-12', to: '2025-03' };
const model = DEFAULT_HEALTH_MODEL;

describe('docs/metrics.md worked examples', () => {
  it('the example dataset is valid', () => {
    expect(issues).toEqual([]);
  });

  it('ARR waterfall', () => {
    const w = arrMovements(dataset, { period });
    expect([w.opening, w.new, w.expansion, w.contraction, w.churn, w.reactivation, w.netNew, w.closing])
      .toEqual([120_000, 50_000, 20_000, 0, -20_000, 0, 50_000, 170_000]);
    expect(w.movements.map((m) => [m.accountId, m.month, m.kind, m.amount]).sort()).toEqual([
      ['A', '2025-01', 'expansion', 20_000], ['B', '2025-03', 'churn', -20_000], ['C', '2025-02', 'new', 50_000],
    ]);
  });

  it('retention', () => {
    const r = retention(dataset, { start: '2024-12', end: '2025-03' });
    expect([r.startingArr, r.endingArr, r.nrr]).toEqual([120_000, 120_000, 1]);
    expect(r.grr).toBeCloseTo(100_000 / 120_000, 12);
  });

  it('renewals and the funnel', () => {
    const r = renewals(dataset, { period });
    expect([r.due, r.renewed, r.churned]).toEqual([{ count: 2, arr: 120_000 }, { count: 1, arr: 120_000 }, { count: 1, arr: 20_000 }]);
    expect([r.logoRate, r.dollarRate]).toEqual([0.5, 1]);
    expect(r.grossDollarRate).toBeCloseTo(100_000 / 120_000, 12);
    expect(renewalFunnel(r).stages.map((s) => [s.stage, s.count, s.conversion]))
      .toEqual([['due', 2, 1], ['renewed', 1, 0.5], ['retained', 1, 1], ['expanded', 1, 1]]);
  });

  it('health scores, tiers and quadrants', () => {
    const scores = healthScores(dataset, { month: '2025-03', model }).accounts.map((a) => [a.accountId, a.score, a.tier]);
    expect(scores).toEqual([['A', 78, 'green'], ['B', 58, 'yellow'], ['C', 32, 'red']]);
    const quadrants = healthQuadrants(dataset, { month: '2025-03', model }).accounts.map((a) => [a.accountId, a.quadrant]);
    expect(quadrants).toEqual([['A', 'loyal'], ['B', 'unrealized'], ['C', 'critical']]);
  });

  it('component scores', () => {
    expect(componentScore(0.45, { floor: 0, target: 0.6 })).toBeCloseTo(75, 12);
    expect(componentScore(15, { floor: 48, target: 4 })).toBeCloseTo(75, 12);
  });

  it('health validation', () => {
    const v = healthValidation(dataset, { period: { from: '2024-12', to: '2025-02' }, model, asOf: '2025-03-31' });
    expect(v.contracts).toBe(2);
    expect([v.byTier.green, v.byTier.yellow]).toEqual([{ count: 1, renewed: 1, rate: 1 }, { count: 1, renewed: 0, rate: 0 }]);
    expect([v.auc, v.monotonic]).toEqual([1, true]);
  });

  it('NPS', () => {
    expect(nps(dataset.nps ?? [], {})).toEqual({ responses: 4, promoters: 2, passives: 1, detractors: 1, score: 25 });
  });

  it('early warnings', () => {
    const e = earlyWarnings(dataset, { asOf: '2025-02' });
    expect(e.items).toEqual([{ accountId: 'B', arr: 20_000, rates: [0.2, 0.2, 0.2], nextRenewal: '2025-02-28' }]);
  });

  it('trends', () => {
    const [feb, mar] = arrTrend(dataset, { period: { from: '2025-02', to: '2025-03' } }).months;
    expect(feb?.quickRatio).toBeNull();
    expect([mar?.opening, mar?.churn, mar?.closing, mar?.customers, mar?.arpa, mar?.quickRatio]).toEqual([190_000, -20_000, 170_000, 2, 85_000, 0]);
    expect(mar?.logoChurnRate).toBeCloseTo(1 / 3, 12);
    expect(mar?.grossRevenueChurnRate).toBeCloseTo(20_000 / 190_000, 12);
    expect(mar?.grr12).toBeCloseTo(100_000 / 120_000, 12);
    expect(mar?.ltv).toBeCloseTo(510_000, 6);
  });

  it('renewals ahead', () => {
    const ahead = renewalsAhead(dataset, { asOf: '2025-03-15', months: 12, model });
    expect(Object.values(ahead.likelihood)).toEqual([0.5, 0.5, 0.5, 0.5]);
    expect(ahead.items.map((i) => [i.contractId, i.dueArr, i.tier, i.expectedArr, i.riskReasons]))
      .toEqual([['A2', 120_000, 'green', 60_000, []], ['C1', 50_000, 'red', 25_000, ['red']]]);
    expect([ahead.totals.expectedArr, ahead.totals.atRisk]).toEqual([85_000, { count: 1, arr: 50_000 }]);
  });

  it('cohorts', () => {
    const rows = cohorts(dataset, { from: '2024-01', to: '2025-03', measure: 'logo' }).cohorts;
    const beta = rows.find((c) => c.cohort === '2024-03');
    expect(beta?.cells.map((c) => c.value)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0]);
    expect(rows.find((c) => c.cohort === '2025-02')?.cells.map((c) => c.value)).toEqual([1, 1]);
  });

  it('breakdown and the CSM scorecard', () => {
    const groups = breakdown(dataset, 'segment', renewals, { period }).groups.map((g) => [g.key, g.result.logoRate, g.result.dollarRate]);
    expect(groups).toEqual([['KA', 1, 1.2], ['MM', null, null], ['SMB', 0, 0]]);
    const csms = csmScorecard(dataset, { period, model }).csms.map((c) => [c.name, c.logoRate]);
    expect(csms).toEqual([['Dana', 0.5], ['Eli', null]]);
  });
});
