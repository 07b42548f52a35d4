import type { ArrWaterfall as ArrWaterfallResult, MovementKind } from '@cskit/metrics';
import type { DrillDown } from '@cskit/react';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { Bar, Line } from '@visx/shape';
import { useMemo } from 'react';
import { ChartFrame } from '../internal/ChartFrame.js';
import { DataTable } from '../internal/DataTable.js';
import { Axis } from '../internal/Axis.js';
import { markProps } from '../internal/marks.js';
import { finite, length } from '../internal/numbers.js';
import { COLORS, MOVEMENT_COLORS } from '../internal/theme.js';
import { useTooltip } from '../internal/tooltip.js';
import { useChart } from '../internal/use-chart.js';
import type { ChartBaseProps } from '../internal/use-chart.js';

export interface ArrWaterfallProps extends ChartBaseProps {
  data: ArrWaterfallResult;
  /** Called with the accounts behind a movement bar when it is clicked or activated by keyboard. */
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

export function ArrWaterfall({ data, onSelect, height = 320, ...props }: ArrWaterfallProps) {
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
  const movers = useMemo(() => {
    const byKind = new Map<MovementKind, Set<string>>();
    for (const movement of data.movements) {
      let ids = byKind.get(movement.kind);
      if (!ids) byKind.set(movement.kind, (ids = new Set()));
      ids.add(movement.accountId);
    }
    return byKind;
  }, [data.movements]);

  const empty = steps.every((step) => step.amount === 0);
  const period = `${f.month(data.period.from)} – ${f.month(data.period.to)}`;
  const summary = `${props.title ?? t.chartTitles.waterfall}, ${period}: ${steps
    .map((step) => `${step.label} ${step.key === 'opening' || step.key === 'closing' ? f.currency(step.amount) : f.signedCurrency(step.amount)}`)
    .join(', ')}; ${t.netNew} ${f.signedCurrency(data.netNew)}.`;

  const table = (
    <DataTable
      caption={`${t.chartTitles.waterfall}, ${period}`}
      columns={[t.value, t.arr, t.closing]}
      rows={steps.map((step) => [step.label, f.currency(step.amount), f.currency(step.to)])}
    />
  );

  return (
    <ChartFrame
      chart="arr-waterfall" title={props.title} summary={summary} width={props.width} height={height} theme={props.theme}
      className={props.className} empty={empty} emptyText={t.noData} table={table} tooltip={tooltip}
    >
      {({ width }) => {
        const innerWidth = length(width - MARGIN.left - MARGIN.right);
        const innerHeight = length(height - MARGIN.top - MARGIN.bottom);
        const values = steps.flatMap((step) => [step.from, step.to]);
        const x = scaleBand<string>({ domain: steps.map((s) => s.key), range: [0, innerWidth], padding: 0.25 });
        const y = scaleLinear<number>({ domain: [Math.min(0, ...values), Math.max(0, ...values)], range: [innerHeight, 0], nice: true });
        return (
          <svg width={width} height={height} className="cskit-svg">
            <Group left={MARGIN.left} top={MARGIN.top}>
              <Line from={{ x: 0, y: finite(y(0)) }} to={{ x: innerWidth, y: finite(y(0)) }} style={{ stroke: COLORS.grid }} />
              {steps.map((step, i) => {
                const top = finite(y(Math.max(step.from, step.to)));
                const bottom = finite(y(Math.min(step.from, step.to)));
                const barX = finite(x(step.key) ?? 0);
                const isTotal = step.key === 'opening' || step.key === 'closing';
                const color = isTotal ? COLORS.total : MOVEMENT_COLORS[step.key as MovementKind];
                const ids = isTotal ? undefined : movers.get(step.key as MovementKind);
                const text = `${step.label}: ${isTotal ? f.currency(step.amount) : f.signedCurrency(step.amount)}${ids ? `, ${ids.size} ${t.accounts}` : ''}`;
                const next = steps[i + 1];
                return (
                  <g key={step.key}>
                    <Bar
                      x={barX} y={top} width={length(x.bandwidth())} height={Math.max(1, bottom - top)} rx={2}
                      style={{ fill: color }}
                      {...markProps({
                        label: text,
                        onActivate: onSelect && ids && ids.size > 0
                          ? () => onSelect({ label: step.label, source: 'arr-waterfall', target: { kind: 'accounts', accountIds: [...ids] } })
                          : undefined,
                        onShow: () => show(MARGIN.left + barX + x.bandwidth() / 2, MARGIN.top + top, text),
                        onHide: hide,
                      })}
                    />
                    {next && next.key !== 'closing' ? (
                      <Line
                        from={{ x: barX + x.bandwidth(), y: finite(y(step.to)) }}
                        to={{ x: finite(x(next.key) ?? 0), y: finite(y(step.to)) }}
                        style={{ stroke: COLORS.muted }} strokeDasharray="2,2" aria-hidden="true"
                      />
                    ) : null}
                    <text pointerEvents="none"
                      x={barX + x.bandwidth() / 2} y={Math.max(10, top - 4)} textAnchor="middle" fontSize={11}
                      style={{ fill: COLORS.fg }} aria-hidden="true"
                    >
                      {isTotal ? f.compactCurrency(step.amount) : `${step.amount >= 0 ? '+' : ''}${f.compactCurrency(step.amount)}`}
                    </text>
                  </g>
                );
              })}
              <Axis orientation="left" scale={y} numTicks={5} tickFormat={(value) => f.compactCurrency(Number(value))} />
              <Axis orientation="bottom" top={innerHeight} scale={x} tickFormat={(key) => steps.find((s) => s.key === key)?.label ?? String(key)} />
            </Group>
          </svg>
        );
      }}
    </ChartFrame>
  );
}
