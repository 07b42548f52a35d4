import type { GroupSummary } from '@cskit/metrics';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { churnOnly, empty, localeOf, sample } from '../internal/story-data.js';
import { SegmentBars } from './SegmentBars.js';
import type { SegmentBarsProps } from './SegmentBars.js';

const arrOf: SegmentBarsProps<GroupSummary>['value'] = (g) => g.arr;

const meta = {
  title: 'Charts/SegmentBars',
  component: SegmentBars<GroupSummary>,
  args: { data: sample.segments, value: arrOf, valueLabel: 'ARR', format: 'currency', title: 'ARR by segment', onSelect: fn() },
  render: (args: SegmentBarsProps<GroupSummary>, { globals }) => <SegmentBars {...args} locale={localeOf(args, globals)} />,
} satisfies Meta<SegmentBarsProps<GroupSummary>>;
export default meta;
type Story = StoryObj<typeof meta>;

export const ArrBySegment: Story = {};
export const NrrBySegment: Story = { args: { value: (g: GroupSummary) => g.nrr, valueLabel: 'NRR', format: 'percent', title: 'NRR by segment' } };
export const NegativeNetNew: Story = { args: { data: churnOnly.segments, value: (g: GroupSummary) => g.netNew, valueLabel: 'Net new ARR', title: 'Net new ARR by segment' } };
/** One metric by group with the whole's value marked (the demo's Compare section): a dashed line, the summary and the table's last row. */
export const WithOverall: Story = {
  args: { value: (g: GroupSummary) => g.nrr, valueLabel: 'NRR', format: 'percent', title: 'NRR by segment', overall: 1.02 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText(/Overall 102/, { selector: 'text' })).toBeInTheDocument();
    await expect(canvasElement.querySelector('table')?.textContent).toContain('Overall');
  },
};

/** Groups by user role (`useMetric('roles')`): activity rate per role; roles are not accounts, so bars are not drill-downs. */
export const ByRole: Story = {
  args: {
    data: { dimension: 'role', groups: sample.roles }, value: (g: GroupSummary) => g.activityRate, valueLabel: 'Activity rate', format: 'percent',
    title: 'Activity rate by role', overall: 0.6,
  },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).queryAllByRole('button', { name: /^admin/ })).toHaveLength(0);
  },
};

export const Empty: Story = { args: { data: empty.segments } };

export const DrillDown: Story = {
  play: async ({ canvasElement, args }) => {
    await userEvent.click(within(canvasElement).getByRole('button', { name: /^KA/ }));
    await expect(args.onSelect).toHaveBeenCalledWith({ label: 'segment: KA', source: 'segment-bars', target: { kind: 'group', dimension: 'segment', key: 'KA' } });
  },
};

/** The dark theme: the `cskit-dark` class on an ancestor. */
export const Dark: Story = { globals: { theme: 'dark' } };
