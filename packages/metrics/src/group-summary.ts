/**
 * Key figures per group of accounts (segment, region...) read from results already computed for the whole
 * dataset, so a dashboard gets its segment bars without recomputing any metric per group.
 */
import { movementArr, type ArrWaterfall } from './arr-movements.js';
import { assertDimension, compareGroupKeys, groupKey, type BreakdownDimension } from './breakdown.js';
import { monthIndex } from './dates.js';
import { indexDataset, valueAt } from './dataset-index.js';
import { ratio } from './ratio.js';
import { isRenewed, type RenewalSummary } from './renewals.js';
import type { RetentionResult } from './retention.js';
import type { Dataset } from './types.js';

export interface GroupSummary {
  key: string;
  /** Accounts in the group with ARR > 0 at the end of the period. */
  accounts: number;
  /** ARR at the end of the period (the waterfall's closing, after grace). */
  arr: number;
  openingArr: number;
  new: number;
  expansion: number;
  contraction: number;
  churn: number;
  reactivation: number;
  netNew: number;
  nrr: number | null;
  grr: number | null;
  renewalsDue: number;
  logoRate: number | null;
  dollarRate: number | null;
}

export interface GroupSummaryInputs {
  waterfall: ArrWaterfall;
  retention: RetentionResult;
  renewals: RenewalSummary;
  graceMonths: number;
  asOf: string;
}

interface Tally {
  summary: GroupSummary;
  startingArr: number;
  endingArr: number;
  keptArr: number;
  dueArr: number;
  renewalArr: number;
  dueAccounts: Set<string>;
  renewedAccounts: Set<string>;
}

export function groupSummaries(dataset: Dataset, dimension: BreakdownDimension, inputs: GroupSummaryInputs): GroupSummary[] {
  assertDimension(dimension);
  const index = indexDataset(dataset);
  const { waterfall, retention, renewals } = inputs;
  const series = movementArr(index, waterfall.period, inputs.graceMonths, inputs.asOf);
  const from = monthIndex(waterfall.period.from);
  const to = monthIndex(waterfall.period.to);
  const tallies = new Map<string, Tally>();
  // One tally per account position, looked up once per record.
  const tallyAt: Tally[] = [];
  const tallyOf = (accountId: string): Tally => tallyAt[index.positionOf.get(accountId) as number] as Tally;
  const tallyFor = (key: string): Tally => {
    let tally = tallies.get(key);
    if (!tally) {
      tally = {
        summary: {
          key, accounts: 0, arr: 0, openingArr: 0, new: 0, expansion: 0, contraction: 0, churn: 0, reactivation: 0, netNew: 0,
          nrr: null, grr: null, renewalsDue: 0, logoRate: null, dollarRate: null,
        },
        startingArr: 0, endingArr: 0, keptArr: 0, dueArr: 0, renewalArr: 0, dueAccounts: new Set(), renewedAccounts: new Set(),
      };
      tallies.set(key, tally);
    }
    return tally;
  };
  index.accounts.forEach((account, position) => {
    const tally = tallyFor(groupKey(account, dimension));
    tallyAt.push(tally);
    const closing = valueAt(series, position, to);
    tally.summary.openingArr += valueAt(series, position, from - 1);
    if (closing > 0) {
      tally.summary.accounts += 1;
      tally.summary.arr += closing;
    }
  });
  for (const movement of waterfall.movements) {
    const { summary } = tallyOf(movement.accountId);
    summary[movement.kind] += movement.amount;
    summary.netNew += movement.amount;
  }
  for (const account of retention.accounts) {
    const tally = tallyOf(account.accountId);
    tally.startingArr += account.startArr;
    tally.endingArr += account.endArr;
    tally.keptArr += Math.min(account.startArr, account.endArr);
  }
  for (const item of renewals.items) {
    const tally = tallyOf(item.accountId);
    tally.summary.renewalsDue += 1;
    tally.dueArr += item.dueArr;
    tally.dueAccounts.add(item.accountId);
    if (isRenewed(item.status)) {
      tally.renewalArr += item.renewalArr ?? 0;
      tally.renewedAccounts.add(item.accountId);
    }
  }
  return [...tallies.values()]
    .map((tally) => ({
      ...tally.summary,
      nrr: ratio(tally.endingArr, tally.startingArr),
      grr: ratio(tally.keptArr, tally.startingArr),
      logoRate: ratio(tally.renewedAccounts.size, tally.dueAccounts.size),
      dollarRate: ratio(tally.renewalArr, tally.dueArr),
    }))
    .sort((a, b) => compareGroupKeys(a.key, b.key));
}
