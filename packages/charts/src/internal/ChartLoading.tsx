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
export function ChartLoading({ chart, height, title, width, theme, className, error, onRetry, ...props }: ChartLoadingProps) {
  const { t } = useChart(props);
  const failed = error !== undefined && error !== null;
  const state = failed ? 'cskit-chart--failed' : 'cskit-chart--loading';
  const classes = ['cskit', 'cskit-chart', state, theme === 'dark' ? 'cskit-dark' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <figure
      className={classes} data-chart={chart} aria-busy={failed ? undefined : 'true'} aria-label={title ?? (failed ? t.failed : t.loading)}
      style={width === undefined ? undefined : { width }}
    >
      {title ? <figcaption className="cskit-chart__title">{title}</figcaption> : null}
      <div className={failed ? 'cskit-chart__plot cskit-chart__failed' : 'cskit-chart__plot cskit-skeleton'} style={{ height }}>
        {failed ? (
          <span className="cskit-chart__failure">
            <span role="alert" className="cskit-skeleton__text" title={error.message}>{t.failed}</span>
            {fieldOf(error) ? <span className="cskit-skeleton__text">{` (${fieldOf(error)})`}</span> : null}
            {onRetry ? <button type="button" className="cskit-chart__button" onClick={onRetry}>{t.retry}</button> : null}
          </span>
        ) : <span role="status" className="cskit-skeleton__text">{t.loading}</span>}
      </div>
    </figure>
  );
}

/** The request field a server's 400 named (`CsRemoteError.field`), if any. */
function fieldOf(error: Error): string | undefined {
  const field = (error as { field?: unknown }).field;
  return typeof field === 'string' ? field : undefined;
}

/** A chart's props once its data has arrived. */
export type Loaded<P extends { data?: unknown }> = P & { data: NonNullable<P['data']> };
