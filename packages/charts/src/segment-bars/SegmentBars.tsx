import type { BreakdownDimension, BreakdownGroup, GroupSummary } from '@cskit/metrics';
import type { DrillDown } from '@cskit/react';
import type { ReactElement } from 'react';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '../internal/scales.js';
import { Bar, Line } from '@visx/shape';
import { ChartFrame, frameProps, svgSize } from '../internal/ChartFrame.js';
import { defineChart } from '../internal/define-chart.js';
import type { Loaded } from '../internal/ChartLoading.js';
import { DataTable } from '../internal/DataTable.js';
import { markProps } from '../internal/marks.js';
import { finite, length } from '../internal/numbers.js';
import { COLORS, cssVar } from '../internal/theme.js';
import { useTooltip } from '../internal/tooltip.js';
import { useChart } from '../internal/use-chart.js';
import type { ChartBaseProps } from '../internal/use-chart.js';
import type { KpiFormat } from '../kpi-card/KpiCard.js';

/** Any breakdown: `breakdown(...)` / `useBreakdown(...)` results, or `GroupSummary[]` wrapped with its dimension. */
export interface SegmentBarsData<G extends { key: string }> {
  /** An account field, or `'role'` (groups of `useMetric('roles')`: users' roles, not accounts, so not drillable). */
  dimension: BreakdownDimension | 'role';
  groups: readonly G[];
}

export interface SegmentBarsProps<G extends { key: string }> extends ChartBaseProps {
  /** Inside a Provider without `data`: which breakdown to read (default `segment`). */
  dimension?: BreakdownDimension;
  /** Undefined while it loads (a hook of an asynchronous source). */
  data?: SegmentBarsData<G> | undefined;
  /** The number to draw for a group (e.g. `(g) => g.result.nrr`); null draws no bar and reads "—". */
  value: (group: G) => number | null;
  /** What the value is, for the axis and the summary, e.g. "NRR". */
  valueLabel: string;
  format?: KpiFormat;
  /**
   * The value over every group (e.g. the KPI of the whole view), drawn as a dashed line across the bars, named in the
   * summary and the last row of the table: how each group compares to the whole.
   */
  overall?: number | null;
  /** Group labels (e.g. CSM names for `csmId`); the key by default. */
  groupLabel?: (key: string) => string;
  /** Called with a group (its accounts are resolved by `useDrillDown`). */
  onSelect?: (drill: DrillDown) => void;
}

const BAR_COLOR = cssVar('bar', '#0072b2');
const NEGATIVE_COLOR = cssVar('bar-negative', '#d55e00');
const MARGIN = { top: 8, right: 72, bottom: 8, left: 112 };

/**
 * Draws the chart from `data`; its loading state while `data` is undefined, its error state with `error`, and inside a
 * `CsKitProvider` without a `data` prop its own metric (`breakdowns`) from the Provider's source (`defineChart`).
 */
export const SegmentBars = defineChart<SegmentBarsProps<BreakdownGroup<GroupSummary>>, 'breakdowns'>({
  name: 'segment-bars',
  height: 120,
  Chart: SegmentBarsChart as never,
  metric: 'breakdowns',
  view: (props) => ({ breakdownDimensions: [props.dimension ?? 'segment'] }),
  select: (breakdowns, props) => {
    const dimension = props.dimension ?? 'segment';
    const groups = breakdowns[dimension];
    return groups && { dimension, groups: groups.map((group) => ({ key: group.key, accounts: group.accounts, result: group })) };
  },
  selectKey: (props) => props.dimension ?? 'segment',
}) as <G extends { key: string } = BreakdownGroup<GroupSummary>>(props: SegmentBarsProps<G>) => ReactElement;

/** Horizontal bars, one per group, from zero (negative values extend left, in another color and with a minus). */
function SegmentBarsChart<G extends { key: string }>({
  data, value, valueLabel, format = 'number', groupLabel, onSelect, overall = null, height: givenHeight, ...props
}: Loaded<SegmentBarsProps<G>>) {
  const { f, t } = useChart(props);
  const { tooltip, show, hide } = useTooltip();
  const label = (key: string) => groupLabel?.(key) ?? key;
  // Full values in the tooltip, the summary and the table; compact ones on the marks (as in KPI cards).
  const fmt = (v: number | null) => (format === 'currency' ? f.currency(v) : format === 'percent' ? f.percent(v) : f.number(v));
  const markFmt = (v: number | null) => (format === 'currency' ? f.compactCurrency(v) : fmt(v));
  const values = data.groups.map((g) => value(g));
  const finiteValues = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const whole = overall !== null && Number.isFinite(overall) ? overall : null;
  const scaleValues = whole === null ? finiteValues : [...finiteValues, whole];
  const empty = data.groups.length === 0 || finiteValues.length === 0;
  // Room under the bars for the overall line's label.
  const height = givenHeight ?? Math.max(96, MARGIN.top + MARGIN.bottom + data.groups.length * 28 + (overall === null ? 0 : 18));
  const wholeText = whole === null ? '' : ` ${t.overall} ${fmt(whole)}.`;
  const summary = `${props.title ?? `${valueLabel} / ${data.dimension}`}: ${data.groups.map((g, i) => `${label(g.key)} ${fmt(values[i] ?? null)}`).join(', ')}.${wholeText}`;
  const rows = data.groups.map((g, i) => [label(g.key), fmt(values[i] ?? null)]);
  const table = (
    <DataTable caption={`${valueLabel} / ${data.dimension}`} columns={[t.group, valueLabel]} rows={whole === null ? rows : [...rows, [t.overall, fmt(whole)]]} />
  );
  const margin = whole === null ? MARGIN : { ...MARGIN, bottom: MARGIN.bottom + 18 };
  // The dimension of a drill-down: roles are not an account field, so their bars only show their value.
  const dimension = data.dimension === 'role' ? null : data.dimension;
  return (
    <ChartFrame
      chart="segment-bars" {...frameProps(props, t)} margin={margin} summary={summary} height={height}
      empty={empty} emptyText={t.noData} table={table} tooltip={tooltip}
    >
      {({ width, inner }) => {
        const innerWidth = inner.width;
        const innerHeight = inner.height;
        const y = scaleBand<string>({ domain: data.groups.map((g) => g.key), range: [0, innerHeight], padding: 0.2 });
        const x = scaleLinear<number>({ domain: [Math.min(0, ...scaleValues), Math.max(0, ...scaleValues)], range: [0, innerWidth], nice: true });
        const zero = finite(x(0));
        return (
          <svg {...svgSize(width, height)} className="cskit-svg">
            <Group left={margin.left} top={margin.top}>
              {whole === null ? null : (
                <g className="cskit-overall" aria-hidden="true">
                  <Line from={{ x: finite(x(whole)), y: -4 }} to={{ x: finite(x(whole)), y: innerHeight }} strokeDasharray="4 3" strokeWidth={1.5} style={{ stroke: COLORS.fg }} />
                  <text x={finite(x(whole))} y={innerHeight + 4} dy="0.71em" textAnchor="middle" fontSize={11} style={{ fill: COLORS.fg }}>
                    {`${t.overall} ${markFmt(whole)}`}
                  </text>
                </g>
              )}
              {data.groups.map((group, i) => {
                const v = values[i] ?? null;
                const barY = finite(y(group.key) ?? 0);
                const end = v === null ? zero : finite(x(v));
                const text = `${label(group.key)}: ${fmt(v)}`;
                return (
                  <g key={group.key}>
                    <text pointerEvents="none" x={-8} y={barY + y.bandwidth() / 2} dy="0.35em" textAnchor="end" fontSize={12} style={{ fill: COLORS.fg }} aria-hidden="true">
                      {label(group.key)}
                    </text>
                    <Bar
                      x={Math.min(zero, end)} y={barY} width={Math.max(1, Math.abs(end - zero))} height={length(y.bandwidth())} rx={2}
                      style={{ fill: v !== null && v < 0 ? NEGATIVE_COLOR : BAR_COLOR }}
                      {...markProps({
                        label: text,
                        onActivate: onSelect && dimension
                          ? () => onSelect({ label: `${dimension}: ${label(group.key)}`, source: 'segment-bars', target: { kind: 'group', dimension, key: group.key } })
                          : undefined,
                        onShow: () => show(MARGIN.left + Math.max(zero, end), MARGIN.top + barY, text),
                        onHide: hide,
                      })}
                    />
                    <text
                      pointerEvents="none" x={Math.max(zero, end) + 4} y={barY + y.bandwidth() / 2} dy="0.35em" fontSize={11} aria-hidden="true"
                      // A halo in the background color keeps the value readable where the overall line crosses it.
                      style={{ fill: COLORS.muted, stroke: COLORS.bg, strokeWidth: 3, paintOrder: 'stroke' }}
                    >
                      {markFmt(v)}
                    </text>
                  </g>
                );
              })}
              <Line from={{ x: zero, y: 0 }} to={{ x: zero, y: innerHeight }} style={{ stroke: COLORS.muted }} aria-hidden="true" />
            </Group>
          </svg>
        );
      }}
    </ChartFrame>
  );
}
