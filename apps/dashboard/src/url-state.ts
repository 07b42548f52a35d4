/**
 * The view in the URL: period, comparison, filters, locale, theme and the sample's size, so a link shares a view
 * and a reload keeps it. Unknown or malformed values fall back to defaults.
 */
import { isValidMonth } from '@cskit/metrics';
import type { Period } from '@cskit/metrics';
import { FILTER_KEYS } from '@cskit/react';
import type { Comparison, CsFilters, CsLocale } from '@cskit/react';

export interface UrlView {
  period: Period;
  comparison: Comparison;
  filters: CsFilters;
  locale: CsLocale;
  theme: 'light' | 'dark';
  seed: number;
  accounts: number;
  /** The account whose page is open (`?account=ID`); null on the dashboard. */
  account: string | null;
  /** The CSM whose page is open (`?csm=ID`: their book, health mix, renewals ahead, credit and targets). */
  csm: string | null;
  /** Server mode: the base URL of a `@cskit/server` handler (`?remote=/api/cskit`); null: the data is in the browser. */
  remote: string | null;
  /** Server mode: the demo viewer whose scope the server applies (`?viewer=csm:csm-001`). */
  viewer: string | null;
}

export const DEFAULT_VIEW: UrlView = {
  period: { from: '2025-01', to: '2025-12' },
  comparison: 'previous',
  filters: {},
  locale: 'en-US',
  theme: 'light',
  seed: 2025,
  accounts: 2000,
  account: null,
  csm: null,
  remote: null,
  viewer: null,
};

/** Longest account id the URL carries (ids are the host's; a longer one is not an id). */
const MAX_ID = 200;

const COMPARISONS = ['previous', 'previous-year', 'none'] as const;

export function readView(search: string): UrlView {
  const params = new URLSearchParams(search);
  const from = params.get('from');
  const to = params.get('to');
  const period = from && to && isValidMonth(from) && isValidMonth(to) && from <= to ? { from, to } : DEFAULT_VIEW.period;
  const comparisonParam = params.get('compare');
  const comparison = (COMPARISONS as readonly string[]).includes(comparisonParam ?? '') ? (comparisonParam as Comparison) : DEFAULT_VIEW.comparison;
  const filters: CsFilters = {};
  for (const key of FILTER_KEYS) {
    const values = params.getAll(key).filter((value) => value !== '');
    if (values.length > 0) filters[key] = values;
  }
  const number = (name: string, fallback: number, max: number) => {
    const value = Number(params.get(name));
    return Number.isInteger(value) && value > 0 && value <= max ? value : fallback;
  };
  return {
    period,
    comparison,
    filters,
    locale: params.get('lang') === 'zh-CN' ? 'zh-CN' : 'en-US',
    theme: params.get('theme') === 'dark' ? 'dark' : 'light',
    seed: number('seed', DEFAULT_VIEW.seed, 2 ** 31),
    accounts: number('accounts', DEFAULT_VIEW.accounts, 200_000),
    account: accountOf(params.get('account')),
    csm: accountOf(params.get('csm')),
    // Same-origin paths only: the page never sends its viewer to another site.
    remote: /^\/[\w\-/]*$/.test(params.get('remote') ?? '') ? params.get('remote') : null,
    viewer: accountOf(params.get('viewer')),
  };
}

export function writeView(view: UrlView): string {
  const params = new URLSearchParams();
  params.set('from', view.period.from);
  params.set('to', view.period.to);
  if (view.comparison !== DEFAULT_VIEW.comparison && typeof view.comparison === 'string') params.set('compare', view.comparison);
  for (const key of FILTER_KEYS) for (const value of view.filters[key] ?? []) params.append(key, value);
  if (view.locale !== DEFAULT_VIEW.locale) params.set('lang', view.locale);
  if (view.theme !== DEFAULT_VIEW.theme) params.set('theme', view.theme);
  if (view.seed !== DEFAULT_VIEW.seed) params.set('seed', String(view.seed));
  if (view.accounts !== DEFAULT_VIEW.accounts) params.set('accounts', String(view.accounts));
  if (view.remote !== null) params.set('remote', view.remote);
  if (view.viewer !== null) params.set('viewer', view.viewer);
  if (view.csm !== null) params.set('csm', view.csm);
  if (view.account !== null) params.set('account', view.account);
  return `?${params.toString()}`;
}

function accountOf(value: string | null): string | null {
  return value === null || value === '' || value.length > MAX_ID ? null : value;
}

/** The same address with the page of `param` (an account or a CSM) showing `id` (null: closed). */
export function withPage(search: string, param: 'account' | 'csm', id: string | null): string {
  const params = new URLSearchParams(search);
  if (id === null) params.delete(param);
  else params.set(param, id);
  return `?${params.toString()}`;
}

/** The same address with the account page `account` open (null: the dashboard). */
export function withAccount(search: string, account: string | null): string {
  return withPage(search, 'account', account);
}
