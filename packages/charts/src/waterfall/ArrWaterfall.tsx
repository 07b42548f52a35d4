import { MOVEMENT_KINDS } from '@cskit/metrics';
import type { ArrWaterfall as ArrWaterfallResult, ArrWaterfallSummary, MovementKind } from '@cskit/metrics';
import type { DrillDown } from '@cskit/react';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '../internal/scales.js';
import { Bar, Line } from '@visx/shape';
import { useMemo } from 'react';
import { ChartFrame, frameProps, svgSize } from '../internal/ChartFrame.js';
import { defineChart } from '../internal/define-chart.js';
import type { Loaded } from '../internal/ChartLoading.js';
import { DataTable } from '../internal/DataTable.js';
import { Axis, bandLabelLayout, fitsBand, sideAxisRoom, STAGGER_ROW } from '../internal/Axis.js';
import { markProps } from '../internal/marks.js';
import { finite, length } from '../internal/numbers.js';
import { COLORS, MOVEMENT_COLORS } from '../internal/theme.js';
import { useTooltip } from '../internal/tooltip.js';
import { useChart } from '../internal/use-chart.js';
import type { ChartBaseProps } from '../internal/use-chart.js';

export interface ArrWaterfallProps extends ChartBaseProps {
  /** `arrMovements`' result, or a summary's waterfall (`useArrWaterfall`): movements or their account counts. */
  data?: ArrWaterfallResult | ArrWaterfallSummary | undefined;
  /** Called with the movement behind a bar (`{ kind: 'movement' }`) when it is clicked or activated by keyboard. */
  onSelect?: (drill: DrillDown) => void;
}

/** Bar order: ARR added, then ARR lost, between the opening and closing totals. */
const STEPS: readonly MovementKind[] = ['new', 'expansion', 'reactivation', 'contraction', 'churn'];

interface Step {
  key: 'opening' | 'closing' | MovementKind;
  label: string;
  amount: number;
  /** Running ARR before and after the step. */
  from: number;
  to: number;
}

const MARGIN = { top: 16, right: 16, bottom: 36, left: 64 };

/**
 * Where the value axis starts. From zero, unless the movements are small against the totals (their whole range under
 * 35% of the largest value): a few million moving between bars of $80M would be slivers, so the axis is zoomed to
 * start a quarter of the movements' range below their lowest point, and a break is drawn across the axis and the
 * total bars (the summary says where the axis starts).
 */
export function waterfallFloor(steps: readonly Step[]): number {
  const moving = steps.filter((step) => step.key !== 'opening' && step.key !== 'closing').flatMap((step) => [step.from, step.to]);
  const all = steps.flatMap((step) => [step.from, step.to]);
  const lo = Math.min(...moving);
  const hi = Math.max(...all);
  const totals = steps.filter((step) => step.key === 'opening' || step.key === 'closing');
  if (!(lo > 0 && totals.every((step) => step.amount > 0) && hi - lo < 0.35 * hi)) return 0;
  const floor = lo - Math.max((hi - lo) * 0.25, hi * 0.02);
  return floor > 0 ? floor : 0;
}

/** A zigzag across a bar or the axis where the value axis is broken. */
function BreakMark({ x, y, width }: { x: number; y: number; width: number }) {
  const teeth = Math.max(2, Math.round(width / 6));
  const points = Array.from({ length: teeth + 1 }, (_, i) => `${x + (i * width) / teeth},${y + (i % 2 === 0 ? -3 : 3)}`).join(' ');
  return (
    <g aria-hidden="true" className="cskit-axis-break">
      <polyline points={points} fill="none" strokeWidth={5} style={{ stroke: COLORS.bg }} />
      <polyline points={points} fill="none" strokeWidth={1} style={{ stroke: COLORS.muted }} />
    </g>
  );
}

/**
 * Draws the chart from `data`; its loading state while `data` is undefined, its error state with `error`, and inside a
 * `CsKitProvider` without a `data` prop its own metric (`waterfall`) from the Provider's source (`defineChart`).
 */
export const ArrWaterfall = defineChart<ArrWaterfallProps, 'waterfall'>({
  name: 'arr-waterfall',
  height: 320,
  Chart: ArrWaterfallChart,
  metric: 'waterfall',
});


function ArrWaterfallChart({ data, onSelect, height = 320, ...props }: Loaded<ArrWaterfallProps>) {
  const { f, t } = useChart(props);
  const { tooltip, show, hide } = useTooltip();
  const steps = useMemo<Step[]>(() => {
    const result: Step[] = [{ key: 'opening', label: t.opening, amount: data.opening, from: 0, to: data.opening }];
    let running = data.opening;
    for (const kind of STEPS) {
      result.push({ key: kind, label: t.movements[kind], amount: data[kind], from: running, to: running + data[kind] });
      running += data[kind];
    }
    result.push({ key: 'closing', label: t.closing, amount: data.closing, from: 0, to: data.closing });
    return result;
  }, [data, t]);
  // Accounts behind each movement bar: counted by the summary, or from the movements of a full result.
  const movers = useMemo(() => {
    if ('accountsByKind' in data) return data.accountsByKind;
    const byKind = new Map<MovementKind, Set<string>>(MOVEMENT_KINDS.map((kind) => [kind, new Set()]));
    for (const movement of data.movements) byKind.get(movement.kind)?.add(movement.accountId);
    return Object.fromEntries(MOVEMENT_KINDS.map((kind) => [kind, byKind.get(kind)?.size ?? 0])) as Record<MovementKind, number>;
  }, [data]);

  const empty = steps.every((step) => step.amount === 0);
  const floor = empty ? 0 : waterfallFloor(steps);
  const period = f.period(data.period);
  const summary = `${props.title ?? t.chartTitles.waterfall}, ${period}: ${steps
    .map((step) => `${step.label} ${step.key === 'opening' || step.key === 'closing' ? f.currency(step.amount) : f.signedCurrency(step.amount)}`)
    .join(', ')}; ${t.netNew} ${f.signedCurrency(data.netNew)}.${floor > 0 ? ` ${t.axisFrom(f.compactCurrency(floor))}.` : ''}`;

  const table = (
    <DataTable
      caption={`${t.chartTitles.waterfall}, ${period}`}
      columns={[t.value, t.arr, t.closing]}
      rows={steps.map((step) => [step.label, f.currency(step.amount), f.currency(step.to)])}
    />
  );

  return (
    <ChartFrame
      chart="arr-waterfall" {...frameProps(props, t)} summary={summary} height={height}
      empty={empty} emptyText={t.noData} table={table} tooltip={tooltip}
    >
      {({ width }) => {
        const values = steps.flatMap((step) => [step.from, step.to]);
        const yOf = (inner: number) => scaleLinear<number>({
          // Zoomed: headroom over the highest bar for its value label.
          domain: floor > 0 ? [floor, Math.max(...values) + (Math.max(...values) - floor) * 0.08] : [Math.min(0, ...values), Math.max(0, ...values)],
          range: [inner, 0], nice: true,
        });
        const tick = (value: number) => f.compactCurrency(value);
        // The side axis's room from the ticks of a first layout; then the bottom labels' layout for the bands' width.
        const margin = { ...MARGIN, left: Math.max(MARGIN.left, sideAxisRoom(yOf(length(height - MARGIN.top - MARGIN.bottom)).ticks(5).map(tick)).margin) };
        const innerWidth = length(width - margin.left - margin.right);
        const x = scaleBand<string>({ domain: steps.map((s) => s.key), range: [0, innerWidth], padding: 0.25 });
        // Every bar stays named: full labels, else short ones, else short ones on two rows (never thinned).
        const layout = bandLabelLayout(steps.map((s) => s.label), steps.map((s) => t.movementsShort[s.key]), x.step());
        const labelOf = new Map(steps.map((s, i) => [s.key, layout ? layout.labels[i] as string : s.label]));
        const bottom = MARGIN.bottom + (layout?.stagger ? STAGGER_ROW : 0);
        const innerHeight = length(height - MARGIN.top - bottom);
        const y = yOf(innerHeight);
        const base = floor > 0 ? innerHeight : finite(y(0));
        return (
          <svg {...svgSize(width, height)} className="cskit-svg">
            <Group left={margin.left} top={MARGIN.top}>
              <Line from={{ x: 0, y: base }} to={{ x: innerWidth, y: base }} style={{ stroke: COLORS.grid }} />
              {steps.map((step, i) => {
                const top = finite(y(Math.max(step.from, step.to)));
                // A total drawn on a zoomed axis starts at its bottom (the break says it is cut).
                const bottom = floor > 0 && (step.key === 'opening' || step.key === 'closing') ? innerHeight : finite(y(Math.min(step.from, step.to)));
                const barX = finite(x(step.key) ?? 0);
                const isTotal = step.key === 'opening' || step.key === 'closing';
                const color = isTotal ? COLORS.total : MOVEMENT_COLORS[step.key as MovementKind];
                const accounts = isTotal ? undefined : movers[step.key as MovementKind];
                const text = `${step.label}: ${isTotal ? f.currency(step.amount) : f.signedCurrency(step.amount)}${accounts === undefined ? '' : `, ${accounts} ${t.accounts}`}`;
                const next = steps[i + 1];
                const valueLabel = isTotal ? f.compactCurrency(step.amount) : f.signedCompactCurrency(step.amount);
                return (
                  <g key={step.key}>
                    <Bar
                      x={barX} y={top} width={length(x.bandwidth())} height={Math.max(1, bottom - top)} rx={2}
                      style={{ fill: color }}
                      {...markProps({
                        label: text,
                        onActivate: onSelect && accounts !== undefined && accounts > 0
                          ? () => onSelect({ label: step.label, source: 'arr-waterfall', target: { kind: 'movement', movement: step.key as MovementKind } })
                          : undefined,
                        onShow: () => show(margin.left + barX + x.bandwidth() / 2, MARGIN.top + top, text),
                        onHide: hide,
                      })}
                    />
                    {floor > 0 && isTotal ? <BreakMark x={barX - 2} y={innerHeight - 10} width={length(x.bandwidth()) + 4} /> : null}
                    {next && next.key !== 'closing' ? (
                      <Line
                        from={{ x: barX + x.bandwidth(), y: finite(y(step.to)) }}
                        to={{ x: finite(x(next.key) ?? 0), y: finite(y(step.to)) }}
                        style={{ stroke: COLORS.muted }} strokeDasharray="2,2" aria-hidden="true"
                      />
                    ) : null}
                    {/* A value that does not fit over its bar is left to the tooltip and the data table. */}
                    {fitsBand(valueLabel, x.step()) ? (
                      <text pointerEvents="none"
                        x={barX + x.bandwidth() / 2} y={Math.max(10, top - 4)} textAnchor="middle" fontSize={11}
                        style={{ fill: COLORS.fg }} aria-hidden="true"
                      >
                        {valueLabel}
                      </text>
                    ) : null}
                  </g>
                );
              })}
              <Axis orientation="left" scale={y} numTicks={5} tickFormat={(value) => tick(Number(value))} />
              {floor > 0 ? <BreakMark x={-6} y={innerHeight - 10} width={12} /> : null}
              <Axis orientation="bottom" top={innerHeight} scale={x} stagger={layout?.stagger ?? false} tickFormat={(key) => labelOf.get(key as Step['key']) ?? String(key)} />
            </Group>
          </svg>
        );
      }}
    </ChartFrame>
  );
}
