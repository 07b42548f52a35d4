import { useFormatters, useOptionalCsStore } from '@cskit/react';
import type { CsLocale, Formatters } from '@cskit/react';
import { LABELS } from './labels.js';
import type { ChartLabels } from './labels.js';

/** Props every chart takes besides its data. */
export interface ChartBaseProps {
  /** Fixed width in px; by default the chart fills its container's width. */
  width?: number;
  height?: number;
  /** Labels and number formats; by default the nearest `CsKitProvider`'s locale, else `en-US`. */
  locale?: CsLocale;
  /** ISO 4217 code money is shown in; by default the dataset's reporting currency, else USD. */
  currency?: string;
  /** `dark` adds the `cskit-dark` class; a host may instead put that class on any ancestor. */
  theme?: 'light' | 'dark';
  /** Heading shown above the chart and used in its accessible name. */
  title?: string;
  className?: string;
  /**
   * Shows "Save as SVG" and "Save as PNG" buttons under the chart (`downloadChart` does the same from a host's own
   * button). A string is the title of the saved image and its file name, for a chart whose title a panel shows.
   */
  exportable?: boolean | string;
  /** Draws the chart's error state instead of the chart (a failed request: `useMetricQuery(...).error`). */
  error?: Error | null;
  /** With `error`: a Retry button calls it (`useMetricQuery(...).retry`). A chart reading its own metric has one. */
  onRetry?: () => void;
}

export function useChart(props: Pick<ChartBaseProps, 'locale' | 'currency'>): { f: Formatters; t: ChartLabels } {
  const storeLocale = useOptionalCsStore((s) => s.locale);
  const locale = props.locale ?? storeLocale ?? 'en-US';
  const f = useFormatters({ locale, ...(props.currency === undefined ? {} : { currency: props.currency }) });
  return { f, t: LABELS[locale] };
}
