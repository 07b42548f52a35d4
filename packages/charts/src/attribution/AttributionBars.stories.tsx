import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { empty, localeOf, sample } from '../internal/story-data.js';
import { AttributionBars } from './AttributionBars.js';

const meta = {
  title: 'Charts/AttributionBars',
  component: AttributionBars,
  args: { data: sample.attribution, title: 'CS-attributed revenue', onSelect: fn() },
  render: (args, { globals }) => <AttributionBars {...args} locale={localeOf(args, globals)} />,
} satisfies Meta<typeof AttributionBars>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const Chinese: Story = { args: { locale: 'zh-CN', title: 'CS 贡献收入' } };
export const Empty: Story = { args: { data: empty.attribution } };

export const KeyboardDrillDown: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.tab();
    const first = canvas.getAllByRole('button')[0] as HTMLElement;
    await expect(first).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await expect(args.onSelect).toHaveBeenCalledWith(expect.objectContaining({ source: 'attribution-bars' }));
  },
};

/** The dark theme: the `cskit-dark` class on an ancestor. */
export const Dark: Story = { globals: { theme: 'dark' } };
