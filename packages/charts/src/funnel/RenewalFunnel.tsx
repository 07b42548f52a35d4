import type { RenewalFunnel as RenewalFunnelResult } from '@cskit/metrics';
import type { DrillDown } from '@cskit/react';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '../internal/scales.js';
import { Bar } from '@visx/shape';
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

export interface RenewalFunnelProps extends ChartBaseProps {
  data?: RenewalFunnelResult | undefined;
  /** Called with a stage (its accounts are resolved by `useDrillDown`). */
  onSelect?: (drill: DrillDown) => void;
}

const STAGE_COLOR = cssVar('funnel', '#0072b2');
const MARGIN = { top: 8, right: 16, bottom: 8, left: 96 };


/**
 * Draws the chart from `data`; its loading state while `data` is undefined, its error state with `error`, and inside a
 * `CsKitProvider` without a `data` prop its own metric (`renewalFunnel`) from the Provider's source (`defineChart`).
 */
export const RenewalFunnel = defineChart<RenewalFunnelProps, 'renewalFunnel'>({
  name: 'renewal-funnel',
  height: 240,
  Chart: RenewalFunnelChart,
  metric: 'renewalFunnel',
});

/** Horizontal bars, one per stage, as wide as the stage's contract count, centred like a funnel. */
function RenewalFunnelChart({ data, onSelect, height = 240, ...props }: Loaded<RenewalFunnelProps>) {
  const { f, t } = useChart(props);
  const { tooltip, show, hide } = useTooltip();
  const first = data.stages[0];
  const empty = !first || first.count === 0;
  const period = f.period(data.period);
  const describe = (stage: RenewalFunnelResult['stages'][number]) =>
    `${t.stages[stage.stage]}: ${f.number(stage.count, 0)}, ${t.dueArr} ${f.currency(stage.dueArr)}, ${t.renewalArr} ${f.currency(stage.renewalArr)}, ${t.conversion} ${f.percent(stage.conversion)}`;
  const summary = `${props.title ?? t.chartTitles.funnel}, ${period}: ${data.stages.map(describe).join('; ')}.`;
  const table = (
    <DataTable
      caption={`${t.chartTitles.funnel}, ${period}`}
      columns={[t.value, t.count, t.dueArr, t.renewalArr, t.conversion]}
      rows={data.stages.map((s) => [t.stages[s.stage], f.number(s.count, 0), f.currency(s.dueArr), f.currency(s.renewalArr), f.percent(s.conversion)])}
    />
  );
  return (
    <ChartFrame
      chart="renewal-funnel" {...frameProps(props, t)} margin={MARGIN} summary={summary} height={height}
      empty={empty} emptyText={t.noData} table={table} tooltip={tooltip}
    >
      {({ width, inner }) => {
        const innerWidth = inner.width;
        const innerHeight = inner.height;
        const y = scaleBand<string>({ domain: data.stages.map((s) => s.stage), range: [0, innerHeight], padding: 0.2 });
        const x = scaleLinear<number>({ domain: [0, Math.max(1, first?.count ?? 1)], range: [0, innerWidth] });
        return (
          <svg {...svgSize(width, height)} className="cskit-svg">
            <Group left={MARGIN.left} top={MARGIN.top}>
              {data.stages.map((stage, i) => {
                const barWidth = Math.max(2, length(x(stage.count)));
                const barX = (innerWidth - barWidth) / 2;
                const barY = finite(y(stage.stage) ?? 0);
                const text = describe(stage);
                return (
                  <g key={stage.stage}>
                    <text pointerEvents="none" x={-8} y={barY + y.bandwidth() / 2} dy="0.35em" textAnchor="end" fontSize={12} style={{ fill: COLORS.fg }} aria-hidden="true">
                      {t.stages[stage.stage]}
                    </text>
                    <Bar
                      x={barX} y={barY} width={barWidth} height={length(y.bandwidth())} rx={3}
                      style={{ fill: STAGE_COLOR, fillOpacity: 1 - i * 0.18 }}
                      {...markProps({
                        label: text,
                        onActivate: onSelect && stage.count > 0
                          ? () => onSelect({ label: t.stages[stage.stage], source: 'renewal-funnel', target: { kind: 'renewal-stage', stage: stage.stage } })
                          : undefined,
                        onShow: () => show(MARGIN.left + innerWidth / 2, MARGIN.top + barY, text),
                        onHide: hide,
                      })}
                    />
                    <text
                      x={innerWidth / 2} y={barY + y.bandwidth() / 2} dy="0.35em" textAnchor="middle" fontSize={12}
                      className="cskit-on-mark" aria-hidden="true"
                    >
                      {`${f.number(stage.count, 0)} · ${f.compactCurrency(stage.stage === 'due' ? stage.dueArr : stage.renewalArr)}${i > 0 ? ` · ${f.percent(stage.conversion, 0)}` : ''}`}
                    </text>
                  </g>
                );
              })}
            </Group>
          </svg>
        );
      }}
    </ChartFrame>
  );
}
