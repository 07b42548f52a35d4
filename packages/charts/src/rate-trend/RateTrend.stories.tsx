import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { empty, localeOf, sample, single } from '../internal/story-data.js';
import { RateTrend } from './RateTrend.js';

const meta = {
  title: 'Charts/RateTrend',
  component: RateTrend,
  args: { data: sample.trend, title: 'Retention and churn', target: 1, targetLabel: 'NRR target' },
  render: (args, { globals }) => <RateTrend {...args} locale={localeOf(args, globals)} />,
} satisfies Meta<typeof RateTrend>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const RetentionOnly: Story = { args: { series: ['nrr12', 'grr12'] } };
export const NoTarget: Story = { args: { target: null } };
export const Chinese: Story = { args: { locale: 'zh-CN', title: '留存与流失率', targetLabel: undefined } };
export const Empty: Story = { args: { data: empty.trend } };
export const SingleMonth: Story = { args: { data: single.trend } };
export const Loading: Story = { args: { data: undefined } };

/** Points are reachable by keyboard and named with their rate; the target line is in the summary. */
export const KeyboardFocus: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText(/NRR target 100%/, { selector: 'p' })).toBeInTheDocument();
    await userEvent.tab();
    await expect(canvas.getAllByRole('img', { name: /NRR \(trailing 12 months\): \d/ })[0]).toHaveFocus();
    await expect(canvas.getByRole('tooltip')).toBeVisible();
  },
};

export const Dark: Story = { globals: { theme: 'dark' } };
