/** @vitest-environment jsdom */
import { accountEvents, drillDownAccountIds, prepareDataset } from '@cskit/metrics';
import type { HealthQuadrants, QuadrantAccount } from '@cskit/metrics';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { createFormatters } from '@cskit/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resultsFor, sampleDataset } from './internal/fixtures.js';
import {
  ArrWaterfall, AttributionBars, CohortHeatmap, HealthDistribution, HealthQuadrant, HealthTransitions, KpiCard, NpsBreakdown, RenewalFunnel,
  SegmentBars, ArrTrend, RateTrend, RenewalsAheadChart, AccountStoryChart,
} from './index.js';

afterEach(cleanup);
const results = resultsFor(sampleDataset());

function quadrantsOf(accounts: QuadrantAccount[]): HealthQuadrants {
  const quadrants = { loyal: { count: 0, arr: 0 }, unrealized: { count: 0, arr: 0 }, grudging: { count: 0, arr: 0 }, critical: { count: 0, arr: 0 } };
  for (const a of accounts) {
    quadrants[a.quadrant].count += 1;
    quadrants[a.quadrant].arr += a.arr;
  }
  return { month: '2025-12', thresholds: { outcome: 60, experience: 60 }, accounts, quadrants };
}

describe('RenewalFunnel', () => {
  it('stages are buttons named with their numbers; Space selects a stage', () => {
    const onSelect = vi.fn();
    render(<RenewalFunnel data={results.funnel} width={500} onSelect={onSelect} />);
    const due = results.funnel.stages[0];
    const button = screen.getByRole('button', { name: new RegExp(`^Due: ${due?.count}`) });
    fireEvent.keyDown(button, { key: ' ' });
    expect(onSelect).toHaveBeenCalledWith({ label: 'Due', source: 'renewal-funnel', target: { kind: 'renewal-stage', stage: 'due' } });
    expect(button.getAttribute('tabindex')).toBe('0');
  });
});

describe('HealthQuadrant', () => {
  const accounts: QuadrantAccount[] = [
    { accountId: 'a', quadrant: 'loyal', outcome: 80, experience: 90, arr: 100 },
    { accountId: 'b', quadrant: 'critical', outcome: 10, experience: 20, arr: 50 },
    { accountId: 'c', quadrant: 'critical', outcome: 60 - 1e-9, experience: 59, arr: 25 },
    { accountId: 'd', quadrant: 'unrealized', outcome: 30, experience: 60, arr: 10 },
  ];

  it('the four named quadrants are keyboard reachable and select their accounts', () => {
    const onSelect = vi.fn();
    render(<HealthQuadrant data={quadrantsOf(accounts)} width={500} onSelect={onSelect} />);
    const critical = screen.getByRole('button', { name: /^Critical .*: 2 accounts, \$75$/ });
    fireEvent.keyDown(critical, { key: 'Enter' });
    expect(onSelect).toHaveBeenCalledWith({ label: 'Critical', source: 'health-quadrant', target: { kind: 'quadrant', quadrant: 'critical', month: '2025-12' } });
    // Grudging has no accounts: focusable, but nothing to drill into.
    expect(screen.getByRole('img', { name: /^Grudging/ })).toBeTruthy();
    expect(screen.getByRole('figure').querySelectorAll('circle')).toHaveLength(4);
  });

  it('with onOpenAccount a point opens its account instead of selecting it', () => {
    const onSelect = vi.fn();
    const onOpenAccount = vi.fn();
    render(<HealthQuadrant data={quadrantsOf(accounts)} width={500} onSelect={onSelect} onOpenAccount={onOpenAccount} />);
    fireEvent.click(screen.getByRole('figure').querySelectorAll('circle')[1] as Element);
    expect(onOpenAccount).toHaveBeenCalledWith('b');
    expect(onSelect).not.toHaveBeenCalled();
  });

  it('canvas mode: a click picks the nearest point, or the quadrant when no point is near', () => {
    const onSelect = vi.fn();
    render(<HealthQuadrant data={quadrantsOf(accounts)} width={500} height={360} canvasThreshold={1} onSelect={onSelect} />);
    const canvas = screen.getByRole('figure').querySelector('canvas') as HTMLCanvasElement;
    // Plot area: x from 52 px over 432 px (outcome 0..100), y from 16 px over 300 px (experience 100..0).
    fireEvent.click(canvas, { clientX: 52 + 0.1 * 432, clientY: 16 + 300 - 0.2 * 300 });
    expect(onSelect).toHaveBeenLastCalledWith({ label: 'b', source: 'health-quadrant', target: { kind: 'accounts', accountIds: ['b'] } });
    fireEvent.click(canvas, { clientX: 52 + 0.2 * 432, clientY: 16 + 300 - 0.8 * 300 });
    expect(onSelect).toHaveBeenLastCalledWith({ label: 'Unrealized', source: 'health-quadrant', target: { kind: 'quadrant', quadrant: 'unrealized', month: '2025-12' } });
  });

  it('switches to one canvas past the threshold: 10k points, four SVG regions, no 10k DOM nodes', () => {
    const many: QuadrantAccount[] = Array.from({ length: 10_000 }, (_, i) => ({
      accountId: `acc-${i}`, quadrant: (['loyal', 'unrealized', 'grudging', 'critical'] as const)[i % 4] ?? 'loyal',
      outcome: (i * 7) % 100, experience: (i * 13) % 100, arr: 1000 + i,
    }));
    render(<HealthQuadrant data={quadrantsOf(many)} width={600} />);
    const figure = screen.getByRole('figure');
    expect(figure.querySelector('canvas')).not.toBeNull();
    expect(figure.querySelectorAll('circle')).toHaveLength(0);
    expect(figure.querySelectorAll('*').length).toBeLessThan(400);
    expect(within(figure).getAllByRole('img')).toHaveLength(4);
  });
});

describe('HealthDistribution', () => {
  it('each tier segment is named with month, tier and count, and selects a tier cell', () => {
    const onSelect = vi.fn();
    render(<HealthDistribution data={results.distribution} width={700} onSelect={onSelect} />);
    const december = results.distribution.months.at(-1);
    const red = december?.tiers.red.count ?? 0;
    const mark = screen.getByRole('button', { name: `Dec 2025, Red: ${red}` });
    fireEvent.click(mark);
    expect(onSelect).toHaveBeenCalledWith({ label: 'Dec 2025 · Red', source: 'health-distribution', target: { kind: 'tier', month: '2025-12', tier: 'red' } });
    // The pattern is the second cue: red cells carry a pattern fill besides the color.
    expect(mark.querySelectorAll('rect')[1]?.getAttribute('fill')).toMatch(/^url\(#.*-red\)$/);
  });
});

describe('HealthTransitions', () => {
  it('counters select a kind; a cell selects its accounts', () => {
    const onSelect = vi.fn();
    render(<HealthTransitions data={results.transitions} width={600} onSelect={onSelect} />);
    fireEvent.click(screen.getByRole('button', { name: `Saves: ${results.transitions.counts.save}` }));
    expect(onSelect).toHaveBeenLastCalledWith({ label: 'Saves', source: 'health-transitions', target: { kind: 'transition', transition: 'save' } });
    const greenToGreen = results.transitions.matrix[0]?.[0] ?? 0;
    fireEvent.click(screen.getByRole('button', { name: `Green → Green: ${greenToGreen} (Steady)` }));
    expect(onSelect).toHaveBeenLastCalledWith({ label: 'Green → Green', source: 'health-transitions', target: { kind: 'tier-change', fromTier: 'green', toTier: 'green' } });
    // The target resolves to the cell's accounts.
    const ids = results.transitions.accounts.filter((a) => a.fromTier === 'green' && a.toTier === 'green').map((a) => a.accountId);
    expect(drillDownAccountIds(sampleDataset(), { kind: 'tier-change', fromTier: 'green', toTier: 'green' }, { period: results.transitions.period, model: {}, graceMonths: 0 })).toEqual(ids);
  });
});

describe('NpsBreakdown', () => {
  it('the seed example: 3 promoters, 5 passives, 2 detractors reads NPS 10', () => {
    const onSelect = vi.fn();
    render(<NpsBreakdown data={{ responses: 10, promoters: 3, passives: 5, detractors: 2, score: 10 }} width={400} onSelect={onSelect} />);
    expect(screen.getByRole('figure').getAttribute('aria-label')).toBe(
      'NPS 10, 10 responses: Detractors: 2 (20%), Passives: 5 (50%), Promoters: 3 (30%).',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Promoters: 3 (30%)' }));
    expect(onSelect).toHaveBeenCalledWith({ label: 'Promoters', source: 'nps-breakdown', target: { kind: 'nps', category: 'promoters' } });
  });
});

describe('CohortHeatmap', () => {
  it('row labels are the keyboard marks and select a cohort; the table lists every cell', () => {
    const onSelect = vi.fn();
    const data = results.cohorts;
    render(<CohortHeatmap data={data} width={700} onSelect={onSelect} />);
    const january = data.cohorts[0];
    expect(january?.cohort).toBe('2025-01');
    fireEvent.keyDown(screen.getByRole('button', { name: `Cohort Jan 2025: ${january?.size} accounts` }), { key: 'Enter' });
    expect(onSelect).toHaveBeenCalledWith({ label: 'Cohort Jan 2025', source: 'cohort-heatmap', target: { kind: 'cohort', cohort: '2025-01' } });
    expect(screen.getByRole('table').querySelectorAll('tbody tr')).toHaveLength(data.cohorts.length);
  });
});

describe('SegmentBars and AttributionBars', () => {
  it('segment bars select a group', () => {
    const onSelect = vi.fn();
    render(<SegmentBars data={results.segments} value={(g) => g.nrr} valueLabel="NRR" format="percent" width={500} onSelect={onSelect} />);
    fireEvent.click(screen.getByRole('button', { name: /^KA: / }));
    expect(onSelect).toHaveBeenCalledWith({ label: 'segment: KA', source: 'segment-bars', target: { kind: 'group', dimension: 'segment', key: 'KA' } });
  });

  it('attribution figures select their field', () => {
    const onSelect = vi.fn();
    const data = { ...results.attribution, csqlArr: 1000, expand: { ...results.attribution.expand, csqlArr: 1000, total: results.attribution.expand.total + 1000 } };
    render(<AttributionBars data={data} width={600} onSelect={onSelect} />);
    fireEvent.click(screen.getByRole('button', { name: 'Expand · CSQL won: $1,000' }));
    expect(onSelect).toHaveBeenCalledWith({ label: 'CSQL won', source: 'attribution-bars', target: { kind: 'attribution', field: 'csqlArr' } });
  });
});

describe('KpiCard', () => {
  it('a fall in a ratio reads in points with an arrow and words, not color alone', () => {
    render(<KpiCard label="NRR" data={{ value: 0.95, comparison: 0.98, series: [0.98, 0.97, 0.95] }} format="percent" />);
    const card = screen.getByRole('region', { name: 'NRR' });
    expect(card.textContent).toContain('95%');
    expect(card.textContent).toContain('▼ -3 pts vs comparison period (98%)');
    expect(card.querySelector('.cskit-kpi__delta--bad')).not.toBeNull();
  });

  it('a rise in accounts at risk is bad news when goodDirection is down', () => {
    render(<KpiCard label="At risk" data={{ value: 12, comparison: 9 }} goodDirection="down" format="score" locale="zh-CN" />);
    const card = screen.getByRole('region', { name: 'At risk' });
    expect(card.textContent).toContain('▲ +3');
    expect(card.textContent).toContain('对比期');
    expect(card.querySelector('.cskit-kpi__delta--bad')).not.toBeNull();
  });

  it('a long amount (a wide unit counts twice) is set one step smaller, a short one is not', () => {
    render(
      <>
        <KpiCard label="ARR" data={{ value: 87_061_000 }} format="currency" locale="zh-CN" />
        <KpiCard label="ARPA" data={{ value: 60_000 }} format="currency" locale="zh-CN" />
      </>,
    );
    const arr = screen.getByRole('region', { name: 'ARR' }).querySelector('.cskit-kpi__value');
    expect(arr?.textContent).toBe('US$8706.1万');
    expect(arr?.classList.contains('cskit-kpi__value--long')).toBe(true);
    const arpa = screen.getByRole('region', { name: 'ARPA' }).querySelector('.cskit-kpi__value');
    expect(arpa?.textContent).toBe('US$6万');
    expect(arpa?.classList.contains('cskit-kpi__value--long')).toBe(false);
  });
});

describe('loading and summaries', () => {
  it('undefined data draws the chart frame at its size with a loading status, for every chart', () => {
    render(
      <>
        <ArrWaterfall data={undefined} title="Waterfall" height={300} />
        <HealthQuadrant data={undefined} />
        <SegmentBars data={undefined} value={() => 1} valueLabel="NRR" />
        <KpiCard label="ARR" data={undefined} />
      </>,
    );
    const figures = screen.getAllByRole('figure');
    expect(figures.map((f) => f.getAttribute('aria-busy'))).toEqual(['true', 'true', 'true']);
    expect(figures[0]?.querySelector('.cskit-skeleton')?.getAttribute('style')).toContain('height: 300px');
    expect(screen.getAllByRole('status').map((s) => s.textContent)).toEqual(['Loading…', 'Loading…', 'Loading…']);
    expect(screen.getByRole('region', { name: 'ARR' }).getAttribute('aria-busy')).toBe('true');
  });

  it('draws a summary as it draws the full result: the waterfall from account counts, the quadrant from its largest points', () => {
    const engine = prepareDataset(sampleDataset());
    const view = { period: { from: '2025-01', to: '2025-12' }, graceMonths: 1 };
    const summary = engine.summary(view);
    const { container: full } = render(<ArrWaterfall data={engine.dashboard(view).waterfall} width={600} />);
    const { container: light } = render(<ArrWaterfall data={summary.waterfall} width={600} />);
    const labels = (root: HTMLElement) => [...root.querySelectorAll('[role="img"], [role="button"]')].map((e) => e.getAttribute('aria-label'));
    expect(labels(light)).toEqual(labels(full));
    const limited = { ...summary.healthQuadrants, points: summary.healthQuadrants.points.slice(0, 3) };
    render(<HealthQuadrant data={limited} width={500} />);
    expect(screen.getAllByRole('figure').at(-1)?.querySelectorAll('circle')).toHaveLength(3);
    expect(document.body.textContent).toContain(`Points: the 3 largest of ${summary.healthQuadrants.accountCount} accounts.`);
  });
});

describe('trends, the renewals ahead and the account story', () => {
  const names = (root: Element, role: string) => [...root.querySelectorAll(`[role="${role}"]`)].map((e) => e.getAttribute('aria-label') ?? '');

  it('ArrTrend: a named bar per non-zero movement of each month and a point per month; a bar drills into its month', () => {
    const onSelect = vi.fn();
    const { container } = render(<ArrTrend data={results.trend} width={800} onSelect={onSelect} />);
    const moves = results.trend.months.flatMap((m) => (['new', 'expansion', 'reactivation', 'contraction', 'churn'] as const).filter((k) => m[k] !== 0));
    expect(names(container, 'button')).toHaveLength(moves.length);
    const dec = results.trend.months.at(-1);
    expect(names(container, 'img')).toContain(`Dec 2025, Closing ARR: $${Math.round(dec?.closing ?? 0).toLocaleString('en-US')}; Customers ${dec?.customers.toLocaleString('en-US')}, ARPA $${Math.round(dec?.arpa ?? 0).toLocaleString('en-US')}`);
    const churned = results.trend.months.find((m) => m.churn < 0);
    if (!churned) throw new Error('sample has no churn');
    const name = createFormatters().month(churned.month);
    fireEvent.click(screen.getByRole('button', { name: new RegExp(`^${name}, Churn`) }));
    expect(onSelect).toHaveBeenCalledWith({ label: `${name} · Churn`, source: 'arr-trend', target: { kind: 'movement', movement: 'churn', month: churned.month } });
    // Both scales are labeled; the visually hidden table has a row per month.
    expect(container.textContent).toContain('Movements');
    expect(container.querySelectorAll('tbody tr')).toHaveLength(results.trend.months.length);
  });

  it('RateTrend: a point per known value (months without one leave a gap), the target in words', () => {
    const months = results.trend.months.map((m, i) => (i === 3 ? { ...m, nrr12: null } : m));
    const { container } = render(<RateTrend data={{ ...results.trend, months }} width={700} target={1} series={['nrr12']} />);
    expect(names(container, 'img').filter((n) => n.includes('NRR'))).toHaveLength(months.filter((m) => m.nrr12 !== null).length);
    expect(names(container, 'img')).not.toContain(expect.stringMatching(/^Apr 2025/));
    expect(container.querySelector('[aria-describedby] p, p.cskit-sr-only')?.textContent).toContain('Target 100%');
    expect(container.querySelector('path')?.getAttribute('d')?.match(/M/g)).toHaveLength(2);
  });

  it('RenewalsAheadChart: tier segments add up to each month\'s due ARR; a segment drills to the accounts of its contracts', () => {
    const onSelect = vi.fn();
    const data = results.ahead;
    const { container } = render(<RenewalsAheadChart data={data} width={700} onSelect={onSelect} />);
    const segments = names(container, 'button');
    expect(segments.length).toBe(data.months.reduce((n, m) => n + Object.values(m.byTier).filter((c) => c.count > 0 || c.arr > 0).length, 0));
    const month = data.months.find((m) => m.byTier.green.count > 0);
    if (!month) throw new Error('sample has no green renewals ahead');
    fireEvent.click(screen.getByRole('button', { name: new RegExp(`^${month.month === '2025-12' ? 'Dec 2025' : '[A-Z][a-z]{2} \\d{4}'}, Green:`) }));
    const target = onSelect.mock.calls[0]?.[0].target;
    expect(target).toMatchObject({ kind: 'due', tier: 'green' });
    const expected = [...new Set(data.items.filter((i) => i.dueDate.slice(0, 7) === target.month && i.tier === 'green').map((i) => i.accountId))].sort();
    const drilled = drillDownAccountIds(sampleDataset(), target, { period: { from: '2025-01', to: '2025-12' }, model: {}, graceMonths: 1, asOf: data.asOf }).sort();
    expect(drilled).toEqual(expected);
  });

  it('AccountStoryChart: key facts, a point per scored month, a mark per event', () => {
    const story = results.story;
    if (!story) throw new Error('no story');
    const { container } = render(<AccountStoryChart data={story} width={800} />);
    const facts = [...container.querySelectorAll('dt')].map((dt) => dt.textContent);
    expect(facts).toEqual(['ARR', 'Health tier', 'Next renewal', 'Early warning']);
    expect(names(container, 'img').filter((n) => n.includes('Health score'))).toHaveLength(story.months.filter((m) => m.healthScore !== null).length);
    expect(names(container, 'img').filter((n) => /^\d{4}-\d{2}-\d{2}, /.test(n))).toHaveLength(accountEvents(story).length);
    expect(container.querySelector('dd')?.textContent).toBe(`$${Math.round(story.months.at(-1)?.arr ?? 0).toLocaleString('en-US')}`);
  });
});
