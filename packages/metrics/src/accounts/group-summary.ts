/**
 * Key figures per group of accounts (segment, region...) read from results already computed for the selection,
 * so a dashboard gets its segment bars without recomputing any metric per group.
 */
import { MOVEMENT_KINDS, resolveAsOf, waterfallOf, type ArrWaterfall, type MovementKind, type WaterfallCore } from '../arr/arr-movements.js';
import { carryResidue, fromCents, sumCents, toCents } from '../core/money.js';
import { assertDimension, compareGroupKeys, NONE_GROUP, type BreakdownDimension } from '../data/dimensions.js';
import { monthIndex } from '../core/dates.js';
import { indexDataset, type DatasetIndex } from '../data/dataset-index.js';
import { ratio } from '../core/ratio.js';
import { isRenewedCode, renewalsOf, type RenewalCore, type RenewalSummary } from '../renewals/renewals.js';
import { retentionOf, type RetentionCore, type RetentionResult } from '../arr/retention.js';
import { dimensionColumn, selectAll, slotOf, type Selection } from '../data/selection.js';
import type { Dataset, NpsResponse } from '../core/types.js';
import { addActivityUsers, activityMatrix, activityRoles, tierCodeAt, healthScoreMatrix } from '../data/monthly-records.js';
import { HEALTH_TIERS, resolveHealthModel, type HealthModel, type HealthModelInput, type HealthTier } from '../model/health-model.js';
import { countNps, emptyNps, npsScore, responsesIn, type NpsResult } from '../engagement/nps.js';
import { npsRoles, recordColumns } from '../data/dataset-index.js';
import { isSelected } from '../data/selection.js';

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
  /** Σ activeUsers / Σ licensedUsers over the group's activity records in `period.to`; null without records (SPEC 14). */
  activityRate: number | null;
  /** NPS (SPEC 5) over the group's responses dated in the period; null without responses. */
  npsScore: number | null;
  /** The group's accounts with ARR > 0 at the end of the period, by tier in `period.to` (SPEC 14). */
  healthMix: Record<HealthTier | 'unknown', number>;
}

/** What the figures beyond the totals read: the period's months and the health model of the view (SPEC 14). */
export interface GroupFigureSettings {
  from: number;
  to: number;
  model: HealthModel;
}

export interface GroupSummaryInputs {
  waterfall: ArrWaterfall;
  retention: RetentionResult;
  renewals: RenewalSummary;
  graceMonths: number;
  asOf: string;
  /** The health model of the health mix (SPEC 14). Default: the default model. */
  model?: HealthModelInput;
}

/** The results group summaries are read from, as cores. */
export interface GroupCores {
  waterfall: WaterfallCore;
  retention: RetentionCore;
  renewals: RenewalCore;
  graceMonths: number;
  asOf: string;
}

/**
 * Each selected account's share of the view's figures, by its place in the selection (`slotOf`), computed once per
 * view: what any breakdown sums by group, so three breakdowns cost three passes over the accounts, not three passes
 * over the movements and renewals.
 */
export interface AccountTotals {
  opening: Float64Array;
  closing: Float64Array;
  /** Per account, the sum of each movement kind: `kinds[slot * 5 + code]` (codes of `MOVEMENT_KINDS`). */
  kinds: Float64Array;
  startArr: Float64Array;
  endArr: Float64Array;
  kept: Float64Array;
  dueCount: Float64Array;
  dueArr: Float64Array;
  renewalArr: Float64Array;
  /** 1: has a due contract; 2: and one of them renewed. */
  renewal: Uint8Array;
  /**
   * When set, the selected account `k`'s figures other than `opening` and `closing` are at `rows[k]` of the arrays
   * (totals read from a larger selection's, `accountTotalsFrom`, without copying them).
   */
  rows?: Int32Array;
}

export function accountTotalsOf(selection: Selection, cores: GroupCores): AccountTotals {
  const m = selection.positions.length;
  const slot = slotOf(selection);
  const { waterfall, retention, renewals } = cores;
  const totals: AccountTotals = {
    opening: waterfall.openingAt, closing: waterfall.closingAt, kinds: new Float64Array(m * MOVEMENT_KINDS.length),
    startArr: new Float64Array(m), endArr: new Float64Array(m), kept: new Float64Array(m),
    dueCount: new Float64Array(m), dueArr: new Float64Array(m), renewalArr: new Float64Array(m), renewal: new Uint8Array(m),
  };
  const movements = waterfall.movementColumns;
  for (let row = 0; row < movements.position.length; row += 1) {
    const cell = (slot[movements.position.at(row)] as number) * MOVEMENT_KINDS.length + movements.kind.at(row);
    totals.kinds[cell] = (totals.kinds[cell] as number) + movements.amount.at(row);
  }
  for (let i = 0; i < retention.positions.length; i += 1) {
    const k = slot[retention.positions[i] as number] as number;
    const startArr = retention.startArr[i] as number;
    const endArr = retention.endArr[i] as number;
    totals.startArr[k] = startArr;
    totals.endArr[k] = endArr;
    totals.kept[k] = Math.min(startArr, endArr);
  }
  for (let i = 0; i < renewals.dueRows.length; i += 1) {
    const k = slot[renewals.dueAccount[i] as number] as number;
    totals.dueCount[k] = (totals.dueCount[k] as number) + 1;
    totals.dueArr[k] = (totals.dueArr[k] as number) + (renewals.dueArr[i] as number);
    if (totals.renewal[k] === 0) totals.renewal[k] = 1;
    if (isRenewedCode(renewals.status[i] as number)) {
      totals.renewalArr[k] = (totals.renewalArr[k] as number) + (renewals.renewalArr[i] as number);
      totals.renewal[k] = 2;
    }
  }
  return totals;
}

/**
 * The totals of `selection`, a subset of `from`, read from the totals of `from` (each account's share does not
 * depend on which other accounts are selected); `waterfall` is the selection's own, for its opening and closing.
 */
export function accountTotalsFrom(selection: Selection, from: Selection, all: AccountTotals, waterfall: WaterfallCore): AccountTotals {
  const place = slotOf(from);
  const rows = new Int32Array(selection.positions.length);
  for (let k = 0; k < rows.length; k += 1) {
    const j = place[selection.positions[k] as number] as number;
    rows[k] = all.rows ? all.rows[j] as number : j;
  }
  return { ...all, opening: waterfall.openingAt, closing: waterfall.closingAt, rows };
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
  users: [number, number];
  nps: NpsResult;
}

function emptyTally(key: string): Tally {
  return {
    summary: {
      key, accounts: 0, arr: 0, openingArr: 0, new: 0, expansion: 0, contraction: 0, churn: 0, reactivation: 0, netNew: 0,
      nrr: null, grr: null, renewalsDue: 0, logoRate: null, dollarRate: null, activityRate: null, npsScore: null, healthMix: emptyMix(),
    },
    startingArr: 0, endingArr: 0, keptArr: 0, dueArr: 0, renewalArr: 0, dueAccounts: 0, renewedAccounts: 0, users: [0, 0], nps: emptyNps(),
  };
}

const emptyMix = (): Record<HealthTier | 'unknown', number> => ({ green: 0, 'green-yellow': 0, yellow: 0, red: 0, unknown: 0 });

/** Per group of `dimension`, the selected accounts' totals summed; groups in key order, those with accounts only. */
export function groupSummariesOf(selection: Selection, dimension: BreakdownDimension, totals: AccountTotals, settings: GroupFigureSettings): GroupSummary[] {
  const column = dimensionColumn(selection.index, dimension);
  const tallies: Array<Tally | undefined> = new Array(column.values.length);
  const { rows } = totals;
  const activity = activityMatrix(selection.index);
  const health = healthScoreMatrix(selection.index, settings.model);
  for (let k = 0; k < selection.positions.length; k += 1) {
    const position = selection.positions[k] as number;
    const code = column.codes[position] as number;
    const tally = (tallies[code] ??= emptyTally(column.values[code] as string));
    const { summary } = tally;
    addActivityUsers(activity, position, settings.to, tally.users);
    if ((totals.closing[k] as number) > 0) {
      const tier = tierCodeAt(health, position, settings.to);
      summary.healthMix[tier < 0 ? 'unknown' : HEALTH_TIERS[tier] as HealthTier] += 1;
    }
    const j = rows ? rows[k] as number : k;
    const closing = totals.closing[k] as number;
    summary.openingArr += totals.opening[k] as number;
    if (closing > 0) {
      summary.accounts += 1;
      summary.arr += closing;
    }
    for (let kind = 0; kind < MOVEMENT_KINDS.length; kind += 1) {
      const amount = totals.kinds[j * MOVEMENT_KINDS.length + kind] as number;
      if (amount === 0) continue;
      summary[MOVEMENT_KINDS[kind] as MovementKind] += amount;
      summary.netNew += amount;
    }
    tally.startingArr += totals.startArr[j] as number;
    tally.endingArr += totals.endArr[j] as number;
    tally.keptArr += totals.kept[j] as number;
    summary.renewalsDue += totals.dueCount[j] as number;
    tally.dueArr += totals.dueArr[j] as number;
    tally.renewalArr += totals.renewalArr[j] as number;
    if ((totals.renewal[j] as number) >= 1) tally.dueAccounts += 1;
    if (totals.renewal[j] === 2) tally.renewedAccounts += 1;
  }
  const responses = responsesIn(selection.index, settings.from, settings.to);
  for (let i = 0; i < responses.account.length; i += 1) {
    const position = responses.account[i] as number;
    if (position < 0 || !isSelected(selection, position)) continue;
    countNps((tallies[column.codes[position] as number] as Tally).nps, responses.value[i] as number);
  }
  return tallies.filter((tally): tally is Tally => tally !== undefined).map(finishGroup);
}

/** A group's figures from its sums: money in whole cents, its ratios from the summed parts. */
function finishGroup(tally: Tally): GroupSummary {
  return {
    ...inCents(tally.summary),
    nrr: ratio(tally.endingArr, tally.startingArr),
    grr: ratio(tally.keptArr, tally.startingArr),
    logoRate: ratio(tally.renewedAccounts, tally.dueAccounts),
    dollarRate: ratio(tally.renewalArr, tally.dueArr),
    activityRate: ratio(tally.users[0], tally.users[1]),
    npsScore: npsScore(tally.nps),
  };
}

/**
 * A group's sums (`groupSummariesOf`): over its accounts, the ARR at the end of the period of those with ARR > 0
 * (`accounts`, `arr`) and their health tiers (`healthMix`), the opening ARR, each movement kind's sum (`kinds`, in
 * `MOVEMENT_KINDS` order), the retention cohort's ARR at the start and end and Σ min (`startingArr`, `endingArr`,
 * `keptArr`), the due contracts (`renewalsDue`, `dueArr`, renewed `renewalArr`), the accounts with one due and with
 * one renewed, the users of their activity records in the last month and the counts of their responses.
 */
export interface GroupSums {
  key: string;
  accounts: number;
  arr: number;
  openingArr: number;
  kinds: readonly number[];
  startingArr: number;
  endingArr: number;
  keptArr: number;
  renewalsDue: number;
  dueArr: number;
  renewalArr: number;
  dueAccounts: number;
  renewedAccounts: number;
  users: [number, number];
  nps: Omit<NpsResult, 'score'>;
  healthMix: Record<HealthTier | 'unknown', number>;
}

/**
 * The group figures from each group's sums: how an engine that sums accounts itself (`@cskit/sql`) finishes, as this
 * one does; groups in key order (`compareGroupKeys`, `'(none)'` last).
 */
export function groupSummariesFromSums(sums: readonly GroupSums[]): GroupSummary[] {
  return [...sums].sort((a, b) => compareGroupKeys(a.key, b.key)).map((sum) => {
    const tally = emptyTally(sum.key);
    const { summary } = tally;
    Object.assign(summary, { accounts: sum.accounts, arr: sum.arr, openingArr: sum.openingArr, renewalsDue: sum.renewalsDue, healthMix: { ...sum.healthMix } });
    MOVEMENT_KINDS.forEach((kind, code) => { summary[kind] = sum.kinds[code] ?? 0; });
    Object.assign(tally, {
      startingArr: sum.startingArr, endingArr: sum.endingArr, keptArr: sum.keptArr, dueArr: sum.dueArr, renewalArr: sum.renewalArr,
      dueAccounts: sum.dueAccounts, renewedAccounts: sum.renewedAccounts, users: [sum.users[0], sum.users[1]], nps: { ...sum.nps, score: null },
    });
    return finishGroup(tally);
  });
}

/**
 * Figures by user role (SPEC 14): the activity rate of each role's records in month `to` and the NPS of its
 * responses dated in the period, over the selected accounts; records without a role in `'(none)'`. The other
 * figures are 0 or null: ARR and renewals belong to accounts, not roles. Roles in key order, `'(none)'` last.
 */
export function roleSummariesOf(selection: Selection, settings: Omit<GroupFigureSettings, 'model'>): GroupSummary[] {
  const { index } = selection;
  const tallies = new Map<string, Tally>();
  const tallyOf = (key: string) => {
    let tally = tallies.get(key);
    if (!tally) tallies.set(key, (tally = emptyTally(key)));
    return tally;
  };
  const roles = activityRoles(index);
  const matrices = roles.names.length > 0 ? roles.matrices : new Map([['', activityMatrix(index)]]);
  for (const [name, matrix] of matrices) {
    const offset = settings.to - matrix.start;
    if (offset < 0 || offset >= matrix.count) continue;
    const tally = tallyOf(name === '' ? NONE_GROUP : name);
    let any = false;
    for (let k = 0; k < selection.positions.length; k += 1) {
      const cell = (selection.positions[k] as number) * matrix.count + offset;
      if ((matrix.licensed[cell] as number) === 0 && (matrix.active[cell] as number) === 0) continue;
      any = true;
      tally.users[0] += matrix.active[cell] as number;
      tally.users[1] += matrix.licensed[cell] as number;
    }
    if (!any) tallies.delete(name === '' ? NONE_GROUP : name);
  }
  const nps = recordColumns<NpsResponse>(index, 'nps');
  const roleOf = npsRoles(index);
  for (let row = 0; row < nps.month.length; row += 1) {
    const month = nps.month[row] as number;
    if (month < settings.from || month > settings.to || !isSelected(selection, nps.account[row] as number)) continue;
    const role = roleOf.names[roleOf.code[row] as number] as string;
    countNps(tallyOf(role !== '' ? role : NONE_GROUP).nps, nps.value[row] as number);
  }
  return rolesOfTallies([...tallies.values()]);
}

function rolesOfTallies(tallies: Tally[]): GroupSummary[] {
  return tallies
    .sort((a, b) => compareGroupKeys(a.summary.key, b.summary.key))
    .map((tally) => ({ ...tally.summary, activityRate: ratio(tally.users[0], tally.users[1]), npsScore: npsScore(tally.nps) }));
}

/** A role's sums (`roleSummariesOf`): its records' users in month `to`, when it has any, and its responses' counts. */
export interface RoleSums {
  key: string;
  users: [number, number];
  nps: Omit<NpsResult, 'score'>;
}

/** The role figures from each role's sums: how an engine that sums records itself (`@cskit/sql`) finishes, as this one. */
export function roleSummariesFromSums(sums: readonly RoleSums[]): GroupSummary[] {
  return rolesOfTallies(sums.map((sum) => ({ ...emptyTally(sum.key), users: [sum.users[0], sum.users[1]], nps: { ...sum.nps, score: null } })));
}

/**
 * A group's money in whole cents (money.ts): opening + movements = ARR in cents exactly, the rounding residue (a few
 * cents at most) carried by the group's largest movement, as the waterfall does.
 */
function inCents<T extends Pick<GroupSummary, 'arr' | 'openingArr' | 'netNew' | MovementKind>>(summary: T): T {
  const kinds = MOVEMENT_KINDS.map((kind) => toCents(summary[kind]));
  const opening = toCents(summary.openingArr);
  const arr = toCents(summary.arr);
  // Only rounding's residue is moved (the identity holds before rounding); anything larger is left as it is.
  carryResidue(kinds, arr - opening - sumCents(kinds), MOVEMENT_KINDS.length + 1);
  const netNew = sumCents(kinds);
  const out = { ...summary, openingArr: fromCents(opening), arr: fromCents(arr), netNew: fromCents(netNew) };
  MOVEMENT_KINDS.forEach((kind, code) => { out[kind] = fromCents(kinds[code] as number) as T[MovementKind]; });
  return out;
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
export function groupSummaries(dataset: Dataset, dimension: BreakdownDimension | 'role', inputs: GroupSummaryInputs): GroupSummary[] {
  if (dimension !== 'role') assertDimension(dimension);
  const index = indexDataset(dataset);
  const selection = selectAll(index);
  const { period } = inputs.waterfall;
  const settings = { from: monthIndex(period.from), to: monthIndex(period.to), model: resolveHealthModel(inputs.model) };
  if (dimension === 'role') return roleSummariesOf(selection, settings);
  return groupSummariesOf(selection, dimension, accountTotalsOf(selection, coresOf(index, inputs)), settings);
}

