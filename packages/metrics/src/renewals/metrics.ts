/** The renewals family's parts: renewals and their funnel (SPEC 3) and the renewals ahead (SPEC 9) (core/part.ts). */
import { computation, factsStep, defineMetric, type EngineView, type SettingsOf } from '../core/metric.js';
import type { DateString, Period } from '../core/types.js';
import { funnelOfCore, renewalFigures, renewalsFrom, renewalsOf, renewalSummary, type RenewalCore } from './renewals.js';
import { renewalsAheadCoreOf, renewalsAheadFactsOf, type RenewalsAhead, type RenewalsAheadSettings } from './renewals-ahead.js';

/** The contracts due in a period, their statuses and renewals: a narrowed view takes its accounts' from every account's. */
export const renewalsCore = computation({
  name: 'renewals',
  reads: ['graceMonths'],
  of: (ctx, view, period: Period, asOf: DateString) => renewalsOf(ctx.selection(view), { period, graceMonths: view.graceMonths, asOf }),
  facts: { keep: 'always', derive: (ctx, view, all: RenewalCore) => renewalsFrom(ctx.selection(view), all) },
});

type AheadReads = 'asOf' | 'model' | 'graceMonths' | 'lookbackMonths' | 'earlyWarning';
const aheadSettings = (view: SettingsOf<AheadReads>, ahead: EngineView['ahead']): RenewalsAheadSettings => ({
  asOf: view.asOf, months: ahead.months, model: view.model, graceMonths: view.graceMonths, likelihood: ahead.likelihood,
  lookbackMonths: Math.max(1, view.lookbackMonths), earlyWarning: view.earlyWarning,
});

/**
 * What the renewals ahead are computed from (the likelihood setting does not enter): a narrowed view uses every
 * account's facts as they are, or computes its own accounts' when none are kept.
 */
export const aheadFactsCore = computation({
  name: 'ahead-facts',
  reads: ['asOf', 'model', 'graceMonths', 'lookbackMonths', 'earlyWarning'],
  of: (ctx, view, months: number) => renewalsAheadFactsOf(ctx.selection(view), aheadSettings(view, { months, likelihood: null })),
  facts: { keep: 'always' },
});

export const aheadCore = computation({
  name: 'ahead',
  reads: ['asOf', 'model', 'graceMonths', 'lookbackMonths', 'earlyWarning', 'ahead'],
  of: (ctx, view) =>
    renewalsAheadCoreOf(ctx.selection(view), aheadSettings(view, view.ahead), ctx.use(aheadFactsCore, view, view.ahead.months)),
});

export const renewalsMetric = defineMetric({
  name: 'renewals',
  summary: (ctx, view) => renewalFigures(ctx.use(renewalsCore, view, view.period, view.asOf)),
  dashboard: (ctx, view) => renewalSummary(ctx.index, ctx.use(renewalsCore, view, view.period, view.asOf)),
  prefetch: (view) => [factsStep(renewalsCore, view.period, view.asOf)],
});

export const renewalFunnelMetric = defineMetric({
  name: 'renewalFunnel',
  summary: (ctx, view) => funnelOfCore(ctx.index, ctx.use(renewalsCore, view, view.period, view.asOf)),
  dashboard: (ctx, view) => funnelOfCore(ctx.index, ctx.use(renewalsCore, view, view.period, view.asOf)),
});

/** The renewals ahead of the view's `asOf`, without their items (the `renewals-ahead` row set). */
export const renewalsAheadMetric = defineMetric({
  name: 'renewalsAhead',
  summary: (ctx, view): Omit<RenewalsAhead, 'items'> => {
    const { rows: _rows, renewal: _renewal, status: _status, tier: _tier, risk: _risk, expected: _expected, ...figures } = ctx.use(aheadCore, view);
    return figures;
  },
  prefetch: (view) => [factsStep(aheadFactsCore, view.ahead.months)],
});
