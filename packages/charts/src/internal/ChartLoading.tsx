import type { ChartBaseProps } from './use-chart.js';
import { useChart } from './use-chart.js';

export interface ChartLoadingProps extends ChartBaseProps {
  /** The chart's machine name (`data-chart`), as it will be once loaded. */
  chart: string;
  height: number;
}

/**
 * What a chart shows before its data arrives (a hook of an asynchronous source answers `undefined` at first): its
 * frame at its final size, so nothing jumps when the data lands, and a status that says it is loading.
 */
export function ChartLoading({ chart, height, title, width, theme, className, ...props }: ChartLoadingProps) {
  const { t } = useChart(props);
  const classes = ['cskit', 'cskit-chart', 'cskit-chart--loading', theme === 'dark' ? 'cskit-dark' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <figure className={classes} data-chart={chart} aria-busy="true" aria-label={title ?? t.loading} style={width === undefined ? undefined : { width }}>
      {title ? <figcaption className="cskit-chart__title">{title}</figcaption> : null}
      <div className="cskit-chart__plot cskit-skeleton" style={{ height }}>
        <span role="status" className="cskit-skeleton__text">{t.loading}</span>
      </div>
    </figure>
  );
}

/** A chart's props once its data has arrived. */
export type Loaded<P extends { data?: unknown }> = P & { data: NonNullable<P['data']> };
