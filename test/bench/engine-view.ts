/** The benchmark's metrics for one view, answered by a prepared dataset: what the floor and the peers compute. */
import type { AccountFilters, Period, PreparedDataset } from '@cskit/metrics';
import type { PeerResult } from './arquero-peer.js';
import { MODEL } from './fixtures.js';

export function engineView(engine: PreparedDataset, period: Period, filters: AccountFilters): PeerResult {
  const view = { period, filters, model: MODEL, graceMonths: 0 };
  const waterfall = engine.metric(view, 'waterfall');
  const retention = engine.metric(view, 'retention');
  const renewals = engine.metric(view, 'renewals');
  const distribution = engine.metric(view, 'healthDistribution');
  const quadrants = engine.metric(view, 'healthQuadrants');
  const nps = engine.metric(view, 'nps');
  const warnings = engine.metric(view, 'earlyWarnings');
  const counts = (cells: Record<string, { count: number }>) =>
    Object.fromEntries(Object.entries(cells).map(([key, cell]) => [key, cell.count]).filter(([, count]) => (count as number) > 0));
  return {
    opening: waterfall.opening, closing: waterfall.closing,
    movements: { new: waterfall.new, expansion: waterfall.expansion, contraction: waterfall.contraction, churn: waterfall.churn, reactivation: waterfall.reactivation },
    nrr: retention.nrr, grr: retention.grr,
    due: renewals.due.count, logoRate: renewals.logoRate, dollarRate: renewals.dollarRate,
    tierCounts: distribution.months.map((month) => counts(month.tiers)),
    quadrants: counts(quadrants.quadrants),
    nps: nps.score,
    atRisk: warnings.count,
  };
}
