import { useMemo } from 'react';
import { useOptionalCsStore } from './store-context.js';
import { createFormatters } from './formatters.js';
import type { FormatterOptions, Formatters } from './formatters.js';

/**
 * The formatters for the nearest Provider's locale, reporting currency and currency display. Outside a Provider
 * (a chart used on its own) the arguments decide, then `en-US` and USD.
 */
export function useFormatters(overrides: FormatterOptions = {}): Formatters {
  const storeLocale = useOptionalCsStore((s) => s.locale);
  const storeCurrency = useOptionalCsStore((s) => s.currency);
  const storeDisplay = useOptionalCsStore((s) => s.currencyDisplay);
  const locale = overrides.locale ?? storeLocale ?? 'en-US';
  const currency = overrides.currency ?? storeCurrency ?? 'USD';
  const currencyDisplay = overrides.currencyDisplay ?? storeDisplay ?? 'symbol';
  return useMemo(() => createFormatters({ locale, currency, currencyDisplay }), [locale, currency, currencyDisplay]);
}
