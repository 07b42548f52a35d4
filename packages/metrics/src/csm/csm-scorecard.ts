/**
 * CSM scorecards (SPEC 6): one row per CSM and a team total.
 *
 * Rules the SPEC leaves open, decided here:
 * - A CSM's book is the accounts assigned to them (`account.csmId`); `accounts` counts those with ARR > 0 in
 *   `period.to` (after grace, as in the waterfall's closing), and `arr` is their ARR then.
 * - A lead counts for its own `csmId`, or for its account's CSM when it has none. `csqlCount` counts leads created in
 *   the period; `csqlWonArr` sums the ARR of leads won (`closedAt`) in the period.
 * - Mean health is over book accounts with health at `period.to`; NPS over responses in the period.
 * - Accounts with no CSM get a row with `csmId: null`, so the rows add up to the totals.
 * - Every CSM of `dataset.csms` has a row, with or without accounts; over a set of account ids (a viewer's scope),
 *   only the CSMs of those accounts do (see `prepareDataset`).
 */
import { assertGrace, resolveAsOf, waterfallOf, type WaterfallCore } from '../arr/arr-movements.js';
import { assertPeriod, monthIndex } from '../core/dates.js';
import { csmCodes, leadColumns, recordColumns } from '../data/dataset-index.js';
import { scoreAt } from '../health/health.js';
import { resolveHealthModel, type HealthModel, type HealthModelInput } from '../model/health-model.js';
import { transitionAt } from '../health/health-transitions.js';
import { healthScoreMatrix } from '../data/monthly-records.js';
import { npsCategory } from '../model/domain.js';
import { responsesIn } from '../engagement/nps.js';
import { ratio } from '../core/ratio.js';
import { isRenewedCode, renewalsOf, type RenewalCore } from '../renewals/renewals.js';
import { isSelected, slotOf, wholeDataset, type Selection } from '../data/selection.js';
import type { Csm, DateString, Dataset, Lead, Period } from '../core/types.js';
import { targetProgressOf, type TargetProgress } from './target-progress.js';

export interface CsmScorecardRow {
  /** null for the accounts without a CSM, and for the totals row. */
  csmId: string | null;
  name: string;
  team: string | null;
  /** Assigned accounts with ARR > 0 at `period.to`. */
  accounts: number;
  arr: number;
  arrPerAccount: number | null;
  logoRate: number | null;
  dollarRate: number | null;
  renewalsDue: number;
  meanHealthScore: number | null;
  saves: number;
  wins: number;
  nps: number | null;
  npsResponses: number;
  csqlCount: number;
  csqlWonArr: number;
  /** Net new ARR of the book over the period (waterfall movements). */
  netNewArr: number;
  /**
   * The row's targets (SPEC 14: a CSM's own, a team row's team targets, the totals' company targets) and how many are
   * on track as of `asOf` (`targetProgress`).
   */
  targets: number;
  targetsOnTrack: number;
}

export interface CsmScorecard {
  period: Period;
  csms: CsmScorecardRow[];
  /**
   * One row per team (`Csm.team`), in team order: the sums of its CSMs' rows (their ratios from the summed parts);
   * `csmId` null, `name` and `team` the team. CSMs without a team, and accounts without a CSM, are in no team row.
   */
  teams: CsmScorecardRow[];
  totals: CsmScorecardRow;
}

export interface CsmScorecardOptions {
  period: Period;
  model?: HealthModelInput;
  graceMonths?: number;
  asOf?: DateString;
}

/** The key of the team total's row. */
const TOTAL = Symbol('total');

/** Running figures of every row (the total, then the CSMs), one typed column per figure. */
class Tallies {
  readonly codeOf = new Map<string | null | typeof TOTAL, number>();
  readonly ids: Array<string | null | typeof TOTAL> = [];
  private size = 0;
  private capacity: number;
  accounts!: Float64Array; arr!: Float64Array; healthSum!: Float64Array; healthCount!: Float64Array;
  saves!: Float64Array; wins!: Float64Array; netNewArr!: Float64Array; csqlCount!: Float64Array; csqlWonArr!: Float64Array;
  responses!: Float64Array; promoters!: Float64Array; detractors!: Float64Array;
  dueCount!: Float64Array; dueArr!: Float64Array; renewedArr!: Float64Array; dueAccounts!: Float64Array; renewedAccounts!: Float64Array;
  static readonly FIELDS = [
    'accounts', 'arr', 'healthSum', 'healthCount', 'saves', 'wins', 'netNewArr', 'csqlCount', 'csqlWonArr', 'responses', 'promoters',
    'detractors', 'dueCount', 'dueArr', 'renewedArr', 'dueAccounts', 'renewedAccounts',
  ] as const;

  constructor(capacity: number) {
    this.capacity = Math.max(4, capacity);
    for (const field of Tallies.FIELDS) this[field] = new Float64Array(this.capacity);
  }

  /** The row of a CSM id (null: accounts without one), created on first sight, in that order. */
  code(csmId: string | null | typeof TOTAL): number {
    let code = this.codeOf.get(csmId);
    if (code === undefined) {
      code = this.size++;
      if (code >= this.capacity) this.grow();
      this.codeOf.set(csmId, code);
      this.ids.push(csmId);
    }
    return code;
  }

  private grow(): void {
    this.capacity *= 2;
    for (const field of Tallies.FIELDS) {
      const next = new Float64Array(this.capacity);
      next.set(this[field]);
      this[field] = next;
    }
  }
}

/** Results for the same period, grace and asOf that a caller already has (the dashboard): not computed again. */
export interface SharedCores {
  waterfall: WaterfallCore;
  renewals: RenewalCore;
  /** Progress against the targets (computed over the owners' accounts, whatever the view's filters). */
  targets?: TargetProgress;
}

export interface ScorecardSettings {
  period: Period;
  model: HealthModel;
  graceMonths: number;
  asOf: DateString;
  /** Only CSMs with selected accounts get a row (a viewer's scope must not list other books). */
  onlySelectedCsms?: boolean;
  /** Rows only for these CSMs of `dataset.csms` (a viewer's scope: the CSMs its accounts and their records name). */
  onlyCsms?: ReadonlySet<string | undefined>;
  /** The lookback of saved and won renewal targets (SPEC 6). Default 12. */
  lookbackMonths?: number;
}

/** Adds to a row and to the total (the last argument), as every figure of the total sums its rows' records. */
function add(column: Float64Array, code: number, total: number, amount: number): void {
  column[code] = (column[code] as number) + amount;
  column[total] = (column[total] as number) + amount;
}

/** Counts one record for a row (none when `code` is -1) and for the total. */
function count(column: Float64Array, code: number, total: number): void {
  if (code >= 0) column[code] = (column[code] as number) + 1;
  column[total] = (column[total] as number) + 1;
}

export function csmScorecardOf(selection: Selection, settings: ScorecardSettings, shared?: SharedCores): CsmScorecard {
  const { index } = selection;
  const { period, model, graceMonths, asOf } = settings;
  const from = monthIndex(period.from);
  const to = monthIndex(period.to);
  const waterfall = shared?.waterfall ?? waterfallOf(selection, { period, graceMonths, asOf });
  const health = healthScoreMatrix(index, model);
  const csmList = index.dataset.csms ?? [];
  const t = new Tallies(csmList.length + 8);
  const total = t.code(TOTAL);
  // Rows in the order of dataset.csms; over a scope only those with selected accounts.
  const inScope = settings.onlySelectedCsms ? new Set(Array.from(selection.positions, (p) => index.accounts[p]?.csmId)) : settings.onlyCsms ?? null;
  for (const csm of csmList) if (!inScope || inScope.has(csm.id)) t.code(csm.id);
  // Rows by CSM code (`csmCodes`), created in the order accounts and leads first name them; -1: not yet.
  const csm = csmCodes(index);
  const rowOfCode = new Int32Array(csm.ids.length).fill(-1);
  let noneRow = -1;
  const rowFor = (code: number) => {
    if (code < 0) return noneRow >= 0 ? noneRow : (noneRow = t.code(null));
    const known = rowOfCode[code] as number;
    return known >= 0 ? known : (rowOfCode[code] = t.code(csm.ids[code] as string));
  };
  for (const csmRow of t.ids) if (typeof csmRow === 'string') rowOfCode[csm.codeOf.get(csmRow) as number] = t.codeOf.get(csmRow) as number;
  // Each selected account's row (by its place in the selection), looked up once.
  const slot = slotOf(selection);
  const rowOfSlot = new Int32Array(selection.positions.length);
  selection.positions.forEach((position, k) => { rowOfSlot[k] = rowFor(csm.accounts[position] as number); });
  const rowOf = (position: number) => rowOfSlot[slot[position] as number] as number;

  for (let k = 0; k < selection.positions.length; k += 1) {
    const position = selection.positions[k] as number;
    const code = rowOfSlot[k] as number;
    const closing = waterfall.closingAt[k] as number;
    const kind = transitionAt(health, position, from, to);
    if (closing > 0) {
      add(t.accounts, code, total, 1);
      add(t.arr, code, total, closing);
      const score = scoreAt(health, position, to);
      if (!Number.isNaN(score)) {
        add(t.healthSum, code, total, score);
        add(t.healthCount, code, total, 1);
      }
    }
    if (kind === 0) add(t.saves, code, total, 1);
    if (kind === 1) add(t.wins, code, total, 1);
  }
  const movements = waterfall.movementColumns;
  for (let row = 0; row < movements.position.length; row += 1) add(t.netNewArr, rowOf(movements.position.at(row)), total, movements.amount.at(row));
  const summary = shared?.renewals ?? renewalsOf(selection, { period, graceMonths, asOf });
  const marks = new Uint8Array(selection.positions.length);
  for (let i = 0; i < summary.dueRows.length; i += 1) {
    const k = slot[summary.dueAccount[i] as number] as number;
    const code = rowOfSlot[k] as number;
    const dueArr = summary.dueArr[i] as number;
    add(t.dueCount, code, total, 1);
    add(t.dueArr, code, total, dueArr);
    // An account belongs to one CSM, so counting it once for its row counts it once for the total too.
    if (marks[k] === 0) {
      marks[k] = 1;
      add(t.dueAccounts, code, total, 1);
    }
    if (isRenewedCode(summary.status[i] as number)) {
      add(t.renewedArr, code, total, summary.renewalArr[i] as number);
      if (marks[k] === 1) {
        marks[k] = 2;
        add(t.renewedAccounts, code, total, 1);
      }
    }
  }
  const responses = responsesIn(index, from, to);
  for (let i = 0; i < responses.account.length; i += 1) {
    const position = responses.account[i] as number;
    if (!isSelected(selection, position)) continue;
    const category = npsCategory(responses.value[i] as number);
    // A response without an account counts in the total only.
    const code = position >= 0 ? rowOf(position) : -1;
    count(t.responses, code, total);
    if (category === 'promoters') count(t.promoters, code, total);
    if (category === 'detractors') count(t.detractors, code, total);
  }
  const leads = recordColumns<Lead>(index, 'leads');
  const { closedMonth, won } = leadColumns(index);
  for (let row = 0; row < leads.records.length; row += 1) {
    const position = leads.account[row] as number;
    if (!isSelected(selection, position)) continue;
    const leadCsm = csm.leads[row] as number;
    const code = leadCsm >= 0 ? rowFor(leadCsm) : rowOf(position);
    const created = leads.month[row] as number;
    if (created >= from && created <= to) add(t.csqlCount, code, total, 1);
    const closed = closedMonth[row] as number;
    if (won[row] === 1 && closed >= from && closed <= to) add(t.csqlWonArr, code, total, leads.value[row] as number);
  }

  const sumsAt = (code: number): ScorecardSums => Object.fromEntries(Tallies.FIELDS.map((field) => [field, t[field][code] as number])) as ScorecardSums;
  const rows = t.ids.slice(total + 1).map((csmId, k) => ({ csmId: csmId as string | null, sums: sumsAt(total + 1 + k) }));
  const progress = shared?.targets ?? targetProgressOf(selection, { asOf, model, graceMonths, lookbackMonths: settings.lookbackMonths ?? 12 }, settings.onlyCsms ?? null);
  return scorecardFromSums(period, rows, sumsAt(total), csmList.filter((csm) => !inScope || inScope.has(csm.id)), progress);
}

/** A row's sums (`Tallies`): what its figures are read from. */
export type ScorecardSums = Record<(typeof Tallies.FIELDS)[number], number>;

/** The fields of `ScorecardSums`. */
export const SCORECARD_FIELDS: readonly (keyof ScorecardSums)[] = Tallies.FIELDS;

/** A row's figures from its sums: its ratios from the summed parts, no targets yet (`countTargets`). */
function figuresOf(sums: ScorecardSums, csmId: string | null, name: string, team: string | null): CsmScorecardRow {
  return {
    csmId, name, team,
    accounts: sums.accounts,
    arr: sums.arr,
    arrPerAccount: ratio(sums.arr, sums.accounts),
    logoRate: ratio(sums.renewedAccounts, sums.dueAccounts),
    dollarRate: ratio(sums.renewedArr, sums.dueArr),
    renewalsDue: sums.dueCount,
    meanHealthScore: ratio(sums.healthSum, sums.healthCount),
    saves: sums.saves,
    wins: sums.wins,
    nps: sums.responses === 0 ? null : (100 * (sums.promoters - sums.detractors)) / sums.responses,
    npsResponses: sums.responses,
    csqlCount: sums.csqlCount,
    csqlWonArr: sums.csqlWonArr,
    netNewArr: sums.netNewArr,
    targets: 0,
    targetsOnTrack: 0,
  };
}

/**
 * The scorecard from each row's sums (rows in order; `csmId` null for the accounts without a CSM) and the total's,
 * named from `csms` (the CSMs whose rows a viewer sees: another row is named by its id, without a team); each team's
 * row sums its CSMs' rows; the targets counted per row. How an engine that sums records itself (`@cskit/sql`)
 * finishes, as this one does.
 */
export function scorecardFromSums(
  period: Period, rows: ReadonlyArray<{ csmId: string | null; sums: ScorecardSums }>, total: ScorecardSums, csms: readonly Csm[], progress: TargetProgress,
): CsmScorecard {
  const csmById = new Map<string, Csm>(csms.map((csm) => [csm.id, csm]));
  const csmRows = rows.map(({ csmId, sums }) => {
    const csm = csmId === null ? undefined : csmById.get(csmId);
    return { row: figuresOf(sums, csmId, csmId === null ? '(none)' : csm?.name ?? csmId, csm?.team ?? null), sums };
  });
  const teams = [...new Set(csmRows.map(({ row }) => row.team).filter((team): team is string => team !== null))].sort();
  const teamRows = teams.map((team) => {
    const sums = Object.fromEntries(SCORECARD_FIELDS.map((field) => [field, 0])) as ScorecardSums;
    for (const { row, sums: own } of csmRows) {
      if (row.team !== team || row.csmId === null) continue;
      for (const field of SCORECARD_FIELDS) sums[field] += own[field];
    }
    return figuresOf(sums, null, team, team);
  });
  const result = { period: { from: period.from, to: period.to }, csms: csmRows.map(({ row }) => row), teams: teamRows, totals: figuresOf(total, null, 'Team total', null) };
  countTargets(result, progress);
  return result;
}

/** Each row's targets and those on track: a CSM's own, a team's, the company's (on the totals row). */
function countTargets(scorecard: CsmScorecard, progress: TargetProgress): void {
  // Rows by CSM id and by team, looked up once per target (thousands of targets, over a thousand CSMs).
  const byCsm = new Map(scorecard.csms.flatMap((row) => (row.csmId === null ? [] : [[row.csmId, row] as const])));
  const byTeam = new Map(scorecard.teams.map((row) => [row.team, row]));
  for (const item of progress.items) {
    const { csmId, team } = item.target;
    const row = csmId !== undefined ? byCsm.get(csmId) : team !== undefined ? byTeam.get(team) : scorecard.totals;
    if (!row) continue;
    row.targets += 1;
    if (item.onTrack === true) row.targetsOnTrack += 1;
  }
}

export function resolveScorecardSettings(options: CsmScorecardOptions): ScorecardSettings {
  const { period, graceMonths = 0 } = options;
  assertPeriod(period);
  assertGrace(graceMonths);
  return { period, graceMonths, asOf: resolveAsOf(period, options.asOf), model: resolveHealthModel(options.model) };
}

export function csmScorecard(dataset: Dataset, options: CsmScorecardOptions): CsmScorecard {
  return csmScorecardOf(wholeDataset(dataset), resolveScorecardSettings(options));
}
