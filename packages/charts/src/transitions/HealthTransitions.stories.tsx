import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { empty, localeOf, sample } from '../internal/story-data.js';
import { HealthTransitions } from './HealthTransitions.js';

const meta = {
  title: 'Charts/HealthTransitions',
  component: HealthTransitions,
  args: { data: sample.transitions, title: 'Health transitions', onSelect: fn() },
  render: (args, { globals }) => <HealthTransitions {...args} locale={localeOf(args, globals)} />,
} satisfies Meta<typeof HealthTransitions>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const Chinese: Story = { args: { locale: 'zh-CN', title: '健康度迁移' } };
export const Empty: Story = { args: { data: empty.transitions } };

export const SelectSaves: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.tab();
    await expect(canvas.getByRole('button', { name: /^Saves/ })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await expect(args.onSelect).toHaveBeenCalledWith({ label: 'Saves', source: 'health-transitions', target: { kind: 'transition', transition: 'save' } });
  },
};

/** The dark theme: the `cskit-dark` class on an ancestor. */
export const Dark: Story = { globals: { theme: 'dark' } };
