import type { HealthValidation } from '@cskit/metrics';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { empty, localeOf, sample } from '../internal/story-data.js';
import { HealthValidationChart } from './HealthValidationChart.js';

/** The worked example of SPEC 12's tests: yellow renews more than green, so the tiers are not monotonic. */
const worked: HealthValidation = {
  period: { from: '2025-01', to: '2025-12' }, contracts: 5, auc: 0.75, monotonic: false,
  byTier: {
    green: { count: 2, renewed: 1, rate: 0.5 }, 'green-yellow': { count: 0, renewed: 0, rate: null },
    yellow: { count: 1, renewed: 1, rate: 1 }, red: { count: 1, renewed: 0, rate: 0 }, unknown: { count: 1, renewed: 1, rate: 1 },
  },
  byDecile: [
    { decile: 3, minScore: 20, maxScore: 20, count: 1, renewed: 0, rate: 0 },
    { decile: 5, minScore: 50, maxScore: 50, count: 1, renewed: 1, rate: 1 },
    { decile: 8, minScore: 80, maxScore: 80, count: 1, renewed: 0, rate: 0 },
    { decile: 10, minScore: 90, maxScore: 90, count: 1, renewed: 1, rate: 1 },
  ],
};

const meta = {
  title: 'Charts/HealthValidation',
  component: HealthValidationChart,
  args: { data: sample.validation, title: 'Does the score predict renewals?' },
  render: (args, { globals }) => <HealthValidationChart {...args} locale={localeOf(args, globals)} />,
} satisfies Meta<typeof HealthValidationChart>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const NotMonotonic: Story = { args: { data: worked } };
export const Narrow: Story = { args: { width: 380, height: 420 } };
export const Chinese: Story = { args: { locale: 'zh-CN', title: '健康分能否预测续约' } };
export const Empty: Story = { args: { data: empty.validation } };
export const Loading: Story = { args: { data: undefined } };

/** The AUC and the verdict are in the summary; bars are reachable by keyboard with their counts. */
export const KeyboardFocus: Story = {
  args: { data: worked },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText(/AUC 0\.75; Green 50% \(1 of 2 renewed\).*renewal rates do not fall from green to red\./, { selector: 'p' })).toBeInTheDocument();
    await userEvent.tab();
    await expect(canvas.getByRole('img', { name: 'Green 50% (1 of 2 renewed)' })).toHaveFocus();
    await expect(canvas.getByRole('tooltip')).toBeVisible();
  },
};

export const Dark: Story = { globals: { theme: 'dark' } };

/** A renewal-rate goal: a dashed line on both panels, in the legend and in the summary. */
export const WithTarget: Story = {
  args: { target: 0.85, targetLabel: 'Renewal target' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText(/Renewal target 85%/, { selector: 'p' })).toBeInTheDocument();
    await expect(canvasElement.querySelectorAll('.cskit-chart__plot line[stroke-dasharray="4,4"]')).toHaveLength(2);
  },
};
