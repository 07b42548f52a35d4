import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { useDrillDown } from '../drill-down.js';
import { useHealthQuadrants, useSelectedAccountIds, useSelection } from '../hooks.js';
import { DemoProvider } from './DemoProvider.js';

/** A headless drill-down: buttons stand in for chart marks; the selection is the store's, resolved by the source. */
function SelectionDemo() {
  const quadrants = useHealthQuadrants();
  const drill = useDrillDown();
  const { selection, clear } = useSelection();
  const selected = useSelectedAccountIds();
  return (
    <div>
      <p>
        {(['loyal', 'unrealized', 'grudging', 'critical'] as const).map((q) => (
          <button
            key={q} type="button"
            onClick={() => drill({ label: `Quadrant: ${q}`, source: 'demo', target: { kind: 'quadrant', quadrant: q } })}
          >
            {`${q} (${quadrants?.quadrants[q].count ?? '…'})`}
          </button>
        ))}
      </p>
      <nav aria-label="Breadcrumb">
        {selection ? (
          <p>
            <span data-testid="selection">{`${selection.label}: ${selected?.size ?? '…'} accounts`}</span>{' '}
            <button type="button" onClick={clear}>Clear selection</button>
          </p>
        ) : <p>All accounts</p>}
      </nav>
    </div>
  );
}

const meta = {
  title: 'Hooks/Selection',
  render: (_args, { globals }) => <DemoProvider locale={globals.locale}><SelectionDemo /></DemoProvider>,
} satisfies Meta;
export default meta;
type Story = StoryObj<typeof meta>;

export const DrillDownAndClear: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: /^critical/ }));
    await expect(canvas.getByTestId('selection')).toHaveTextContent(/^Quadrant: critical: \d+ accounts$/);
    await userEvent.click(canvas.getByRole('button', { name: 'Clear selection' }));
    await expect(canvas.getByText('All accounts')).toBeInTheDocument();
  },
};
