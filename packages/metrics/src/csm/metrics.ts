/** The CSM family's parts: each CSM's scorecard and the CS team's attribution (SPEC 6) (core/part.ts). */
import { waterfallCore } from '../arr/metrics.js';
import { computation, defineMetric, type PartContext, type SettingsOf } from '../core/metric.js';
import { renewalsCore } from '../renewals/metrics.js';
import { csAttributionOf } from './cs-attribution.js';
import { csmScorecardOf } from './csm-scorecard.js';
import { targetProgressOf } from './target-progress.js';
import { csCreditOf } from './cs-credit.js';

export const scorecardCore = computation({
  name: 'scorecard',
  reads: ['period', 'model', 'graceMonths', 'asOf', 'lookbackMonths'],
  of: (ctx, view) => {
    // Rows only for the CSMs of the view's accounts: its account ids', or else its scope's (a viewer sees no other book).
    const onlyCsms = view.accountIds === null ? ctx.scopeCsms(view) : null;
    const { period, model, graceMonths, asOf, lookbackMonths } = view;
    return csmScorecardOf(ctx.selection(view), {
      period, model, graceMonths, asOf, lookbackMonths, onlySelectedCsms: view.accountIds !== null, ...(onlyCsms ? { onlyCsms } : {}),
    }, {
      waterfall: ctx.use(waterfallCore, view, period, asOf), renewals: ctx.use(renewalsCore, view, period, asOf),
      targets: ctx.use(targetsCore, ownersView(view)),
    });
  },
});

export const attributionCore = computation({
  name: 'attribution',
  reads: ['period', 'model', 'graceMonths', 'asOf', 'lookbackMonths'],
  of: (ctx, view) => csAttributionOf(ctx.selection(view), view, {
    waterfall: ctx.use(waterfallCore, view, view.period, view.asOf), renewals: ctx.use(renewalsCore, view, view.period, view.asOf),
  }),
});

export const csmScorecardMetric = defineMetric({
  name: 'csmScorecard',
  summary: (ctx, view) => ctx.use(scorecardCore, view),
  dashboard: (ctx, view) => ctx.use(scorecardCore, view),
});

export const csAttributionMetric = defineMetric({
  name: 'csAttribution',
  summary: (ctx, view) => ctx.use(attributionCore, view),
  dashboard: (ctx, view) => ctx.use(attributionCore, view),
});

/**
 * A target is for its owner's accounts (a CSM's book, a team's, the company's): the dashboard's filters and account
 * ids do not change it, so targets are computed over the view's scope alone and shared by every filtered view.
 */
const ownersView = (view: SettingsOf<'model' | 'graceMonths' | 'asOf' | 'lookbackMonths'>): SettingsOf<'model' | 'graceMonths' | 'asOf' | 'lookbackMonths'> => ({
  filters: {}, accountIds: null, scope: view.scope, model: view.model, graceMonths: view.graceMonths, asOf: view.asOf, lookbackMonths: view.lookbackMonths,
});

type TargetReads = 'model' | 'graceMonths' | 'asOf' | 'lookbackMonths';
const targetsOf = (ctx: PartContext, view: SettingsOf<TargetReads>) => {
  const onlyCsms = ctx.scopeCsms(view);
  const { asOf, model, graceMonths, lookbackMonths } = view;
  return targetProgressOf(ctx.selection(view), { asOf, model, graceMonths, lookbackMonths }, onlyCsms);
};

/**
 * Progress against the data's targets as of the view's `asOf` (SPEC 14); a scoped view sees its CSMs' targets only.
 * Every filtered view asks it of the same owners' view, so it is kept with the facts of views of every account
 * (kept apart from a view's many results, which pushed it out on every filter change: 130-250 ms at 100,000
 * accounts); a scope's own is computed for it (`derive`), never served from every account's.
 */
export const targetsCore = computation({
  name: 'targets',
  reads: ['model', 'graceMonths', 'asOf', 'lookbackMonths'],
  of: targetsOf,
  facts: { keep: 'always', derive: (ctx, view) => targetsOf(ctx, view) },
});

export const targetProgressMetric = defineMetric({
  name: 'targets',
  summary: (ctx, view) => ctx.use(targetsCore, ownersView(view)),
  dashboard: (ctx, view) => ctx.use(targetsCore, ownersView(view)),
});

/** A book's credit in detail (by month, premium services apart, the CSQL funnel, CSQAs by kind): a CSM's page. */
export const creditCore = computation({
  name: 'credit',
  reads: ['period', 'model', 'graceMonths', 'asOf', 'lookbackMonths'],
  of: (ctx, view) => csCreditOf(ctx.selection(view), view),
});

export const csCreditMetric = defineMetric({
  name: 'csCredit',
  summary: (ctx, view) => ctx.use(creditCore, view),
});
