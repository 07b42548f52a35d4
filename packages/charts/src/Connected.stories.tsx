import { CsKitProvider, useArrWaterfall, useDrillDown, useHealthQuadrants, useSelectedAccountIds, useSelection } from '@cskit/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { sampleDataset } from './internal/fixtures.js';
import { ArrWaterfall, HealthQuadrant } from './index.js';

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
