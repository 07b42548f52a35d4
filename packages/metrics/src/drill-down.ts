/**
 * Drill-down: the accounts behind one mark of a chart, so a click on a bar, a cell or a segment can list them.
 * Each function answers with the same accounts its metric counted for that mark, in dataset order, once each.
 */
import { groupKey } from './breakdown.js';
import type { BreakdownDimension } from './breakdown.js';
import { monthOf } from './dates.js';
import { healthScores } from './health.js';
import type { HealthOptions } from './health.js';
import type { HealthModelInput, HealthTier } from './health-model.js';
import { healthTransitions } from './health-transitions.js';
import type { TransitionKind } from './health-transitions.js';
import { isRenewed } from './renewals.js';
import type { FunnelStageName, RenewalSummary } from './renewals.js';
import type { Dataset, Month, Period } from './types.js';

export type NpsCategory = 'promoters' | 'passives' | 'detractors';

function unique(ids: Iterable<string>): string[] {
  return [...new Set(ids)];
}

function inPeriod(date: string, period: Period): boolean {
  const month = monthOf(date);
  return month >= period.from && month <= period.to;
}

/** Accounts whose tier in `month` is `tier`: one cell of `healthDistribution` run with the same options. */
export function tierAccountIds(dataset: Dataset, options: HealthOptions & { month: Month }, tier: HealthTier): string[] {
  return healthScores(dataset, options).accounts.filter((a) => a.tier === tier).map((a) => a.accountId);
}

/** Accounts in one group of a breakdown (`'(none)'` for accounts without the field). */
export function groupAccountIds(dataset: Dataset, dimension: BreakdownDimension, key: string): string[] {
  return dataset.accounts.filter((account) => groupKey(account, dimension) === key).map((account) => account.id);
}

/** Accounts signed in `cohort` (a row of `cohorts`). */
export function cohortAccountIds(dataset: Dataset, cohort: Month): string[] {
  return dataset.accounts.filter((account) => monthOf(account.signedAt) === cohort).map((account) => account.id);
}

/** Accounts with a response of `category` in the period; responses without an account have none to list. */
export function npsAccountIds(dataset: Dataset, options: { period?: Period }, category: NpsCategory): string[] {
  const matches = (score: number) => (category === 'promoters' ? score >= 9 : category === 'passives' ? score >= 7 && score <= 8 : score <= 6);
  const ids: string[] = [];
  for (const response of dataset.nps ?? []) {
    if (response.accountId === undefined || !matches(response.score)) continue;
    if (options.period && !inPeriod(response.date, options.period)) continue;
    ids.push(response.accountId);
  }
  return unique(ids);
}

/** Accounts of the contracts in one stage of `renewalFunnel(summary)`. */
export function funnelStageAccountIds(summary: RenewalSummary, stage: FunnelStageName): string[] {
  const ids: string[] = [];
  for (const item of summary.items) {
    const renewed = isRenewed(item.status);
    const renewalArr = item.renewalArr ?? 0;
    const inStage = stage === 'due' || (renewed && (stage === 'renewed' || (stage === 'retained' ? renewalArr >= item.dueArr : renewalArr > item.dueArr)));
    if (inStage) ids.push(item.accountId);
  }
  return unique(ids);
}

/** Accounts whose health transition over the period is `kind`. */
export function transitionAccountIds(dataset: Dataset, options: { period: Period; model?: HealthModelInput }, kind: TransitionKind): string[] {
  return healthTransitions(dataset, options).accounts.filter((a) => a.kind === kind).map((a) => a.accountId);
}

export type AttributionField =
  | 'savedRenewalArr' | 'wonRenewalArr' | 'optOutRetainedArr' | 'csqlArr' | 'savedWonExpansionArr' | 'pocArr'
  | 'csqaCount' | 'referralArr' | 'premiumServicesArr' | 'assistedSalesArr';

/**
 * Accounts with a record behind one figure of `csAttribution` in the period: the revenue events of its sources,
 * the leads won, the advocacy given, the opt-outs passed, or the accounts saved or won over the period (for the
 * save/win figures, a superset of the accounts whose renewals or expansions were counted).
 */
export function attributionAccountIds(
  dataset: Dataset,
  options: { period: Period; model?: HealthModelInput },
  field: AttributionField,
): string[] {
  const { period } = options;
  const sources: Partial<Record<AttributionField, readonly string[]>> = {
    pocArr: ['poc'], referralArr: ['referral'], premiumServicesArr: ['premium-csm', 'consulting'], assistedSalesArr: ['csm-assisted'],
  };
  const revenueSources = sources[field];
  if (revenueSources) {
    return unique((dataset.revenue ?? []).filter((r) => revenueSources.includes(r.source) && inPeriod(r.date, period)).map((r) => r.accountId));
  }
  switch (field) {
    case 'csqlArr':
      return unique((dataset.leads ?? []).filter((l) => l.stage === 'won' && l.closedAt !== undefined && inPeriod(l.closedAt, period)).map((l) => l.accountId));
    case 'csqaCount':
      return unique((dataset.advocacy ?? []).filter((a) => inPeriod(a.date, period)).map((a) => a.accountId));
    case 'optOutRetainedArr':
      return unique((dataset.contracts ?? []).filter((c) => c.optOutDate !== undefined && inPeriod(c.optOutDate, period) && c.end > c.optOutDate).map((c) => c.accountId));
    case 'savedRenewalArr':
      return transitionAccountIds(dataset, options, 'save');
    case 'wonRenewalArr':
      return transitionAccountIds(dataset, options, 'win');
    default:
      return unique([...transitionAccountIds(dataset, options, 'save'), ...transitionAccountIds(dataset, options, 'win')]);
  }
}
