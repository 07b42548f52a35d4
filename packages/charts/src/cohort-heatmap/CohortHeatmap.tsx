import type { CohortMeasure, Cohorts } from '@cskit/metrics';
import type { DrillDown } from '@cskit/react';
import { Group } from '@visx/group';
import { scaleBand } from '../internal/scales.js';
import { fitBandLabels } from '../internal/Axis.js';
import { ChartFrame, frameProps, svgSize } from '../internal/ChartFrame.js';
import { defineChart } from '../internal/define-chart.js';
import type { Loaded } from '../internal/ChartLoading.js';
import { DataTable } from '../internal/DataTable.js';
import { markProps } from '../internal/marks.js';
import { finite, length } from '../internal/numbers.js';
import { COLORS, rampColor, rampTextColor } from '../internal/theme.js';
import { useTooltip } from '../internal/tooltip.js';
import { useChart } from '../internal/use-chart.js';
import type { ChartBaseProps } from '../internal/use-chart.js';

export interface CohortHeatmapProps extends ChartBaseProps {
  /** Inside a Provider without `data`: which cohorts to read (default `logo`). */
  measure?: CohortMeasure;
  data?: Cohorts | undefined;
  /** Called with a cohort (its accounts are resolved by `useDrillDown`). */
  onSelect?: (drill: DrillDown) => void;
}

const MARGIN = { top: 24, right: 16, bottom: 8, left: 120 };


/**
 * Draws the chart from `data`; its loading state while `data` is undefined, its error state with `error`, and inside a
 * `CsKitProvider` without a `data` prop its own metric (`cohorts`) from the Provider's source (`defineChart`).
 */
export const CohortHeatmap = defineChart<CohortHeatmapProps, 'cohorts'>({
  name: 'cohort-heatmap',
  height: 260,
  Chart: CohortHeatmapChart,
  metric: 'cohorts',
  select: (cohorts, props) => cohorts[props.measure ?? 'logo'],
  selectKey: (props) => props.measure ?? 'logo',
});

/**
 * Rows are signing-month cohorts, columns months since signing; each cell's shade and printed value are the
 * share retained (logo), ARR kept (arr) or mean activity rate (activity). Cells past the period are absent.
 */
function CohortHeatmapChart({ data, onSelect, height: givenHeight, ...props }: Loaded<CohortHeatmapProps>) {
  const { f, t } = useChart(props);
  const { tooltip, show, hide } = useTooltip();
  const maxOffset = data.cohorts.reduce((max, row) => Math.max(max, row.cells.length - 1), 0);
  const offsets = Array.from({ length: maxOffset + 1 }, (_, k) => k);
  const height = givenHeight ?? Math.max(120, MARGIN.top + MARGIN.bottom + data.cohorts.length * 26);
  const empty = data.cohorts.every((row) => row.size === 0);
  // `arr` can exceed 1 (expansion); the shade saturates at 100%, the printed value does not.
  const shade = (value: number | null) => (value === null ? 0 : Math.min(1, value));
  const cellText = (value: number | null) => f.percent(value, 0);
  const first = data.cohorts[0];
  const summary = `${props.title ?? t.chartTitles.cohorts} (${data.measure}), ${f.period(data)}: ${data.cohorts.length} ${t.cohort}${
    first ? `; ${f.month(first.cohort)}: ${first.cells.map((c) => `${t.offset(c.offset)} ${cellText(c.value)}`).join(', ')}` : ''}.`;
  const table = (
    <DataTable
      caption={`${t.chartTitles.cohorts} (${data.measure})`}
      columns={[t.cohort, t.size, ...offsets.map((k) => t.offset(k))]}
      rows={data.cohorts.map((row) => [f.month(row.cohort), f.number(row.size, 0), ...offsets.map((k) => (row.cells[k] ? cellText(row.cells[k].value) : ''))])}
    />
  );
  return (
    <ChartFrame
      chart="cohort-heatmap" {...frameProps(props, t)} margin={MARGIN} summary={summary} height={height}
      empty={empty} emptyText={t.noData} table={table} tooltip={tooltip}
    >
      {({ width, inner }) => {
        const innerWidth = inner.width;
        const innerHeight = inner.height;
        const x = scaleBand<number>({ domain: offsets, range: [0, innerWidth], padding: 0.04 });
        const y = scaleBand<string>({ domain: data.cohorts.map((row) => row.cohort), range: [0, innerHeight], padding: 0.06 });
        const showText = x.bandwidth() >= 30 && y.bandwidth() >= 14;
        // Column headers that do not fit their column are thinned to every k-th (each stays in the tooltip and table).
        const headers = fitBandLabels(offsets.map((k) => t.offset(k)), x.step());
        return (
          <svg {...svgSize(width, height)} className="cskit-svg">
            <Group left={MARGIN.left} top={MARGIN.top}>
              {offsets.map((k, i) => (headers[i] ? (
                <text pointerEvents="none" key={k} x={finite(x(k) ?? 0) + x.bandwidth() / 2} y={-8} textAnchor="middle" fontSize={10} style={{ fill: COLORS.muted }} aria-hidden="true">
                  {(headers[i] as string[]).join(' ')}
                </text>
              ) : null))}
              {data.cohorts.map((row) => {
                const rowY = finite(y(row.cohort) ?? 0);
                const select = onSelect && row.size > 0
                  ? () => onSelect({ label: `${t.cohort} ${f.month(row.cohort)}`, source: 'cohort-heatmap', target: { kind: 'cohort', cohort: row.cohort } })
                  : undefined;
                const rowText = `${t.cohort} ${f.month(row.cohort)}: ${f.number(row.size, 0)} ${t.accounts}`;
                return (
                  <g key={row.cohort}>
                    <text
                      x={-8} y={rowY + y.bandwidth() / 2} dy="0.35em" textAnchor="end" fontSize={11} style={{ fill: COLORS.fg }}
                      {...markProps({ label: rowText, onActivate: select, onShow: () => show(MARGIN.left, MARGIN.top + rowY, rowText), onHide: hide })}
                    >
                      {`${f.month(row.cohort)} (${f.number(row.size, 0)})`}
                    </text>
                    {row.cells.map((cell) => {
                      const cellX = finite(x(cell.offset) ?? 0);
                      const text = `${f.month(row.cohort)}, ${t.offset(cell.offset)} (${f.month(cell.month)}): ${cellText(cell.value)}`;
                      return (
                        <g key={cell.offset} onClick={select} onMouseEnter={() => show(MARGIN.left + cellX + x.bandwidth() / 2, MARGIN.top + rowY, text)} onMouseLeave={hide} className={select ? 'cskit-mark--selectable' : undefined}>
                          <rect
                            x={cellX} y={rowY} width={length(x.bandwidth())} height={length(y.bandwidth())} rx={2}
                            style={{ fill: cell.value === null ? COLORS.empty : rampColor(shade(cell.value)) }}
                          />
                          {showText ? (
                            <text pointerEvents="none" x={cellX + x.bandwidth() / 2} y={rowY + y.bandwidth() / 2} dy="0.35em" textAnchor="middle" fontSize={10} fill={rampTextColor(shade(cell.value))} aria-hidden="true">
                              {cellText(cell.value)}
                            </text>
                          ) : null}
                        </g>
                      );
                    })}
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
