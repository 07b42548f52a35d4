import { DOMAIN_LABELS, useFormatters, useOptionalCsStore } from '@cskit/react';
import type { CsLocale, DomainLabels, Formatters } from '@cskit/react';
import { TABLE_LABELS } from '../labels.js';
import type { TableLabels } from '../labels.js';

/** Props every table takes besides its data. */
export interface TableBaseProps {
  /** Labels and number formats; by default the nearest `CsKitProvider`'s locale, else `en-US`. */
  locale?: CsLocale;
  currency?: string;
  /** `dark` adds the `cskit-dark` class; a host may instead put that class on any ancestor. */
  theme?: 'light' | 'dark';
  /** The table's caption (its accessible name). */
  caption?: string;
  /** Height of the scrolling body in px. Default 480. */
  height?: number;
  className?: string;
}

export function useTableText(props: Pick<TableBaseProps, 'locale' | 'currency'>): { f: Formatters; t: TableLabels; d: DomainLabels } {
  const storeLocale = useOptionalCsStore((s) => s.locale);
  const locale = props.locale ?? storeLocale ?? 'en-US';
  const f = useFormatters({ locale, ...(props.currency === undefined ? {} : { currency: props.currency }) });
  return { f, t: TABLE_LABELS[locale], d: DOMAIN_LABELS[locale] };
}
