import type { ArrTrend as ArrTrendResult } from '@cskit/metrics';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '../internal/scales.js';
import { Line } from '@visx/shape';
import { Axis } from '../internal/Axis.js';
import { ChartFrame, frameProps, svgSize } from '../internal/ChartFrame.js';
import { defineChart } from '../internal/define-chart.js';
import type { Loaded } from '../internal/ChartLoading.js';
import { DataTable } from '../internal/DataTable.js';
import { Legend, useSeriesToggle } from '../internal/Legend.js';
import { MarkerShape, type Marker } from '../internal/markers.js';
import { markProps } from '../internal/marks.js';
import { polyline } from '../internal/polyline.js';
import { finite } from '../internal/numbers.js';
import { RATE_COLORS } from '../internal/theme.js';
import { everyNth } from '../internal/ticks.js';
import { useTooltip } from '../internal/tooltip.js';
import { useChart } from '../internal/use-chart.js';
import type { ChartBaseProps } from '../internal/use-chart.js';

/** The rates the chart can draw: trailing-12-month NRR and GRR (left scale) and the monthly logo churn rate (right). */
export type RateSeries = 'nrr12' | 'grr12' | 'logoChurnRate';

export interface RateTrendProps extends ChartBaseProps {
  /** `arrTrend`'s result (`useArrTrend`). */
  data?: ArrTrendResult | undefined;
  /** Which rates to draw; default all three. */
  series?: readonly RateSeries[];
  /** A target on the retention scale, drawn as a dashed line (e.g. `1` for NRR 100%); none by default. */
  target?: number | null;
  /** The target line's words; default "Target". */
  targetLabel?: string;
}

const STYLE: Record<RateSeries, { dash: string | undefined; marker: Marker }> = {
  nrr12: { dash: undefined, marker: 'circle' },
  grr12: { dash: '6,3', marker: 'square' },
  logoChurnRate: { dash: '2,3', marker: 'triangle' },
};
const ALL: readonly RateSeries[] = ['nrr12', 'grr12', 'logoChurnRate'];
const MARGIN = { top: 16, right: 72, bottom: 36, left: 72 };

/**
 * Draws the chart from `data`; its loading state while `data` is undefined, its error state with `error`, and inside a
 * `CsKitProvider` without a `data` prop its own metric (`arrTrend`) from the Provider's source (`defineChart`).
 */
export const RateTrend = defineChart<RateTrendProps, 'arrTrend'>({
  name: 'rate-trend',
  height: 300,
  Chart: RateTrendChart,
  metric: 'arrTrend',
});

/**
 * Retention and churn over months: NRR and GRR (trailing 12 months) on the left scale, the logo churn rate on the
 * right scale (a monthly rate is a few percent, and would be flat on the retention scale). Each series has its own
 * color, dash and point shape; months without a value leave a gap.
 */
function RateTrendChart({ data, series = ALL, target = null, targetLabel, height = 300, ...props }: Loaded<RateTrendProps>) {
  const { f, t } = useChart(props);
  const { tooltip, show, hide } = useTooltip();
  const months = data.months;
  // Legend toggles hide series; the last one shown stays.
  const available = ALL.filter((key) => series.includes(key));
  const { shown, toggle } = useSeriesToggle(available, (key) => t.rates[key], t.legendToggle);
  const left = shown.filter((key) => key !== 'logoChurnRate');
  const right = shown.includes('logoChurnRate');
  const title = props.title ?? t.chartTitles.rates;
  const targetText = targetLabel ?? t.target;
  const valuesOf = (keys: readonly RateSeries[]) => months.flatMap((m) => keys.map((key) => m[key])).filter((v): v is number => v !== null && Number.isFinite(v));
  const leftValues = valuesOf(left);
  const rightValues = valuesOf(right ? ['logoChurnRate'] : []);
  const empty = leftValues.length === 0 && rightValues.length === 0;
  const last = months.at(-1);
  const pct = (v: number | null) => f.percent(v, 1);
  const summary = last
    ? `${title}, ${f.month(months[0]?.month ?? last.month)} – ${f.month(last.month)}; ${f.month(last.month)}: ${shown.map((key) => `${t.rates[key]} ${pct(last[key])}`).join(', ')}${target === null ? '' : `; ${targetText} ${pct(target)}`}.`
    : `${title}: ${t.noData}.`;
  const table = (
    <DataTable caption={title} columns={[t.month, ...shown.map((key) => t.rates[key])]} rows={months.map((m) => [f.month(m.month), ...shown.map((key) => pct(m[key]))])} />
  );
  const legend = (
    <Legend
      items={[
        ...available.map((key) => ({ key, label: t.rates[key], color: RATE_COLORS[key], line: STYLE[key] })),
        ...(target === null ? [] : [{ key: 'target', label: `${targetText} ${pct(target)}`, color: RATE_COLORS.target, line: { dash: '4,4' }, toggle: false }]),
      ]}
      toggle={toggle}
    />
  );
  return (
    <ChartFrame
      chart="rate-trend" {...frameProps(props, t)} margin={MARGIN} summary={summary} height={height}
      empty={empty} emptyText={t.noData} table={table} tooltip={tooltip} legend={legend}
    >
      {({ width, inner }) => {
        const innerWidth = inner.width;
        const innerHeight = inner.height;
        const x = scaleBand<string>({ domain: months.map((m) => m.month), range: [0, innerWidth], padding: 0 });
        const bounds = [...leftValues, ...(target === null ? [] : [target])];
        const low = Math.min(...bounds, 1);
        const high = Math.max(...bounds, 0);
        const pad = Math.max(0.02, (high - low) * 0.1);
        const y = scaleLinear<number>({ domain: [Math.max(0, low - pad), high + pad], range: [innerHeight, 0], nice: true });
        const yRight = scaleLinear<number>({ domain: [0, Math.max(0.01, ...rightValues) * 1.1], range: [innerHeight, 0], nice: true });
        const scaleOf = (key: RateSeries) => (key === 'logoChurnRate' ? yRight : y);
        const cx = (month: string) => finite(x(month) ?? 0) + x.bandwidth() / 2;
        return (
          <svg {...svgSize(width, height)} className="cskit-svg">
            <Group left={MARGIN.left} top={MARGIN.top}>
              {target === null ? null : (
                <g aria-hidden="true">
                  <Line from={{ x: 0, y: finite(y(target)) }} to={{ x: innerWidth, y: finite(y(target)) }} strokeDasharray="4,4" style={{ stroke: RATE_COLORS.target }} />
                  <text x={innerWidth - 4} y={finite(y(target)) - 4} textAnchor="end" fontSize={11} style={{ fill: RATE_COLORS.target }}>{`${targetText} ${pct(target)}`}</text>
                </g>
              )}
              {shown.map((key) => {
                const scale = scaleOf(key);
                return (
                  <g key={key} data-series={key}>
                    <path
                      d={polyline(months.map((m) => { const v = m[key]; return v === null ? null : [cx(m.month), scale(v)]; }))}
                      strokeWidth={2} strokeDasharray={STYLE[key].dash} fill="none" style={{ stroke: RATE_COLORS[key] }} aria-hidden="true"
                    />
                    {months.map((m) => {
                      const value = m[key];
                      if (value === null || !Number.isFinite(value)) return null;
                      const px = cx(m.month);
                      const py = finite(scale(value));
                      const text = `${f.month(m.month)}, ${t.rates[key]}: ${pct(value)}`;
                      return (
                        <g key={m.month} {...markProps({ label: text, onShow: () => show(MARGIN.left + px, MARGIN.top + py, text), onHide: hide })}>
                          <MarkerShape shape={STYLE[key].marker} x={px} y={py} size={3.5} color={RATE_COLORS[key]} />
                        </g>
                      );
                    })}
                  </g>
                );
              })}
              {left.length > 0 ? (
                <Axis orientation="left" scale={y} numTicks={5} label={t.retentionAxis} labelOffset={52} tickFormat={(v) => f.percent(Number(v), 0)} />
              ) : null}
              {right ? (
                <Axis orientation="right" left={innerWidth} scale={yRight} numTicks={5} label={t.rates.logoChurnRate} labelOffset={52} tickFormat={(v) => f.percent(Number(v), 1)} />
              ) : null}
              <Axis orientation="bottom" top={innerHeight} scale={x} tickValues={everyNth(months.map((m) => m.month), innerWidth)} tickFormat={(month) => f.month(String(month))} />
            </Group>
          </svg>
        );
      }}
    </ChartFrame>
  );
}
