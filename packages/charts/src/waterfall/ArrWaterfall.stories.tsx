import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { churnOnly, empty, localeOf, sample, single } from '../internal/story-data.js';
import { exportChart } from '../internal/export.js';
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

/** At 240 px the edge bars' tooltips are shifted to stay inside the plot, so a clipping container never cuts them. */
export const TooltipInsideNarrow: Story = {
  args: { width: 240 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const plot = canvasElement.querySelector('.cskit-chart__plot')?.getBoundingClientRect();
    for (const [name, text] of [[/^Opening ARR/, /Opening/], [/^Closing ARR/, /Closing/]] as const) {
      canvas.getByRole('img', { name }).focus();
      const tooltip = await canvas.findByRole('tooltip');
      await waitFor(() => expect(tooltip.textContent).toMatch(text));
      const tip = tooltip.getBoundingClientRect();
      await expect(plot !== undefined && tip.left >= plot.left - 0.5 && tip.right <= plot.right + 0.5).toBe(true);
    }
  },
};

/** The dark theme: the `cskit-dark` class on an ancestor. */
export const Dark: Story = { globals: { theme: 'dark' } };

/**
 * Export: `exportable` shows the save buttons; `exportChart` makes a standalone SVG (title on top, theme colors
 * resolved, no CSS variable left) and a PNG at twice the size.
 */
export const Export: Story = {
  // A fixed width, so the drawing does not change size while the play function exports it.
  args: { exportable: true, width: 720 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const group = canvas.getByRole('group', { name: 'Save the chart' });
    await expect(within(group).getByRole('button', { name: 'Save as SVG' })).toBeVisible();
    await expect(within(group).getByRole('button', { name: 'Save as PNG' })).toBeVisible();
    const figure = canvasElement.querySelector('figure[data-chart="arr-waterfall"]');
    if (!figure) throw new Error('no figure');
    const svg = await (await exportChart(figure, { format: 'svg' })).text();
    await expect(svg.startsWith('<svg')).toBe(true);
    await expect(svg).toContain('>ARR waterfall</text>');
    await expect(svg).not.toContain('var(--cskit');
    await expect(svg).toMatch(/fill:\s*rgb\(0, 114, 178\)/);
    const png = await exportChart(figure, { format: 'png' });
    await expect(png.type).toBe('image/png');
    const bitmap = await createImageBitmap(png);
    await expect([bitmap.width, /^<svg[^>]* width="720"/.test(svg)]).toEqual([1440, true]);
  },
};
