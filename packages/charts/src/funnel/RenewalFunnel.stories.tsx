import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { empty, localeOf, sample } from '../internal/story-data.js';
import { RenewalFunnel } from './RenewalFunnel.js';

const meta = {
  title: 'Charts/RenewalFunnel',
  component: RenewalFunnel,
  args: { data: sample.funnel, title: 'Renewal funnel', onSelect: fn() },
  render: (args, { globals }) => <RenewalFunnel {...args} locale={localeOf(args, globals)} />,
} satisfies Meta<typeof RenewalFunnel>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const Chinese: Story = { args: { locale: 'zh-CN', title: '续约漏斗' } };
export const Empty: Story = { args: { data: empty.funnel } };

export const KeyboardDrillDown: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.tab();
    await expect(canvas.getByRole('button', { name: /^Due/ })).toHaveFocus();
    await userEvent.tab();
    await userEvent.keyboard(' ');
    await expect(args.onSelect).toHaveBeenCalledWith({ label: 'Renewed', source: 'renewal-funnel', target: { kind: 'renewal-stage', stage: 'renewed' } });
  },
};

/** The dark theme: the `cskit-dark` class on an ancestor. */
export const Dark: Story = { globals: { theme: 'dark' } };
