/** The accounts family's parts: group summaries by account field (SPEC 6) and the accounts table (core/part.ts). */
import { retentionCore, waterfallCore } from '../arr/metrics.js';
import { computation, factsStep, defineMetric, type EngineView, type PartContext } from '../core/metric.js';
import type { BreakdownDimension } from '../data/dimensions.js';
import { monthIndex } from '../core/dates.js';
import type { Selection } from '../data/selection.js';
import { renewalsCore } from '../renewals/metrics.js';
import { accountSummaryTable } from './account-summaries.js';
import { accountTotalsFrom, accountTotalsOf, groupSummariesOf, roleSummariesOf, type AccountTotals, type GroupSummary } from './group-summary.js';

/** Each account's share of the figures: the same in any view of these settings, so a filtered view picks its accounts'. */
export const accountTotalsCore = computation({
  name: 'totals',
  reads: ['period', 'graceMonths', 'asOf'],
  of: (ctx, view) => accountTotalsOf(ctx.selection(view), {
    waterfall: ctx.use(waterfallCore, view, view.period, view.asOf), retention: ctx.use(retentionCore, view, view.period),
    renewals: ctx.use(renewalsCore, view, view.period, view.asOf), graceMonths: view.graceMonths, asOf: view.asOf,
  }),
  facts: {
    keep: 'always',
    of: (ctx, view): { all: Selection; totals: AccountTotals } => ({ all: ctx.selection(view), totals: accountTotalsCore.of(ctx, view) }),
    result: (kept) => kept.totals,
    derive: (ctx, view, kept) => accountTotalsFrom(ctx.selection(view), kept.all, kept.totals, ctx.use(waterfallCore, view, view.period, view.asOf)),
  },
});

export const breakdownCore = computation({
  name: 'breakdown',
  reads: ['period', 'graceMonths', 'asOf', 'model'],
  of: (ctx, view, dimension: BreakdownDimension) => groupSummariesOf(ctx.selection(view), dimension, ctx.use(accountTotalsCore, view), {
    from: monthIndex(view.period.from), to: monthIndex(view.period.to), model: view.model,
  }),
});

/** The accounts row set: each account's figures for the view, read by index. */
export const accountsTableCore = computation({
  name: 'accounts-table',
  reads: ['period', 'model', 'graceMonths', 'asOf'],
  of: (ctx, view) => accountSummaryTable(ctx.selection(view), view, { renewals: ctx.use(renewalsCore, view, view.period, view.asOf) }),
});

function breakdownsOf(ctx: PartContext, view: EngineView): Partial<Record<BreakdownDimension, GroupSummary[]>> {
  const result: Partial<Record<BreakdownDimension, GroupSummary[]>> = {};
  for (const dimension of view.breakdownDimensions) result[dimension] = ctx.use(breakdownCore, view, dimension);
  return result;
}

export const breakdownsMetric = defineMetric({
  name: 'breakdowns',
  summary: breakdownsOf,
  dashboard: breakdownsOf,
  prefetch: () => [factsStep(accountTotalsCore)],
});

/** Figures by user role (SPEC 14): activity rate in `period.to` and NPS over the period, per role of the records. */
export const roleSummariesCore = computation({
  name: 'role-summaries',
  reads: ['period'],
  of: (ctx, view) => roleSummariesOf(ctx.selection(view), { from: monthIndex(view.period.from), to: monthIndex(view.period.to) }),
});

export const rolesMetric = defineMetric({
  name: 'roles',
  summary: (ctx, view) => ctx.use(roleSummariesCore, view),
});
