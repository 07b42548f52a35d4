import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { empty, localeOf, sample, single } from '../internal/story-data.js';
import { HealthDistribution } from './HealthDistribution.js';

const meta = {
  title: 'Charts/HealthDistribution',
  component: HealthDistribution,
  args: { data: sample.distribution, title: 'Health tiers by month', onSelect: fn() },
  render: (args, { globals }) => <HealthDistribution {...args} locale={localeOf(args, globals)} />,
} satisfies Meta<typeof HealthDistribution>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const ByArr: Story = { args: { measure: 'arr', title: 'Health tiers by ARR' } };
export const Chinese: Story = { args: { locale: 'zh-CN', title: '各月健康度分层' } };
export const Empty: Story = { args: { data: empty.distribution } };
export const SingleMonth: Story = { args: { data: single.distribution } };

export const DrillDown: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getAllByRole('button', { name: /^Dec 2025, Red/ })[0] as HTMLElement);
    await expect(args.onSelect).toHaveBeenCalledWith({ label: 'Dec 2025 · Red', source: 'health-distribution', target: { kind: 'tier', month: '2025-12', tier: 'red' } });
  },
};

/** The dark theme: the `cskit-dark` class on an ancestor. */
export const Dark: Story = { globals: { theme: 'dark' } };

/** Legend toggles: hiding Red restacks the bars without it, is announced, and Enter shows it again. */
export const LegendToggle: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const redBars = () => canvas.queryAllByRole('button', { name: /, Red: / }).length;
    await expect(redBars()).toBeGreaterThan(0);
    const red = within(canvas.getByRole('group', { name: 'Series shown' })).getByRole('button', { name: 'Red' });
    await userEvent.click(red);
    await expect(redBars()).toBe(0);
    await expect(canvas.getByRole('status')).toHaveTextContent('Red hidden');
    red.focus();
    await userEvent.keyboard('{Enter}');
    await expect(red).toHaveAttribute('aria-pressed', 'true');
    await expect(redBars()).toBeGreaterThan(0);
  },
};
