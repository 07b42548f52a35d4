import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { empty, localeOf, sample } from '../internal/story-data.js';
import { CohortHeatmap } from './CohortHeatmap.js';

const meta = {
  title: 'Charts/CohortHeatmap',
  component: CohortHeatmap,
  args: { data: sample.cohorts, title: 'Logo retention by signing cohort', onSelect: fn() },
  render: (args, { globals }) => <CohortHeatmap {...args} locale={localeOf(args, globals)} />,
} satisfies Meta<typeof CohortHeatmap>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const Chinese: Story = { args: { locale: 'zh-CN', title: '同期群留存' } };
export const Empty: Story = { args: { data: empty.cohorts } };

export const KeyboardDrillDown: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.tab();
    await expect(canvas.getByRole('button', { name: /^Cohort Jan 2025/ })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await expect(args.onSelect).toHaveBeenCalledWith({ label: 'Cohort Jan 2025', source: 'cohort-heatmap', target: { kind: 'cohort', cohort: '2025-01' } });
  },
};

/** The dark theme: the `cskit-dark` class on an ancestor. */
export const Dark: Story = { globals: { theme: 'dark' } };
