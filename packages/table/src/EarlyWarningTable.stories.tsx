import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { EarlyWarningTable } from './EarlyWarningTable.js';
import { accountName, warnings } from './internal/story-data.js';

const meta = {
  title: 'Tables/EarlyWarningTable',
  component: EarlyWarningTable,
  args: { data: warnings, accountName },
  render: (args, { globals }) => <EarlyWarningTable {...args} locale={args.locale ?? (globals.locale === 'zh-CN' ? 'zh-CN' : 'en-US')} />,
} satisfies Meta<typeof EarlyWarningTable>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText(`${warnings.items.length} rows`)).toBeInTheDocument();
  },
};
export const Chinese: Story = { args: { locale: 'zh-CN' } };
export const Dark: Story = { globals: { theme: 'dark' } };
