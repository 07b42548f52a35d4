import { HEALTH_TIERS } from '@cskit/metrics';
import type { HealthDistribution as HealthDistributionResult, HealthTier } from '@cskit/metrics';
import type { DrillDown } from '@cskit/react';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '../internal/scales.js';
import { Axis } from '../internal/Axis.js';
import { ChartFrame, frameProps, svgSize } from '../internal/ChartFrame.js';
import { defineChart } from '../internal/define-chart.js';
import type { Loaded } from '../internal/ChartLoading.js';
import { DataTable } from '../internal/DataTable.js';
import { Legend, useSeriesToggle } from '../internal/Legend.js';
import { markProps } from '../internal/marks.js';
import { finite, length } from '../internal/numbers.js';
import { TierPatterns, tierPatternId } from '../internal/patterns.js';
import { TIER_COLORS } from '../internal/theme.js';
import { useTooltip } from '../internal/tooltip.js';
import { useChart } from '../internal/use-chart.js';
import type { ChartBaseProps } from '../internal/use-chart.js';

export interface HealthDistributionProps extends ChartBaseProps {
  data?: HealthDistributionResult | undefined;
  /** Stack account counts (default) or their ARR. */
  measure?: 'count' | 'arr';
  /** Called with a month and tier (its accounts are resolved by `useDrillDown`). */
  onSelect?: (drill: DrillDown) => void;
}

const MARGIN = { top: 12, right: 12, bottom: 32, left: 60 };
/** Bottom to top: red first, so the healthy share sits on top. */
const STACK: readonly HealthTier[] = [...HEALTH_TIERS].reverse();


/**
 * Draws the chart from `data`; its loading state while `data` is undefined, its error state with `error`, and inside a
 * `CsKitProvider` without a `data` prop its own metric (`healthDistribution`) from the Provider's source (`defineChart`).
 */
export const HealthDistribution = defineChart<HealthDistributionProps, 'healthDistribution'>({
  name: 'health-distribution',
  height: 300,
  Chart: HealthDistributionChart,
  metric: 'healthDistribution',
});

/** Per month a stacked bar of the four tiers, each with its own color and pattern. */
function HealthDistributionChart({ data, measure = 'count', onSelect, height = 300, ...props }: Loaded<HealthDistributionProps>) {
  const { f, t } = useChart(props);
  const { tooltip, show, hide } = useTooltip();
  // Legend toggles hide tiers: the bars stack the tiers shown.
  const { isShown, toggle } = useSeriesToggle(HEALTH_TIERS, (tier) => t.tiers[tier], t.legendToggle);
  const value = (cell: { count: number; arr: number }) => (measure === 'count' ? cell.count : cell.arr);
  const format = (v: number) => (measure === 'count' ? f.number(v, 0) : f.currency(v));
  const totals = data.months.map((m) => HEALTH_TIERS.reduce((sum, tier) => sum + (isShown(tier) ? value(m.tiers[tier]) : 0), 0));
  // Empty by the data, not by what the legend hides (the legend must stay to show tiers again).
  const empty = data.months.every((m) => HEALTH_TIERS.every((tier) => value(m.tiers[tier]) === 0));
  const last = data.months.at(-1);
  const describeMonth = (m: HealthDistributionResult['months'][number]) =>
    `${f.month(m.month)}: ${HEALTH_TIERS.map((tier) => `${t.tiers[tier]} ${format(value(m.tiers[tier]))}`).join(', ')}`;
  const summary = `${props.title ?? t.chartTitles.distribution}, ${f.period(data.period)}${last ? `; ${describeMonth(last)}` : ''}.`;
  const table = (
    <DataTable
      caption={t.chartTitles.distribution}
      columns={[t.month, ...HEALTH_TIERS.map((tier) => t.tiers[tier]), t.tiers.unscored]}
      rows={data.months.map((m) => [f.month(m.month), ...HEALTH_TIERS.map((tier) => format(value(m.tiers[tier]))), format(value(m.unscored))])}
    />
  );
  return (
    <ChartFrame
      chart="health-distribution" {...frameProps(props, t)} margin={MARGIN} summary={summary} height={height}
      empty={empty} emptyText={t.noData} table={table} tooltip={tooltip}
      legend={<Legend items={HEALTH_TIERS.map((tier) => ({ key: tier, label: t.tiers[tier], color: TIER_COLORS[tier], tier }))} toggle={toggle} />}
    >
      {({ width, inner, id }) => {
        const innerWidth = inner.width;
        const innerHeight = inner.height;
        const x = scaleBand<string>({ domain: data.months.map((m) => m.month), range: [0, innerWidth], padding: 0.2 });
        const y = scaleLinear<number>({ domain: [0, Math.max(1, ...totals)], range: [innerHeight, 0], nice: true });
        const every = Math.max(1, Math.ceil(data.months.length / Math.max(1, Math.floor(innerWidth / 56))));
        return (
          <svg {...svgSize(width, height)} className="cskit-svg">
            <TierPatterns prefix={id} />
            <Group left={MARGIN.left} top={MARGIN.top}>
              {data.months.map((m) => {
                let base = 0;
                const barX = finite(x(m.month) ?? 0);
                return (
                  <g key={m.month}>
                    {STACK.filter(isShown).map((tier) => {
                      const v = value(m.tiers[tier]);
                      const top = finite(y(base + v));
                      const bottom = finite(y(base));
                      base += v;
                      if (v === 0) return null;
                      const text = `${f.month(m.month)}, ${t.tiers[tier]}: ${format(v)}`;
                      const pattern = tierPatternId(id, tier);
                      return (
                        <g
                          key={tier}
                          {...markProps({
                            label: text,
                            onActivate: onSelect
                              ? () => onSelect({ label: `${f.month(m.month)} · ${t.tiers[tier]}`, source: 'health-distribution', target: { kind: 'tier', month: m.month, tier } })
                              : undefined,
                            onShow: () => show(MARGIN.left + barX + x.bandwidth() / 2, MARGIN.top + top, text),
                            onHide: hide,
                          })}
                        >
                          <rect x={barX} y={top} width={length(x.bandwidth())} height={length(bottom - top)} style={{ fill: TIER_COLORS[tier] }} />
                          {pattern ? <rect x={barX} y={top} width={length(x.bandwidth())} height={length(bottom - top)} fill={`url(#${pattern})`} /> : null}
                        </g>
                      );
                    })}
                  </g>
                );
              })}
              <Axis orientation="left" scale={y} numTicks={5} tickFormat={(v) => (measure === 'count' ? f.compact(Number(v)) : f.compactCurrency(Number(v)))} />
              <Axis orientation="bottom" top={innerHeight} scale={x}
                tickValues={data.months.filter((_, i) => i % every === 0).map((m) => m.month)}
                tickFormat={(month) => f.month(String(month))}
              />
            </Group>
          </svg>
        );
      }}
    </ChartFrame>
  );
}
