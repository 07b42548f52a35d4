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

/**
 * Legend toggles: each series' legend item is a toggle button; hiding GRR removes its line and its points, is
 * announced, and Space shows it again. The last series shown cannot be hidden.
 */
export const LegendToggle: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const legend = canvas.getByRole('group', { name: 'Series shown' });
    const grr = within(legend).getByRole('button', { name: 'GRR (trailing 12 months)' });
    const points = () => canvas.queryAllByRole('img', { name: /GRR \(trailing 12 months\): / }).length;
    await expect(points()).toBeGreaterThan(0);
    await userEvent.click(grr);
    await expect(grr).toHaveAttribute('aria-pressed', 'false');
    await expect(points()).toBe(0);
    await expect(canvas.getByRole('status')).toHaveTextContent('GRR (trailing 12 months) hidden');
    grr.focus();
    await userEvent.keyboard(' ');
    await expect(grr).toHaveAttribute('aria-pressed', 'true');
    await expect(points()).toBeGreaterThan(0);
    // Hide two of three; the third stays however often it is pressed.
    await userEvent.click(grr);
    await userEvent.click(within(legend).getByRole('button', { name: /Logo churn rate/ }));
    const nrr = within(legend).getByRole('button', { name: /^NRR/ });
    await userEvent.click(nrr);
    await expect(nrr).toHaveAttribute('aria-pressed', 'true');
  },
};
