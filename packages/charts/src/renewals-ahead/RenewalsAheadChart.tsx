import type { HealthTier, RenewalsAhead, RenewalsAheadMonth, TierOrUnknown } from '@cskit/metrics';
import type { DrillDown } from '@cskit/react';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '../internal/scales.js';
import { Axis, fitsBand, sideAxisRoom } from '../internal/Axis.js';
import { ChartFrame, frameProps, svgSize } from '../internal/ChartFrame.js';
import { defineChart } from '../internal/define-chart.js';
import type { Loaded } from '../internal/ChartLoading.js';
import { DataTable } from '../internal/DataTable.js';
import { Legend, useSeriesToggle } from '../internal/Legend.js';
import { MarkerShape } from '../internal/markers.js';
import { markProps } from '../internal/marks.js';
import { finite, length } from '../internal/numbers.js';
import { TierPatterns, tierPatternId } from '../internal/patterns.js';
import { COLORS, TIER_COLORS } from '../internal/theme.js';
import { everyNth } from '../internal/ticks.js';
import { useTooltip } from '../internal/tooltip.js';
import { useChart } from '../internal/use-chart.js';
import type { ChartBaseProps } from '../internal/use-chart.js';

export interface RenewalsAheadChartProps extends ChartBaseProps {
  /** `renewalsAhead`'s result, or a summary's (`useRenewalsAhead`, without items). */
  data?: Omit<RenewalsAhead, 'items'> | undefined;
  /** Called with a month and tier (`{ kind: 'due', month, tier }`) when its segment is clicked or activated. */
  onSelect?: (drill: DrillDown) => void;
}

/** Bottom to top: red first, so the ARR at risk sits on the axis; contracts of unscored accounts on top. */
const STACK: readonly TierOrUnknown[] = ['red', 'yellow', 'green-yellow', 'green', 'unknown'];
const BASE_MARGIN = { top: 20, right: 16, bottom: 36, left: 56 };
const colorOf = (tier: TierOrUnknown) => TIER_COLORS[tier === 'unknown' ? 'unscored' : tier];

/**
 * Draws the chart from `data`; its loading state while `data` is undefined, its error state with `error`, and inside a
 * `CsKitProvider` without a `data` prop its own metric (`renewalsAhead`) from the Provider's source (`defineChart`).
 */
export const RenewalsAheadChart = defineChart<RenewalsAheadChartProps, 'renewalsAhead'>({
  name: 'renewals-ahead',
  height: 300,
  Chart: RenewalsAheadPlot,
  metric: 'renewalsAhead',
});

/**
 * For each month ahead, the ARR of the contracts due stacked by the account's health tier (color, pattern and
 * words), with the expected renewal ARR marked as a diamond on the bar.
 */
function RenewalsAheadPlot({ data, onSelect, height = 300, ...props }: Loaded<RenewalsAheadChartProps>) {
  const { f, t } = useChart(props);
  const { tooltip, show, hide } = useTooltip();
  const months = data.months;
  const title = props.title ?? t.chartTitles.ahead;
  const tierLabel = (tier: TierOrUnknown) => (tier === 'unknown' ? t.unknownTier : t.tiers[tier]);
  const empty = data.totals.due.count === 0;
  const expectedText = (m: Pick<RenewalsAheadMonth, 'expectedArr' | 'expectedUnknownArr'>) =>
    `${f.currency(m.expectedArr)}${m.expectedUnknownArr > 0 ? ` (+ ${f.currency(m.expectedUnknownArr)} ${t.unknownTier})` : ''}`;
  const first = months[0];
  const last = months.at(-1);
  const summary = first && last
    ? `${title}, ${f.month(first.month)} – ${f.month(last.month)}: ${f.number(data.totals.due.count, 0)} ${t.contracts}, ${t.dueArr} ${f.currency(data.totals.due.arr)}; ${t.atRisk} ${f.currency(data.totals.atRisk.arr)}; ${t.expected} ${expectedText(data.totals)}.`
    : `${title}: ${t.noData}.`;
  const table = (
    <DataTable
      caption={title}
      columns={[t.month, t.contracts, t.dueArr, ...STACK.map(tierLabel), t.renewedEarly, t.stillOpen, t.atRisk, t.expected]}
      rows={months.map((m) => [
        f.month(m.month), f.number(m.due.count, 0), f.currency(m.due.arr), ...STACK.map((tier) => f.currency(m.byTier[tier].arr)),
        f.currency(m.renewed.arr), f.currency(m.open.arr), f.currency(m.atRisk.arr), expectedText(m),
      ])}
    />
  );
  // Legend toggles hide tiers (the bars stack, and total, the tiers shown) or the expected-ARR marks; the scale stays.
  const series = useSeriesToggle<TierOrUnknown | 'expected'>([...STACK, 'expected'], (key) => (key === 'expected' ? t.expected : tierLabel(key)), t.legendToggle);
  const legend = (
    <Legend
      items={[
        ...STACK.map((tier) => ({ key: tier, label: tierLabel(tier), color: colorOf(tier), tier: tier === 'unknown' ? 'unscored' as const : tier })),
        { key: 'expected', label: t.expected, color: COLORS.fg, line: { marker: 'diamond' as const } },
      ]}
      toggle={series.toggle}
    />
  );
  return (
    <ChartFrame
      chart="renewals-ahead" {...frameProps(props, t)} summary={summary} height={height}
      empty={empty} emptyText={t.noData} table={table} tooltip={tooltip} legend={legend}
    >
      {({ width, id }) => {
        const innerHeight = length(height - BASE_MARGIN.top - BASE_MARGIN.bottom);
        const y = scaleLinear<number>({ domain: [0, Math.max(1, ...months.map((m) => Math.max(m.due.arr, m.expectedArr)))], range: [innerHeight, 0], nice: true });
        const tick = (value: number) => f.compactCurrency(value);
        const axis = sideAxisRoom(y.ticks(5).map(tick), true);
        const MARGIN = { ...BASE_MARGIN, left: Math.max(BASE_MARGIN.left, axis.margin) };
        const innerWidth = length(width - MARGIN.left - MARGIN.right);
        const x = scaleBand<string>({ domain: months.map((m) => m.month), range: [0, innerWidth], padding: 0.3 });
        return (
          <svg {...svgSize(width, height)} className="cskit-svg">
            <TierPatterns prefix={id} />
            <Group left={MARGIN.left} top={MARGIN.top}>
              {months.map((m) => {
                const barX = finite(x(m.month) ?? 0);
                const band = length(x.bandwidth());
                let base = 0;
                const expectedY = finite(y(m.expectedArr));
                const expectedLabel = `${f.month(m.month)}, ${t.expected}: ${expectedText(m)} / ${t.dueArr} ${f.currency(m.due.arr)}; ${t.atRisk} ${f.currency(m.atRisk.arr)}`;
                const shownArr = STACK.reduce((sum, tier) => sum + (series.isShown(tier) ? m.byTier[tier].arr : 0), 0);
                const total = f.compactCurrency(shownArr);
                return (
                  <g key={m.month}>
                    {STACK.filter(series.isShown).map((tier) => {
                      const cell = m.byTier[tier];
                      if (cell.arr <= 0 && cell.count === 0) return null;
                      const top = finite(y(base + cell.arr));
                      const bottom = finite(y(base));
                      base += cell.arr;
                      const text = `${f.month(m.month)}, ${tierLabel(tier)}: ${f.number(cell.count, 0)} ${t.contracts}, ${t.dueArr} ${f.currency(cell.arr)}`;
                      const pattern = tierPatternId(id, tier === 'unknown' ? 'unscored' : (tier as HealthTier));
                      return (
                        <g
                          key={tier}
                          {...markProps({
                            label: text,
                            onActivate: onSelect
                              ? () => onSelect({ label: `${f.month(m.month)} · ${tierLabel(tier)}`, source: 'renewals-ahead', target: { kind: 'due', month: m.month, tier } })
                              : undefined,
                            onShow: () => show(MARGIN.left + barX + band / 2, MARGIN.top + top, text),
                            onHide: hide,
                          })}
                        >
                          <rect x={barX} y={top} width={band} height={Math.max(1, bottom - top)} style={{ fill: colorOf(tier) }} />
                          {pattern ? <rect x={barX} y={top} width={band} height={Math.max(1, bottom - top)} fill={`url(#${pattern})`} /> : null}
                        </g>
                      );
                    })}
                    {m.due.count > 0 ? (
                      <>
                        {/* A total that does not fit over its bar is left to the tooltip and the data table. */}
                        {shownArr > 0 && fitsBand(total, x.step()) ? (
                          <text x={barX + band / 2} y={Math.max(10, finite(y(shownArr)) - 6)} textAnchor="middle" fontSize={11} style={{ fill: COLORS.fg }} aria-hidden="true">
                            {total}
                          </text>
                        ) : null}
                        {series.isShown('expected') ? (
                          <g {...markProps({ label: expectedLabel, onShow: () => show(MARGIN.left + barX + band / 2, MARGIN.top + expectedY, expectedLabel), onHide: hide })}>
                            <line x1={barX - 3} x2={barX + band + 3} y1={expectedY} y2={expectedY} strokeWidth={2} style={{ stroke: COLORS.fg }} />
                            <MarkerShape shape="diamond" x={barX + band / 2} y={expectedY} size={4.5} color={COLORS.fg} />
                          </g>
                        ) : null}
                      </>
                    ) : null}
                  </g>
                );
              })}
              <Axis orientation="left" scale={y} numTicks={5} label={t.dueArr} labelOffset={axis.labelOffset} tickFormat={(v) => tick(Number(v))} />
              <Axis orientation="bottom" top={innerHeight} scale={x} tickValues={everyNth(months.map((m) => m.month), innerWidth)} tickFormat={(month) => f.month(String(month))} />
            </Group>
          </svg>
        );
      }}
    </ChartFrame>
  );
}
