/**
 * Key figures per group of accounts (segment, region...) read from results already computed for the selection,
 * so a dashboard gets its segment bars without recomputing any metric per group.
 */
import { movementArr, MOVEMENT_KINDS, resolveAsOf, waterfallOf, type ArrWaterfall, type MovementKind, type WaterfallCore } from './arr-movements.js';
import { assertDimension, type BreakdownDimension } from './dimensions.js';
import { monthIndex } from './dates.js';
import { indexDataset, type DatasetIndex } from './dataset-index.js';
import { ratio } from './ratio.js';
import { isRenewedCode, renewalsOf, type RenewalCore, type RenewalSummary } from './renewals.js';
import { retentionOf, type RetentionCore, type RetentionResult } from './retention.js';
import { dimensionColumn, selectAll, type Selection } from './selection.js';
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

/** The results group summaries are read from, as cores. */
export interface GroupCores {
  waterfall: WaterfallCore;
  retention: RetentionCore;
  renewals: RenewalCore;
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
  dueAccounts: number;
  renewedAccounts: number;
}

function emptyTally(key: string): Tally {
  return {
    summary: {
      key, accounts: 0, arr: 0, openingArr: 0, new: 0, expansion: 0, contraction: 0, churn: 0, reactivation: 0, netNew: 0,
      nrr: null, grr: null, renewalsDue: 0, logoRate: null, dollarRate: null,
    },
    startingArr: 0, endingArr: 0, keptArr: 0, dueArr: 0, renewalArr: 0, dueAccounts: 0, renewedAccounts: 0,
  };
}

export function groupSummariesOf(selection: Selection, dimension: BreakdownDimension, cores: GroupCores): GroupSummary[] {
  const { index } = selection;
  const { waterfall, retention, renewals } = cores;
  const column = dimensionColumn(index, dimension);
  const series = movementArr(index, waterfall.period, cores.graceMonths, cores.asOf);
  const from = monthIndex(waterfall.period.from);
  const to = monthIndex(waterfall.period.to);
  // Groups appear in key order (column codes are sorted), and only when they have a selected account.
  const tallies: Array<Tally | undefined> = new Array(column.values.length);
  for (const position of selection.positions) {
    const code = column.codes[position] as number;
    const tally = (tallies[code] ??= emptyTally(column.values[code] as string));
    const closing = series.at(position, to);
    tally.summary.openingArr += series.at(position, from - 1);
    if (closing > 0) {
      tally.summary.accounts += 1;
      tally.summary.arr += closing;
    }
  }
  const tallyAt = (position: number) => tallies[column.codes[position] as number] as Tally;
  const movements = waterfall.movementColumns;
  for (let row = 0; row < movements.position.length; row += 1) {
    const { summary } = tallyAt(movements.position.at(row));
    const amount = movements.amount.at(row);
    summary[MOVEMENT_KINDS[movements.kind.at(row)] as MovementKind] += amount;
    summary.netNew += amount;
  }
  retention.positions.forEach((position, i) => {
    const tally = tallyAt(position);
    const startArr = retention.startArr[i] as number;
    const endArr = retention.endArr[i] as number;
    tally.startingArr += startArr;
    tally.endingArr += endArr;
    tally.keptArr += Math.min(startArr, endArr);
  });
  const c = index.contracts;
  // Per account: 1 once counted as due, 2 once counted as renewed (an account is in one group).
  const marks = new Uint8Array(index.accounts.length);
  renewals.dueRows.forEach((row, i) => {
    const position = c.account[row] as number;
    const tally = tallyAt(position);
    tally.summary.renewalsDue += 1;
    tally.dueArr += c.arr[row] as number;
    if (marks[position] === 0) {
      marks[position] = 1;
      tally.dueAccounts += 1;
    }
    if (isRenewedCode(renewals.status[i] as number)) {
      tally.renewalArr += c.arr[renewals.renewal[i] as number] as number;
      if (marks[position] === 1) {
        marks[position] = 2;
        tally.renewedAccounts += 1;
      }
    }
  });
  return tallies
    .filter((tally): tally is Tally => tally !== undefined)
    .map((tally) => ({
      ...tally.summary,
      nrr: ratio(tally.endingArr, tally.startingArr),
      grr: ratio(tally.keptArr, tally.startingArr),
      logoRate: ratio(tally.renewedAccounts, tally.dueAccounts),
      dollarRate: ratio(tally.renewalArr, tally.dueArr),
    }));
}

/** The cores of a dataset's results for group summaries (the whole dataset, from the results' own settings). */
function coresOf(index: DatasetIndex, inputs: GroupSummaryInputs): GroupCores {
  const selection = selectAll(index);
  const { period } = inputs.waterfall;
  const asOf = resolveAsOf(period, inputs.asOf);
  const settings = { period, graceMonths: inputs.graceMonths, asOf };
  const { start, end } = inputs.retention;
  return {
    waterfall: waterfallOf(selection, settings),
    retention: retentionOf(selection, monthIndex(start), monthIndex(end), start, end),
    renewals: renewalsOf(selection, { ...settings, period: inputs.renewals.period, asOf: inputs.renewals.asOf }),
    graceMonths: inputs.graceMonths,
    asOf,
  };
}

/** Per group of `dimension`, the figures of results computed for the whole dataset (with the same settings). */
export function groupSummaries(dataset: Dataset, dimension: BreakdownDimension, inputs: GroupSummaryInputs): GroupSummary[] {
  assertDimension(dimension);
  const index = indexDataset(dataset);
  return groupSummariesOf(selectAll(index), dimension, coresOf(index, inputs));
}

