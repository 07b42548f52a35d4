/** Shared data and helpers for the chart stories (not part of the public API). */
import type { CsLocale } from '@cskit/react';
import { CHURN_ONLY, resultsFor, sampleDataset, SINGLE, SINGLE_ACCOUNT } from './fixtures.js';

export const sample = resultsFor(sampleDataset());
export const empty = resultsFor({ accounts: [] });
export const single = resultsFor(SINGLE_ACCOUNT, SINGLE);
export const churnOnly = resultsFor(CHURN_ONLY);

/** The toolbar's locale, unless the story sets its own. */
export function localeOf(args: { locale?: CsLocale | undefined }, globals: Record<string, unknown>): CsLocale {
  return args.locale ?? (globals.locale === 'zh-CN' ? 'zh-CN' : 'en-US');
}
