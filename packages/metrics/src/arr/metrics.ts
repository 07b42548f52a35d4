/**
 * The ARR family's parts: the waterfall (SPEC 2), retention (SPEC 3), cohorts (SPEC 7) and the ARR trend (SPEC 8),
 * as computations the engine caches and parts it assembles into summaries (core/part.ts).
 */
import { addMonthsToMonth, monthIndex } from '../core/dates.js';
import { computation, factsStep, defineMetric } from '../core/metric.js';
import type { DateString, Period } from '../core/types.js';
import { waterfallFactsOf, waterfallFromFacts, waterfallOf, waterfallResult, type ArrWaterfall, type MovementKind, type WaterfallFacts } from './arr-movements.js';
import { arrTrendOf } from './arr-trend.js';
import { cohortsAllOf } from './cohorts.js';
import { retentionOf, retentionResult, type RetentionResult } from './retention.js';

/**
 * A waterfall's core over a period. Its facts are each account's ARR by month and its movements (10 MB at 100,000
 * accounts and a year): a long-lived (compact) engine keeps them for every view of all accounts, another only when
 * prefetched; a narrowed view sums its accounts' movements from them.
 */
export const waterfallCore = computation({
  name: 'waterfall',
  reads: ['graceMonths'],
  of: (ctx, view, period: Period, asOf: DateString) => waterfallOf(ctx.selection(view), { period, graceMonths: view.graceMonths, asOf }),
  facts: {
    keep: 'compact',
    of: (ctx, view, period: Period, asOf: DateString) => waterfallFactsOf(ctx.selection(view), { period, graceMonths: view.graceMonths, asOf }),
    result: (kept: WaterfallFacts) => kept.core,
    derive: (ctx, view, kept: WaterfallFacts, period: Period) => waterfallFromFacts(ctx.selection(view), kept, period),
  },
});

/** Retention over a period: the accounts with ARR the month before it starts, and their ARR at its end. */
export const retentionCore = computation({
  name: 'retention',
  reads: [],
  of: (ctx, view, period: Period) =>
    retentionOf(ctx.selection(view), monthIndex(period.from) - 1, monthIndex(period.to), addMonthsToMonth(period.from, -1), period.to),
});

export const cohortsCore = computation({
  name: 'cohorts',
  reads: ['period'],
  of: (ctx, view) => cohortsAllOf(ctx.selection(view), view.period.from, view.period.to),
});

export const trendCore = computation({
  name: 'trend',
  reads: ['period', 'graceMonths', 'asOf'],
  of: (ctx, view) => arrTrendOf(ctx.selection(view), view, ctx.use(waterfallCore, view, view.period, view.asOf)),
});

/** The waterfall without its movement list; `accountsByKind` counts the distinct accounts behind each bar. */
export interface ArrWaterfallSummary extends Omit<ArrWaterfall, 'movements'> {
  accountsByKind: Record<MovementKind, number>;
}

export const waterfallMetric = defineMetric({
  name: 'waterfall',
  summary: (ctx, view): ArrWaterfallSummary => {
    const { movementColumns: _movements, openingAt: _openingAt, closingAt: _closingAt, customers: _customers, ...figures } =
      ctx.use(waterfallCore, view, view.period, view.asOf);
    return figures;
  },
  dashboard: (ctx, view) => waterfallResult(ctx.index, ctx.use(waterfallCore, view, view.period, view.asOf)),
  prefetch: (view) => [factsStep(waterfallCore, view.period, view.asOf)],
});

export const retentionMetric = defineMetric({
  name: 'retention',
  summary: (ctx, view): Omit<RetentionResult, 'accounts'> & { accountCount: number } => {
    const { positions, startArr: _startArr, endArr: _endArr, ...figures } = ctx.use(retentionCore, view, view.period);
    return { ...figures, accountCount: positions.length };
  },
  dashboard: (ctx, view) => retentionResult(ctx.selection(view), ctx.use(retentionCore, view, view.period)),
});

export const cohortsMetric = defineMetric({
  name: 'cohorts',
  summary: (ctx, view) => ctx.use(cohortsCore, view),
  dashboard: (ctx, view) => ctx.use(cohortsCore, view),
});

export const arrTrendMetric = defineMetric({
  name: 'arrTrend',
  summary: (ctx, view) => ctx.use(trendCore, view),
});
