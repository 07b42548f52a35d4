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

/**
 * A third-width panel (340 px): the table keeps the columns that fit, by priority, and says how many it hid; the
 * Columns menu brings them back. No head is cut and the table does not scroll sideways.
 */
export const Narrow: Story = {
  decorators: [(Story) => <div style={{ width: 340 }}><Story /></div>],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText(/^Columns \(\d+ hidden\)$/)).toBeInTheDocument();
    const scroll = canvasElement.querySelector('.cskit-table__scroll') as HTMLElement;
    await expect(scroll.scrollWidth).toBeLessThanOrEqual(scroll.clientWidth + 1);
    await expect(canvas.getByRole('columnheader', { name: /^Account/ })).toBeInTheDocument();
  },
};
