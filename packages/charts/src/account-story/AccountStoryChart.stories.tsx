import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { localeOf, sample, single } from '../internal/story-data.js';
import { AccountStoryChart } from './AccountStoryChart.js';

const meta = {
  title: 'Charts/AccountStory',
  component: AccountStoryChart,
  args: { data: sample.story ?? undefined },
  render: (args, { globals }) => <AccountStoryChart {...args} locale={localeOf(args, globals)} />,
} satisfies Meta<typeof AccountStoryChart>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const Chinese: Story = { args: { locale: 'zh-CN', currency: 'CNY' } };
export const SingleMonth: Story = { args: { data: single.story ?? undefined } };
export const Loading: Story = { args: { data: undefined } };

/** Key facts as a description list; health points and events reachable by keyboard with their words. */
export const KeyboardFocus: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('Next renewal')).toBeInTheDocument();
    await expect(canvas.getByText('Early warning')).toBeInTheDocument();
    await expect(canvas.getAllByRole('img', { name: /Health score: \d+/ }).length).toBeGreaterThan(0);
    await expect(canvas.getAllByRole('img', { name: /^\d{4}-\d{2}-\d{2}, / }).length).toBeGreaterThan(0);
    await userEvent.tab();
    await expect(canvas.getByRole('tooltip')).toBeVisible();
  },
};

export const Dark: Story = { globals: { theme: 'dark' } };
