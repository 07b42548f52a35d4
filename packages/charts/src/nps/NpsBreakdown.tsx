import type { NpsCategory, NpsResult } from '@cskit/metrics';
import type { DrillDown } from '@cskit/react';
import { ChartFrame, frameProps, svgSize } from '../internal/ChartFrame.js';
import { defineChart } from '../internal/define-chart.js';
import type { Loaded } from '../internal/ChartLoading.js';
import { DataTable } from '../internal/DataTable.js';
import { Legend } from '../internal/Legend.js';
import { markProps } from '../internal/marks.js';
import { length } from '../internal/numbers.js';
import { COLORS, cssVar } from '../internal/theme.js';
import { useTooltip } from '../internal/tooltip.js';
import { useChart } from '../internal/use-chart.js';
import type { ChartBaseProps } from '../internal/use-chart.js';

export interface NpsBreakdownProps extends ChartBaseProps {
  data?: NpsResult | undefined;
  /** Called with a category (its accounts are resolved by `useDrillDown`). */
  onSelect?: (drill: DrillDown) => void;
}

const CATEGORIES: readonly NpsCategory[] = ['detractors', 'passives', 'promoters'];
const NPS_COLORS: Record<NpsCategory, string> = {
  detractors: cssVar('nps-detractors', '#d55e00'),
  passives: cssVar('nps-passives', '#bbbbbb'),
  promoters: cssVar('nps-promoters', '#0072b2'),
};


/**
 * Draws the chart from `data`; its loading state while `data` is undefined, its error state with `error`, and inside a
 * `CsKitProvider` without a `data` prop its own metric (`nps`) from the Provider's source (`defineChart`).
 */
export const NpsBreakdown = defineChart<NpsBreakdownProps, 'nps'>({
  name: 'nps-breakdown',
  height: 132,
  Chart: NpsBreakdownChart,
  metric: 'nps',
});

/** The score in large type over one bar split into detractors, passives and promoters, each with its share. */
function NpsBreakdownChart({ data, onSelect, height = 132, ...props }: Loaded<NpsBreakdownProps>) {
  const { f, t } = useChart(props);
  const { tooltip, show, hide } = useTooltip();
  const empty = data.responses === 0;
  const share = (n: number) => (data.responses > 0 ? n / data.responses : 0);
  const describe = (c: NpsCategory) => `${t.nps[c]}: ${f.number(data[c], 0)} (${f.percent(share(data[c]), 0)})`;
  const summary = `${props.title ?? t.chartTitles.nps} ${f.number(data.score, 0)}, ${f.number(data.responses, 0)} ${t.responses}: ${CATEGORIES.map(describe).join(', ')}.`;
  const table = (
    <DataTable
      caption={t.chartTitles.nps}
      columns={[t.group, t.count, t.share]}
      rows={CATEGORIES.map((c) => [t.nps[c], f.number(data[c], 0), f.percent(share(data[c]), 0)])}
    />
  );
  return (
    <ChartFrame
      chart="nps-breakdown" {...frameProps(props, t)} summary={summary} height={height}
      empty={empty} emptyText={t.noData} table={table} tooltip={tooltip}
      legend={<Legend items={CATEGORIES.map((c) => ({ key: c, label: t.nps[c], color: NPS_COLORS[c] }))} />}
    >
      {({ width }) => {
        const barY = 64;
        const barHeight = 36;
        let x = 0;
        return (
          <svg {...svgSize(width, height)} className="cskit-svg">
            <text pointerEvents="none" x={0} y={36} fontSize={32} fontWeight={700} style={{ fill: COLORS.fg }} aria-hidden="true">{f.number(data.score, 0)}</text>
            <text pointerEvents="none" x={0} y={54} fontSize={12} style={{ fill: COLORS.muted }} aria-hidden="true">{`${t.npsScore} · ${f.number(data.responses, 0)} ${t.responses}`}</text>
            {CATEGORIES.map((c) => {
              const w = length(share(data[c]) * width);
              const left = x;
              x += w;
              if (data[c] === 0) return null;
              const text = describe(c);
              return (
                <g key={c}>
                  <g
                    {...markProps({
                      label: text,
                      onActivate: onSelect ? () => onSelect({ label: t.nps[c], source: 'nps-breakdown', target: { kind: 'nps', category: c } }) : undefined,
                      onShow: () => show(left + w / 2, barY, text),
                      onHide: hide,
                    })}
                  >
                    <rect x={left} y={barY} width={w} height={barHeight} style={{ fill: NPS_COLORS[c] }} />
                  </g>
                  {w > 44 ? (
                    <text pointerEvents="none" x={left + w / 2} y={barY + barHeight / 2} dy="0.35em" textAnchor="middle" fontSize={12} className="cskit-on-mark" aria-hidden="true">
                      {f.percent(share(data[c]), 0)}
                    </text>
                  ) : null}
                </g>
              );
            })}
          </svg>
        );
      }}
    </ChartFrame>
  );
}
