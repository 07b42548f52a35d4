/**
 * CS-attributed revenue (SPEC 6): what Customer Success retained, expanded and helped land in a period.
 * Every figure sums over the period; the groups' figures also stand flat on the result for direct access.
 *
 * Rules the SPEC leaves open, decided here:
 * - Renewals use the same `graceMonths` and `asOf` as `renewals`; a late renewal within grace counts as renewed.
 * - A lead without `arr` adds 0 to `csqlArr`.
 */
import { arrMovements, assertGrace, resolveAsOf } from './arr-movements.js';
import type { SharedResults } from './csm-scorecard.js';
import { assertPeriod, monthIndex } from './dates.js';
import { indexDataset } from './dataset-index.js';
import { resolveHealthModel, type HealthModelInput } from './health-model.js';
import { accountTransition } from './health-transitions.js';
import { isRenewed, renewals } from './renewals.js';
import type { DateString, Dataset, Period } from './types.js';

export interface CsAttributionRetain {
  /** Renewal ARR of due contracts renewed whose account was saved (red -> higher) over the lookback. */
  savedRenewalArr: number;
  /** Renewal ARR of due contracts renewed whose account was won (yellow/green-yellow -> higher) over the lookback. */
  wonRenewalArr: number;
  /** ARR of contracts with an opt-out date in the period and coverage past it. */
  optOutRetainedArr: number;
  total: number;
}

export interface CsAttributionExpand {
  /** ARR of CSQL leads won in the period. */
  csqlArr: number;
  /** Expansion movements in the period of accounts saved or won over the period. */
  savedWonExpansionArr: number;
  pocArr: number;
  total: number;
}

export interface CsAttributionLand {
  /** Advocacy records (case studies, testimonials, events, references) in the period. */
  csqaCount: number;
  referralArr: number;
  /** `premium-csm` + `consulting` revenue. */
  premiumServicesArr: number;
  /** `csm-assisted` revenue. */
  assistedSalesArr: number;
  /** ARR only; `csqaCount` is a count. */
  total: number;
}

export interface CsAttribution extends Omit<CsAttributionRetain, 'total'>, Omit<CsAttributionExpand, 'total'>, Omit<CsAttributionLand, 'total'> {
  period: Period;
  lookbackMonths: number;
  retain: CsAttributionRetain;
  expand: CsAttributionExpand;
  land: CsAttributionLand;
  /** retain.total + expand.total + land.total. */
  totalArr: number;
}

export interface CsAttributionOptions {
  period: Period;
  model?: HealthModelInput;
  lookbackMonths?: number;
  graceMonths?: number;
  asOf?: DateString;
}

export function csAttribution(dataset: Dataset, options: CsAttributionOptions, shared?: SharedResults): CsAttribution {
  const { period, lookbackMonths = 12, graceMonths = 0 } = options;
  assertPeriod(period);
  assertGrace(graceMonths);
  if (!Number.isInteger(lookbackMonths) || lookbackMonths < 0) throw new RangeError(`lookbackMonths must be a whole number >= 0, got ${String(lookbackMonths)}`);
  const asOf = resolveAsOf(period, options.asOf);
  const model = resolveHealthModel(options.model);
  const index = indexDataset(dataset);
  const from = monthIndex(period.from);
  const to = monthIndex(period.to);
  const inPeriod = (date: DateString | undefined) => {
    if (date === undefined) return false;
    const month = monthIndex(date);
    return month >= from && month <= to;
  };

  const retain = { savedRenewalArr: 0, wonRenewalArr: 0, optOutRetainedArr: 0, total: 0 };
  for (const item of (shared?.renewals ?? renewals(dataset, { period, graceMonths, asOf })).items) {
    if (!isRenewed(item.status)) continue;
    const dueMonth = monthIndex(item.dueDate);
    const position = index.positionOf.get(item.accountId) as number;
    const { kind } = accountTransition(index, model, position, dueMonth - lookbackMonths, dueMonth);
    if (kind === 'save') retain.savedRenewalArr += item.renewalArr ?? 0;
    if (kind === 'win') retain.wonRenewalArr += item.renewalArr ?? 0;
  }
  for (const list of index.contractsByAccount) {
    for (const { contract, arr } of list) {
      if (inPeriod(contract.optOutDate) && contract.end > (contract.optOutDate as string)) retain.optOutRetainedArr += arr;
    }
  }
  retain.total = retain.savedRenewalArr + retain.wonRenewalArr + retain.optOutRetainedArr;

  const expand = { csqlArr: 0, savedWonExpansionArr: 0, pocArr: 0, total: 0 };
  for (const lead of dataset.leads ?? []) if (lead.stage === 'won' && inPeriod(lead.closedAt)) expand.csqlArr += lead.arr ?? 0;
  const transitionKinds = new Map<string, string>();
  for (const movement of (shared?.waterfall ?? arrMovements(dataset, { period, graceMonths, asOf })).movements) {
    if (movement.kind !== 'expansion') continue;
    let kind = transitionKinds.get(movement.accountId);
    if (kind === undefined) {
      kind = accountTransition(index, model, index.positionOf.get(movement.accountId) as number, from, to).kind;
      transitionKinds.set(movement.accountId, kind);
    }
    if (kind === 'save' || kind === 'win') expand.savedWonExpansionArr += movement.amount;
  }

  const land = { csqaCount: 0, referralArr: 0, premiumServicesArr: 0, assistedSalesArr: 0, total: 0 };
  for (const record of dataset.advocacy ?? []) if (inPeriod(record.date)) land.csqaCount += 1;
  for (const event of dataset.revenue ?? []) {
    if (!inPeriod(event.date)) continue;
    if (event.source === 'poc') expand.pocArr += event.arr;
    else if (event.source === 'referral') land.referralArr += event.arr;
    else if (event.source === 'premium-csm' || event.source === 'consulting') land.premiumServicesArr += event.arr;
    else land.assistedSalesArr += event.arr;
  }
  expand.total = expand.csqlArr + expand.savedWonExpansionArr + expand.pocArr;
  land.total = land.referralArr + land.premiumServicesArr + land.assistedSalesArr;

  const { total: retainTotal, ...retainFigures } = retain;
  const { total: expandTotal, ...expandFigures } = expand;
  const { total: landTotal, ...landFigures } = land;
  return {
    period: { from: period.from, to: period.to },
    lookbackMonths,
    ...retainFigures, ...expandFigures, ...landFigures,
    retain, expand, land,
    totalArr: retainTotal + expandTotal + landTotal,
  };
}
