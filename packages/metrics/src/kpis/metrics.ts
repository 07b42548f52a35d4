/** The KPIs (SPEC 7's header figures) of a view's period and of its comparison period (core/part.ts). */
import { retentionCore, waterfallCore } from '../arr/metrics.js';
import { lastDayOfMonth } from '../core/dates.js';
import { factsStep, defineMetric, type EngineView, type PartContext } from '../core/metric.js';
import { ratio } from '../core/ratio.js';
import type { DateString, Period } from '../core/types.js';
import type { WaterfallCore } from '../arr/arr-movements.js';
import { activityRateCore, npsCore, warningTotalsCore } from '../engagement/metrics.js';
import { renewalsCore } from '../renewals/metrics.js';

export interface DashboardKpis {
  /** ARR at the end of the period (the waterfall's closing). */
  arr: number;
  netNewArr: number;
  nrr: number | null;
  grr: number | null;
  logoRate: number | null;
  dollarRate: number | null;
  nps: number | null;
  atRiskAccounts: number;
  atRiskArr: number;
  /** Accounts with ARR > 0 at the end of the period (after grace). */
  customers: number;
  /** ARR per account: arr / customers. */
  arpa: number | null;
  /** Over the period: (new + expansion + reactivation) / -(churn + contraction); null when nothing was lost. */
  quickRatio: number | null;
  /** Accounts that churned in the period / accounts with ARR > 0 at its start. */
  logoChurnRate: number | null;
  /** Σ activeUsers / Σ licensedUsers over the accounts' activity records in `period.to`; null without records. */
  activityRate: number | null;
}

/** What the KPIs of one period are read from: each part's own figures (the JS engine's or an engine's in SQL). */
export interface KpiParts {
  waterfall: Pick<WaterfallCore, 'closing' | 'netNew' | 'customers' | 'new' | 'expansion' | 'reactivation' | 'churn' | 'contraction' | 'accountsByKind'>;
  retention: { nrr: number | null; grr: number | null };
  renewals: { logoRate: number | null; dollarRate: number | null };
  nps: number | null;
  warnings: { count: number; arr: number };
  activityRate: number | null;
}

/** The KPIs from their parts: how this engine and one that computes the parts in SQL (`@cskit/sql`) finish. */
export function kpisFromParts({ waterfall, retention, renewals, nps, warnings, activityRate }: KpiParts): DashboardKpis {
  // Accounts with ARR > 0 at the end of the period and in the month before it.
  const customers = waterfall.customers[waterfall.customers.length - 1] as number;
  const openingCustomers = waterfall.customers[0] as number;
  return {
    arr: waterfall.closing,
    netNewArr: waterfall.netNew,
    nrr: retention.nrr,
    grr: retention.grr,
    logoRate: renewals.logoRate,
    dollarRate: renewals.dollarRate,
    nps,
    atRiskAccounts: warnings.count,
    atRiskArr: warnings.arr,
    customers,
    arpa: ratio(waterfall.closing, customers),
    quickRatio: ratio(waterfall.new + waterfall.expansion + waterfall.reactivation, -(waterfall.churn + waterfall.contraction)),
    logoChurnRate: ratio(waterfall.accountsByKind.churn, openingCustomers),
    activityRate,
  };
}

/** The KPIs of one period of a view, from the computations they read. */
function kpisOf(ctx: PartContext, view: EngineView, period: Period, asOf: DateString): DashboardKpis {
  return kpisFromParts({
    waterfall: ctx.use(waterfallCore, view, period, asOf),
    retention: ctx.use(retentionCore, view, period),
    renewals: ctx.use(renewalsCore, view, period, asOf),
    nps: ctx.use(npsCore, view, period).score,
    warnings: ctx.use(warningTotalsCore, view, period.to),
    activityRate: ctx.use(activityRateCore, view, period.to),
  });
}

/** The comparison period is read as of its last day. */
function kpiPair(ctx: PartContext, view: EngineView): { kpis: DashboardKpis; comparisonKpis: DashboardKpis | null } {
  const compare = view.comparisonPeriod;
  return {
    kpis: kpisOf(ctx, view, view.period, view.asOf),
    comparisonKpis: compare ? kpisOf(ctx, view, compare, lastDayOfMonth(compare.to)) : null,
  };
}

export const kpisMetric = defineMetric({
  name: 'kpis',
  spread: true,
  summary: kpiPair,
  dashboard: kpiPair,
  // Both periods' waterfall and renewals (the view's own are its waterfall's and renewals' too: kept once).
  prefetch: (view) => [view.period, ...(view.comparisonPeriod ? [view.comparisonPeriod] : [])].flatMap((period, k) => {
    const asOf = k === 0 ? view.asOf : lastDayOfMonth(period.to);
    return [factsStep(waterfallCore, period, asOf), factsStep(renewalsCore, period, asOf)];
  }),
});
