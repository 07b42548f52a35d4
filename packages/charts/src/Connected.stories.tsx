import { CsKitProvider, localSource, useArrWaterfall, useDrillDown, useHealthQuadrants, useSelectedAccountIds, useSelection } from '@cskit/react';
import type { CsSource } from '@cskit/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { sampleDataset } from './internal/fixtures.js';
import { ArrWaterfall, CohortHeatmap, HealthQuadrant, SegmentBars } from './index.js';

/** Charts wired to a Provider: hooks feed them, `useDrillDown` turns a picked mark into the store's selection. */
function Connected() {
  const waterfall = useArrWaterfall();
  const quadrants = useHealthQuadrants();
  const drill = useDrillDown();
  const { selection, clear } = useSelection();
  const selected = useSelectedAccountIds();
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <nav aria-label="Breadcrumb">
        {selection ? (
          <p>
            <span data-testid="selection">{`${selection.label} · ${selected?.size ?? '…'}`}</span>{' '}
            <button type="button" onClick={clear}>Clear</button>
          </p>
        ) : <p>All accounts</p>}
      </nav>
      <ArrWaterfall data={waterfall} onSelect={drill} title="ARR waterfall" />
      <HealthQuadrant data={quadrants} onSelect={drill} title="Health quadrant" />
    </div>
  );
}

const meta = {
  title: 'Charts/Connected',
  render: (_args, { globals }) => (
    <CsKitProvider dataset={sampleDataset()} options={{ period: { from: '2025-01', to: '2025-12' }, locale: globals.locale === 'zh-CN' ? 'zh-CN' : 'en-US' }}>
      <Connected />
    </CsKitProvider>
  ),
} satisfies Meta;
export default meta;
type Story = StoryObj<typeof meta>;

export const DrillDownFromCharts: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: /^Churn/ }));
    await expect(canvas.getByTestId('selection')).toHaveTextContent(/^Churn · \d+$/);
    await userEvent.click(canvas.getByRole('button', { name: /^Loyal \(/ }));
    await expect(canvas.getByTestId('selection')).toHaveTextContent(/^Loyal · \d+$/);
    await userEvent.click(canvas.getByRole('button', { name: 'Clear' }));
    await expect(canvas.getByText('All accounts')).toBeInTheDocument();
  },
};

/** Charts given no `data` inside a Provider read their own metric: no hook, no prop drilling. */
export const ChartsReadTheirOwnMetric: Story = {
  render: (_args, { globals }) => (
    <CsKitProvider dataset={sampleDataset()} options={{ period: { from: '2025-01', to: '2025-12' }, locale: globals.locale === 'zh-CN' ? 'zh-CN' : 'en-US' }}>
      <div style={{ display: 'grid', gap: 16 }}>
        <ArrWaterfall title="ARR waterfall" />
        <SegmentBars dimension="region" value={(group) => group.result.netNew} valueLabel="Net new ARR" format="currency" title="Net new ARR by region" />
        <CohortHeatmap measure="arr" title="ARR kept by cohort" />
      </div>
    </CsKitProvider>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    // Each chart's text summary is there: the numbers arrived without a hook.
    await expect(await canvas.findByText(/^ARR waterfall, .*Closing ARR/)).toBeInTheDocument();
    for (const chart of ['arr-waterfall', 'segment-bars', 'cohort-heatmap']) {
      await expect(canvasElement.querySelector(`[data-chart="${chart}"]`)?.getAttribute('aria-busy')).toBeNull();
    }
  },
};

/** A source whose requests fail: each chart draws its error state in its frame, at its size, as an alert. */
let failing: CsSource | undefined;
export const RequestsFail: Story = {
  render: () => {
    // One source for the story's life: a Provider given a new source on every render would ask again each time.
    failing ??= { ...localSource(sampleDataset()), id: 'failing', answerNow: undefined, request: () => Promise.reject(new Error('503 Service Unavailable')) };
    return (
      <CsKitProvider source={failing} options={{ period: { from: '2025-01', to: '2025-12' } }}>
        <div style={{ display: 'grid', gap: 16 }}>
          <ArrWaterfall title="ARR waterfall" height={240} />
          <HealthQuadrant title="Health quadrant" height={240} />
        </div>
      </CsKitProvider>
    );
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getAllByRole('alert')).toHaveLength(2));
    for (const alert of canvas.getAllByRole('alert')) await expect(alert).toHaveTextContent('Could not load this chart.');
  },
};
