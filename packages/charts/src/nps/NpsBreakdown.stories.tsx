import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { empty, localeOf, sample } from '../internal/story-data.js';
import { NpsBreakdown } from './NpsBreakdown.js';

const meta = {
  title: 'Charts/NpsBreakdown',
  component: NpsBreakdown,
  args: { data: sample.nps, title: 'NPS', onSelect: fn() },
  render: (args, { globals }) => <NpsBreakdown {...args} locale={localeOf(args, globals)} />,
} satisfies Meta<typeof NpsBreakdown>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
/** SPEC seed 003: 3 promoters, 5 passives, 2 detractors -> NPS 10. */
export const SeedExample: Story = {
  args: { data: { responses: 10, promoters: 3, passives: 5, detractors: 2, score: 10 } },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('figure')).toHaveAccessibleDescription(/^NPS 10, 10 responses/);
    await userEvent.click(canvas.getByRole('button', { name: /^Detractors/ }));
    await expect(args.onSelect).toHaveBeenCalledWith({ label: 'Detractors', source: 'nps-breakdown', target: { kind: 'nps', category: 'detractors' } });
  },
};
export const Chinese: Story = { args: { locale: 'zh-CN' } };
export const Empty: Story = { args: { data: empty.nps } };

/** The dark theme: the `cskit-dark` class on an ancestor. */
export const Dark: Story = { globals: { theme: 'dark' } };
