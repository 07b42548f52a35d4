import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { createFormatters } from '../formatters.js';
import type { CsLocale } from '../store.js';

const VALUES = [1234.5, 98_765, 1_234_567, 250_000_000];

/** `useFormatters()` / `createFormatters()`: the same numbers in both locales; zh-CN groups by 万 and 亿. */
function FormattersDemo({ locale, currency }: { locale: CsLocale; currency: string }) {
  const f = createFormatters({ locale, currency });
  return (
    <table>
      <caption>{`${locale}, ${currency}`}</caption>
      <thead><tr><th scope="col">value</th><th scope="col">number</th><th scope="col">currency</th><th scope="col">compact</th><th scope="col">compactCurrency</th></tr></thead>
      <tbody>
        {VALUES.map((v) => (
          <tr key={v}><th scope="row">{v}</th><td>{f.number(v)}</td><td>{f.currency(v)}</td><td>{f.compact(v)}</td><td>{f.compactCurrency(v)}</td></tr>
        ))}
        <tr><th scope="row">0.9534</th><td colSpan={4}>{`${f.percent(0.9534)} · ${f.signedPoints(-0.03)} · ${f.month('2025-03')}`}</td></tr>
      </tbody>
    </table>
  );
}

const meta = {
  title: 'Hooks/Formatters',
  component: FormattersDemo,
  args: { locale: 'en-US', currency: 'USD' },
} satisfies Meta<typeof FormattersDemo>;
export default meta;
type Story = StoryObj<typeof meta>;

export const English: Story = {};
export const Chinese: Story = {
  args: { locale: 'zh-CN', currency: 'CNY' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('2.5亿')).toBeInTheDocument();
    await expect(canvas.getByText('¥123.5万')).toBeInTheDocument();
  },
};
