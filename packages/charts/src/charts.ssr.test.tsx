/** @vitest-environment node */
// Server rendering: every chart renders to a string without `window`, and never writes NaN into its markup.
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CHURN_ONLY, PERIOD, resultsFor, sampleDataset, SINGLE, SINGLE_ACCOUNT } from './internal/fixtures.js';
import {
  ArrWaterfall, AttributionBars, CohortHeatmap, HealthDistribution, HealthQuadrant, HealthTransitions, KpiCard, NpsBreakdown,
  RenewalFunnel, SegmentBars, ArrTrend, RateTrend, RenewalsAheadChart, AccountStoryChart,
} from './index.js';

type Results = ReturnType<typeof resultsFor>;

const charts: Array<[string, (r: Results) => React.ReactElement]> = [
  ['ArrWaterfall', (r) => <ArrWaterfall data={r.waterfall} />],
  ['RenewalFunnel', (r) => <RenewalFunnel data={r.funnel} />],
  ['HealthQuadrant', (r) => <HealthQuadrant data={r.quadrants} />],
  ['HealthDistribution', (r) => <HealthDistribution data={r.distribution} />],
  ['HealthTransitions', (r) => <HealthTransitions data={r.transitions} />],
  ['NpsBreakdown', (r) => <NpsBreakdown data={r.nps} />],
  ['CohortHeatmap', (r) => <CohortHeatmap data={r.cohorts} />],
  ['SegmentBars', (r) => <SegmentBars data={r.segments} value={(g) => g.netNew} valueLabel="Net new ARR" format="currency" />],
  ['AttributionBars', (r) => <AttributionBars data={r.attribution} />],
  ['ArrTrend', (r) => <ArrTrend data={r.trend} />],
  ['RateTrend', (r) => <RateTrend data={r.trend} target={1} />],
  ['RenewalsAheadChart', (r) => <RenewalsAheadChart data={r.ahead} />],
  ['KpiCard', (r) => <KpiCard label="ARR" data={{ value: r.waterfall.closing, comparison: r.waterfall.opening, series: r.waterfall.months.map((m) => m.closing) }} format="currency" />],
];

const cases: Array<[string, Results]> = [
  ['sample data', resultsFor(sampleDataset())],
  ['empty data', resultsFor({ accounts: [] })],
  ['a single point', resultsFor(SINGLE_ACCOUNT, SINGLE)],
  ['all-negative movements', resultsFor(CHURN_ONLY, PERIOD)],
];

describe.each(cases)('server rendering with %s', (_name, results) => {
  it.each(charts)('%s renders without window and without NaN', (_chart, element) => {
    expect(typeof window).toBe('undefined');
    const html = renderToString(element(results));
    expect(html).not.toMatch(/NaN|Infinity|undefined/);
    expect(html).toMatch(/<(figure|section)/);
  });
});

describe('the account story', () => {
  it.each(cases.filter(([, results]) => results.story !== null))('renders without window and without NaN: %s', (_name, results) => {
    const html = renderToString(<AccountStoryChart data={results.story ?? undefined} />);
    expect(html).not.toMatch(/NaN|Infinity|undefined/);
    expect(html).toContain('<dl');
  });
});

describe('empty states', () => {
  it.each(charts.filter(([name]) => name !== 'KpiCard'))('%s shows a status message for empty data', (_chart, element) => {
    const html = renderToString(element(resultsFor({ accounts: [] })));
    expect(html).toContain('role="status"');
    expect(html).toContain('No data for this selection');
  });

  it('a KPI without a value or comparison reads "—" and "no comparison"', () => {
    const html = renderToString(<KpiCard label="NRR" data={{ value: null }} format="percent" />);
    expect(html).toContain('—');
    expect(html).toContain('no comparison');
  });
});

describe('all-negative data draws a valid chart, not an empty state', () => {
  it('waterfall of a churn-only period', () => {
    const html = renderToString(<ArrWaterfall data={resultsFor(CHURN_ONLY).waterfall} width={500} />);
    expect(html).not.toContain('role="status"');
    expect(html).toContain('Churn -$5,000');
  });

  it('segment bars of negative values', () => {
    const html = renderToString(
      <SegmentBars data={resultsFor(CHURN_ONLY).segments} value={(g) => g.netNew} valueLabel="Net new ARR" format="currency" width={500} />,
    );
    expect(html).toContain('KA -$5,000');
    expect(html).not.toContain('role="status"');
  });
});
