/**
 * `defineChart`: what every chart shares around its drawing, written once. A chart
 * - draws its loading state (its frame at its final size, "Loading…") while `data` is undefined, and an error state
 *   when `error` is given;
 * - inside a `CsKitProvider`, given no `data` prop at all, reads its own metric from the Provider's source (the view of
 *   the store, a widget's `period` override), as the tables read their row sets: `<ArrWaterfall />` is a live chart;
 * - given `data`, draws exactly that (a host's own numbers, a server-rendered summary, a story's fixture).
 */
import type { SummaryPart, SummaryParts, ViewOptions } from '@cskit/metrics';
import { useOptionalMetricReader } from '@cskit/react';
import type { CsMetricReader } from '@cskit/react';
import { memo, useMemo } from 'react';
import type { ComponentType, ReactElement } from 'react';
import { ChartLoading } from './ChartLoading.js';
import type { Loaded } from './ChartLoading.js';
import type { ChartBaseProps } from './use-chart.js';

/** Props every defined chart takes: its data (`undefined` draws the loading state; omit it inside a Provider). */
export interface ChartStateProps<D> extends ChartBaseProps {
  data?: D | undefined;
}

type DataOf<P> = P extends { data?: infer D } ? Exclude<D, undefined> : never;

export interface ChartDefinition<P extends ChartStateProps<unknown>, K extends SummaryPart> {
  /** Its machine name (`data-chart`). */
  name: string;
  /** Its height when the props give none. */
  height: number | (() => number);
  /** Draws the chart once its data is there. */
  Chart: ComponentType<Loaded<P>>;
  /** The metric it shows: inside a Provider, a chart given no `data` prop reads it from the source. */
  metric?: K;
  /** The chart's data within the metric (default: the metric itself), e.g. one dimension of the breakdowns. */
  select?: (value: SummaryParts[K], props: P) => DataOf<P> | undefined;
  /** What `select` reads of the props (its result is kept while this and the metric stay the same). */
  selectKey?: (props: P) => string;
  /** The view a connected chart asks, over the store's (e.g. the one breakdown dimension it draws). */
  view?: (props: P) => Partial<ViewOptions>;
}

/** A chart component from its drawing and the metric it reads (see the module's comment). */
export function defineChart<P extends ChartStateProps<unknown>, K extends SummaryPart = SummaryPart>(
  definition: ChartDefinition<P, K>,
): (props: P) => ReactElement {
  const { name, Chart, metric } = definition;
  const heightOf = (props: P) => props.height ?? (typeof definition.height === 'number' ? definition.height : definition.height());

  // Memoised: a connected chart re-renders on each change of its request's state (fetching, placeholder, answer),
  // and the chart itself only when what it draws changed (its data or another prop).
  const Stateful = memo(function Stateful(props: P): ReactElement {
    if ((props.error !== undefined && props.error !== null) || props.data === undefined) {
      return <ChartLoading chart={name} {...props} height={heightOf(props)} />;
    }
    return <Chart {...(props as Loaded<P>)} />;
  }) as unknown as (props: P) => ReactElement;

  /** `useMetric` is the Provider's metric reader (`useMetricQuery`), the same function for the Provider's life. */
  function Connected({ useMetric, ...rest }: P & { useMetric: CsMetricReader }): ReactElement {
    const props = rest as unknown as P;
    const overrides = definition.view?.(props);
    const viewKey = overrides === undefined ? '' : JSON.stringify(overrides);
    const { data, error, retry } = useMetric(metric as K, useMemo(() => (viewKey === '' ? {} : JSON.parse(viewKey) as Partial<ViewOptions>), [viewKey]));
    const selectKey = definition.selectKey?.(props) ?? '';
    const { select } = definition;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `select` reads only what `selectKey` names of the props.
    const value = useMemo(() => (data === undefined ? undefined : select ? select(data, props) : (data as unknown as DataOf<P>)), [data, select, selectKey]);
    // The Retry handler only with an error: a new function on every render would redraw the memoised chart.
    return <Stateful {...props} data={value} error={error} {...(error ? { onRetry: retry } : {})} />;
  }

  function DefinedChart(props: P): ReactElement {
    const reader = useOptionalMetricReader();
    if (metric !== undefined && reader !== null && !('data' in props)) return <Connected {...props} useMetric={reader} />;
    return <Stateful {...props} />;
  }
  DefinedChart.displayName = Chart.displayName ?? Chart.name.replace(/Chart$/, '');
  return DefinedChart;
}
