/**
 * The health family's parts: scores, distribution, transitions and quadrants (SPEC 4), and the model's validation
 * against renewals (SPEC 12) (core/part.ts).
 */
import { computation, factsStep, defineMetric } from '../core/metric.js';
import { stableNumberOrder } from '../core/sort.js';
import type { Month, Period } from '../core/types.js';
import type { HealthTier } from '../model/health-model.js';
import { renewalsCore } from '../renewals/metrics.js';
import {
  healthDistributionOf, healthQuadrantsOf, healthScoresOf, healthScoresResult, quadrantRow, quadrantsResult, type HealthQuadrants, type QuadrantAccount,
} from './health.js';
import { transitionsOf, transitionsResult, type HealthTransitions } from './health-transitions.js';
import { healthValidationFactsOf, healthValidationOf } from './health-validation.js';

/** Points a quadrant summary carries at most. */
export const QUADRANT_POINTS = 2_000;

export const healthScoresCore = computation({
  name: 'health-scores',
  reads: ['model'],
  of: (ctx, view, month: Month) => healthScoresOf(ctx.selection(view), month, { model: view.model }),
});

export const quadrantsCore = computation({
  name: 'quadrants',
  reads: ['model'],
  of: (ctx, view, month: Month) => healthQuadrantsOf(ctx.selection(view), month, { model: view.model }, ctx.use(healthScoresCore, view, month)),
});

export const transitionsCore = computation({
  name: 'transitions',
  reads: ['model'],
  of: (ctx, view, period: Period) => transitionsOf(ctx.selection(view), period, view.model),
});

export const distributionCore = computation({
  name: 'distribution',
  reads: ['model'],
  of: (ctx, view, period: Period) => healthDistributionOf(ctx.selection(view), period, { model: view.model }),
});

/** The contracts due in the period with their tiers: a narrowed view uses every account's, or computes its own. */
export const validationFactsCore = computation({
  name: 'validation-facts',
  reads: ['period', 'graceMonths', 'asOf', 'model'],
  of: (ctx, view) => healthValidationFactsOf(ctx.selection(view), view, ctx.use(renewalsCore, view, view.period, view.asOf)),
  facts: { keep: 'always' },
});

export const validationCore = computation({
  name: 'validation',
  reads: ['period', 'graceMonths', 'asOf', 'model'],
  of: (ctx, view) => healthValidationOf(ctx.selection(view), view, ctx.use(validationFactsCore, view)),
});

/** Quadrants with the largest accounts as points (`points`, ARR descending, with names) and how many in all. */
export interface HealthQuadrantsSummary extends Omit<HealthQuadrants, 'accounts'> {
  points: Array<QuadrantAccount & { name: string }>;
  accountCount: number;
}

export const healthScoresMetric = defineMetric({
  name: 'healthScores',
  summary: (ctx, view): { month: Month; accountCount: number; tiers: Record<HealthTier, number> } => {
    const scores = ctx.use(healthScoresCore, view, view.period.to);
    return { month: scores.month, accountCount: scores.positions.length, tiers: scores.tierCounts };
  },
  dashboard: (ctx, view) => healthScoresResult(ctx.index, ctx.use(healthScoresCore, view, view.period.to)),
});

export const healthDistributionMetric = defineMetric({
  name: 'healthDistribution',
  summary: (ctx, view) => ctx.use(distributionCore, view, view.period),
  dashboard: (ctx, view) => ctx.use(distributionCore, view, view.period),
});

export const healthTransitionsMetric = defineMetric({
  name: 'healthTransitions',
  summary: (ctx, view): Omit<HealthTransitions, 'accounts'> => {
    const { positions: _p, fromCodes: _f, toCodes: _t, kindCodes: _k, ...figures } = ctx.use(transitionsCore, view, view.period);
    return figures;
  },
  dashboard: (ctx, view) => transitionsResult(ctx.index, ctx.use(transitionsCore, view, view.period)),
});

export const healthQuadrantsMetric = defineMetric({
  name: 'healthQuadrants',
  summary: (ctx, view): HealthQuadrantsSummary => {
    const quad = ctx.use(quadrantsCore, view, view.period.to);
    const { matrix: _m, positions, cells: _c, arr, ...figures } = quad;
    // The largest accounts first (ties in index order).
    const largest = stableNumberOrder(arr, true).subarray(0, QUADRANT_POINTS);
    const points = Array.from(largest, (i) => ({ ...quadrantRow(ctx.index, quad, i), name: ctx.name(positions[i] as number) }));
    return { ...figures, points, accountCount: positions.length };
  },
  dashboard: (ctx, view) => quadrantsResult(ctx.index, ctx.use(quadrantsCore, view, view.period.to)),
});

/** The view's health model tested on the contracts due in its period and decided by `asOf` (SPEC 12). */
export const healthValidationMetric = defineMetric({
  name: 'healthValidation',
  summary: (ctx, view) => ctx.use(validationCore, view),
  prefetch: () => [factsStep(validationFactsCore)],
});
