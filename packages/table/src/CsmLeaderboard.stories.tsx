import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { CsmLeaderboard } from './CsmLeaderboard.js';
import { scorecard, showColumn } from './internal/story-data.js';

const meta = {
  title: 'Tables/CsmLeaderboard',
  component: CsmLeaderboard,
  args: { data: scorecard },
  render: (args, { globals }) => <CsmLeaderboard {...args} locale={args.locale ?? (globals.locale === 'zh-CN' ? 'zh-CN' : 'en-US')} />,
} satisfies Meta<typeof CsmLeaderboard>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('rowheader', { name: 'Team total' })).toBeInTheDocument();
    await showColumn(canvasElement, 'Saves');
    const header = canvas.getByRole('columnheader', { name: /^Saves/ });
    await userEvent.click(within(header).getByRole('button'));
    await expect(header).toHaveAttribute('aria-sort', 'descending');
  },
};
export const Chinese: Story = { args: { locale: 'zh-CN' } };
export const Dark: Story = { globals: { theme: 'dark' } };

/** Names open a CSM's page: links to `csmHref`, a plain click calls `onOpenCsm` (the demo's `?csm=ID`). */
export const CsmPages: Story = {
  args: { csmHref: (id: string) => `?csm=${id}`, onOpenCsm: fn() },
  play: async ({ canvasElement, args }) => {
    const row = scorecard.csms.find((r) => r.csmId !== null);
    const link = within(canvasElement).getByRole('link', { name: row?.name });
    await expect(link).toHaveAttribute('href', `?csm=${row?.csmId}`);
    await userEvent.click(link);
    await expect(args.onOpenCsm).toHaveBeenCalledWith(row?.csmId);
  },
};
