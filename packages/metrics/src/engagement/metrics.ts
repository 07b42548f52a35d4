/** The engagement family's parts: NPS (SPEC 4) and early warnings (SPEC 5) (core/part.ts). */
import { computation, defineMetric } from '../core/metric.js';
import type { Month, Period } from '../core/types.js';
import { earlyWarningsOf, warningTotalsOf, type EarlyWarnings } from './early-warnings.js';
import { npsOf } from './nps.js';
import { activityMatrix, addActivityUsers } from '../data/monthly-records.js';
import { monthIndex } from '../core/dates.js';
import { ratio } from '../core/ratio.js';

export const npsCore = computation({
  name: 'nps',
  reads: [],
  of: (ctx, view, period: Period) => npsOf(ctx.selection(view), period),
});

/** The selected accounts' activity rate in a month: Σ activeUsers / Σ licensedUsers over their records (SPEC 5, 14). */
export const activityRateCore = computation({
  name: 'activity-rate',
  reads: [],
  of: (ctx, view, month: Month) => {
    const selection = ctx.selection(view);
    const matrix = activityMatrix(selection.index);
    const users: [number, number] = [0, 0];
    const at = monthIndex(month);
    for (let k = 0; k < selection.positions.length; k += 1) addActivityUsers(matrix, selection.positions[k] as number, at, users);
    return ratio(users[0], users[1]);
  },
});

export const warningsCore = computation({
  name: 'warnings',
  reads: ['earlyWarning'],
  of: (ctx, view, month: Month) => earlyWarningsOf(ctx.selection(view), { asOf: month, ...view.earlyWarning }),
});

/** How many accounts are warned and their ARR, without the items: what the KPIs of a comparison period need. */
export const warningTotalsCore = computation({
  name: 'warning-totals',
  reads: ['earlyWarning'],
  of: (ctx, view, month: Month) => warningTotalsOf(ctx.selection(view), { asOf: month, ...view.earlyWarning }),
});

export const npsMetric = defineMetric({
  name: 'nps',
  summary: (ctx, view) => ctx.use(npsCore, view, view.period),
  dashboard: (ctx, view) => ctx.use(npsCore, view, view.period),
});

export const earlyWarningsMetric = defineMetric({
  name: 'earlyWarnings',
  summary: (ctx, view): Omit<EarlyWarnings, 'items'> & { count: number; arr: number } => {
    const { items, ...figures } = ctx.use(warningsCore, view, view.period.to);
    return { ...figures, count: items.length, arr: items.reduce((sum, item) => sum + item.arr, 0) };
  },
  dashboard: (ctx, view) => ctx.use(warningsCore, view, view.period.to),
});
