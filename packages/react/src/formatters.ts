/**
 * Number, currency, percent and month labels through `Intl`, for the kit's two locales. In `zh-CN` compact numbers
 * use 万 (10^4) and 亿 (10^8), as Chinese readers expect, instead of K/M/B.
 */
import { monthIndex } from '@cskit/metrics';
import type { CsLocale, CurrencyDisplay } from './store.js';

export interface FormatterOptions {
  locale?: CsLocale;
  /** ISO 4217; the dataset's reporting currency by default. */
  currency?: string;
  currencyDisplay?: CurrencyDisplay;
}

export interface Formatters {
  locale: CsLocale;
  /** The ISO 4217 code money is shown in. */
  currencyCode: string;
  /** 1,234.5 */
  number(value: number | null | undefined, maximumFractionDigits?: number): string;
  /** $1,234 (no cents: ARR is read in whole units) */
  currency(value: number | null | undefined): string;
  /** $1.2M / ¥120万 */
  compactCurrency(value: number | null | undefined): string;
  /** 1.2K / 1.2万 */
  compact(value: number | null | undefined): string;
  /** 0.953 -> 95.3% */
  percent(value: number | null | undefined, maximumFractionDigits?: number): string;
  /** +$1,234 / -$1,234: movements and deltas, in full (tooltips, tables). */
  signedCurrency(value: number | null | undefined): string;
  /** +$10.6M / -$884.6K: a delta beside a compact value (KPI cards, value labels). */
  signedCompactCurrency(value: number | null | undefined): string;
  /** 72: a health score, or a count, as a whole number. */
  score(value: number | null | undefined): string;
  /** +1.2 pts: a difference of two ratios, in percentage points. */
  signedPoints(value: number | null | undefined): string;
  /** 2025-03 -> Mar 2025 / 2025年3月 */
  month(month: string): string;
  /** { from: 2025-01, to: 2025-12 } -> Jan 2025 – Dec 2025: a period's label in every chart and table. */
  period(period: { from: string; to: string }): string;
}

/** What a missing value (a ratio with a zero denominator) shows. */
export const MISSING = '—';

const cache = new Map<string, Formatters>();

export function createFormatters({ locale = 'en-US', currency = 'USD', currencyDisplay = 'symbol' }: FormatterOptions = {}): Formatters {
  const key = `${locale}|${currency}|${currencyDisplay}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay, maximumFractionDigits: 0 });
  const signedMoney = new Intl.NumberFormat(locale, {
    style: 'currency', currency, currencyDisplay, maximumFractionDigits: 0, signDisplay: 'exceptZero',
  });
  const compactMoney = new Intl.NumberFormat(locale, {
    style: 'currency', currency, currencyDisplay, notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1,
  });
  const signedCompactMoney = new Intl.NumberFormat(locale, {
    style: 'currency', currency, currencyDisplay, notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1, signDisplay: 'exceptZero',
  });
  const compactNumber = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
  const points = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  const monthFormat = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' });
  const numbers = new Map<number, Intl.NumberFormat>();
  const percents = new Map<number, Intl.NumberFormat>();
  const numberWith = (digits: number) => {
    let format = numbers.get(digits);
    if (!format) numbers.set(digits, (format = new Intl.NumberFormat(locale, { maximumFractionDigits: digits })));
    return format;
  };
  const percentWith = (digits: number) => {
    let format = percents.get(digits);
    if (!format) percents.set(digits, (format = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits })));
    return format;
  };
  // The month's first day at UTC midnight, formatted in UTC: no local time zone can shift it to another month.
  const month = (value: string) => {
    const index = monthIndex(value);
    return monthFormat.format(Date.UTC(Math.floor(index / 12), index % 12, 1));
  };
  const guard = (format: (value: number) => string) => (value: number | null | undefined) =>
    value === null || value === undefined || !Number.isFinite(value) ? MISSING : format(value);
  const formatters: Formatters = {
    locale,
    currencyCode: currency,
    number: (value, digits = 1) => guard((v) => numberWith(digits).format(v))(value),
    currency: guard((v) => money.format(v)),
    compactCurrency: guard((v) => compactMoney.format(v)),
    compact: guard((v) => compactNumber.format(v)),
    percent: (value, digits = 1) => guard((v) => percentWith(digits).format(v))(value),
    signedCurrency: guard((v) => signedMoney.format(v)),
    signedCompactCurrency: guard((v) => signedCompactMoney.format(v)),
    score: (value) => guard((v) => numberWith(0).format(v))(value),
    signedPoints: guard((v) => `${points.format(v * 100)} ${locale === 'zh-CN' ? '个百分点' : 'pts'}`),
    month,
    period: (period) => `${month(period.from)} – ${month(period.to)}`,
  };
  cache.set(key, formatters);
  return formatters;
}
