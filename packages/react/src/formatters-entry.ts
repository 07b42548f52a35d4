/**
 * `@cskit/react/formatters`: number, money, percent and month formats and the domain's words in the kit's locales,
 * without React: safe to import from a React Server Component, a worker or a server (the client entry has
 * "use client"; this one does not).
 */
export { createFormatters, MISSING } from './formatters.js';
export type { FormatterOptions, Formatters } from './formatters.js';
export { componentLabel, DOMAIN_LABELS } from './domain-labels.js';
export type { DomainLabels } from './domain-labels.js';
export type { CsLocale, CurrencyDisplay } from './store.js';
