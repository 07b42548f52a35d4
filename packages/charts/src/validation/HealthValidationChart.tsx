import { HEALTH_TIERS } from '@cskit/metrics';
import type { HealthTier, HealthValidation, HealthValidationBucket } from '@cskit/metrics';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '../internal/scales.js';
import { Axis } from '../internal/Axis.js';
import { ChartFrame, frameProps, svgSize } from '../internal/ChartFrame.js';
import { defineChart } from '../internal/define-chart.js';
import type { Loaded } from '../internal/ChartLoading.js';
import { DataTable } from '../internal/DataTable.js';
import { Legend } from '../internal/Legend.js';
import { markProps } from '../internal/marks.js';
import { finite, length } from '../internal/numbers.js';
import { TierPatterns, tierPatternId } from '../internal/patterns.js';
import { COLORS, RATE_COLORS, TIER_COLORS } from '../internal/theme.js';
import { useTooltip } from '../internal/tooltip.js';
import { useChart } from '../internal/use-chart.js';
import type { ChartBaseProps } from '../internal/use-chart.js';

export interface HealthValidationChartProps extends ChartBaseProps {
  /** `healthValidation`'s result (`useHealthValidation`). */
  data?: HealthValidation | undefined;
  /** A renewal-rate goal (e.g. `0.85`), drawn as a dashed line on both panels and named in the legend; none by default. */
  target?: number | null;
  /** The target's words; default "Target". */
  targetLabel?: string;
}

type TierKey = HealthTier | 'unknown';
const TIERS: readonly TierKey[] = [...HEALTH_TIERS, 'unknown'];
const MARGIN = { top: 28, right: 12, bottom: 30, left: 48 };
/** Side by side above this width, else one above the other. */
const TWO_COLUMNS = 560;

/**
 * Draws the chart from `data`; its loading state while `data` is undefined, its error state with `error`, and inside a
 * `CsKitProvider` without a `data` prop its own metric (`healthValidation`) from the Provider's source (`defineChart`).
 */
export const HealthValidationChart = defineChart<HealthValidationChartProps, 'healthValidation'>({
  name: 'health-validation',
  height: 260,
  Chart: HealthValidationPlot,
  metric: 'healthValidation',
});

/**
 * Does the score predict renewals? The renewal rate of the decided contracts by the account's tier in the due month
 * (with how many), and by score decile, lowest scores first; the AUC and whether the rates fall from green to red
 * are in the summary.
 */
function HealthValidationPlot({ data, target = null, targetLabel, ...props }: Loaded<HealthValidationChartProps>) {
  const { f, t } = useChart(props);
  const { tooltip, show, hide } = useTooltip();
  const tiers = TIERS.filter((tier) => data.byTier[tier].count > 0);
  const tierWord = (tier: TierKey) => (tier === 'unknown' ? t.unknownTier : t.tiers[tier]);
  const rate = (b: HealthValidationBucket) => f.percent(b.rate, 0);
  const describeTier = (tier: TierKey) => `${tierWord(tier)} ${rate(data.byTier[tier])} (${t.ofContracts(f.number(data.byTier[tier].renewed, 0), f.number(data.byTier[tier].count, 0))})`;
  const title = props.title ?? t.chartTitles.validation;
  const summary = data.contracts === 0
    ? `${title}: ${t.noData}.`
    : `${title}, ${f.period(data.period)}, ${f.number(data.contracts, 0)} ${t.contracts}: ${t.auc} ${data.auc === null ? '—' : f.number(data.auc, 2)}; ${tiers.map(describeTier).join(', ')}; ${data.monotonic ? t.monotonic : t.notMonotonic}${target === null ? '' : `; ${targetLabel ?? t.target} ${f.percent(target, 0)}`}.`;
  const legend = target === null ? undefined : (
    <Legend items={[{ key: 'target', label: `${targetLabel ?? t.target} ${f.percent(target, 0)}`, color: RATE_COLORS.target, line: { dash: '4,4' } }]} />
  );
  const targetLine = (y: (value: number) => number, width: number) => (target === null ? null : (
    <line x1={0} x2={width} y1={finite(y(target))} y2={finite(y(target))} strokeDasharray="4,4" strokeWidth={1.5} style={{ stroke: RATE_COLORS.target }} aria-hidden="true" />
  ));
  const table = (
    <DataTable
      caption={title}
      columns={[t.group, t.count, t.renewedEarly, t.renewalRate]}
      rows={[
        ...tiers.map((tier) => [tierWord(tier), f.number(data.byTier[tier].count, 0), f.number(data.byTier[tier].renewed, 0), rate(data.byTier[tier])]),
        ...data.byDecile.map((d) => [`${t.decile(d.decile)} (${f.number(d.minScore, 0)}–${f.number(d.maxScore, 0)})`, f.number(d.count, 0), f.number(d.renewed, 0), rate(d)]),
      ]}
    />
  );
  const height = props.height ?? 260;
  return (
    <ChartFrame
      chart="health-validation" {...frameProps(props, t)} summary={summary} height={height}
      empty={data.contracts === 0} emptyText={t.noData} table={table} tooltip={tooltip} legend={legend}
    >
      {({ width, id }) => {
        const columns = width >= TWO_COLUMNS;
        const panelWidth = columns ? width / 2 : width;
        const panelHeight = columns ? height : height / 2;
        const innerWidth = length(panelWidth - MARGIN.left - MARGIN.right);
        const innerHeight = length(panelHeight - MARGIN.top - MARGIN.bottom);
        const y = scaleLinear<number>({ domain: [0, 1], range: [innerHeight, 0] });
        const xTier = scaleBand<TierKey>({ domain: [...tiers], range: [0, innerWidth], padding: 0.3 });
        const xDecile = scaleBand<number>({ domain: data.byDecile.map((d) => d.decile), range: [0, innerWidth], padding: 0.2 });
        const second = columns ? { left: panelWidth + MARGIN.left, top: MARGIN.top } : { left: MARGIN.left, top: panelHeight + MARGIN.top };
        const heading = (text: string) => <text x={0} y={-12} fontSize={12} fontWeight={600} style={{ fill: COLORS.fg }} aria-hidden="true">{text}</text>;
        return (
          <svg {...svgSize(width, height)} className="cskit-svg">
            <TierPatterns prefix={id} />
            <Group left={MARGIN.left} top={MARGIN.top}>
              {heading(t.byTier)}
              {tiers.map((tier) => {
                const b = data.byTier[tier];
                const top = finite(y(b.rate ?? 0));
                const barX = finite(xTier(tier) ?? 0);
                const w = length(xTier.bandwidth());
                const text = `${describeTier(tier)}`;
                const pattern = tier === 'unknown' ? undefined : tierPatternId(id, tier);
                const fill = TIER_COLORS[tier === 'unknown' ? 'unscored' : tier];
                return (
                  <g key={tier} {...markProps({ label: text, onShow: () => show(MARGIN.left + barX + w / 2, MARGIN.top + top, text), onHide: hide })}>
                    <rect x={barX} y={top} width={w} height={length(innerHeight - top)} style={{ fill }} />
                    {pattern ? <rect x={barX} y={top} width={w} height={length(innerHeight - top)} fill={`url(#${pattern})`} /> : null}
                    <text x={barX + w / 2} y={Math.max(10, top - 4)} textAnchor="middle" fontSize={11} style={{ fill: COLORS.fg }}>{rate(b)}</text>
                  </g>
                );
              })}
              {targetLine(y, innerWidth)}
              <Axis orientation="left" scale={y} numTicks={4} tickFormat={(v) => f.percent(Number(v), 0)} />
              <Axis orientation="bottom" top={innerHeight} scale={xTier} tickFormat={(tier) => tierWord(tier as TierKey)} />
            </Group>
            <Group left={second.left} top={second.top}>
              {heading(`${t.byDecile}${data.auc === null ? '' : ` · ${t.auc} ${f.number(data.auc, 2)}`}`)}
              {data.byDecile.map((d) => {
                const top = finite(y(d.rate ?? 0));
                const barX = finite(xDecile(d.decile) ?? 0);
                const w = length(xDecile.bandwidth());
                const text = `${t.decile(d.decile)} (${f.number(d.minScore, 0)}–${f.number(d.maxScore, 0)}): ${rate(d)}, ${t.ofContracts(f.number(d.renewed, 0), f.number(d.count, 0))}`;
                return (
                  <g key={d.decile} {...markProps({ label: text, onShow: () => show(second.left + barX + w / 2, second.top + top, text), onHide: hide })}>
                    <rect x={barX} y={top} width={w} height={length(innerHeight - top)} style={{ fill: COLORS.line }} />
                  </g>
                );
              })}
              {targetLine(y, innerWidth)}
              <Axis orientation="left" scale={y} numTicks={4} tickFormat={(v) => f.percent(Number(v), 0)} />
              <Axis orientation="bottom" top={innerHeight} scale={xDecile} tickFormat={(k) => t.decile(Number(k))} />
            </Group>
          </svg>
        );
      }}
    </ChartFrame>
  );
}
