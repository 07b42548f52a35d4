import type { DataIssue } from '@cskit/metrics';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { CsIssues } from './CsIssues.js';

/** What `validateDataset` reports for a small export with a bad date, a dangling reference and a warning. */
const issues: DataIssue[] = [
  { severity: 'error', collection: 'accounts', index: 3, id: 'acme', field: 'signedAt', message: 'invalid date "2025-02-30": expected an existing date \'YYYY-MM-DD\'' },
  { severity: 'error', collection: 'contracts', index: 7, id: 'c-7', field: 'accountId', message: "refers to account 'acme', which was rejected (see the accounts issues)" },
  { severity: 'warning', collection: 'contracts', index: 12, id: 'c-12', message: 'overlaps contract c-11 of the same account by 31 days' },
];

const meta = {
  title: 'Tables/CsIssues',
  component: CsIssues,
  args: { issues },
  render: (args, { globals }) => <CsIssues {...args} locale={args.locale ?? (globals.locale === 'zh-CN' ? 'zh-CN' : 'en-US')} />,
} satisfies Meta<typeof CsIssues>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('2 errors (records left out of every figure), 1 warning');
  },
};
export const Capped: Story = {
  args: { limit: 2 },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('The first 2 of 3 issues', { selector: 'p' })).toBeInTheDocument();
  },
};
export const Chinese: Story = { args: { locale: 'zh-CN' } };
export const Dark: Story = { globals: { theme: 'dark' } };
