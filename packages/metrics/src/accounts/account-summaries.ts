/**
 * One row per account for account lists: its attributes, ARR, health, quadrant, NPS, activity and renewal as of
 * the end of a period. Each figure is the same one the matching metric reports, so a table and a chart agree:
 * - `arr`: ARR in `period.to` (SPEC 2, without grace bridging, as the health results use);
 * - `score`, `tier`, `quadrant`: the account's health at `period.to` (SPEC 4), null without it;
 * - `nps`: the account's own NPS over its responses dated in the period (SPEC 5), null without responses;
 * - `activityRate`: activeUsers / licensedUsers in `period.to`, 0 without a record (SPEC 5);
 * - `nextRenewal`: the earliest contract end on or after the first day of `period.to`, as early warnings use;
 * - `renewalStatus`: the status of the account's last contract due in the period (by due date), null when none was due;
 * - `healthChange`: the score at `period.to` minus the score the month before (SPEC 12's `scoreChange`), null
 *   without health in either; `driver` and `driverChange`: the component whose contribution fell most over that
 *   month (`biggestFall`), null when none fell.
 */
import { assertGrace, resolveAsOf } from '../arr/arr-movements.js';
import { assertPeriod, dayNumber, firstDayOfMonth, monthIndex } from '../core/dates.js';
import { arrThrough } from '../data/dataset-index.js';
import { nextRenewalOf } from '../engagement/early-warnings.js';
import { quadrantOf, type Quadrant } from '../health/health.js';
import { accountDriversAt, biggestFall, type AccountHealthDrivers } from '../health/health-drivers.js';
import { HEALTH_TIERS, resolveHealthModel, type HealthModel, type HealthModelInput, type HealthTier } from '../model/health-model.js';
import { lazyTable, type RowTable } from '../core/rows.js';
import { activityMatrix, activityRateAt, healthCell, healthScoreMatrix } from '../data/monthly-records.js';
import { npsCategory } from '../model/domain.js';
import { npsScore, responsesIn } from '../engagement/nps.js';
import { RENEWAL_STATUSES, renewalsOf, type RenewalCore, type RenewalStatus } from '../renewals/renewals.js';
import { slotOf, wholeDataset, type Selection } from '../data/selection.js';
import type { Account, DateString, Dataset, Period } from '../core/types.js';

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
  healthChange: number | null;
  /** `side:key` of the component that fell most, e.g. `experience:responseHours`. */
  driver: string | null;
  /** Its change in points of the health score (negative). */
  driverChange: number | null;
}

/** The accounts table's `csm` of an account: its CSM's name in `dataset.csms` (`names`, by id), else the CSM's id; none without a CSM. */
export function csmNameOf(csmId: string | undefined, names: ReadonlyMap<string, string>): string | null {
  return csmId === undefined ? null : names.get(csmId) ?? csmId;
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

/**
 * The account summaries of a selection as a row table: each figure read by index (`cell`), rows built only when
 * asked, so a paged table sorts 100k accounts by ARR without building 100k objects.
 */
export function accountSummaryTable(selection: Selection, settings: AccountSummarySettings, shared?: { renewals: RenewalCore }): RowTable<AccountSummary> {
  const { index } = selection;
  const { period, model, graceMonths, asOf } = settings;
  const month = monthIndex(period.to);
  const from = monthIndex(period.from);
  const firstDay = dayNumber(firstDayOfMonth(period.to));
  const activity = activityMatrix(index);
  const health = healthScoreMatrix(index, model);
  const arr = arrThrough(index, month);
  const csmNames = new Map((index.dataset.csms ?? []).map((csm) => [csm.id, csm.name]));

  // Each account's NPS counts over its responses dated in the period (only those of selected accounts are read).
  // Per selected account (by its place in the selection): NPS counts over its responses dated in the period.
  const m = selection.positions.length;
  const slot = slotOf(selection);
  const responsesOf = new Int32Array(m);
  const promotersOf = new Int32Array(m);
  const detractorsOf = new Int32Array(m);
  const responses = responsesIn(index, from, month);
  for (let i = 0; i < responses.account.length; i += 1) {
    const position = responses.account[i] as number;
    const k = position < 0 ? -1 : (slot[position] as number);
    if (k < 0) continue;
    const category = npsCategory(responses.value[i] as number);
    responsesOf[k] = (responsesOf[k] as number) + 1;
    if (category === 'promoters') promotersOf[k] = (promotersOf[k] as number) + 1;
    if (category === 'detractors') detractorsOf[k] = (detractorsOf[k] as number) + 1;
  }
  // The last due contract of each account in due order (due date, then id) gives its renewal status (-1: none due).
  const lastStatus = new Int8Array(m).fill(-1);
  const summary = shared?.renewals ?? renewalsOf(selection, { period, graceMonths, asOf });
  for (let i = 0; i < summary.dueRows.length; i += 1) lastStatus[slot[summary.dueAccount[i] as number] as number] = summary.status[i] as number;
  const statusAt = (k: number) => { const code = lastStatus[k] as number; return code < 0 ? null : (RENEWAL_STATUSES[code] as RenewalStatus); };

  const { positions } = selection;
  const at = (i: number) => positions[i] as number;
  const account = (i: number) => index.accounts[at(i)] as Account;
  const cellAt = (i: number) => healthCell(health, at(i), month);
  const arrAt = (i: number) => (month >= arr.start ? (arr.values[at(i) * arr.count + month - arr.start] as number) : 0);
  const scoreAt = (i: number) => { const cell = cellAt(i); return cell < 0 ? null : (health.score[cell] as number); };
  const tierAt = (i: number) => { const cell = cellAt(i); return cell < 0 ? null : (HEALTH_TIERS[health.tier[cell] as number] as HealthTier); };
  const quadrantAt = (i: number) => {
    const cell = cellAt(i);
    return cell < 0 ? null : quadrantOf(health.sides.outcome[cell] as number, health.sides.experience[cell] as number, model.quadrant);
  };
  const csmNameAt = (i: number) => csmNameOf(account(i).csmId, csmNames);
  const npsAt = (i: number) => {
    const count = responsesOf[i] as number;
    return count === 0 ? null : npsScore({ responses: count, promoters: promotersOf[i] as number, detractors: detractorsOf[i] as number, passives: 0 });
  };
  // Month-over-month drivers, worked out for a row when it (or a sort on these columns) first reads them.
  const drivers = new Array<AccountHealthDrivers | null | undefined>(selection.positions.length);
  const driversOf = (i: number) => {
    let found = drivers[i];
    if (found === undefined) found = drivers[i] = accountDriversAt(index, model, at(i), month, month - 1);
    return found;
  };
  const healthChangeAt = (i: number) => driversOf(i)?.scoreChange ?? null;
  const fallAt = (i: number) => { const d = driversOf(i); return d ? biggestFall(d) : null; };
  const driverAt = (i: number) => { const fall = fallAt(i); return fall ? `${fall.side}:${fall.key}` : null; };
  const driverChangeAt = (i: number) => fallAt(i)?.change ?? null;
  const readers: Record<string, (i: number) => string | number | null> = {
    name: (i) => account(i).name,
    accountId: (i) => account(i).id,
    csm: csmNameAt,
    segment: (i) => account(i).segment ?? null,
    region: (i) => account(i).region ?? null,
    industry: (i) => account(i).industry ?? null,
    channel: (i) => account(i).channel ?? null,
    arr: arrAt,
    score: scoreAt,
    tier: tierAt,
    quadrant: quadrantAt,
    nps: npsAt,
    activityRate: (i) => activityRateAt(activity, at(i), month),
    nextRenewal: (i) => nextRenewalOf(index, at(i), firstDay),
    renewalStatus: statusAt,
    healthChange: healthChangeAt,
    driver: driverAt,
    driverChange: driverChangeAt,
  };
  return lazyTable(positions.length, (i): AccountSummary => {
    const a = account(i);
    return {
      accountId: a.id,
      name: a.name,
      csmId: a.csmId ?? null,
      csmName: csmNameAt(i),
      salesRepId: a.salesRepId ?? null,
      segment: a.segment ?? null,
      region: a.region ?? null,
      industry: a.industry ?? null,
      channel: a.channel ?? null,
      arr: arrAt(i),
      score: scoreAt(i),
      tier: tierAt(i),
      quadrant: quadrantAt(i),
      nps: npsAt(i),
      activityRate: activityRateAt(activity, at(i), month),
      nextRenewal: nextRenewalOf(index, at(i), firstDay),
      renewalStatus: statusAt(i),
      healthChange: healthChangeAt(i),
      driver: driverAt(i),
      driverChange: driverChangeAt(i),
    };
  }, at, (column) => readers[column]);
}

export function accountSummariesOf(selection: Selection, settings: AccountSummarySettings, shared?: { renewals: RenewalCore }): AccountSummary[] {
  const table = accountSummaryTable(selection, settings, shared);
  return Array.from({ length: table.length }, (_, i) => table.row(i));
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
