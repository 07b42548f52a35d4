/**
 * Progress against targets (SPEC 14; seed 000: CSMs carry expansion quotas): each target's metric over its
 * accounts for its period so far, its attainment, where it should be by `asOf` and whether it is on track.
 *
 * A target's accounts: its CSM's (`account.csmId`), its team's (accounts whose CSM's `team` is it), or all. The
 * metric runs as of `d = min(asOf, last day of period.to)`:
 * - renewal rates as SPEC 3 at d over the contracts due from `period.from` to the month of d;
 * - `nrr`/`grr` as SPEC 2 retention from the month before `period.from` to the month of d;
 * - `netNewArr`/`expansionArr` the waterfall's sums over the months from `period.from` to the month of d;
 * - `csqlCount` (leads created), `csqlWonArr` (ARR of leads won, by `closedAt`), `csqaCount` (advocacy records) over
 *   the records dated from the first day of `period.from` to d; `savedRenewalArr`/`wonRenewalArr` as SPEC 6 over
 *   the renewals due so far.
 * Rules the SPEC leaves open, decided here:
 * - Before its period starts (asOf earlier than its first day) a target has no actual: rates are null, sums 0 of an
 *   expected 0; it is on track (nothing was due yet) for sums and unknown (null) for rates.
 * - Sums are expected to grow evenly over the period's days; rates are expected at their value all along.
 */
import { MOVEMENT_KINDS, waterfallOf } from '../arr/arr-movements.js';
import { retentionOf } from '../arr/retention.js';
import { addMonthsToMonth, assertDate, dayNumber, firstDayOfMonth, lastDayOfMonth, monthIndex, monthOf } from '../core/dates.js';
import { ratio } from '../core/ratio.js';
import type { AdvocacyRecord, Dataset, DateString, Lead, Period, Target, TargetMetric } from '../core/types.js';
import { leadColumns, recordColumns } from '../data/dataset-index.js';
import { healthScoreMatrix } from '../data/monthly-records.js';
import { fromCents, toCents } from '../core/money.js';
import { isSelected, wholeDataset, type Selection } from '../data/selection.js';
import { resolveHealthModel, type HealthModel, type HealthModelInput } from '../model/health-model.js';
import { isRenewedCode, renewalsOf } from '../renewals/renewals.js';
import { savedWonRenewals } from './cs-attribution.js';

export interface TargetProgressItem {
  target: Target;
  actual: number | null;
  /** actual / value; null when the value is 0 or there is no actual. */
  attainment: number | null;
  /** Where the target should be by asOf: its value for rates; value x elapsed share of the period's days for sums. */
  expected: number | null;
  /** actual >= expected; null without an actual. */
  onTrack: boolean | null;
}

export interface TargetProgress {
  asOf: DateString;
  items: TargetProgressItem[];
}

export interface TargetProgressOptions {
  asOf: DateString;
  model?: HealthModelInput;
  graceMonths?: number;
  /** The lookback of saved and won renewals (SPEC 6). Default 12. */
  lookbackMonths?: number;
}

interface Settings {
  asOf: DateString;
  model: HealthModel;
  graceMonths: number;
  lookbackMonths: number;
}

/** Metrics that are rates (expected at their value all along); the rest are sums over the period. */
const RATES: ReadonlySet<TargetMetric> = new Set(['logoRenewalRate', 'dollarRenewalRate', 'nrr', 'grr']);

export const isRateTarget = (metric: TargetMetric): boolean => RATES.has(metric);

/**
 * Every target metric's share of each account (by position) for one target period as of day `d`, computed once over
 * all the view's accounts: a target then sums its accounts' shares, so thousands of CSM targets cost one pass per
 * period, not one per target (at 100,000 accounts and 1,250 CSMs, a pass per target took seconds).
 */
interface PeriodFacts {
  netNewCents: Float64Array;
  expansionCents: Float64Array;
  startArr: Float64Array;
  endArr: Float64Array;
  dueArr: Float64Array;
  renewedArr: Float64Array;
  /** 1: has a contract due so far; 2: and one of them renewed. */
  due: Uint8Array;
  csqlCount: Float64Array;
  csqlWonArr: Float64Array;
  csqaCount: Float64Array;
  savedRenewalArr: Float64Array;
  wonRenewalArr: Float64Array;
}

/** Records of leads or advocacy dated (by `date`) from `first` to `d`, of the selected accounts, one visit each. */
function eachDated<T>(all: Selection, name: 'leads' | 'advocacy', from: number, to: number, visit: (record: T, row: number, position: number) => void): void {
  const columns = recordColumns<T & { accountId?: string }>(all.index, name);
  const closed = name === 'leads' ? leadColumns(all.index).closedMonth : null;
  for (let row = 0; row < columns.records.length; row += 1) {
    const position = columns.account[row] as number;
    if (position < 0 || !isSelected(all, position)) continue;
    // Only records of the period's months are read back (a lead by its creation or its closing month).
    const month = columns.month[row] as number;
    const closedMonth = closed ? closed[row] as number : -1;
    if ((month < from || month > to) && (closedMonth < from || closedMonth > to)) continue;
    visit(columns.records.at(row) as T, row, position);
  }
}

function periodFacts(all: Selection, period: Period, d: DateString, settings: Settings, retain: boolean): PeriodFacts {
  const { index } = all;
  const n = index.accounts.length;
  const facts: PeriodFacts = {
    netNewCents: new Float64Array(n), expansionCents: new Float64Array(n), startArr: new Float64Array(n), endArr: new Float64Array(n),
    dueArr: new Float64Array(n), renewedArr: new Float64Array(n), due: new Uint8Array(n), csqlCount: new Float64Array(n),
    csqlWonArr: new Float64Array(n), csqaCount: new Float64Array(n), savedRenewalArr: new Float64Array(n), wonRenewalArr: new Float64Array(n),
  };
  const { graceMonths } = settings;
  const span = { from: period.from, to: monthOf(d) };
  const movements = waterfallOf(all, { period: span, graceMonths, asOf: d }).movementColumns;
  const expansion = MOVEMENT_KINDS.indexOf('expansion');
  for (let row = 0; row < movements.position.length; row += 1) {
    const position = movements.position.at(row);
    const cents = toCents(movements.amount.at(row));
    facts.netNewCents[position] = (facts.netNewCents[position] as number) + cents;
    if (movements.kind.at(row) === expansion) facts.expansionCents[position] = (facts.expansionCents[position] as number) + cents;
  }
  const start = addMonthsToMonth(period.from, -1);
  const retention = retentionOf(all, monthIndex(start), monthIndex(span.to), start, span.to);
  retention.positions.forEach((position, i) => {
    facts.startArr[position] = retention.startArr[i] as number;
    facts.endArr[position] = retention.endArr[i] as number;
  });
  const renewals = renewalsOf(all, { period: span, graceMonths, asOf: d });
  for (let i = 0; i < renewals.dueRows.length; i += 1) {
    const position = renewals.dueAccount[i] as number;
    facts.dueArr[position] = (facts.dueArr[position] as number) + (renewals.dueArr[i] as number);
    if (facts.due[position] === 0) facts.due[position] = 1;
    if (isRenewedCode(renewals.status[i] as number)) {
      facts.renewedArr[position] = (facts.renewedArr[position] as number) + (renewals.renewalArr[i] as number);
      facts.due[position] = 2;
    }
  }
  // Saved and won renewals read the health model's scores: built only when a target asks for them.
  if (retain) {
    savedWonRenewals(index, renewals, healthScoreMatrix(index, settings.model), settings.lookbackMonths, (position, kind, arr) => {
      const column = kind === 'saved' ? facts.savedRenewalArr : facts.wonRenewalArr;
      column[position] = (column[position] as number) + arr;
    });
  }
  const first = firstDayOfMonth(period.from);
  const from = monthIndex(period.from);
  const to = monthIndex(span.to);
  const { won } = leadColumns(index);
  const values = recordColumns<Lead>(index, 'leads').value;
  eachDated<Lead>(all, 'leads', from, to, (lead, row, position) => {
    if (lead.createdAt >= first && lead.createdAt <= d) facts.csqlCount[position] = (facts.csqlCount[position] as number) + 1;
    if (won[row] === 1 && lead.closedAt !== undefined && lead.closedAt >= first && lead.closedAt <= d) {
      facts.csqlWonArr[position] = (facts.csqlWonArr[position] as number) + (values[row] as number);
    }
  });
  eachDated<AdvocacyRecord>(all, 'advocacy', from, to, (record, _row, position) => {
    if (record.date >= first && record.date <= d) facts.csqaCount[position] = (facts.csqaCount[position] as number) + 1;
  });
  return facts;
}

/** A target's metric over its accounts' shares (positions ascending, so sums always add in one order). */
function actualOf(metric: TargetMetric, facts: PeriodFacts, positions: Int32Array): number | null {
  const sum = (column: Float64Array) => {
    let total = 0;
    for (const position of positions) total += column[position] as number;
    return total;
  };
  switch (metric) {
    case 'netNewArr': return fromCents(sum(facts.netNewCents));
    case 'expansionArr': return fromCents(sum(facts.expansionCents));
    case 'nrr':
    case 'grr': {
      let starting = 0;
      let kept = 0;
      for (const position of positions) {
        const startArr = facts.startArr[position] as number;
        if (startArr <= 0) continue;
        starting += startArr;
        kept += metric === 'nrr' ? (facts.endArr[position] as number) : Math.min(startArr, facts.endArr[position] as number);
      }
      return ratio(kept, starting);
    }
    case 'logoRenewalRate': {
      let due = 0;
      let renewed = 0;
      for (const position of positions) {
        if ((facts.due[position] as number) >= 1) due += 1;
        if (facts.due[position] === 2) renewed += 1;
      }
      return ratio(renewed, due);
    }
    case 'dollarRenewalRate': return ratio(sum(facts.renewedArr), sum(facts.dueArr));
    case 'csqlCount': return sum(facts.csqlCount);
    case 'csqlWonArr': return sum(facts.csqlWonArr);
    case 'csqaCount': return sum(facts.csqaCount);
    case 'savedRenewalArr': return sum(facts.savedRenewalArr);
    default: return sum(facts.wonRenewalArr);
  }
}

/** The accounts of each CSM and each team among `all` (a viewer's scope), by position, ascending. */
function owners(all: Selection): { byCsm: Map<string, Int32Array>; byTeam: Map<string, Int32Array> } {
  const { index } = all;
  const teamOf = new Map((index.dataset.csms ?? []).map((csm) => [csm.id, csm.team]));
  const csmLists = new Map<string, number[]>();
  const teamLists = new Map<string, number[]>();
  const push = (map: Map<string, number[]>, key: string, position: number) => {
    const list = map.get(key);
    if (list) list.push(position);
    else map.set(key, [position]);
  };
  for (const position of all.positions) {
    const csmId = (index.accounts[position] as { csmId?: string }).csmId;
    if (csmId === undefined) continue;
    push(csmLists, csmId, position);
    const team = teamOf.get(csmId);
    if (team !== undefined) push(teamLists, team, position);
  }
  const typed = (map: Map<string, number[]>) => new Map([...map].map(([key, list]) => [key, Int32Array.from(list)]));
  return { byCsm: typed(csmLists), byTeam: typed(teamLists) };
}

/**
 * The day a target's metric is read as of: `min(asOf, last day of period.to)`, or null before its period starts
 * (asOf earlier than its first day).
 */
export function targetDay(target: Pick<Target, 'period'>, asOf: DateString): DateString | null {
  const first = firstDayOfMonth(target.period.from);
  const last = lastDayOfMonth(target.period.to);
  const d = asOf < last ? asOf : last;
  return d < first ? null : d;
}

/**
 * One target's progress as of `asOf`, given its metric's actual over its accounts for its period as of a day
 * (`targetDay`): what both engines finish a target with.
 */
export function targetProgressItemOf(target: Target, asOf: DateString, actualAt: (period: Period, d: DateString) => number | null): TargetProgressItem {
  const { period, value, metric } = target;
  const d = targetDay(target, asOf);
  const rate = isRateTarget(metric);
  if (d === null) {
    // Nothing of the period has happened yet.
    return rate ? { target, actual: null, attainment: null, expected: value, onTrack: null } : { target, actual: 0, attainment: value === 0 ? null : 0, expected: 0, onTrack: true };
  }
  const actual = actualAt(period, d);
  const first = firstDayOfMonth(period.from);
  const last = lastDayOfMonth(period.to);
  const elapsed = (dayNumber(d) - dayNumber(first) + 1) / (dayNumber(last) - dayNumber(first) + 1);
  const expected = rate ? value : value * elapsed;
  return {
    target, actual, attainment: actual === null ? null : ratio(actual, value), expected, onTrack: actual === null ? null : actual >= expected,
  };
}

/**
 * An owner's sums of every target metric's shares (`PeriodFacts`) for one period as of one day: what an engine that
 * sums accounts itself (`@cskit/sql`) gives `actualFromSums`. `keptNrr` sums the ending ARR and `keptGrr` the
 * min(start, end) of the accounts with ARR > 0 at the start (`starting`); `dueAccounts` counts accounts with a
 * contract due so far, `renewedAccounts` those with one renewed.
 */
export interface TargetSums {
  netNewCents: number;
  expansionCents: number;
  starting: number;
  keptNrr: number;
  keptGrr: number;
  dueAccounts: number;
  renewedAccounts: number;
  dueArr: number;
  renewedArr: number;
  csqlCount: number;
  csqlWonArr: number;
  csqaCount: number;
  savedRenewalArr: number;
  wonRenewalArr: number;
}

/** A target metric's actual from its owner's sums (`actualOf`'s rules). */
export function actualFromSums(metric: TargetMetric, sums: TargetSums): number | null {
  switch (metric) {
    case 'netNewArr': return fromCents(sums.netNewCents);
    case 'expansionArr': return fromCents(sums.expansionCents);
    case 'nrr': return ratio(sums.keptNrr, sums.starting);
    case 'grr': return ratio(sums.keptGrr, sums.starting);
    case 'logoRenewalRate': return ratio(sums.renewedAccounts, sums.dueAccounts);
    case 'dollarRenewalRate': return ratio(sums.renewedArr, sums.dueArr);
    case 'csqlCount': return sums.csqlCount;
    case 'csqlWonArr': return sums.csqlWonArr;
    case 'csqaCount': return sums.csqaCount;
    case 'savedRenewalArr': return sums.savedRenewalArr;
    default: return sums.wonRenewalArr;
  }
}

/** The targets a view sees: every target, or with `onlyCsms` (a viewer's scope) only those CSMs' own. */
export function visibleTargets(every: readonly Target[], onlyCsms: ReadonlySet<string | undefined> | null): readonly Target[] {
  return onlyCsms === null ? every : every.filter((target) => target.csmId !== undefined && onlyCsms.has(target.csmId));
}

/** Whether any target reads saved or won renewals (and so the health model's scores). */
export const readsRetained = (targets: readonly Target[]): boolean => targets.some((target) => target.metric === 'savedRenewalArr' || target.metric === 'wonRenewalArr');

export function resolveTargetSettings(options: TargetProgressOptions): Settings {
  if (typeof options !== 'object' || options === null) throw new TypeError('targetProgress expected options { asOf, model?, graceMonths? }');
  assertDate(options.asOf, 'asOf');
  const { graceMonths = 0, lookbackMonths = 12 } = options;
  if (!Number.isInteger(graceMonths) || graceMonths < 0) throw new RangeError(`graceMonths must be a whole number >= 0, got ${String(graceMonths)}`);
  if (!Number.isInteger(lookbackMonths) || lookbackMonths < 0) throw new RangeError(`lookbackMonths must be a whole number >= 0, got ${String(lookbackMonths)}`);
  return { asOf: options.asOf, model: resolveHealthModel(options.model), graceMonths, lookbackMonths };
}

/**
 * Progress of every target of the selection's dataset, in `dataset.targets` order; with `onlyCsms` (a viewer's
 * scope), only those CSMs' targets, never a team's or the company's (fail closed, as a scope's dataset keeps them).
 */
export function targetProgressOf(selection: Selection, settings: Settings, onlyCsms: ReadonlySet<string | undefined> | null = null): TargetProgress {
  const targets = visibleTargets((selection.index.dataset.targets ?? []) as readonly Target[], onlyCsms);
  if (targets.length === 0) return { asOf: settings.asOf, items: [] };
  const { byCsm, byTeam } = owners(selection);
  const none = new Int32Array(0);
  const positionsOf = (target: Target) => (target.csmId !== undefined ? byCsm.get(target.csmId) ?? none
    : target.team !== undefined ? byTeam.get(target.team) ?? none : selection.positions);
  const retain = readsRetained(targets);
  // One pass per distinct period and day: usually one for every target.
  const facts = new Map<string, PeriodFacts>();
  const factsOf = (period: Period, d: DateString) => {
    const key = `${period.from}|${d}`;
    let found = facts.get(key);
    if (!found) facts.set(key, (found = periodFacts(selection, period, d, settings, retain)));
    return found;
  };
  return { asOf: settings.asOf, items: targets.map((target) => targetProgressItemOf(target, settings.asOf, (period, d) => actualOf(target.metric, factsOf(period, d), positionsOf(target)))) };
}

/** `targetProgress(dataset, { asOf, model?, graceMonths })` (SPEC 14): each target's actual, attainment and pacing. */
export function targetProgress(dataset: Dataset, options: TargetProgressOptions): TargetProgress {
  return targetProgressOf(wholeDataset(dataset), resolveTargetSettings(options));
}
