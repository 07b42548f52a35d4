import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { empty, localeOf, sample, single } from '../internal/story-data.js';
import { RenewalsAheadChart } from './RenewalsAheadChart.js';

const meta = {
  title: 'Charts/RenewalsAhead',
  component: RenewalsAheadChart,
  args: { data: sample.ahead, title: 'Renewals ahead', onSelect: fn() },
  render: (args, { globals }) => <RenewalsAheadChart {...args} locale={localeOf(args, globals)} />,
} satisfies Meta<typeof RenewalsAheadChart>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const Chinese: Story = { args: { locale: 'zh-CN', currency: 'CNY', title: '即将到期续约' } };
export const Empty: Story = { args: { data: empty.ahead } };
export const SingleAccount: Story = { args: { data: single.ahead } };
export const Loading: Story = { args: { data: undefined } };

/** A tier segment drills into the contracts due that month; the expected renewal ARR is a named mark. */
export const DrillDown: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getAllByRole('img', { name: /Expected renewal ARR: \$/ }).length).toBeGreaterThan(0);
    const segment = canvas.getAllByRole('button', { name: /^[A-Z][a-z]{2} \d{4}, (Green|Red|Yellow)/ })[0] as HTMLElement;
    await userEvent.click(segment);
    await expect(args.onSelect).toHaveBeenCalledWith(expect.objectContaining({ source: 'renewals-ahead', target: expect.objectContaining({ kind: 'due' }) }));
  },
};

/** Keyboard: Tab reaches a segment; Enter selects it. */
export const KeyboardFocus: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.tab();
    await expect(canvas.getAllByRole('button')[0]).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await expect(args.onSelect).toHaveBeenCalledTimes(1);
  },
};

export const Dark: Story = { globals: { theme: 'dark' } };

/** Legend toggles: hiding the expected-ARR marks and a tier, each announced; the bars stack the tiers shown. */
export const LegendToggle: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const legend = within(canvas.getByRole('group', { name: 'Series shown' }));
    const expectedMarks = () => canvas.queryAllByRole('img', { name: /, Expected renewal ARR: / }).length;
    await expect(expectedMarks()).toBeGreaterThan(0);
    await userEvent.click(legend.getByRole('button', { name: /^Expected/ }));
    await expect(expectedMarks()).toBe(0);
    const green = legend.getByRole('button', { name: 'Green' });
    await userEvent.click(green);
    await expect(green).toHaveAttribute('aria-pressed', 'false');
    await expect(canvas.getByRole('status')).toHaveTextContent('Green hidden');
  },
};
