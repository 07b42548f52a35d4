import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { useCsActions, useCsStore } from '../store-context.js';
import { useFormatters } from '../use-formatters.js';
import { useArrWaterfall, useMetric, useRenewals, useRetention, useSummary } from '../hooks.js';
import { DemoProvider } from './DemoProvider.js';

/** Filters live in the store; every hook answers for the filtered accounts. */
function FilterDemo() {
  const segment = useCsStore((s) => s.filters.segment?.[0] ?? '');
  const { setFilter } = useCsActions();
  const accounts = useMetric('retention');
  const waterfall = useArrWaterfall();
  const retention = useRetention();
  const summary = useRenewals();
  const count = useSummary().data?.accountCount;
  const f = useFormatters();
  return (
    <div>
      <label>
        Segment{' '}
        <select value={segment} onChange={(event) => setFilter('segment', event.target.value ? [event.target.value] : [])}>
          <option value="">All</option>
          <option value="KA">KA</option>
          <option value="MM">MM</option>
          <option value="SMB">SMB</option>
        </select>
      </label>
      <dl>
        <dt>Accounts</dt><dd data-testid="accounts">{count}</dd>
        <dt>Accounts retained from the period's start</dt><dd>{accounts?.accountCount}</dd>
        <dt>Closing ARR</dt><dd data-testid="arr">{f.currency(waterfall?.closing)}</dd>
        <dt>NRR / GRR</dt><dd>{`${f.percent(retention?.nrr)} / ${f.percent(retention?.grr)}`}</dd>
        <dt>Logo renewal rate</dt><dd>{f.percent(summary?.logoRate)}</dd>
      </dl>
    </div>
  );
}

const meta = {
  title: 'Hooks/Filters',
  render: (_args, { globals }) => <DemoProvider locale={globals.locale}><FilterDemo /></DemoProvider>,
} satisfies Meta;
export default meta;
type Story = StoryObj<typeof meta>;

export const SegmentFilter: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByTestId('accounts')).toHaveTextContent('400');
    await userEvent.selectOptions(canvas.getByLabelText('Segment'), 'KA');
    await expect(Number(canvas.getByTestId('accounts').textContent)).toBeLessThan(400);
  },
};
