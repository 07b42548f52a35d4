/** @vitest-environment jsdom */
import { prepareDataset } from '@cskit/metrics';
import { createFormatters, CsKitProvider, localSource } from '@cskit/react';
import type { CsSource } from '@cskit/react';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ArrWaterfall, CohortHeatmap, KpiCard, NpsBreakdown, SegmentBars } from '../index.js';
import { sampleDataset } from './fixtures.js';

afterEach(cleanup);
const period = { from: '2025-01', to: '2025-12' };

describe('defineChart', () => {
  it('inside a Provider, a chart given no data reads its own metric: the same numbers as the engine', () => {
    const dataset = sampleDataset();
    const waterfall = prepareDataset(dataset).metric({ period, comparison: 'none' }, 'waterfall');
    render(
      <CsKitProvider dataset={dataset} options={{ period, comparison: 'none' }}>
        <ArrWaterfall width={600} />
        <NpsBreakdown width={400} />
      </CsKitProvider>,
    );
    const figure = document.querySelector('[data-chart="arr-waterfall"]');
    expect(figure?.getAttribute('aria-busy')).toBeNull();
    // The text summary names the closing ARR and the net new ARR the engine computed.
    const f = createFormatters({ locale: 'en-US', currency: dataset.currency ?? 'USD' });
    expect(figure?.textContent).toContain(`${f.currency(waterfall.closing)}`);
    expect(figure?.textContent).toContain(f.signedCurrency(waterfall.netNew));
    expect(document.querySelector('[data-chart="nps-breakdown"]')?.getAttribute('aria-busy')).toBeNull();
  });

  it('a chart that selects within its metric: one breakdown dimension, one cohort measure', () => {
    render(
      <CsKitProvider dataset={sampleDataset()} options={{ period }}>
        <SegmentBars dimension="region" value={(g) => g.result.arr} valueLabel="ARR" width={400} />
        <CohortHeatmap measure="arr" width={500} />
      </CsKitProvider>,
    );
    expect(document.querySelector('[data-chart="segment-bars"]')?.getAttribute('aria-busy')).toBeNull();
    expect(document.querySelector('[data-chart="cohort-heatmap"]')?.getAttribute('aria-busy')).toBeNull();
  });

  it('given data={undefined} it stays a loading chart, even inside a Provider (a host feeding it from its own hook)', () => {
    render(<CsKitProvider dataset={sampleDataset()} options={{ period }}><ArrWaterfall data={undefined} width={600} /></CsKitProvider>);
    expect(document.querySelector('[data-chart="arr-waterfall"]')?.getAttribute('aria-busy')).toBe('true');
    expect(screen.getByRole('status').textContent).toBe('Loading…');
  });

  it('a failed request draws the error state: an alert in the chart frame, its size kept', async () => {
    const failing: CsSource = { ...localSource(sampleDataset()), id: 'failing', answerNow: undefined, request: () => Promise.reject(new Error('503 from the host')) };
    render(<CsKitProvider source={failing} options={{ period }}><ArrWaterfall width={600} height={300} /></CsKitProvider>);
    const alert = await waitFor(() => screen.getByRole('alert'));
    expect(alert.textContent).toBe('Could not load this chart.');
    expect(alert.getAttribute('title')).toBe('503 from the host');
    const figure = document.querySelector('[data-chart="arr-waterfall"]');
    expect(figure?.classList.contains('cskit-chart--failed')).toBe(true);
    expect((figure?.querySelector('.cskit-chart__plot') as HTMLElement).style.height).toBe('300px');
  });

  it('the error state has a Retry button that asks again; the chart draws once the answer comes', async () => {
    const local = localSource(sampleDataset());
    let calls = 0;
    const flaky: CsSource = {
      ...local, id: 'flaky', answerNow: undefined,
      request: (request, signal) => { calls += 1; return calls === 1 ? Promise.reject(new Error('502')) : local.request(request, signal); },
    };
    render(<CsKitProvider source={flaky} options={{ period }}><ArrWaterfall width={600} /></CsKitProvider>);
    fireEvent.click(await waitFor(() => screen.getByRole('button', { name: 'Retry' })));
    await waitFor(() => expect(document.querySelector('[data-chart="arr-waterfall"]')?.getAttribute('aria-busy')).toBeNull());
    expect(screen.queryByRole('alert')).toBeNull();
    expect(calls).toBeGreaterThanOrEqual(2);
  });

  it('a KPI card draws its error state (an alert and a Retry button) and no comparison words without a comparison', () => {
    const retry = vi.fn();
    render(<KpiCard label="NRR" data={undefined} error={new Error('x')} onRetry={retry} />);
    expect(screen.getByRole('alert').textContent).toBe('Could not load this chart.');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(retry).toHaveBeenCalledTimes(1);
    cleanup();
    render(<KpiCard label="NRR" data={{ value: 1.02 }} format="percent" />);
    expect(document.body.textContent).toContain('no comparison');
    expect(document.body.textContent).not.toContain('vs comparison period');
  });

  it('an error given as a prop draws the same state', () => {
    render(<ArrWaterfall data={undefined} error={new Error('x')} width={600} />);
    expect(screen.getByRole('alert').textContent).toBe('Could not load this chart.');
  });
});
