import type { AttributionField, CsAttribution } from '@cskit/metrics';
import type { DrillDown } from '@cskit/react';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '../internal/scales.js';
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

export interface AttributionBarsProps extends ChartBaseProps {
  data?: CsAttribution | undefined;
  /** Called with one figure (its accounts are resolved by `useDrillDown`). */
  onSelect?: (drill: DrillDown) => void;
}

type Section = 'retain' | 'expand' | 'land';
const SECTIONS: ReadonlyArray<{ section: Section; fields: readonly AttributionField[] }> = [
  { section: 'retain', fields: ['savedRenewalArr', 'wonRenewalArr', 'optOutRetainedArr'] },
  { section: 'expand', fields: ['csqlArr', 'savedWonExpansionArr', 'pocArr'] },
  { section: 'land', fields: ['referralArr', 'premiumServicesArr', 'assistedSalesArr'] },
];
/** Three shades per section, dark to light, so stacked parts differ in lightness as well as hue. */
const SHADES = [cssVar('attribution-1', '#0072b2'), cssVar('attribution-2', '#56b4e9'), cssVar('attribution-3', '#b3dcf5')];
const MARGIN = { top: 8, right: 88, bottom: 8, left: 72 };


/**
 * Draws the chart from `data`; its loading state while `data` is undefined, its error state with `error`, and inside a
 * `CsKitProvider` without a `data` prop its own metric (`csAttribution`) from the Provider's source (`defineChart`).
 */
export const AttributionBars = defineChart<AttributionBarsProps, 'csAttribution'>({
  name: 'attribution-bars',
  height: 200,
  Chart: AttributionBarsChart,
  metric: 'csAttribution',
});

/** One stacked bar per section (retain, expand, land) of CS-attributed ARR; the CSQA count is printed, not drawn. */
function AttributionBarsChart({ data, onSelect, height = 200, ...props }: Loaded<AttributionBarsProps>) {
  const { f, t } = useChart(props);
  const { tooltip, show, hide } = useTooltip();
  const totals = SECTIONS.map(({ section }) => data[section].total);
  const empty = totals.every((total) => total === 0) && data.csqaCount === 0;
  const period = f.period(data.period);
  const summary = `${props.title ?? t.chartTitles.attribution}, ${period}: ${SECTIONS.map(({ section, fields }) =>
    `${t.attribution[section]} ${f.currency(data[section].total)} (${fields.map((field) => `${t.attribution[field]} ${f.currency(data[field])}`).join(', ')})`).join('; ')}; ${t.attribution.csqaCount} ${f.number(data.csqaCount, 0)}.`;
  const table = (
    <DataTable
      caption={`${t.chartTitles.attribution}, ${period}`}
      columns={[t.group, t.value]}
      rows={[
        ...SECTIONS.flatMap(({ section, fields }) => [
          [t.attribution[section], f.currency(data[section].total)],
          ...fields.map((field) => [`${t.attribution[section]} · ${t.attribution[field]}`, f.currency(data[field])]),
        ]),
        [t.attribution.csqaCount, f.number(data.csqaCount, 0)],
      ]}
    />
  );
  return (
    <ChartFrame
      chart="attribution-bars" {...frameProps(props, t)} margin={MARGIN} summary={summary} height={height}
      empty={empty} emptyText={t.noData} table={table} tooltip={tooltip}
      legend={<p className="cskit-note">{`${t.attribution.csqaCount}: ${f.number(data.csqaCount, 0)}`}</p>}
    >
      {({ width, inner }) => {
        const innerWidth = inner.width;
        const innerHeight = inner.height;
        const y = scaleBand<string>({ domain: SECTIONS.map((s) => s.section), range: [0, innerHeight], padding: 0.25 });
        const x = scaleLinear<number>({ domain: [0, Math.max(1, ...totals)], range: [0, innerWidth] });
        return (
          <svg {...svgSize(width, height)} className="cskit-svg">
            <Group left={MARGIN.left} top={MARGIN.top}>
              {SECTIONS.map(({ section, fields }) => {
                const barY = finite(y(section) ?? 0);
                let left = 0;
                return (
                  <g key={section}>
                    <text pointerEvents="none" x={-8} y={barY + y.bandwidth() / 2} dy="0.35em" textAnchor="end" fontSize={12} fontWeight={600} style={{ fill: COLORS.fg }} aria-hidden="true">
                      {t.attribution[section]}
                    </text>
                    {fields.map((field, i) => {
                      const w = length(finite(x(data[field])));
                      const start = left;
                      left += w;
                      if (data[field] <= 0) return null;
                      const text = `${t.attribution[section]} · ${t.attribution[field]}: ${f.currency(data[field])}`;
                      return (
                        <g key={field}>
                          <g
                            {...markProps({
                              label: text,
                              onActivate: onSelect ? () => onSelect({ label: t.attribution[field], source: 'attribution-bars', target: { kind: 'attribution', field } }) : undefined,
                              onShow: () => show(MARGIN.left + start + w / 2, MARGIN.top + barY, text),
                              onHide: hide,
                            })}
                          >
                            <rect x={start} y={barY} width={w} height={length(y.bandwidth())} style={{ fill: SHADES[i] ?? SHADES[0] }} />
                          </g>
                          {w > 96 ? (
                            <text pointerEvents="none" x={start + 6} y={barY + y.bandwidth() / 2} dy="0.35em" fontSize={11} className="cskit-on-mark" aria-hidden="true">
                              {t.attribution[field]}
                            </text>
                          ) : null}
                        </g>
                      );
                    })}
                    <text pointerEvents="none" x={left + 6} y={barY + y.bandwidth() / 2} dy="0.35em" fontSize={11} style={{ fill: COLORS.muted }} aria-hidden="true">
                      {f.compactCurrency(data[section].total)}
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

