import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { localeOf, sample } from '../internal/story-data.js';
import { KpiCard } from './KpiCard.js';

const meta = {
  title: 'Charts/KpiCard',
  component: KpiCard,
  args: {
    label: 'ARR',
    format: 'currency',
    data: { value: sample.waterfall.closing, comparison: sample.waterfall.opening, series: sample.waterfall.months.map((m) => m.closing) },
  },
  render: (args, { globals }) => <KpiCard {...args} locale={localeOf(args, globals)} width={220} />,
} satisfies Meta<typeof KpiCard>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Arr: Story = {};
export const RatioDown: Story = {
  args: { label: 'NRR', format: 'percent', data: { value: 0.95, comparison: 0.98, series: [0.98, 0.97, 0.96, 0.95] } },
  play: async ({ canvasElement }) => {
    const card = within(canvasElement).getByRole('region', { name: 'NRR' });
    await expect(card).toHaveTextContent('-3 pts');
  },
};
export const AtRiskUpIsBad: Story = { args: { label: 'Accounts at risk', format: 'score', goodDirection: 'down', data: { value: 14, comparison: 9 } } };
export const NoComparison: Story = { args: { label: 'NPS', format: 'score', data: { value: 32, comparison: null } } };
export const Chinese: Story = { args: { label: '年度经常性收入', locale: 'zh-CN', currency: 'CNY' } };

/** The dark theme: the `cskit-dark` class on an ancestor. */
export const Dark: Story = { globals: { theme: 'dark' } };
