import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { accountName, renewalSummary } from './internal/story-data.js';
import { RenewalsTable } from './RenewalsTable.js';

const meta = {
  title: 'Tables/RenewalsTable',
  component: RenewalsTable,
  args: { data: renewalSummary, accountName },
  render: (args, { globals }) => <RenewalsTable {...args} locale={args.locale ?? (globals.locale === 'zh-CN' ? 'zh-CN' : 'en-US')} />,
} satisfies Meta<typeof RenewalsTable>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const Chinese: Story = { args: { locale: 'zh-CN' } };
export const Dark: Story = { globals: { theme: 'dark' } };
export const ChurnedOnly: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.selectOptions(canvas.getByLabelText('Filter Status'), 'churned');
    for (const row of canvas.getAllByRole('row').slice(2)) await expect(row).toHaveTextContent('Churned');
  },
};
