import type { ArrTrend as ArrTrendResult, ArrTrendMonth, MovementKind } from '@cskit/metrics';
import type { DrillDown } from '@cskit/react';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '../internal/scales.js';
import { Line } from '@visx/shape';
import { Axis, sideAxisRoom } from '../internal/Axis.js';
import { ChartFrame, frameProps, svgSize } from '../internal/ChartFrame.js';
import { defineChart } from '../internal/define-chart.js';
import type { Loaded } from '../internal/ChartLoading.js';
import { DataTable } from '../internal/DataTable.js';
import { Legend, useSeriesToggle } from '../internal/Legend.js';
import { MarkerShape } from '../internal/markers.js';
import { markProps } from '../internal/marks.js';
import { polyline } from '../internal/polyline.js';
import { finite, length } from '../internal/numbers.js';
import { MovementPatterns, movementPatternId } from '../internal/patterns.js';
import { COLORS, MOVEMENT_COLORS } from '../internal/theme.js';
import { everyNth } from '../internal/ticks.js';
import { useTooltip } from '../internal/tooltip.js';
import { useChart } from '../internal/use-chart.js';
import type { ChartBaseProps } from '../internal/use-chart.js';

export interface ArrTrendProps extends ChartBaseProps {
  /** `arrTrend`'s result (`useArrTrend`). */
  data?: ArrTrendResult | undefined;
  /** Called with a month's movement (`{ kind: 'movement', movement, month }`) when its bar is clicked or activated. */
  onSelect?: (drill: DrillDown) => void;
}

/** Gains stack up from zero in this order, losses down. */
const GAINS: readonly MovementKind[] = ['new', 'expansion', 'reactivation'];
const LOSSES: readonly MovementKind[] = ['contraction', 'churn'];
const KINDS: readonly MovementKind[] = [...GAINS, ...LOSSES];
const BASE_MARGIN = { top: 16, right: 56, bottom: 36, left: 56 };

/**
 * Draws the chart from `data`; its loading state while `data` is undefined, its error state with `error`, and inside a
 * `CsKitProvider` without a `data` prop its own metric (`arrTrend`) from the Provider's source (`defineChart`).
 */
export const ArrTrend = defineChart<ArrTrendProps, 'arrTrend'>({
  name: 'arr-trend',
  height: 320,
  Chart: ArrTrendChart,
  metric: 'arrTrend',
});

/**
 * Month by month: the ARR movements as bars (gains above zero, losses below, each movement with its color and
 * pattern) on the left scale, and closing ARR as a line on the right scale.
 */
function ArrTrendChart({ data, onSelect, height = 320, ...props }: Loaded<ArrTrendProps>) {
  const { f, t } = useChart(props);
  const { tooltip, show, hide } = useTooltip();
  const months = data.months;
  const first = months[0];
  const last = months.at(-1);
  const empty = months.every((m) => m.closing === 0 && m.opening === 0);
  const title = props.title ?? t.chartTitles.trend;
  const describe = (m: ArrTrendMonth) =>
    `${f.month(m.month)}: ${t.closing} ${f.currency(m.closing)}, ${KINDS.filter((kind) => m[kind] !== 0).map((kind) => `${t.movements[kind]} ${f.signedCurrency(m[kind])}`).join(', ') || f.signedCurrency(0)}`;
  const summary = first && last
    ? `${title}, ${f.month(first.month)} – ${f.month(last.month)}: ${t.opening} ${f.currency(first.opening)}, ${t.closing} ${f.currency(last.closing)} (${t.netNew} ${f.signedCurrency(last.closing - first.opening)}); ${describe(last)}.`
    : `${title}: ${t.noData}.`;
  const table = (
    <DataTable
      caption={title}
      columns={[t.month, t.opening, ...KINDS.map((kind) => t.movements[kind]), t.closing, t.customers, t.arpa, t.quickRatio]}
      rows={months.map((m) => [
        f.month(m.month), f.currency(m.opening), ...KINDS.map((kind) => f.signedCurrency(m[kind])), f.currency(m.closing),
        f.number(m.customers, 0), f.currency(m.arpa), f.number(m.quickRatio, 2),
      ])}
    />
  );
  // Legend toggles hide a movement kind or the closing ARR line (the scales stay, so the rest does not move).
  const series = useSeriesToggle<MovementKind | 'closing'>([...KINDS, 'closing'], (key) => (key === 'closing' ? t.closing : t.movements[key]), t.legendToggle);
  const legend = (
    <Legend
      items={[
        ...KINDS.map((kind) => ({ key: kind, label: t.movements[kind], color: MOVEMENT_COLORS[kind], movement: kind })),
        { key: 'closing', label: t.closing, color: COLORS.line, line: { marker: 'circle' as const } },
      ]}
      toggle={series.toggle}
    />
  );
  return (
    <ChartFrame
      chart="arr-trend" {...frameProps(props, t)} summary={summary} height={height}
      empty={empty} emptyText={t.noData} table={table} tooltip={tooltip} legend={legend}
    >
      {({ width, id }) => {
        const innerHeight = length(height - BASE_MARGIN.top - BASE_MARGIN.bottom);
        const up = months.map((m) => GAINS.reduce((sum, kind) => sum + Math.max(0, m[kind]), 0));
        const down = months.map((m) => LOSSES.reduce((sum, kind) => sum + Math.min(0, m[kind]), 0));
        const y = scaleLinear<number>({ domain: [Math.min(0, ...down), Math.max(1, ...up)], range: [innerHeight, 0], nice: true });
        const yArr = scaleLinear<number>({ domain: [0, Math.max(1, ...months.map((m) => m.closing))], range: [innerHeight, 0], nice: true });
        // Side margins as wide as the axes' labels need.
        const tick = (value: number) => f.compactCurrency(value);
        const leftAxis = sideAxisRoom(y.ticks(5).map(tick), true);
        const rightAxis = sideAxisRoom(yArr.ticks(5).map(tick), true);
        const MARGIN = { ...BASE_MARGIN, left: Math.max(BASE_MARGIN.left, leftAxis.margin), right: Math.max(BASE_MARGIN.right, rightAxis.margin) };
        const innerWidth = length(width - MARGIN.left - MARGIN.right);
        const x = scaleBand<string>({ domain: months.map((m) => m.month), range: [0, innerWidth], padding: 0.3 });
        const center = (month: string) => finite(x(month) ?? 0) + x.bandwidth() / 2;
        return (
          <svg {...svgSize(width, height)} className="cskit-svg">
            <MovementPatterns prefix={id} />
            <Group left={MARGIN.left} top={MARGIN.top}>
              <Line from={{ x: 0, y: finite(y(0)) }} to={{ x: innerWidth, y: finite(y(0)) }} style={{ stroke: COLORS.grid }} />
              {months.map((m) => {
                const barX = finite(x(m.month) ?? 0);
                let above = 0;
                let below = 0;
                return (
                  <g key={m.month}>
                    {KINDS.map((kind) => {
                      const amount = series.isShown(kind) ? m[kind] : 0;
                      if (amount === 0) return null;
                      const gain = amount > 0;
                      const from = gain ? above : below;
                      const to = from + amount;
                      if (gain) above = to; else below = to;
                      const top = finite(y(Math.max(from, to)));
                      const bottom = finite(y(Math.min(from, to)));
                      const text = `${f.month(m.month)}, ${t.movements[kind]}: ${f.signedCurrency(amount)}`;
                      const pattern = movementPatternId(id, kind);
                      return (
                        <g
                          key={kind}
                          {...markProps({
                            label: text,
                            onActivate: onSelect
                              ? () => onSelect({ label: `${f.month(m.month)} · ${t.movements[kind]}`, source: 'arr-trend', target: { kind: 'movement', movement: kind, month: m.month } })
                              : undefined,
                            onShow: () => show(MARGIN.left + barX + x.bandwidth() / 2, MARGIN.top + top, text),
                            onHide: hide,
                          })}
                        >
                          <rect x={barX} y={top} width={length(x.bandwidth())} height={Math.max(1, bottom - top)} style={{ fill: MOVEMENT_COLORS[kind] }} />
                          {pattern ? <rect x={barX} y={top} width={length(x.bandwidth())} height={Math.max(1, bottom - top)} fill={`url(#${pattern})`} /> : null}
                        </g>
                      );
                    })}
                  </g>
                );
              })}
              {series.isShown('closing') ? (
                <>
                  <path
                    d={polyline(months.map((m) => [center(m.month), finite(yArr(m.closing))]))}
                    strokeWidth={2} fill="none" style={{ stroke: COLORS.line }} aria-hidden="true"
                  />
                  {months.map((m) => {
                    const cx = center(m.month);
                    const cy = finite(yArr(m.closing));
                    const text = `${f.month(m.month)}, ${t.closing}: ${f.currency(m.closing)}; ${t.customers} ${f.number(m.customers, 0)}, ${t.arpa} ${f.currency(m.arpa)}`;
                    return (
                      <g key={m.month} {...markProps({ label: text, onShow: () => show(MARGIN.left + cx, MARGIN.top + cy, describe(m)), onHide: hide })}>
                        <MarkerShape shape="circle" x={cx} y={cy} size={3.5} color={COLORS.line} />
                      </g>
                    );
                  })}
                </>
              ) : null}
              <Axis orientation="left" scale={y} numTicks={5} label={t.movementsAxis} labelOffset={leftAxis.labelOffset} tickFormat={(v) => tick(Number(v))} />
              <Axis orientation="right" left={innerWidth} scale={yArr} numTicks={5} label={t.arrAxis} labelOffset={rightAxis.labelOffset} tickFormat={(v) => tick(Number(v))} />
              <Axis orientation="bottom" top={innerHeight} scale={x} tickValues={everyNth(months.map((m) => m.month), innerWidth)} tickFormat={(month) => f.month(String(month))} />
            </Group>
          </svg>
        );
      }}
    </ChartFrame>
  );
}
