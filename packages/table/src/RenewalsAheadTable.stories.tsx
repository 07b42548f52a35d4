import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { accountName, ahead, showColumn } from './internal/story-data.js';
import { RenewalsAheadTable } from './RenewalsAheadTable.js';

const meta = {
  title: 'Tables/RenewalsAheadTable',
  component: RenewalsAheadTable,
  args: { data: ahead, accountName, onOpenAccount: fn(), accountHref: (id: string) => `?account=${encodeURIComponent(id)}` },
  render: (args, { globals }) => <RenewalsAheadTable {...args} locale={args.locale ?? (globals.locale === 'zh-CN' ? 'zh-CN' : 'en-US')} />,
} satisfies Meta<typeof RenewalsAheadTable>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const Chinese: Story = { args: { locale: 'zh-CN' } };
export const Dark: Story = { globals: { theme: 'dark' } };

/** Only the contracts at risk for an early warning; every row names that reason in words. */
export const EarlyWarningOnly: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await showColumn(canvasElement, 'Risk');
    await userEvent.selectOptions(canvas.getByLabelText('Filter Risk'), 'early-warning');
    const rows = canvas.getAllByRole('row').slice(2);
    for (const row of rows) await expect(row).toHaveTextContent('Early warning');
  },
};

/** An account's name is a link to its page; a plain click opens it in place. */
export const OpenAccount: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const link = canvas.getAllByRole('link')[0] as HTMLAnchorElement;
    await expect(link.getAttribute('href')).toMatch(/^\?account=/);
    await userEvent.click(link);
    await expect(args.onOpenAccount).toHaveBeenCalledTimes(1);
  },
};
