import { useId, useRef } from 'react';
import type { ReactNode } from 'react';
import type { ChartImageFormat } from './export.js';
import type { ChartLabels } from './labels.js';
import { length } from './numbers.js';
import { Tooltip } from './tooltip.js';
import type { ChartBaseProps } from './use-chart.js';
import { useWidth } from './use-width.js';
import type { TooltipState } from './tooltip.js';

export interface ChartFrameProps {
  /** Short machine name, e.g. `arr-waterfall`: the wrapper's `data-chart`. */
  chart: string;
  title?: string | undefined;
  /** One or two sentences saying what the chart shows, with its key numbers: the figure's accessible description. */
  summary: string;
  width?: number | undefined;
  height: number;
  theme?: 'light' | 'dark' | undefined;
  className?: string | undefined;
  /** When true the chart shows `emptyText` in place of the graphic. */
  empty: boolean;
  emptyText: string;
  /** The visually hidden data table. */
  table: ReactNode;
  legend?: ReactNode;
  tooltip?: TooltipState | null;
  /** Show the export buttons (with these labels) under the chart. */
  exportable?: boolean | string | undefined;
  labels?: ChartLabels['saveImage'] | undefined;
  /** Space around the plot (axes, labels); the frame hands the chart the plot's size inside it (`inner`). */
  margin?: Margin | undefined;
  /** Draws the graphic at the measured size. */
  children: (size: { width: number; height: number; id: string; inner: { width: number; height: number } }) => ReactNode;
}

export interface Margin { top: number; right: number; bottom: number; left: number }

/** Default width before the container is measured (and in server rendering, where nothing is measured). */
const INITIAL_WIDTH = 640;

/**
 * A chart's SVG fills its box: the box's width comes from CSS (100% of the plot) and its height is fixed, while the
 * drawing is laid out for `width` (the measured width; 640 before measuring, as in server rendering) and scaled into
 * the box by its viewBox. The first paint, the server's HTML and the settled layout therefore have the same boxes;
 * only the drawing's detail changes once the width is measured.
 */
export function svgSize(width: number, height: number) {
  return { width: '100%', height, viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: 'xMinYMin meet' } as const;
}

/** The props every chart hands its frame as they are (title, size, theme, class, export): spread once. */
export function frameProps(props: ChartBaseProps, t: Pick<ChartLabels, 'saveImage'>) {
  return { title: props.title, width: props.width, theme: props.theme, className: props.className, exportable: props.exportable, labels: t.saveImage };
}

/**
 * The wrapper of every chart: themed by CSS variables, sized to its container unless `width` is given, a `figure`
 * named by its title and described by its summary, with the data table fallback, the legend and the tooltip.
 */
export function ChartFrame(props: ChartFrameProps) {
  const { chart, title, summary, width, height, theme, className, empty, emptyText, table, legend, tooltip, children, exportable, labels, margin } = props;
  const id = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const figure = useRef<HTMLElement>(null);
  // The export code loads on the first click, so charts that never export do not carry it.
  const save = (format: ChartImageFormat) => {
    const element = figure.current;
    const named = typeof exportable === 'string' ? { title: exportable } : {};
    if (element) void import('./export.js').then(({ downloadChart }) => downloadChart(element, { format, ...named }));
  };
  const measured = useWidth(width ?? INITIAL_WIDTH);
  const drawWidth = Math.max(120, width ?? measured.width);
  const classes = ['cskit', 'cskit-chart', theme === 'dark' ? 'cskit-dark' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <figure
      ref={figure}
      className={classes}
      data-chart={chart}
      aria-labelledby={title ? `${id}-title` : undefined}
      aria-label={title ? undefined : summary}
      aria-describedby={`${id}-summary`}
      style={width === undefined ? undefined : { width }}
    >
      {title ? <figcaption id={`${id}-title`} className="cskit-chart__title">{title}</figcaption> : null}
      <p id={`${id}-summary`} className="cskit-sr-only">{summary}</p>
      <div ref={width === undefined ? measured.ref : undefined} className="cskit-chart__plot" style={{ position: 'relative', minHeight: height, width: '100%' }}>
        {empty ? (
          <div className="cskit-empty" role="status" style={{ height }}>{emptyText}</div>
        ) : (
          children({
            width: drawWidth, height, id,
            inner: margin
              ? { width: length(drawWidth - margin.left - margin.right), height: length(height - margin.top - margin.bottom) }
              : { width: drawWidth, height },
          })
        )}
        <Tooltip tooltip={tooltip ?? null} width={drawWidth} />
      </div>
      {empty ? null : legend}
      {exportable && !empty && labels ? (
        <div className="cskit-chart__export" role="group" aria-label={labels.group}>
          <button type="button" onClick={() => save('svg')}>{labels.svg}</button>
          <button type="button" onClick={() => save('png')}>{labels.png}</button>
        </div>
      ) : null}
      {table}
    </figure>
  );
}
