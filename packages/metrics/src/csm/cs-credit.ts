/**
 * A book's CS credit in detail (seed 000), beside `csAttribution`'s period totals: the attribution month by month,
 * premium CSM and consulting revenue apart, the CSQL funnel and CSQAs by kind. Over a CSM's accounts (a view
 * filtered by `csmId`) it is that CSM's credit.
 *
 * Rules decided here:
 * - Each month's row is SPEC 6 with that month as the period (its renewals due, its movements, its records); the
 *   save-or-win test of expansion then reads the month's own transition, so months need not add up to the period's
 *   `savedWonExpansionArr` (every other figure does).
 * - The CSQL funnel counts the leads created in the period by the furthest stage they reached: every lead was
 *   submitted; accepted counts accepted, opportunity and won leads; opportunity counts opportunity and won; a lost
 *   lead's last stage before losing is not recorded, so it counts as submitted only (and in `lost`). Each stage's ARR
 *   sums its leads' `arr` (none: 0); conversion is won / submitted.
 */
import { addMonthsToMonth, monthIndex } from '../core/dates.js';
import { ratio } from '../core/ratio.js';
import type { AdvocacyKind, AdvocacyRecord, Dataset, Lead, LeadStage, Month, Period, RevenueEvent } from '../core/types.js';
import { recordColumns } from '../data/dataset-index.js';
import { isSelected, wholeDataset, type Selection } from '../data/selection.js';
import { ADVOCACY_KINDS } from '../model/domain.js';
import { csAttributionOf, resolveAttributionSettings, type AttributionSettings, type CsAttribution, type CsAttributionOptions } from './cs-attribution.js';

export interface CsCreditMonth {
  month: Month;
  savedRenewalArr: number;
  wonRenewalArr: number;
  optOutRetainedArr: number;
  csqlArr: number;
  savedWonExpansionArr: number;
  pocArr: number;
  referralArr: number;
  premiumCsmArr: number;
  consultingArr: number;
  assistedSalesArr: number;
  csqaCount: number;
  /** Every ARR figure of the month. */
  totalArr: number;
}

export type CsqlStage = Exclude<LeadStage, 'lost'>;
export const CSQL_STAGES: readonly CsqlStage[] = ['submitted', 'accepted', 'opportunity', 'won'];

export interface CsCredit {
  period: Period;
  months: CsCreditMonth[];
  /** `premiumServicesArr` of the period apart: premium CSM and consulting revenue. */
  premiumCsmArr: number;
  consultingArr: number;
  csqlFunnel: {
    stages: Array<{ stage: CsqlStage; count: number; arr: number }>;
    lost: { count: number; arr: number };
    /** Won / submitted; null without leads. */
    conversion: number | null;
  };
  csqaByKind: Record<AdvocacyKind, number>;
}

/** Premium CSM and consulting revenue of the selected accounts dated in months `from .. to`. */
function premiumServices(selection: Selection, from: number, to: number): { premiumCsmArr: number; consultingArr: number } {
  const revenue = recordColumns<RevenueEvent>(selection.index, 'revenue');
  const sums = { premiumCsmArr: 0, consultingArr: 0 };
  for (let row = 0; row < revenue.month.length; row += 1) {
    const month = revenue.month[row] as number;
    if (month < from || month > to || !isSelected(selection, revenue.account[row] as number)) continue;
    const { source } = revenue.records.at(row) as RevenueEvent;
    if (source === 'premium-csm') sums.premiumCsmArr += revenue.value[row] as number;
    else if (source === 'consulting') sums.consultingArr += revenue.value[row] as number;
  }
  return sums;
}

function creditMonth(selection: Selection, settings: AttributionSettings, month: Month): CsCreditMonth {
  const { model, lookbackMonths, graceMonths, asOf } = settings;
  const a = csAttributionOf(selection, { model, lookbackMonths, graceMonths, asOf, period: { from: month, to: month } });
  return creditMonthFrom(month, a, premiumServices(selection, monthIndex(month), monthIndex(month)));
}

/** A month's row of credit from its attribution and its premium services apart (both engines lay it out so). */
export function creditMonthFrom(month: Month, a: CsAttribution, apart: { premiumCsmArr: number; consultingArr: number }): CsCreditMonth {
  return {
    month, savedRenewalArr: a.savedRenewalArr, wonRenewalArr: a.wonRenewalArr, optOutRetainedArr: a.optOutRetainedArr, csqlArr: a.csqlArr,
    savedWonExpansionArr: a.savedWonExpansionArr, pocArr: a.pocArr, referralArr: a.referralArr, ...apart, assistedSalesArr: a.assistedSalesArr,
    csqaCount: a.csqaCount, totalArr: a.totalArr,
  };
}

/** The furthest CSQL stage (index into `CSQL_STAGES`) a lead counts at: a lost lead's is not recorded, so submitted. */
export const csqlStageReached = (stage: LeadStage): number => (stage === 'lost' ? 0 : CSQL_STAGES.indexOf(stage));

function csqlFunnel(selection: Selection, from: number, to: number): CsCredit['csqlFunnel'] {
  const leads = recordColumns<Lead>(selection.index, 'leads');
  const stages = CSQL_STAGES.map((stage) => ({ stage, count: 0, arr: 0 }));
  const lost = { count: 0, arr: 0 };
  for (let row = 0; row < leads.month.length; row += 1) {
    const month = leads.month[row] as number;
    if (month < from || month > to || !isSelected(selection, leads.account[row] as number)) continue;
    const lead = leads.records.at(row) as Lead;
    const arr = typeof lead.arr === 'number' ? lead.arr : 0;
    const reached = csqlStageReached(lead.stage);
    if (lead.stage === 'lost') {
      lost.count += 1;
      lost.arr += arr;
    }
    for (let stage = 0; stage <= reached; stage += 1) {
      (stages[stage] as { count: number }).count += 1;
      (stages[stage] as { arr: number }).arr += arr;
    }
  }
  return { stages, lost, conversion: ratio((stages[3] as { count: number }).count, (stages[0] as { count: number }).count) };
}

function csqaByKind(selection: Selection, from: number, to: number): Record<AdvocacyKind, number> {
  const advocacy = recordColumns<AdvocacyRecord>(selection.index, 'advocacy');
  const counts = Object.fromEntries(ADVOCACY_KINDS.map((kind) => [kind, 0])) as Record<AdvocacyKind, number>;
  for (let row = 0; row < advocacy.month.length; row += 1) {
    const month = advocacy.month[row] as number;
    if (month < from || month > to || !isSelected(selection, advocacy.account[row] as number)) continue;
    counts[(advocacy.records.at(row) as AdvocacyRecord).kind] += 1;
  }
  return counts;
}

/** The selection's CS credit over the settings' period: by month, premium services apart, CSQL funnel, CSQAs by kind. */
export function csCreditOf(selection: Selection, settings: AttributionSettings): CsCredit {
  const { period } = settings;
  const from = monthIndex(period.from);
  const to = monthIndex(period.to);
  const months: CsCreditMonth[] = [];
  for (let month = period.from; monthIndex(month) <= to; month = addMonthsToMonth(month, 1)) months.push(creditMonth(selection, settings, month));
  return {
    period: { from: period.from, to: period.to }, months, ...premiumServices(selection, from, to),
    csqlFunnel: csqlFunnel(selection, from, to), csqaByKind: csqaByKind(selection, from, to),
  };
}

/** `csCredit(dataset, { period, model?, lookbackMonths = 12, graceMonths = 0, asOf? })` over every account. */
export function csCredit(dataset: Dataset, options: CsAttributionOptions): CsCredit {
  return csCreditOf(wholeDataset(dataset), resolveAttributionSettings(options));
}
