/**
 * One account's story (SPEC 10): its ARR by month with the movement of each month, its health (score, tier,
 * outcome, experience) and activity, its contracts with their renewal status, and its NPS responses, leads,
 * advocacy and CS-attributed revenue, with whether it is warned of churn.
 *
 * Rules the SPEC leaves open, decided here:
 * - Months, movements and ARR are the waterfall's (grace-bridged as known at `asOf`).
 * - A contract's `status` is its SPEC 3 status at `asOf` when it is due by then (the month of its end is not after
 *   the month of `asOf`); null for one that is not due yet and for an open-ended one.
 * - NPS responses, leads (by `createdAt`), advocacy and revenue events are those dated in the period, by date.
 * - `earlyWarning` is whether the account is in `earlyWarnings` at the month of `asOf` (SPEC 5, or the options').
 * - `drivers` explain the health of the period's last month against the month before (`healthDrivers`, SPEC 12).
 */
import { assertGrace, classifyMovement, resolveAsOf, movementArr, type MovementKind } from '../arr/arr-movements.js';
import { assertPeriod, dayNumber, monthFromIndex, monthIndex, monthOf } from '../core/dates.js';
import { recordColumns } from '../data/dataset-index.js';
import { earlyWarningsOf, resolveEarlyWarningSettings } from '../engagement/early-warnings.js';
import { HEALTH_TIERS, resolveHealthModel, type HealthModel, type HealthModelInput, type HealthTier } from '../model/health-model.js';
import { activityMatrix, activityRateAt, healthCell, healthScoreMatrix } from '../data/monthly-records.js';
import { npsCategory, type NpsCategory } from '../model/domain.js';
import { accountDriversAt, type AccountHealthDrivers } from '../health/health-drivers.js';
import { RENEWAL_STATUSES, renewalMatches, renewalStatusCode, type RenewalStatus } from '../renewals/renewals.js';
import { selectMask, type Selection } from '../data/selection.js';
import { contractEnd, contractStart, indexDataset, OPEN_END } from '../data/dataset-index.js';
import type { Account, AdvocacyRecord, DateString, Dataset, Lead, Month, NpsResponse, Period, RevenueEvent } from '../core/types.js';

export interface AccountStoryMonth {
  month: Month;
  arr: number;
  movement: MovementKind | null;
  healthScore: number | null;
  tier: HealthTier | null;
  outcome: number | null;
  experience: number | null;
  activityRate: number;
}

export interface AccountStoryContract {
  contractId: string;
  start: DateString;
  end: DateString | null;
  /** In the reporting currency. */
  arr: number;
  /** The SPEC 3 status at `asOf`; null when the contract is not due by then. */
  status: RenewalStatus | null;
  renewalContractId: string | null;
}

export interface AccountStory {
  account: Account;
  period: Period;
  asOf: DateString;
  months: AccountStoryMonth[];
  contracts: AccountStoryContract[];
  nps: NpsResponse[];
  leads: Lead[];
  advocacy: AdvocacyRecord[];
  revenue: RevenueEvent[];
  earlyWarning: boolean;
  /**
   * The next renewal to decide: of the contracts with an end and no renewal yet that are not due by `asOf` or are
   * still open (or in grace) at `asOf`, the one ending first (ties: the larger ARR); null when there is none.
   */
  nextRenewal: AccountStoryContract | null;
  /** The model's tier thresholds (lower bounds), so a chart can draw the tier bands behind the health score. */
  tiers: HealthModel['tiers'];
  /** Why the health is what it is in the period's last month, and how it moved since the month before (SPEC 12); null without health then. */
  drivers: AccountHealthDrivers | null;
}

export interface AccountStoryOptions {
  period: Period;
  model?: HealthModelInput;
  graceMonths?: number;
  asOf?: DateString;
  earlyWarning?: { threshold?: number; months?: number };
}

export interface AccountStorySettings {
  period: Period;
  model: HealthModel;
  graceMonths: number;
  asOf: DateString;
  earlyWarning: { threshold: number; months: number };
}

export function resolveAccountStorySettings(options: AccountStoryOptions): AccountStorySettings {
  const { period, graceMonths = 0 } = options;
  assertPeriod(period);
  assertGrace(graceMonths);
  return {
    period, graceMonths, asOf: resolveAsOf(period, options.asOf), model: resolveHealthModel(options.model),
    earlyWarning: resolveEarlyWarningSettings(options.earlyWarning),
  };
}

/** The story of the account at `position` of the selection's index (the caller checks it is selected). */
export function accountStoryAt(selection: Selection, position: number, settings: AccountStorySettings): AccountStory {
  const { index } = selection;
  const { period, model, graceMonths, asOf } = settings;
  const account = index.accounts[position] as Account;
  const from = monthIndex(period.from);
  const to = monthIndex(period.to);
  const series = movementArr(index, period, graceMonths, asOf);
  const health = healthScoreMatrix(index, model);
  const activity = activityMatrix(index);
  // "Never had ARR before m" looks back to the account's first month with ARR (SPEC 2).
  let everPositive = false;
  for (let month = series.raw.start; month < from; month += 1) if (series.rawAt(position, month) > 0) everPositive = true;
  let previous = series.at(position, from - 1);
  const months: AccountStoryMonth[] = [];
  for (let month = from; month <= to; month += 1) {
    const arr = series.at(position, month);
    const cell = healthCell(health, position, month);
    months.push({
      month: monthFromIndex(month),
      arr,
      movement: classifyMovement(previous, arr, everPositive),
      healthScore: cell < 0 ? null : (health.score[cell] as number),
      tier: cell < 0 ? null : (HEALTH_TIERS[health.tier[cell] as number] as HealthTier),
      outcome: cell < 0 ? null : (health.sides.outcome[cell] as number),
      experience: cell < 0 ? null : (health.sides.experience[cell] as number),
      activityRate: activityRateAt(activity, position, month),
    });
    if (arr > 0) everPositive = true;
    previous = arr;
  }
  const c = index.contracts;
  const matches = renewalMatches(index, graceMonths);
  const asOfDay = dayNumber(asOf);
  const asOfMonth = monthIndex(monthOf(asOf));
  const contracts: AccountStoryContract[] = [];
  for (let i = c.offsets[position] as number; i < (c.offsets[position + 1] as number); i += 1) {
    const row = c.order[i] as number;
    const due = (c.endDay[row] as number) !== OPEN_END && (c.endMonth[row] as number) <= asOfMonth;
    const renewal = matches[row] as number;
    contracts.push({
      contractId: c.ids.at(row), start: contractStart(c, row), end: contractEnd(c, row) ?? null, arr: c.arr[row] as number,
      status: due ? (RENEWAL_STATUSES[renewalStatusCode(c, row, renewal, graceMonths, asOfDay)] as RenewalStatus) : null,
      renewalContractId: renewal >= 0 ? c.ids.at(renewal) : null,
    });
  }
  const inPeriod = <T extends { accountId?: string }>(name: 'nps' | 'leads' | 'advocacy' | 'revenue', dateOf: (record: T) => string): T[] => {
    const columns = recordColumns<T>(index, name);
    const found: T[] = [];
    for (let row = 0; row < columns.records.length; row += 1) {
      const month = columns.month[row] as number;
      if (columns.account[row] === position && month >= from && month <= to) found.push(columns.records.at(row) as T);
    }
    return found.sort((a, b) => (dateOf(a) < dateOf(b) ? -1 : dateOf(a) > dateOf(b) ? 1 : 0));
  };
  let nextRenewal: AccountStoryContract | null = null;
  for (const contract of contracts) {
    const undecided = contract.end !== null && contract.renewalContractId === null
      && (contract.status === null || contract.status === 'open' || contract.status === 'in-grace');
    if (!undecided) continue;
    if (nextRenewal === null || (contract.end as string) < (nextRenewal.end as string)
      || (contract.end === nextRenewal.end && contract.arr > nextRenewal.arr)) nextRenewal = contract;
  }
  const self = selectMask(index, Uint8Array.from(index.accounts, (_, p) => (p === position ? 1 : 0)));
  return {
    account,
    period: { from: period.from, to: period.to },
    asOf,
    months,
    contracts,
    nps: inPeriod<NpsResponse>('nps', (r) => r.date),
    leads: inPeriod<Lead>('leads', (l) => l.createdAt),
    advocacy: inPeriod<AdvocacyRecord>('advocacy', (a) => a.date),
    revenue: inPeriod<RevenueEvent>('revenue', (r) => r.date),
    earlyWarning: earlyWarningsOf(self, { asOf: monthOf(asOf), ...settings.earlyWarning }).items.length > 0,
    nextRenewal,
    tiers: { ...model.tiers },
    drivers: accountDriversAt(index, model, position, to, to - 1),
  };
}

/**
 * An account id that is not in the dataset, or not among a view's accounts (a viewer's scope): both read the same,
 * so an answer never tells an account outside the scope from one that does not exist (an HTTP 404).
 */
export class UnknownAccountError extends RangeError {
  constructor(readonly accountId: string) {
    super(`accountStory: no account with id ${JSON.stringify(String(accountId).slice(0, 200))}`);
    this.name = 'UnknownAccountError';
  }
}

export function accountStory(dataset: Dataset, accountId: string, options: AccountStoryOptions): AccountStory {
  const index = indexDataset(dataset);
  const position = typeof accountId === 'string' ? index.positionOf.get(accountId) : undefined;
  if (position === undefined) throw new UnknownAccountError(accountId);
  return accountStoryAt(selectMask(index, null), position, resolveAccountStorySettings(options));
}

export type AccountEventKind = 'contract-start' | 'contract-end' | 'nps' | 'lead' | 'advocacy' | 'revenue';

/** Timeline order of events on the same day: a contract ending before the next one starts, then the rest. */
export const ACCOUNT_EVENT_KINDS: readonly AccountEventKind[] = ['contract-end', 'contract-start', 'nps', 'lead', 'advocacy', 'revenue'];

/** One dated event of an account's story, for a timeline. Fields that do not apply to the kind are null. */
export interface AccountEvent {
  date: DateString;
  month: Month;
  kind: AccountEventKind;
  /** The record's id (contract, response, lead, advocacy record or revenue event); `''` for a response without one. */
  id: string;
  /** Contract ARR (start, end), lead ARR, revenue event ARR. */
  arr: number | null;
  /** A contract end's renewal status at `asOf` (null: not due by then). */
  status: RenewalStatus | null;
  /** The contract that renewed an ending contract. */
  renewalContractId: string | null;
  /** NPS score and its category. */
  score: number | null;
  category: NpsCategory | null;
  /** A lead's stage, an advocacy record's kind, a revenue event's source. */
  detail: string | null;
}

const eventOf = (date: DateString, kind: AccountEventKind, id: string, fields: Partial<AccountEvent> = {}): AccountEvent => ({
  date, month: monthOf(date), kind, id, arr: null, status: null, renewalContractId: null, score: null, category: null, detail: null, ...fields,
});

/**
 * The dated events of a story inside its period, by date (same day: `ACCOUNT_EVENT_KINDS` order, then id): contracts
 * starting and ending, NPS responses, leads created, advocacy and CS-attributed revenue. A table lists them; a chart
 * marks them on the timeline.
 */
export function accountEvents(story: AccountStory): AccountEvent[] {
  const { from, to } = story.period;
  const inside = (date: DateString) => { const month = date.slice(0, 7); return month >= from && month <= to; };
  const events: AccountEvent[] = [];
  for (const contract of story.contracts) {
    if (inside(contract.start)) events.push(eventOf(contract.start, 'contract-start', contract.contractId, { arr: contract.arr }));
    if (contract.end !== null && inside(contract.end)) {
      events.push(eventOf(contract.end, 'contract-end', contract.contractId, { arr: contract.arr, status: contract.status, renewalContractId: contract.renewalContractId }));
    }
  }
  for (const response of story.nps) {
    events.push(eventOf(response.date, 'nps', response.id ?? '', { score: response.score, category: npsCategory(response.score) }));
  }
  for (const lead of story.leads) events.push(eventOf(lead.createdAt, 'lead', lead.id, { arr: lead.arr ?? null, detail: lead.stage }));
  for (const record of story.advocacy) events.push(eventOf(record.date, 'advocacy', record.id, { detail: record.kind }));
  for (const event of story.revenue) events.push(eventOf(event.date, 'revenue', event.id, { arr: event.arr, detail: event.source }));
  const rank = (kind: AccountEventKind) => ACCOUNT_EVENT_KINDS.indexOf(kind);
  return events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : rank(a.kind) - rank(b.kind) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
}
