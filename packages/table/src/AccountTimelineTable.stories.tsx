import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { story } from './internal/story-data.js';
import { AccountTimelineTable } from './AccountTimelineTable.js';

const meta = {
  title: 'Tables/AccountTimelineTable',
  component: AccountTimelineTable,
  args: { data: story },
  render: (args, { globals }) => <AccountTimelineTable {...args} locale={args.locale ?? (globals.locale === 'zh-CN' ? 'zh-CN' : 'en-US')} />,
} satisfies Meta<typeof AccountTimelineTable>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const Chinese: Story = { args: { locale: 'zh-CN' } };
export const Dark: Story = { globals: { theme: 'dark' } };
export const Loading: Story = { args: { data: undefined } };

/** NPS responses only: each row reads its score out of 10. */
export const NpsOnly: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.selectOptions(canvas.getByLabelText('Filter Event'), 'nps');
    const rows = canvas.getAllByRole('row').slice(2);
    await expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) await expect(row).toHaveTextContent(/NPS response\s*\d+\/10/);
  },
};
