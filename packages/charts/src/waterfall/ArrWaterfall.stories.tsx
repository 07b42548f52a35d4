import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { churnOnly, empty, localeOf, sample, single } from '../internal/story-data.js';
import { ArrWaterfall } from './ArrWaterfall.js';

const meta = {
  title: 'Charts/ArrWaterfall',
  component: ArrWaterfall,
  args: { data: sample.waterfall, title: 'ARR waterfall', onSelect: fn() },
  render: (args, { globals }) => <ArrWaterfall {...args} locale={localeOf(args, globals)} />,
} satisfies Meta<typeof ArrWaterfall>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const Chinese: Story = { args: { locale: 'zh-CN', currency: 'CNY', title: 'ARR 瀑布图' } };
export const Empty: Story = { args: { data: empty.waterfall } };
export const SinglePoint: Story = { args: { data: single.waterfall } };
export const AllNegative: Story = { args: { data: churnOnly.waterfall } };

/** Drill-down: clicking a movement bar reports the accounts behind it. */
export const DrillDown: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: /^Churn/ }));
    await expect(args.onSelect).toHaveBeenCalledWith(expect.objectContaining({ label: 'Churn', source: 'arr-waterfall' }));
  },
};

/** Keyboard: Tab reaches the first bar, Enter on a movement selects it. */
export const KeyboardFocus: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.tab();
    await expect(canvas.getByRole('img', { name: /^Opening ARR/ })).toHaveFocus();
    await userEvent.tab();
    await expect(canvas.getByRole('button', { name: /^New/ })).toHaveFocus();
    await expect(canvas.getByRole('tooltip')).toBeVisible();
    await userEvent.keyboard('{Enter}');
    await expect(args.onSelect).toHaveBeenCalledWith(expect.objectContaining({ label: 'New' }));
  },
};

/** The dark theme: the `cskit-dark` class on an ancestor. */
export const Dark: Story = { globals: { theme: 'dark' } };
