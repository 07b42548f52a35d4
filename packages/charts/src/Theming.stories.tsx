import type { Meta, StoryObj } from '@storybook/react-vite';
import type { CSSProperties } from 'react';
import { expect, within } from 'storybook/test';
import { sample } from './internal/story-data.js';
import { ArrWaterfall, HealthDistribution, KpiCard, RenewalFunnel } from './index.js';

/**
 * A host's brand: the --cskit-* tokens set on an ancestor (here inline; in an app, in its own stylesheet), nothing
 * else. The same works for every chart and table, in both themes (docs/theming.md).
 */
const BRAND = {
  '--cskit-font': "Georgia, 'Times New Roman', serif",
  '--cskit-fg': '#2e1065',
  '--cskit-muted': '#5b21b6',
  '--cskit-surface': '#faf5ff',
  '--cskit-bg': '#faf5ff',
  '--cskit-grid': '#ddd6fe',
  '--cskit-focus': '#7c3aed',
  '--cskit-line': '#6d28d9',
  '--cskit-bar': '#6d28d9',
  '--cskit-funnel': '#6d28d9',
  '--cskit-movement-new': '#6d28d9',
} as CSSProperties;

function BrandTheme() {
  return (
    <div className="brand" style={{ ...BRAND, display: 'grid', gap: 16, padding: 16, background: '#faf5ff' }}>
      <div style={{ display: 'flex', gap: 12 }}>
        <KpiCard label="ARR" format="currency" width={220} data={{ value: sample.waterfall.closing, comparison: sample.waterfall.opening }} />
        <KpiCard label="NRR" format="percent" width={220} data={{ value: 1.04, comparison: 0.98, series: [0.98, 1.0, 1.02, 1.04] }} />
      </div>
      <ArrWaterfall data={sample.waterfall} title="ARR waterfall" />
      <RenewalFunnel data={sample.funnel} title="Renewal funnel" />
      <HealthDistribution data={sample.distribution} title="Health tiers by month" />
    </div>
  );
}

const meta = {
  title: 'Theming/Brand theme',
  component: BrandTheme,
} satisfies Meta<typeof BrandTheme>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The brand's tokens reach the marks and the text: the new-ARR bar is the brand's violet, the titles its serif. */
export const Brand: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const mark = canvas.getByRole('img', { name: /^New/ });
    const newBar = mark.querySelector('rect') ?? mark;
    await expect(getComputedStyle(newBar).fill).toBe('rgb(109, 40, 217)');
    const title = canvas.getByText('ARR waterfall');
    await expect(getComputedStyle(title).fontFamily).toContain('Georgia');
  },
};
