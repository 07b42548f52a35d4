/**
 * One row per account for account lists: its attributes, ARR, health, quadrant, NPS, activity and renewal as of
 * the end of a period. Each figure is the same one the matching metric reports, so a table and a chart agree:
 * - `arr`: ARR in `period.to` (SPEC 2, without grace bridging, as the health results use);
 * - `score`, `tier`, `quadrant`: the account's health at `period.to` (SPEC 4), null without it;
 * - `nps`: the account's own NPS over its responses dated in the period (SPEC 5), null without responses;
 * - `activityRate`: activeUsers / licensedUsers in `period.to`, 0 without a record (SPEC 5);
 * - `nextRenewal`: the earliest contract end on or after the first day of `period.to`, as early warnings use;
 * - `renewalStatus`: the status of the account's last contract due in the period (by due date), null when none was due.
 */
import { assertGrace, resolveAsOf } from './arr-movements.js';
import { assertPeriod, dayNumber, firstDayOfMonth, monthIndex } from './dates.js';
import { arrThrough, recordColumns } from './dataset-index.js';
import { nextRenewalOf } from './early-warnings.js';
import { quadrantOf, type Quadrant } from './health.js';
import { HEALTH_TIERS, resolveHealthModel, type HealthModel, type HealthModelInput, type HealthTier } from './health-model.js';
import { activityMatrix, activityRateAt, healthCell, healthScoreMatrix } from './monthly-records.js';
import { countNps, emptyNps, npsScore, type NpsResult } from './nps.js';
import { RENEWAL_STATUSES, renewalsOf, type RenewalCore, type RenewalStatus } from './renewals.js';
import { wholeDataset, type Selection } from './selection.js';
import type { DateString, Dataset, NpsResponse, Period } from './types.js';

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

export interface AccountSummarySettings {
  period: Period;
  model: HealthModel;
  graceMonths: number;
  asOf: DateString;
}

export function accountSummariesOf(selection: Selection, settings: AccountSummarySettings, shared?: { renewals: RenewalCore }): AccountSummary[] {
  const { index } = selection;
  const { period, model, graceMonths, asOf } = settings;
  const month = monthIndex(period.to);
  const from = monthIndex(period.from);
  const firstDay = dayNumber(firstDayOfMonth(period.to));
  const activity = activityMatrix(index);
  const health = healthScoreMatrix(index, model);
  const arr = arrThrough(index, month);
  const csmNames = new Map((index.dataset.csms ?? []).map((csm) => [csm.id, csm.name]));

  const npsByAccount = new Map<number, NpsResult>();
  const responses = recordColumns<NpsResponse>(index, 'nps');
  for (let row = 0; row < responses.records.length; row += 1) {
    const position = responses.account[row] as number;
    const responseMonth = responses.month[row] as number;
    if (position < 0 || responseMonth < from || responseMonth > month) continue;
    let counts = npsByAccount.get(position);
    if (!counts) npsByAccount.set(position, (counts = emptyNps()));
    countNps(counts, (responses.records[row] as NpsResponse).score);
  }
  // The last due contract of each account in due order (due date, then id) gives its renewal status.
  const lastStatus = new Map<number, RenewalStatus>();
  const summary = shared?.renewals ?? renewalsOf(selection, { period, graceMonths, asOf });
  summary.dueRows.forEach((row, i) => lastStatus.set(index.contracts.account[row] as number, RENEWAL_STATUSES[summary.status[i] as number] as RenewalStatus));

  return Array.from(selection.positions, (position) => {
    const account = index.accounts[position] as Dataset['accounts'][number];
    const cell = healthCell(health, position, month);
    const counts = npsByAccount.get(position);
    const outcome = cell < 0 ? 0 : (health.sides.outcome[cell] as number);
    const experience = cell < 0 ? 0 : (health.sides.experience[cell] as number);
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
      arr: month >= arr.start ? (arr.values[position * arr.count + month - arr.start] as number) : 0,
      score: cell < 0 ? null : (health.score[cell] as number),
      tier: cell < 0 ? null : (HEALTH_TIERS[health.tier[cell] as number] as HealthTier),
      quadrant: cell < 0 ? null : quadrantOf(outcome, experience, model.quadrant),
      nps: counts ? npsScore(counts) : null,
      activityRate: activityRateAt(activity, position, month),
      nextRenewal: nextRenewalOf(index, position, firstDay),
      renewalStatus: lastStatus.get(position) ?? null,
    };
  });
}

export function resolveAccountSummarySettings(options: AccountSummariesOptions): AccountSummarySettings {
  const { period, graceMonths = 0 } = options;
  assertPeriod(period);
  assertGrace(graceMonths);
  return { period, graceMonths, asOf: resolveAsOf(period, options.asOf), model: resolveHealthModel(options.model) };
}

export function accountSummaries(dataset: Dataset, options: AccountSummariesOptions): AccountSummary[] {
  return accountSummariesOf(wholeDataset(dataset), resolveAccountSummarySettings(options));
}
