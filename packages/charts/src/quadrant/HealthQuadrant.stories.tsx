import type { HealthQuadrants, QuadrantAccount } from '@cskit/metrics';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { empty, localeOf, sample, single } from '../internal/story-data.js';
import { HealthQuadrant } from './HealthQuadrant.js';

const meta = {
  title: 'Charts/HealthQuadrant',
  component: HealthQuadrant,
  args: { data: sample.quadrants, title: 'Health quadrant', onSelect: fn() },
  render: (args, { globals }) => <HealthQuadrant {...args} locale={localeOf(args, globals)} />,
} satisfies Meta<typeof HealthQuadrant>;
export default meta;
type Story = StoryObj<typeof meta>;

function tenThousand(): HealthQuadrants {
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const accounts: QuadrantAccount[] = Array.from({ length: 10_000 }, (_, i) => {
    const outcome = Math.round(random() * 1000) / 10;
    const experience = Math.round(random() * 1000) / 10;
    const quadrant = outcome >= 60 ? (experience >= 60 ? 'loyal' : 'grudging') : experience >= 60 ? 'unrealized' : 'critical';
    return { accountId: `acc-${i}`, quadrant, outcome, experience, arr: Math.round(2000 + random() * 200000) };
  });
  const quadrants = { loyal: { count: 0, arr: 0 }, unrealized: { count: 0, arr: 0 }, grudging: { count: 0, arr: 0 }, critical: { count: 0, arr: 0 } };
  for (const a of accounts) {
    quadrants[a.quadrant].count += 1;
    quadrants[a.quadrant].arr += a.arr;
  }
  return { month: '2025-12', thresholds: { outcome: 60, experience: 60 }, accounts, quadrants };
}

export const Default: Story = {};
export const Chinese: Story = { args: { locale: 'zh-CN', title: '健康度象限' } };
export const Empty: Story = { args: { data: empty.quadrants } };
export const SinglePoint: Story = { args: { data: single.quadrants } };
/** 10k accounts: points on one canvas, quadrants still keyboard reachable. */
export const TenThousandPoints: Story = {
  args: { data: tenThousand() },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvasElement.querySelector('canvas')).not.toBeNull();
    await userEvent.tab();
    await expect(canvas.getByRole('button', { name: /^Loyal \(/ })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await expect(args.onSelect).toHaveBeenCalledWith(expect.objectContaining({ label: 'Loyal', source: 'health-quadrant' }));
  },
};

export const DrillDown: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: /^Critical \(/ }));
    await expect(args.onSelect).toHaveBeenCalledWith(expect.objectContaining({ label: 'Critical', source: 'health-quadrant' }));
  },
};

/** The dark theme: the `cskit-dark` class on an ancestor. */
export const Dark: Story = { globals: { theme: 'dark' } };

/** Legend toggles: hiding Critical removes its points (its region and count stay), and is announced. */
export const LegendToggle: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const points = () => canvasElement.querySelectorAll('.cskit-chart__plot circle').length;
    const before = points();
    const critical = sample.quadrants.quadrants.critical.count;
    await expect(critical).toBeGreaterThan(0);
    const button = within(canvas.getByRole('group', { name: 'Series shown' })).getByRole('button', { name: 'Critical' });
    await userEvent.click(button);
    await expect(button).toHaveAttribute('aria-pressed', 'false');
    await expect(points()).toBe(before - critical);
    await expect(canvas.getByRole('status')).toHaveTextContent('Critical hidden');
    await userEvent.click(button);
    await expect(points()).toBe(before);
  },
};
