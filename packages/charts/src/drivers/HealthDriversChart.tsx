import type { AccountHealthDrivers, HealthDriver, Month } from '@cskit/metrics';
import { componentLabel } from '@cskit/react';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '../internal/scales.js';
import { Axis } from '../internal/Axis.js';
import { ChartFrame, frameProps, svgSize } from '../internal/ChartFrame.js';
import { defineChart } from '../internal/define-chart.js';
import { DataTable } from '../internal/DataTable.js';
import { Legend } from '../internal/Legend.js';
import { markProps } from '../internal/marks.js';
import { finite, length } from '../internal/numbers.js';
import { COLORS, cssVar, MOVEMENT_COLORS } from '../internal/theme.js';
import { useTooltip } from '../internal/tooltip.js';
import { useChart } from '../internal/use-chart.js';
import type { ChartBaseProps } from '../internal/use-chart.js';

export interface HealthDriversChartProps extends ChartBaseProps {
  /** One account's drivers (`useHealthDrivers`, or an entry of `healthDrivers`); null: no health in the month. */
  data?: AccountHealthDrivers | null | undefined;
  /** The month explained and the month compared with, for the labels. */
  month?: Month;
  from?: Month;
  /** Names of the host's measures by key (built-in components are named by the locale). */
  componentNames?: Readonly<Record<string, string>>;
}

/** Outcome components in blues and greens, experience in oranges and purples (Okabe-Ito); names sit beside each. */
const SIDE_COLORS = {
  outcome: [cssVar('driver-outcome-1', '#0072b2'), cssVar('driver-outcome-2', '#56b4e9'), cssVar('driver-outcome-3', '#009e73'), cssVar('driver-outcome-4', '#004d7a')],
  experience: [cssVar('driver-experience-1', '#d55e00'), cssVar('driver-experience-2', '#e69f00'), cssVar('driver-experience-3', '#cc79a7'), cssVar('driver-experience-4', '#8c3b00')],
} as const;
const MARGIN = { top: 8, right: 56, bottom: 8, left: 150 };
const BAR = 26;
const ROW = 24;

/**
 * Draws the chart from `data`; its loading state while `data` is undefined, its error state with `error`.
 */
export const HealthDriversChart = defineChart<HealthDriversChartProps>({
  name: 'health-drivers',
  height: 220,
  Chart: HealthDriversPlot,
});

/**
 * One account's health score taken apart: its components' contributions as one horizontal stacked bar (points of
 * the score, 0-100), and when it has a change, a waterfall from the earlier score to this one by component.
 */
function HealthDriversPlot({ data, month, from, componentNames, ...props }: HealthDriversChartProps & { data: AccountHealthDrivers | null }) {
  const { f, t } = useChart(props);
  const { tooltip, show, hide } = useTooltip();
  const components = data?.components ?? [];
  const nameOf = (d: HealthDriver) => componentLabel(d.key, d.side, t.domain, componentNames);
  const colorOf = (d: HealthDriver) => {
    const same = components.filter((c) => c.side === d.side);
    const palette = SIDE_COLORS[d.side];
    return palette[same.indexOf(d) % palette.length] as string;
  };
  const pts = (v: number) => f.number(v, 1);
  const signed = (v: number) => `${v > 0 ? '+' : v < 0 ? '−' : '±'}${pts(Math.abs(v))}`;
  const when = month ? f.month(month) : '';
  const before = from ? f.month(from) : '';
  const hasChange = data !== null && data.scoreChange !== null;
  const title = props.title ?? t.chartTitles.drivers;
  const height = props.height ?? MARGIN.top + BAR + 24 + (hasChange ? 16 + (components.length + 2) * ROW : 0) + MARGIN.bottom;
  const falls = hasChange ? [...components].filter((c) => c.change !== null && c.change !== 0).sort((a, b) => Math.abs(b.change as number) - Math.abs(a.change as number)).slice(0, 3) : [];
  const summary = data === null
    ? `${title}: ${t.noHealth}.`
    : `${title}: ${t.healthScore} ${pts(data.score)} (${t.tiers[data.tier]})${when ? ` ${when}` : ''}${hasChange ? `, ${signed(data.scoreChange as number)}${before ? ` (${t.from} ${before})` : ''}` : ''}; ${
      hasChange && falls.length > 0 ? falls.map((c) => `${nameOf(c)} ${signed(c.change as number)}`).join(', ') : components.map((c) => `${nameOf(c)} ${pts(c.contribution)}`).join(', ')}.`;
  const table = (
    <DataTable
      caption={title}
      columns={[t.component, t.side, t.value, t.healthScore, t.contribution, t.change]}
      rows={components.map((c) => [nameOf(c), t.domain.sides[c.side], c.value === null ? '—' : f.number(c.value, 2), c.score === null ? '—' : pts(c.score), pts(c.contribution), c.change === null ? '—' : signed(c.change)])}
    />
  );
  const legend = <Legend items={components.map((c, i) => ({ key: `${c.side}-${c.key}-${i}`, label: `${nameOf(c)} ${t.points(pts(c.contribution))}`, color: colorOf(c) }))} />;
  return (
    <ChartFrame
      chart="health-drivers" {...frameProps(props, t)} margin={MARGIN} summary={summary} height={height}
      empty={data === null} emptyText={t.noHealth} table={table} tooltip={tooltip} legend={legend}
    >
      {({ width, inner }) => {
        const innerWidth = inner.width;
        const x = scaleLinear<number>({ domain: [0, 100], range: [0, innerWidth] });
        let running = 0;
        const rows = hasChange ? ['from', ...components.map((_, i) => `c${i}`), 'to'] : [];
        const y = scaleBand<string>({ domain: rows, range: [0, rows.length * ROW], padding: 0.2 });
        const fromScore = hasChange ? (data as AccountHealthDrivers).score - ((data as AccountHealthDrivers).scoreChange as number) : 0;
        const changeTop = MARGIN.top + BAR + 24 + 16;
        // The waterfall may leave 0..100 while it walks (a fall before a rise): widen its scale to fit.
        let walk = fromScore;
        let low = Math.min(0, fromScore);
        let high = Math.max(100, fromScore);
        for (const c of components) { walk += c.change ?? 0; low = Math.min(low, walk); high = Math.max(high, walk); }
        const xChange = scaleLinear<number>({ domain: [low, high], range: [0, innerWidth] });
        return (
          <svg {...svgSize(width, height)} className="cskit-svg">
            <Group left={MARGIN.left} top={MARGIN.top}>
              <text x={-8} y={BAR / 2} dy="0.32em" textAnchor="end" fontSize={12} style={{ fill: COLORS.fg }} aria-hidden="true">{t.scoreIn(when)}</text>
              <rect x={0} y={0} width={innerWidth} height={BAR} rx={3} style={{ fill: COLORS.empty }} aria-hidden="true" />
              {components.map((c, i) => {
                const start = running;
                running += c.contribution;
                if (c.contribution <= 0) return null;
                const x0 = finite(x(start));
                const w = length(finite(x(running)) - x0);
                const text = `${nameOf(c)}: ${t.points(pts(c.contribution))} (${t.value} ${c.value === null ? '—' : f.number(c.value, 2)}, ${t.healthScore} ${c.score === null ? '—' : pts(c.score)}, ×${f.number(c.weight, 2)})`;
                return (
                  <rect key={`${c.side}-${c.key}-${i}`} x={x0} y={0} width={w} height={BAR} style={{ fill: colorOf(c), stroke: COLORS.bg, strokeWidth: 1 }}
                    {...markProps({ label: text, onShow: () => show(MARGIN.left + x0 + w / 2, MARGIN.top, text), onHide: hide })} />
                );
              })}
              <text x={finite(x(running)) + 6} y={BAR / 2} dy="0.32em" fontSize={12} fontWeight={600} style={{ fill: COLORS.fg }} aria-hidden="true">{pts(data?.score ?? 0)}</text>
              <Axis orientation="bottom" top={BAR} scale={x} tickValues={[0, 25, 50, 75, 100]} tickFormat={(v) => String(v)} />
            </Group>
            {hasChange ? (
              <Group left={MARGIN.left} top={changeTop}>
                {rows.map((row, r) => {
                  const band = finite(y(row) ?? 0);
                  const h = length(y.bandwidth());
                  if (row === 'from' || row === 'to') {
                    const value = row === 'from' ? fromScore : (data as AccountHealthDrivers).score;
                    const label = row === 'from' ? t.scoreIn(before) : t.scoreIn(when);
                    const text = `${label}: ${pts(value)}`;
                    return (
                      <g key={row}>
                        <text x={-8} y={band + h / 2} dy="0.32em" textAnchor="end" fontSize={12} style={{ fill: COLORS.fg }} aria-hidden="true">{label}</text>
                        <rect x={finite(xChange(Math.min(0, value)))} y={band} width={length(Math.abs(finite(xChange(value)) - finite(xChange(0))))} height={h} rx={2} style={{ fill: COLORS.total }}
                          {...markProps({ label: text, onShow: () => show(MARGIN.left + finite(xChange(value)), changeTop + band, text), onHide: hide })} />
                        <text x={finite(xChange(value)) + 6} y={band + h / 2} dy="0.32em" fontSize={11} style={{ fill: COLORS.fg }} aria-hidden="true">{pts(value)}</text>
                      </g>
                    );
                  }
                  const c = components[r - 1] as HealthDriver;
                  const start = r === 1 ? fromScore : fromScore + components.slice(0, r - 1).reduce((sum, d) => sum + (d.change ?? 0), 0);
                  const change = c.change ?? 0;
                  const x0 = finite(xChange(Math.min(start, start + change)));
                  const w = Math.max(1, Math.abs(finite(xChange(start + change)) - finite(xChange(start))));
                  const text = `${nameOf(c)}: ${signed(change)}`;
                  return (
                    <g key={row}>
                      <text x={-8} y={band + h / 2} dy="0.32em" textAnchor="end" fontSize={12} style={{ fill: COLORS.fg }} aria-hidden="true">{nameOf(c)}</text>
                      <rect x={x0} y={band} width={w} height={h} rx={2} style={{ fill: change < 0 ? MOVEMENT_COLORS.churn : change > 0 ? MOVEMENT_COLORS.reactivation : COLORS.grid }}
                        {...markProps({ label: text, onShow: () => show(MARGIN.left + x0 + w / 2, changeTop + band, text), onHide: hide })} />
                      <text x={x0 + w + 6} y={band + h / 2} dy="0.32em" fontSize={11} style={{ fill: COLORS.fg }} aria-hidden="true">{signed(change)}</text>
                    </g>
                  );
                })}
              </Group>
            ) : null}
          </svg>
        );
      }}
    </ChartFrame>
  );
}
