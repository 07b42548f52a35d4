import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { useCsActions } from '../store-context.js';
import { useFormatters } from '../use-formatters.js';
import { useKpis } from '../hooks.js';
import { DemoProvider } from './DemoProvider.js';

/** `useKpis()`: the header KPIs with the comparison period's values; the comparison is a store setting. */
function KpisDemo() {
  const { kpis, comparisonKpis, comparisonPeriod } = useKpis();
  const { setComparison } = useCsActions();
  const f = useFormatters();
  return (
    <div>
      <button type="button" onClick={() => setComparison('none')}>No comparison</button>{' '}
      <button type="button" onClick={() => setComparison('previous-year')}>Previous year</button>
      <p data-testid="comparison">{comparisonPeriod ? `${comparisonPeriod.from} – ${comparisonPeriod.to}` : 'none'}</p>
      <table>
        <thead><tr><th scope="col">KPI</th><th scope="col">Period</th><th scope="col">Comparison</th></tr></thead>
        <tbody>
          <tr><th scope="row">ARR</th><td>{f.currency(kpis?.arr)}</td><td>{f.currency(comparisonKpis?.arr)}</td></tr>
          <tr><th scope="row">NRR</th><td>{f.percent(kpis?.nrr)}</td><td>{f.percent(comparisonKpis?.nrr)}</td></tr>
          <tr><th scope="row">GRR</th><td>{f.percent(kpis?.grr)}</td><td>{f.percent(comparisonKpis?.grr)}</td></tr>
          <tr><th scope="row">NPS</th><td>{f.number(kpis?.nps, 0)}</td><td>{f.number(comparisonKpis?.nps, 0)}</td></tr>
          <tr><th scope="row">At risk</th><td>{kpis?.atRiskAccounts ?? '—'}</td><td>{comparisonKpis?.atRiskAccounts ?? '—'}</td></tr>
        </tbody>
      </table>
    </div>
  );
}

const meta = {
  title: 'Hooks/Kpis',
  render: (_args, { globals }) => <DemoProvider locale={globals.locale}><KpisDemo /></DemoProvider>,
} satisfies Meta;
export default meta;
type Story = StoryObj<typeof meta>;

export const WithComparison: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByTestId('comparison')).toHaveTextContent('2024-01 – 2024-12');
    await userEvent.click(canvas.getByRole('button', { name: 'No comparison' }));
    await expect(canvas.getByTestId('comparison')).toHaveTextContent('none');
  },
};
