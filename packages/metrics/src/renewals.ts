/**
 * Renewals (SPEC 3). A contract is due in a period when the month of its `end` lies in the period. Contract B
 * renews A when it is the same account's, starts after A starts, and starts no later than A.end + 1 day +
 * `graceMonths` months (a day missing from the target month clamps to its last day); the earliest such B counts.
 *
 * Rules the SPEC leaves open, decided here:
 * - A renewal contract is found however far in the future it starts: a signed renewal is a renewal, even when
 *   `asOf` is before its start.
 * - With `graceMonths = 0` there is no grace: a contract past its end with no renewal is `churned` at once.
 *   With grace, it is `in-grace` while `asOf` is on or before the last day a renewal may still start.
 * - A contract renews at most one contract, so its ARR is never counted twice. The account's contracts claim their
 *   renewals in order of end date (then start, then id), each taking the earliest qualifying contract not yet
 *   claimed. Two contracts ending together and consolidated into one renewal: the first is renewed, the second
 *   not (the account kept one product and dropped the other).
 */
import { addMonthsToDayNumber, assertPeriod, dayNumber, monthIndex } from './dates.js';
import { assertGrace, resolveAsOf } from './arr-movements.js';
import { indexDataset, type IndexedContract } from './dataset-index.js';
import { ratio } from './ratio.js';
import type { DateString, Dataset, Period } from './types.js';

export type RenewalStatus = 'renewed' | 'renewed-late' | 'open' | 'in-grace' | 'churned';

export const RENEWAL_STATUSES: readonly RenewalStatus[] = ['renewed', 'renewed-late', 'open', 'in-grace', 'churned'];

export interface RenewalItem {
  contractId: string;
  accountId: string;
  /** The due contract's ARR, in the reporting currency. */
  dueArr: number;
  /** The renewing contract's ARR; null when not renewed. */
  renewalArr: number | null;
  status: RenewalStatus;
  renewalContractId: string | null;
  /** The due contract's last covered day. */
  dueDate: DateString;
  /** Start of the renewing contract. */
  renewalStart: DateString | null;
  /** Days between the day after `dueDate` and `renewalStart` (0 when on time or early); null when not renewed. */
  daysLate: number | null;
}

export interface CountAndArr {
  count: number;
  arr: number;
}

export interface RenewalSummary {
  period: Period;
  asOf: DateString;
  graceMonths: number;
  due: CountAndArr;
  /** `arr` is the ARR of the renewing contracts. */
  renewed: CountAndArr;
  churned: CountAndArr;
  /** open + in-grace; `arr` is their due ARR. */
  pending: CountAndArr;
  /** Accounts with >= 1 renewed due contract / accounts with >= 1 due contract. */
  logoRate: number | null;
  /** Σ renewal ARR / Σ due ARR; pending contracts stay in the denominator; can exceed 1. */
  dollarRate: number | null;
  /** Σ min(renewal ARR, due ARR) / Σ due ARR. */
  grossDollarRate: number | null;
  items: RenewalItem[];
}

export interface RenewalsOptions {
  period: Period;
  graceMonths?: number;
  asOf?: DateString;
}

export function isRenewed(status: RenewalStatus): boolean {
  return status === 'renewed' || status === 'renewed-late';
}

function byEndThenStart(a: IndexedContract, b: IndexedContract): number {
  return a.endDay - b.endDay || a.startDay - b.startDay || (a.contract.id < b.contract.id ? -1 : 1);
}

/** Pairs each contract of one account with its renewal (or null), one renewal per contract. */
function matchRenewals(list: readonly IndexedContract[], graceMonths: number): Map<IndexedContract, IndexedContract | null> {
  const claimed = new Set<IndexedContract>();
  const matches = new Map<IndexedContract, IndexedContract | null>();
  for (const due of [...list].sort(byEndThenStart)) {
    const deadlineDay = renewalDeadlineDay(due, graceMonths);
    // `list` is sorted by start, so the first qualifying contract is the earliest renewal.
    const renewal = list.find((candidate) =>
      candidate.startDay > due.startDay && candidate.startDay <= deadlineDay && !claimed.has(candidate)) ?? null;
    if (renewal) claimed.add(renewal);
    matches.set(due, renewal);
  }
  return matches;
}

/** The last day a renewal may start: A.end + 1 day + graceMonths months. */
function renewalDeadlineDay(due: IndexedContract, graceMonths: number): number {
  if (graceMonths === 0) return due.endDay + 1;
  return addMonthsToDayNumber(due.endDay + 1, graceMonths);
}

function renewalItem(due: IndexedContract, renewal: IndexedContract | null, graceMonths: number, asOfDay: number): RenewalItem {
  const { contract } = due;
  const deadlineDay = renewalDeadlineDay(due, graceMonths);
  let status: RenewalStatus;
  if (renewal) status = renewal.startDay <= due.endDay + 1 ? 'renewed' : 'renewed-late';
  else if (asOfDay <= due.endDay) status = 'open';
  else if (graceMonths > 0 && asOfDay <= deadlineDay) status = 'in-grace';
  else status = 'churned';
  return {
    contractId: contract.id,
    accountId: contract.accountId,
    dueArr: due.arr,
    renewalArr: renewal ? renewal.arr : null,
    status,
    renewalContractId: renewal ? renewal.contract.id : null,
    dueDate: contract.end,
    renewalStart: renewal ? renewal.contract.start : null,
    daysLate: renewal ? Math.max(0, renewal.startDay - (due.endDay + 1)) : null,
  };
}

/** Aggregates renewal items into the summary figures (shared by `renewals` and per-group breakdowns). */
export function summarizeRenewals(period: Period, asOf: DateString, graceMonths: number, items: RenewalItem[]): RenewalSummary {
  const due = { count: 0, arr: 0 };
  const renewed = { count: 0, arr: 0 };
  const churned = { count: 0, arr: 0 };
  const pending = { count: 0, arr: 0 };
  let cappedArr = 0;
  const dueAccounts = new Set<string>();
  const renewedAccounts = new Set<string>();
  for (const item of items) {
    due.count += 1;
    due.arr += item.dueArr;
    dueAccounts.add(item.accountId);
    if (isRenewed(item.status)) {
      const renewalArr = item.renewalArr ?? 0;
      renewed.count += 1;
      renewed.arr += renewalArr;
      cappedArr += Math.min(renewalArr, item.dueArr);
      renewedAccounts.add(item.accountId);
    } else if (item.status === 'churned') {
      churned.count += 1;
      churned.arr += item.dueArr;
    } else {
      pending.count += 1;
      pending.arr += item.dueArr;
    }
  }
  return {
    period: { from: period.from, to: period.to },
    asOf,
    graceMonths,
    due, renewed, churned, pending,
    logoRate: ratio(renewedAccounts.size, dueAccounts.size),
    dollarRate: ratio(renewed.arr, due.arr),
    grossDollarRate: ratio(cappedArr, due.arr),
    items,
  };
}

export function renewals(dataset: Dataset, options: RenewalsOptions): RenewalSummary {
  const { period, graceMonths = 0 } = options;
  assertPeriod(period);
  assertGrace(graceMonths);
  const asOf = resolveAsOf(period, options.asOf);
  const asOfDay = dayNumber(asOf);
  const from = monthIndex(period.from);
  const to = monthIndex(period.to);
  const index = indexDataset(dataset);
  const items: RenewalItem[] = [];
  for (const list of index.contractsByAccount) {
    let matches: Map<IndexedContract, IndexedContract | null> | undefined;
    for (const contract of list) {
      if (contract.endMonth < from || contract.endMonth > to) continue;
      matches ??= matchRenewals(list, graceMonths);
      items.push(renewalItem(contract, matches.get(contract) ?? null, graceMonths, asOfDay));
    }
  }
  items.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.contractId < b.contractId ? -1 : 1));
  return summarizeRenewals(period, asOf, graceMonths, items);
}

export type FunnelStageName = 'due' | 'renewed' | 'retained' | 'expanded';

export interface FunnelStage {
  stage: FunnelStageName;
  count: number;
  dueArr: number;
  renewalArr: number;
  /** count / previous stage's count; the first stage converts from itself (1, or null when empty). */
  conversion: number | null;
}

export interface RenewalFunnel {
  period: Period;
  stages: FunnelStage[];
}

/** due -> renewed -> retained (renewal ARR >= due ARR) -> expanded (renewal ARR > due ARR) (SPEC 3). */
export function renewalFunnel(summary: RenewalSummary): RenewalFunnel {
  const tests: Array<[FunnelStageName, (item: RenewalItem) => boolean]> = [
    ['due', () => true],
    ['renewed', (item) => isRenewed(item.status)],
    ['retained', (item) => isRenewed(item.status) && (item.renewalArr ?? 0) >= item.dueArr],
    ['expanded', (item) => isRenewed(item.status) && (item.renewalArr ?? 0) > item.dueArr],
  ];
  const stages: FunnelStage[] = [];
  let previousCount: number | null = null;
  for (const [stage, test] of tests) {
    let count = 0;
    let dueArr = 0;
    let renewalArr = 0;
    for (const item of summary.items) {
      if (!test(item)) continue;
      count += 1;
      dueArr += item.dueArr;
      renewalArr += item.renewalArr ?? 0;
    }
    stages.push({ stage, count, dueArr, renewalArr, conversion: ratio(count, previousCount ?? count) });
    previousCount = count;
  }
  return { period: summary.period, stages };
}
