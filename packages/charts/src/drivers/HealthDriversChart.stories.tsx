import type { AccountHealthDrivers } from '@cskit/metrics';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { localeOf, sample } from '../internal/story-data.js';
import { HealthDriversChart } from './HealthDriversChart.js';

/** The worked example of SPEC 12's tests: February against January, activity fell 6.25 points. */
const worked: AccountHealthDrivers = {
  accountId: 'a', score: 51.25, tier: 'yellow', scoreChange: -6.25,
  components: [
    { side: 'outcome', key: 'coreFeatureUse', value: 0.5, score: 50, weight: 3, contribution: 18.75, change: 0 },
    { side: 'outcome', key: 'activityRate', value: 0, score: 0, weight: 1, contribution: 0, change: -6.25 },
    { side: 'experience', key: 'responseHours', value: 26, score: 50, weight: 1, contribution: 12.5, change: 0 },
    { side: 'experience', key: 'nps', value: 8, score: 80, weight: 1, contribution: 20, change: 0 },
  ],
};

const meta = {
  title: 'Charts/HealthDrivers',
  component: HealthDriversChart,
  args: { data: sample.drivers ?? undefined, month: '2025-12', from: '2025-11', title: 'Why this health score' },
  render: (args, { globals }) => <HealthDriversChart {...args} locale={localeOf(args, globals)} />,
} satisfies Meta<typeof HealthDriversChart>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const Worked: Story = { args: { data: worked, month: '2025-02', from: '2025-01', componentNames: { coreFeatureUse: 'Core feature use (north star)' } } };
export const WithoutChange: Story = { args: { data: { ...worked, scoreChange: null, components: worked.components.map((c) => ({ ...c, change: null })) } } };
export const NoHealth: Story = { args: { data: null } };
export const Chinese: Story = { args: { locale: 'zh-CN', data: worked, month: '2025-02', from: '2025-01', title: '健康分构成' } };
export const Loading: Story = { args: { data: undefined } };

/** The summary names the fall and its cause; every segment and waterfall step is reachable by keyboard. */
export const KeyboardFocus: Story = {
  args: { data: worked, month: '2025-02', from: '2025-01' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText(/Health score 51\.3 \(Yellow\) Feb 2025, −6\.3 \(From Jan 2025\); Activity rate −6\.3\./, { selector: 'p' })).toBeInTheDocument();
    await userEvent.tab();
    await expect(canvas.getByRole('img', { name: /^Core feature use: 18\.8 pts/ })).toHaveFocus();
    await expect(canvas.getByRole('tooltip')).toBeVisible();
    await expect(canvas.getByRole('img', { name: 'Activity rate: −6.3' })).toBeInTheDocument();
  },
};

export const Dark: Story = { globals: { theme: 'dark' } };
