import { CsKitProvider, createCsStore } from '@cskit/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { AccountsTable } from './AccountsTable.js';
import { accounts, dataset, manyAccounts, period, showColumn } from './internal/story-data.js';

const meta = {
  title: 'Tables/AccountsTable',
  component: AccountsTable,
  args: { data: accounts, onSelectionChange: fn() },
  render: (args, { globals }) => <AccountsTable {...args} locale={args.locale ?? (globals.locale === 'zh-CN' ? 'zh-CN' : 'en-US')} />,
} satisfies Meta<typeof AccountsTable>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const Chinese: Story = { args: { locale: 'zh-CN' } };
export const Dark: Story = { globals: { theme: 'dark' } };

/** Sorting: the header announces its state through aria-sort. */
export const SortByNps: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await showColumn(canvasElement, 'NPS');
    const header = canvas.getByRole('columnheader', { name: /^NPS/ });
    await userEvent.click(within(header).getByRole('button'));
    await expect(header).toHaveAttribute('aria-sort', 'descending');
    await expect(canvas.getByText('Sorted by NPS descending')).toBeInTheDocument();
  },
};

/** Filters: a tier select and a range. */
export const FilterRedTier: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await showColumn(canvasElement, 'Tier');
    await userEvent.selectOptions(canvas.getByLabelText('Filter Tier'), 'red');
    const rows = canvas.getAllByRole('row').slice(2);
    await expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) await expect(row).toHaveTextContent('Red');
  },
};

/** Ticking rows reports the account ids (inside a Provider they become the store's selection). */
export const RowSelection: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const first = canvas.getAllByRole('checkbox', { name: /^Select / })[1] as HTMLElement;
    await userEvent.click(first);
    await expect(args.onSelectionChange).toHaveBeenCalledWith([expect.any(String)]);
  },
};

/** A chart's drill-down selection limits the rows, with a way back to all accounts. */
export const ChartSelection: Story = {
  args: { onSelectionChange: undefined },
  render: (args) => {
    const store = createCsStore({ dataset, period });
    store.getState().actions.select({ accountIds: accounts.slice(0, 5).map((a) => a.accountId), label: 'Quadrant: critical', source: 'health-quadrant' });
    return <CsKitProvider dataset={dataset} store={store}><AccountsTable data={args.data} /></CsKitProvider>;
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('Showing 5 accounts from Quadrant: critical')).toBeInTheDocument();
    await userEvent.click(canvas.getByRole('button', { name: 'Show all accounts' }));
    await expect(canvas.getByText(`${accounts.length} rows`)).toBeInTheDocument();
  },
};

/** 100k rows: virtualized, so the DOM stays small, and sorting still works. */
export const HundredThousandRows: Story = {
  args: { data: manyAccounts(100_000), onSelectionChange: undefined },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('100000 rows')).toBeInTheDocument();
    await expect(canvasElement.querySelectorAll('*').length).toBeLessThan(1400);
    const header = canvas.getByRole('columnheader', { name: /^ARR/ });
    await userEvent.click(within(header).getByRole('button'));
    await expect(header).toHaveAttribute('aria-sort', 'ascending');
    await expect(canvasElement.querySelectorAll('*').length).toBeLessThan(1400);
  },
};
