import { scaleLinear } from '../internal/scales.js';
import { LinePath } from '@visx/shape';
import { useId } from 'react';
import { finite } from '../internal/numbers.js';
import { COLORS } from '../internal/theme.js';
import { useChart } from '../internal/use-chart.js';
import type { ChartBaseProps } from '../internal/use-chart.js';

export type KpiFormat = 'currency' | 'percent' | 'number' | 'score';

export interface KpiCardData {
  /** The KPI in the period (a `DashboardKpis` field); null when undefined (no denominator). */
  value: number | null;
  /** The same KPI in the comparison period. */
  comparison?: number | null;
  /** Values over the period's months, oldest first, for the sparkline. */
  series?: readonly number[];
}

export interface KpiCardProps extends Omit<ChartBaseProps, 'height'> {
  /** The KPI's name, e.g. "NRR". */
  label: string;
  /** Undefined while the KPI loads (a hook of an asynchronous source): the card keeps its place and says so. */
  data: KpiCardData | undefined;
  format?: KpiFormat;
  /** Whether a rise is good news (ARR, NRR) or bad (accounts at risk). Default 'up'. */
  goodDirection?: 'up' | 'down';
}

/**
 * A value's width in ems, roughly: a wide (CJK) character counts twice. Past `LONG_VALUE` the value is set smaller
 * (`cskit-kpi__value--long`), so that an amount with its unit ("US$8706.1万", "$1,234.5K") stays on one line in a
 * card of 180 px, the dashboard's narrowest, instead of leaving its unit alone on a second line.
 */
function valueWidth(text: string): number {
  let width = 0;
  for (const char of text) width += (char.codePointAt(0) as number) >= 0x2e80 ? 2 : 1;
  return width;
}
const LONG_VALUE = 9;

/**
 * One KPI: its value, the change against the comparison period (an arrow, a sign and words, never color alone;
 * ratios change in percentage points) and a sparkline.
 */
export function KpiCard({ label, data: given, format = 'number', goodDirection = 'up', width, error, onRetry, ...props }: KpiCardProps) {
  const { f, t } = useChart(props);
  const failed = error !== undefined && error !== null;
  const loading = given === undefined && !failed;
  const data: KpiCardData = given ?? { value: null };
  const id = useId();
  const show = (value: number | null | undefined) =>
    format === 'currency' ? f.compactCurrency(value) : format === 'percent' ? f.percent(value) : format === 'score' ? f.score(value) : f.number(value, 1);
  const comparable = data.value !== null && data.comparison !== null && data.comparison !== undefined;
  const delta = comparable ? (data.value as number) - (data.comparison as number) : null;
  const direction = delta === null || delta === 0 ? 'flat' : delta > 0 ? 'up' : 'down';
  const tone = direction === 'flat' ? 'neutral' : direction === goodDirection ? 'good' : 'bad';
  // The delta is as compact as the value beside it; the full amount is its title (and the table's).
  const deltaText = delta === null
    ? t.noComparison
    : format === 'percent' ? f.signedPoints(delta)
      : format === 'currency' ? f.signedCompactCurrency(delta)
        : `${delta > 0 ? '+' : ''}${format === 'score' ? f.score(delta) : f.number(delta, 1)}`;
  const deltaFull = delta !== null && format === 'currency' ? f.signedCurrency(delta) : undefined;
  const arrow = direction === 'up' ? '▲' : direction === 'down' ? '▼' : '■';
  const series = data.series ?? [];
  const sparkWidth = 96;
  const sparkHeight = 28;
  const x = scaleLinear<number>({ domain: [0, Math.max(1, series.length - 1)], range: [0, sparkWidth] });
  const min = Math.min(...series, Infinity);
  const max = Math.max(...series, -Infinity);
  const y = scaleLinear<number>({ domain: min === max ? [min - 1, max + 1] : [min, max], range: [sparkHeight - 2, 2] });
  const shown = failed || loading ? '' : show(data.value);
  const classes = ['cskit', 'cskit-kpi', props.theme === 'dark' ? 'cskit-dark' : '', props.className ?? ''].filter(Boolean).join(' ');
  return (
    <section className={classes} aria-labelledby={`${id}-label`} aria-busy={loading || undefined} style={width === undefined ? undefined : { width }} data-chart="kpi-card">
      <h3 id={`${id}-label`} className="cskit-kpi__label">{label}</h3>
      <p className={valueWidth(shown) > LONG_VALUE ? 'cskit-kpi__value cskit-kpi__value--long' : 'cskit-kpi__value'}>
        {failed ? <span role="alert" className="cskit-skeleton__text" title={error.message}>{t.failed}</span>
          : loading ? <span className="cskit-skeleton__text">{t.loading}</span> : shown}
      </p>
      {failed && onRetry ? <button type="button" className="cskit-chart__button" onClick={onRetry}>{t.retry}</button> : null}
      {loading || failed ? null : delta === null ? (
        // Nothing to compare: no arrow and no "vs comparison period".
        <p className="cskit-kpi__delta cskit-kpi__delta--neutral">{t.noComparison}</p>
      ) : (
        <p className={`cskit-kpi__delta cskit-kpi__delta--${tone}`}>
          <span aria-hidden="true">{arrow} </span>
          <span title={deltaFull}>{deltaText}</span>
          <span className="cskit-kpi__vs"> {t.vsPrevious} ({show(data.comparison)})</span>
        </p>
      )}
      {series.length > 1 ? (
        <svg className="cskit-kpi__spark" width={sparkWidth} height={sparkHeight} aria-hidden="true" focusable="false">
          <LinePath
            data={series.map((value, i) => ({ i, value }))}
            x={(d) => finite(x(d.i))} y={(d) => finite(y(d.value))}
            style={{ stroke: COLORS.line, fill: 'none' }} strokeWidth={1.5}
          />
        </svg>
      ) : null}
    </section>
  );
}
