/**
 * One row per account for account lists: its attributes, ARR, health, quadrant, NPS, activity and renewal as of
 * the end of a period. Each figure is the same one the matching metric reports, so a table and a chart agree:
 * - `arr`: ARR in `period.to` (SPEC 2, without grace bridging, as the health results use);
 * - `score`, `tier`, `quadrant`: the latest health snapshot at or before `period.to` (SPEC 4), null without one;
 * - `nps`: the account's own NPS over its responses dated in the period (SPEC 5), null without responses;
 * - `activityRate`: activeUsers / licensedUsers in `period.to`, 0 without a record (SPEC 5);
 * - `nextRenewal`: the earliest contract end on or after the first day of `period.to`, as early warnings use;
 * - `renewalStatus`: the status of the account's last contract due in the period (by due date), null when none was due.
 */
import { assertPeriod, dayNumber, firstDayOfMonth, monthIndex, monthOf } from './dates.js';
import { indexDataset, valueAt } from './dataset-index.js';
import { nextRenewalOf } from './early-warnings.js';
import { accountHealthAt, quadrantOf } from './health.js';
import type { Quadrant } from './health.js';
import { resolveHealthModel } from './health-model.js';
import type { HealthModelInput, HealthTier } from './health-model.js';
import { activityMatrix, activityRateAt } from './monthly-records.js';
import { countNps, emptyNps, npsScore } from './nps.js';
import type { NpsResult } from './nps.js';
import { renewals } from './renewals.js';
import type { RenewalStatus } from './renewals.js';
import type { DateString, Dataset, Period } from './types.js';

export interface AccountSummary {
  accountId: string;
  name: string;
  csmId: string | null;
  /** The CSM's name from `dataset.csms`, else the id. */
  csmName: string | null;
  salesRepId: string | null;
  segment: string | null;
  region: string | null;
  industry: string | null;
  channel: string | null;
  arr: number;
  score: number | null;
  tier: HealthTier | null;
  quadrant: Quadrant | null;
  nps: number | null;
  activityRate: number;
  nextRenewal: DateString | null;
  renewalStatus: RenewalStatus | null;
}

export interface AccountSummariesOptions {
  period: Period;
  model?: HealthModelInput;
  graceMonths?: number;
  asOf?: DateString;
}

export function accountSummaries(dataset: Dataset, options: AccountSummariesOptions): AccountSummary[] {
  const { period } = options;
  assertPeriod(period);
  const model = resolveHealthModel(options.model);
  const index = indexDataset(dataset);
  const month = monthIndex(period.to);
  const firstDay = dayNumber(firstDayOfMonth(period.to));
  const activity = activityMatrix(index);
  const csmNames = new Map((dataset.csms ?? []).map((csm) => [csm.id, csm.name]));

  const npsByAccount = new Map<string, NpsResult>();
  for (const response of dataset.nps ?? []) {
    if (response.accountId === undefined) continue;
    const responseMonth = monthOf(response.date);
    if (responseMonth < period.from || responseMonth > period.to) continue;
    let counts = npsByAccount.get(response.accountId);
    if (!counts) npsByAccount.set(response.accountId, (counts = emptyNps()));
    countNps(counts, response.score);
  }
  const lastDue = new Map<string, { dueDate: string; status: RenewalStatus }>();
  const summary = renewals(dataset, { period, graceMonths: options.graceMonths ?? 0, ...(options.asOf ? { asOf: options.asOf } : {}) });
  for (const item of summary.items) {
    const seen = lastDue.get(item.accountId);
    if (!seen || item.dueDate >= seen.dueDate) lastDue.set(item.accountId, { dueDate: item.dueDate, status: item.status });
  }

  return index.accounts.map((account, position) => {
    const health = accountHealthAt(index, model, position, month);
    const counts = npsByAccount.get(account.id);
    return {
      accountId: account.id,
      name: account.name,
      csmId: account.csmId ?? null,
      csmName: account.csmId === undefined ? null : csmNames.get(account.csmId) ?? account.csmId,
      salesRepId: account.salesRepId ?? null,
      segment: account.segment ?? null,
      region: account.region ?? null,
      industry: account.industry ?? null,
      channel: account.channel ?? null,
      arr: valueAt(index.arr, position, month),
      score: health ? health.score : null,
      tier: health ? health.tier : null,
      quadrant: health ? quadrantOf(health.outcome, health.experience, model.quadrant) : null,
      nps: counts ? npsScore(counts) : null,
      activityRate: activityRateAt(activity, position, month),
      nextRenewal: nextRenewalOf(index, position, firstDay),
      renewalStatus: lastDue.get(account.id)?.status ?? null,
    };
  });
}
