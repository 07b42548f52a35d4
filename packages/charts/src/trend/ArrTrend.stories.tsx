import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { churnOnly, empty, localeOf, sample, single } from '../internal/story-data.js';
import { ArrTrend } from './ArrTrend.js';

const meta = {
  title: 'Charts/ArrTrend',
  component: ArrTrend,
  args: { data: sample.trend, title: 'ARR trend', onSelect: fn() },
  render: (args, { globals }) => <ArrTrend {...args} locale={localeOf(args, globals)} />,
} satisfies Meta<typeof ArrTrend>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const Chinese: Story = { args: { locale: 'zh-CN', currency: 'CNY', title: 'ARR 趋势' } };
export const Empty: Story = { args: { data: empty.trend } };
export const SingleMonth: Story = { args: { data: single.trend } };
export const AllNegative: Story = { args: { data: churnOnly.trend } };
export const Loading: Story = { args: { data: undefined } };
/** A narrow container: month labels thin out instead of overlapping. */
export const Narrow: Story = { args: { width: 360 } };

/** Both scales are labeled, the summary gives the numbers, and a movement bar drills into its month. */
export const DrillDown: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('Movements')).toBeInTheDocument();
    await expect(canvas.getByText(/: Opening ARR .*Closing ARR/, { selector: 'p' })).toBeInTheDocument();
    await userEvent.click(canvas.getAllByRole('button', { name: /^[A-Z][a-z]{2} 2025, Expansion: \+/ })[0] as HTMLElement);
    await expect(args.onSelect).toHaveBeenCalledWith(expect.objectContaining({ source: 'arr-trend', target: expect.objectContaining({ kind: 'movement', movement: 'expansion' }) }));
  },
};

/** Keyboard: Tab reaches the first bar and shows its tooltip; Enter selects it. */
export const KeyboardFocus: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.tab();
    const first = canvas.getAllByRole('button')[0] as HTMLElement;
    await expect(first).toHaveFocus();
    await expect(canvas.getByRole('tooltip')).toBeVisible();
    await userEvent.keyboard('{Enter}');
    await expect(args.onSelect).toHaveBeenCalledWith(expect.objectContaining({ source: 'arr-trend' }));
  },
};

export const Dark: Story = { globals: { theme: 'dark' } };
