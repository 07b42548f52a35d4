import { TRANSITION_KINDS, transitionKind } from '@cskit/metrics';
import type { HealthTier, HealthTransitions as HealthTransitionsResult, TransitionKind } from '@cskit/metrics';
import type { DrillDown } from '@cskit/react';
import { Group } from '@visx/group';
import { scaleBand } from '../internal/scales.js';
import { fitBandLabels, labelWidth } from '../internal/Axis.js';
import { ChartFrame, frameProps, svgSize } from '../internal/ChartFrame.js';
import { defineChart } from '../internal/define-chart.js';
import type { Loaded } from '../internal/ChartLoading.js';
import { DataTable } from '../internal/DataTable.js';
import { markProps } from '../internal/marks.js';
import { finite, length } from '../internal/numbers.js';
import { COLORS, TRANSITION_COLORS } from '../internal/theme.js';
import { useTooltip } from '../internal/tooltip.js';
import { useChart } from '../internal/use-chart.js';
import type { ChartBaseProps } from '../internal/use-chart.js';

export interface HealthTransitionsProps extends ChartBaseProps {
  /** `healthTransitions`' result, or a summary's (without the per-account list). */
  data?: Omit<HealthTransitionsResult, 'accounts'> | undefined;
  /** Called with a matrix cell (`{ kind: 'tier-change' }`), or with a transition kind (save, win...). */
  onSelect?: (drill: DrillDown) => void;
}

const MARGIN = { top: 28, right: 8, bottom: 8, left: 104 };
/** Kinds shown as counters above the matrix; `unknown` has no cell in it. */
const COUNTERS: readonly TransitionKind[] = TRANSITION_KINDS;


/**
 * Draws the chart from `data`; its loading state while `data` is undefined, its error state with `error`, and inside a
 * `CsKitProvider` without a `data` prop its own metric (`healthTransitions`) from the Provider's source (`defineChart`).
 */
export const HealthTransitions = defineChart<HealthTransitionsProps, 'healthTransitions'>({
  name: 'health-transitions',
  height: 280,
  Chart: HealthTransitionsChart,
  metric: 'healthTransitions',
});

/** The 4x4 from-tier x to-tier matrix, each cell colored by its kind (save, win, decline, steady) and labelled. */
function HealthTransitionsChart({ data, onSelect, height = 280, ...props }: Loaded<HealthTransitionsProps>) {
  const { f, t } = useChart(props);
  const { tooltip, show, hide } = useTooltip();
  const tiers = data.tiers;
  const matrixTotal = data.matrix.flat().reduce((sum, n) => sum + n, 0);
  const empty = matrixTotal === 0 && data.counts.unknown === 0;
  const period = `${f.month(data.period.from)} → ${f.month(data.period.to)}`;
  const summary = `${props.title ?? t.chartTitles.transitions}, ${period}: ${COUNTERS.map((k) => `${t.transitions[k]} ${f.number(data.counts[k], 0)}`).join(', ')}.`;
  const table = (
    <DataTable
      caption={`${t.chartTitles.transitions}, ${period} (${t.from} \\ ${t.to})`}
      columns={[`${t.from} \\ ${t.to}`, ...tiers.map((tier) => t.tiers[tier])]}
      rows={tiers.map((from, r) => [t.tiers[from], ...tiers.map((_, c) => f.number(data.matrix[r]?.[c] ?? 0, 0))])}
    />
  );
  const select = (label: string, drill: DrillDown['target']) => onSelect?.({ label, source: 'health-transitions', target: drill });
  return (
    <ChartFrame
      chart="health-transitions" {...frameProps(props, t)} margin={MARGIN} summary={summary} height={height}
      empty={empty} emptyText={t.noData} table={table} tooltip={tooltip}
    >
      {({ width, inner }) => {
        // The counters in as few rows as lets every one's text fit its chip (5, 3, 2 or 1 per row).
        const chipText = (kind: (typeof COUNTERS)[number]) => `${t.transitions[kind]}: ${f.number(data.counts[kind], 0)}`;
        const widestChip = Math.max(...COUNTERS.map((kind) => labelWidth(chipText(kind), 12)));
        const perRow = [5, 3, 2, 1].find((n) => (width / n) * 0.92 - 8 >= widestChip) ?? 1;
        const chipRows = Math.ceil(COUNTERS.length / perRow);
        const counterHeight = chipRows * 34 + 2;
        const innerWidth = inner.width;
        const innerHeight = length(height - MARGIN.top - MARGIN.bottom - counterHeight);
        const columns = scaleBand<string>({ domain: [...tiers], range: [0, innerWidth], padding: 0.06 });
        const rows = scaleBand<string>({ domain: [...tiers], range: [0, innerHeight], padding: 0.06 });
        const counter = scaleBand<number>({ domain: Array.from({ length: perRow }, (_, i) => i), range: [0, width], padding: 0.08 });
        // Column headers wrap, or thin, to fit their column; a wrapped header rises so it never meets the cells.
        const headers = fitBandLabels(tiers.map((tier) => `→ ${t.tiers[tier]}`), columns.step());
        return (
          <svg {...svgSize(width, height)} className="cskit-svg">
            {COUNTERS.map((kind, i) => {
              const cx = finite(counter(i % perRow) ?? 0);
              const cy = Math.floor(i / perRow) * 34;
              const text = chipText(kind);
              return (
                <g key={kind}>
                  <g
                    {...markProps({
                      label: text,
                      onActivate: onSelect && data.counts[kind] > 0 ? () => select(t.transitions[kind], { kind: 'transition', transition: kind }) : undefined,
                      onShow: () => show(cx + counter.bandwidth() / 2, cy, text),
                      onHide: hide,
                    })}
                  >
                    <rect x={cx} y={cy} width={length(counter.bandwidth())} height={28} rx={4} style={{ fill: TRANSITION_COLORS[kind], fillOpacity: 0.25, stroke: TRANSITION_COLORS[kind] }} />
                  </g>
                  <text pointerEvents="none" x={cx + counter.bandwidth() / 2} y={cy + 18} textAnchor="middle" fontSize={12} style={{ fill: COLORS.fg }} aria-hidden="true">{text}</text>
                </g>
              );
            })}
            <Group left={MARGIN.left} top={MARGIN.top + counterHeight}>
              {tiers.map((tier, i) => {
                const lines = headers[i];
                if (!lines) return null;
                const x = finite(columns(tier) ?? 0) + columns.bandwidth() / 2;
                return (
                  <text pointerEvents="none" key={`c-${tier}`} x={x} y={-8 - 12 * (lines.length - 1)} textAnchor="middle" fontSize={11} style={{ fill: COLORS.muted }} aria-hidden="true">
                    {lines.map((line, l) => <tspan key={l} x={x} dy={l === 0 ? 0 : 12}>{line}</tspan>)}
                  </text>
                );
              })}
              {tiers.map((from: HealthTier, r) => (
                <g key={from}>
                  <text pointerEvents="none" x={-8} y={finite(rows(from) ?? 0) + rows.bandwidth() / 2} dy="0.35em" textAnchor="end" fontSize={11} style={{ fill: COLORS.muted }} aria-hidden="true">
                    {t.tiers[from]}
                  </text>
                  {tiers.map((to: HealthTier, c) => {
                    const count = data.matrix[r]?.[c] ?? 0;
                    const kind = transitionKind(from, to);
                    const cellX = finite(columns(to) ?? 0);
                    const cellY = finite(rows(from) ?? 0);
                    const text = `${t.tiers[from]} → ${t.tiers[to]}: ${f.number(count, 0)} (${t.transitions[kind]})`;
                    return (
                      <g key={to}>
                        <g
                          {...markProps({
                            label: text,
                            onActivate: onSelect && count > 0 ? () => select(`${t.tiers[from]} → ${t.tiers[to]}`, { kind: 'tier-change', fromTier: from, toTier: to }) : undefined,
                            onShow: () => show(MARGIN.left + cellX + columns.bandwidth() / 2, MARGIN.top + counterHeight + cellY, text),
                            onHide: hide,
                          })}
                        >
                          <rect
                            x={cellX} y={cellY} width={length(columns.bandwidth())} height={length(rows.bandwidth())} rx={3}
                            style={{ fill: TRANSITION_COLORS[kind], fillOpacity: count === 0 ? 0.06 : 0.2 + 0.6 * (count / Math.max(1, matrixTotal)) ** 0.5 }}
                          />
                        </g>
                        <text pointerEvents="none" x={cellX + columns.bandwidth() / 2} y={cellY + rows.bandwidth() / 2} dy="0.35em" textAnchor="middle" fontSize={12} className="cskit-on-mark" aria-hidden="true">
                          {f.number(count, 0)}
                        </text>
                      </g>
                    );
                  })}
                </g>
              ))}
            </Group>
          </svg>
        );
      }}
    </ChartFrame>
  );
}
