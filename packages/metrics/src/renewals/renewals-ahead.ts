/**
 * The renewals ahead (SPEC 9): for each of the next `months` months from the month of `asOf`, the contracts due,
 * their ARR by the account's health tier, what has renewed early, what is still open, the ARR at risk (open, and red
 * or yellow or warned of churn) and the renewal ARR to expect from a likelihood per tier.
 *
 * Rules the SPEC leaves open, decided here:
 * - Calibration (no `likelihood` given) groups the decided contracts due in the `lookbackMonths` months before the
 *   month of `asOf` by the account's tier in their due month; contracts of accounts without a tier then count only
 *   in the share over all tiers. A given likelihood leaves the tiers it omits `null`.
 * - An item's `riskReasons` list its tier (`red` or `yellow`) before `early-warning`, and are empty unless the item
 *   is at risk (status `open` or `in-grace`).
 * - `byTier` and `atRisk` sum due ARR; `renewed` counts `renewed` and `renewed-late`; `open` counts `open` and
 *   `in-grace`; a churned item counts only in `due`.
 */
import { assertGrace } from '../arr/arr-movements.js';
import { addMonthsToMonth, assertDate, monthFromIndex, monthIndex, monthOf } from '../core/dates.js';
import { resolveEarlyWarningSettings, warnedMask } from '../engagement/early-warnings.js';
import { HEALTH_TIERS, resolveHealthModel, type HealthModel, type HealthModelInput, type HealthTier } from '../model/health-model.js';
import { healthScoreMatrix, tierCodeAt } from '../data/monthly-records.js';
import { ratio } from '../core/ratio.js';
import { dueWithStatus, isChurnedCode, isPendingCode, isRenewedCode, RENEWAL_STATUSES, type CountAndArr, type RenewalStatus } from './renewals.js';
import { wholeDataset, type Selection } from '../data/selection.js';
import { contractEnd, type DatasetIndex } from '../data/dataset-index.js';
import type { DateString, Dataset, Month } from '../core/types.js';

export type TierOrUnknown = HealthTier | 'unknown';
export type RiskReason = 'red' | 'yellow' | 'early-warning';

export interface RenewalsAheadItem {
  contractId: string;
  accountId: string;
  dueDate: DateString;
  dueArr: number;
  status: RenewalStatus;
  tier: TierOrUnknown;
  likelihood: number | null;
  /** Renewal ARR when renewed, 0 when churned, else due ARR x likelihood (null when that is unknown). */
  expectedArr: number | null;
  riskReasons: RiskReason[];
}

export interface RenewalsAheadMonth {
  month: Month;
  due: CountAndArr;
  byTier: Record<TierOrUnknown, CountAndArr>;
  /** Renewed and renewed late; `arr` is their due ARR. */
  renewed: CountAndArr;
  /** Open and in grace; `arr` is their due ARR. */
  open: CountAndArr;
  atRisk: CountAndArr;
  /** Σ expected renewal ARR of the items with a known one. */
  expectedArr: number;
  /** Due ARR of the items whose expected renewal ARR is unknown. */
  expectedUnknownArr: number;
}

export interface RenewalsAhead {
  asOf: DateString;
  /** How many months the horizon covers. */
  horizonMonths: number;
  likelihood: Record<HealthTier, number | null>;
  /** Whether `likelihood` was calibrated on the dataset's history (else it was given). */
  calibrated: boolean;
  months: RenewalsAheadMonth[];
  totals: Omit<RenewalsAheadMonth, 'month'>;
  items: RenewalsAheadItem[];
}

export interface RenewalsAheadOptions {
  asOf: DateString;
  /** Months in the horizon, starting with the month of `asOf`. Default 6. */
  months?: number;
  model?: HealthModelInput;
  graceMonths?: number;
  /** Renewal likelihood per tier (0..1); calibrated on history when absent. */
  likelihood?: Partial<Record<HealthTier, number>>;
  /** Months of history the calibration reads. Default 12. */
  lookbackMonths?: number;
  earlyWarning?: { threshold?: number; months?: number };
}

export interface RenewalsAheadSettings {
  asOf: DateString;
  months: number;
  model: HealthModel;
  graceMonths: number;
  likelihood: Partial<Record<HealthTier, number>> | null;
  lookbackMonths: number;
  earlyWarning: { threshold: number; months: number };
}

/** A tier with fewer decided contracts than this uses the share over all tiers (SPEC 9). */
export const MIN_CALIBRATION_CONTRACTS = 5;
export const TIERS_AND_UNKNOWN: readonly TierOrUnknown[] = [...HEALTH_TIERS, 'unknown'];

export function resolveRenewalsAheadSettings(options: RenewalsAheadOptions): RenewalsAheadSettings {
  if (typeof options !== 'object' || options === null) throw new TypeError('renewalsAhead options must be an object { asOf, ... }');
  assertDate(options.asOf, 'asOf');
  const { months = 6, graceMonths = 0, lookbackMonths = 12 } = options;
  if (!Number.isInteger(months) || months < 1 || months > 120) throw new RangeError(`months must be a whole number from 1 to 120, got ${String(months)}`);
  assertGrace(graceMonths);
  if (!Number.isInteger(lookbackMonths) || lookbackMonths < 1) throw new RangeError(`lookbackMonths must be a whole number >= 1, got ${String(lookbackMonths)}`);
  let likelihood: Partial<Record<HealthTier, number>> | null = null;
  if (options.likelihood !== undefined) {
    if (typeof options.likelihood !== 'object' || options.likelihood === null) throw new RangeError('likelihood must be an object of shares by tier');
    likelihood = {};
    for (const [tier, share] of Object.entries(options.likelihood)) {
      if (!(HEALTH_TIERS as readonly string[]).includes(tier)) throw new RangeError(`likelihood.${tier}: a tier is one of ${HEALTH_TIERS.join(', ')}`);
      if (typeof share !== 'number' || !Number.isFinite(share) || share < 0 || share > 1) throw new RangeError(`likelihood.${tier} must be a number from 0 to 1, got ${String(share)}`);
      likelihood[tier as HealthTier] = share;
    }
  }
  return {
    asOf: options.asOf, months, graceMonths, lookbackMonths, likelihood,
    model: resolveHealthModel(options.model), earlyWarning: resolveEarlyWarningSettings(options.earlyWarning),
  };
}

/** A month's (or the totals') figures before any contract is added. */
export function emptyAheadRow(): Omit<RenewalsAheadMonth, 'month'> {
  const cell = () => ({ count: 0, arr: 0 });
  return {
    due: cell(), byTier: { green: cell(), 'green-yellow': cell(), yellow: cell(), red: cell(), unknown: cell() },
    renewed: cell(), open: cell(), atRisk: cell(), expectedArr: 0, expectedUnknownArr: 0,
  };
}

/**
 * What the renewals ahead read of each contract, whoever is selected: the rule applied once per setting for every
 * account, so a filter only sums over the rows of its accounts. Rows are in due order (`dueContracts`).
 */
export interface RenewalsAheadFacts {
  /** Contracts due in the lookback months before `asOf`'s month: decided (0 pending, 1 churned, 2 renewed) and tier. */
  lookbackRows: Int32Array;
  lookbackOutcome: Uint8Array;
  lookbackTier: Int8Array;
  /** Contracts due in the horizon: renewal match, status code and tier in `asOf`'s month (-1 unknown). */
  aheadRows: Int32Array;
  aheadMatch: Int32Array;
  aheadStatus: Uint8Array;
  aheadTier: Int8Array;
  /** 1 for each account warned in `asOf`'s month (SPEC 5). */
  warned: Uint8Array;
}

const PENDING_OUTCOME = 0;
const CHURNED_OUTCOME = 1;
const RENEWED_OUTCOME = 2;

/**
 * The facts of `settings` for the accounts of `selection` (the likelihood setting does not enter); they serve that
 * selection and any narrower one.
 */
export function renewalsAheadFactsOf(selection: Selection, settings: RenewalsAheadSettings): RenewalsAheadFacts {
  const { index } = selection;
  const c = index.contracts;
  const { asOf, graceMonths } = settings;
  const asOfMonth = monthIndex(monthOf(asOf));
  const health = healthScoreMatrix(index, settings.model);
  const lookback = dueWithStatus(selection, asOfMonth - settings.lookbackMonths, asOfMonth - 1, graceMonths, asOf);
  const lookbackRows = lookback.dueRows;
  const lookbackOutcome = new Uint8Array(lookbackRows.length);
  const lookbackTier = new Int8Array(lookbackRows.length);
  for (let i = 0; i < lookbackRows.length; i += 1) {
    const row = lookbackRows[i] as number;
    const status = lookback.status[i] as number;
    lookbackOutcome[i] = isPendingCode(status) ? PENDING_OUTCOME : isRenewedCode(status) ? RENEWED_OUTCOME : CHURNED_OUTCOME;
    lookbackTier[i] = tierCodeAt(health, c.account[row] as number, c.endMonth[row] as number);
  }
  const { dueRows: aheadRows, renewal: aheadMatch, status: aheadStatus } = dueWithStatus(selection, asOfMonth, asOfMonth + settings.months - 1, graceMonths, asOf);
  const aheadTier = new Int8Array(aheadRows.length);
  for (let i = 0; i < aheadRows.length; i += 1) aheadTier[i] = tierCodeAt(health, c.account[aheadRows[i] as number] as number, asOfMonth);
  const warned = warnedMask(selection, { asOf: monthOf(asOf), ...settings.earlyWarning });
  return { lookbackRows, lookbackOutcome, lookbackTier, aheadRows, aheadMatch, aheadStatus, aheadTier, warned };
}

/** The share renewed per tier among decided contracts due in the lookback, by the tier in their due month (SPEC 9). */
function calibrate(selection: Selection, facts: RenewalsAheadFacts): Record<HealthTier, number | null> {
  const c = selection.index.contracts;
  const { mask } = selection;
  const decided = new Float64Array(HEALTH_TIERS.length);
  const renewed = new Float64Array(HEALTH_TIERS.length);
  let allDecided = 0;
  let allRenewed = 0;
  const { lookbackRows, lookbackOutcome, lookbackTier } = facts;
  for (let i = 0; i < lookbackRows.length; i += 1) {
    if (mask !== null && mask[c.account[lookbackRows[i] as number] as number] !== 1) continue;
    const outcome = lookbackOutcome[i] as number;
    if (outcome === PENDING_OUTCOME) continue;
    const wasRenewed = outcome === RENEWED_OUTCOME ? 1 : 0;
    allDecided += 1;
    allRenewed += wasRenewed;
    const tier = lookbackTier[i] as number;
    if (tier < 0) continue;
    decided[tier] = (decided[tier] as number) + 1;
    renewed[tier] = (renewed[tier] as number) + wasRenewed;
  }
  return likelihoodFromCounts(decided, renewed, allDecided, allRenewed);
}

/**
 * The calibrated likelihood from the decided contracts per tier code and over all (SPEC 9): a tier's share renewed, or
 * the share over all tiers for a tier with fewer than `MIN_CALIBRATION_CONTRACTS`; null without any.
 */
export function likelihoodFromCounts(decided: ArrayLike<number>, renewed: ArrayLike<number>, allDecided: number, allRenewed: number): Record<HealthTier, number | null> {
  const overall = ratio(allRenewed, allDecided);
  return Object.fromEntries(HEALTH_TIERS.map((tier, code) => [
    tier, (decided[code] as number) >= MIN_CALIBRATION_CONTRACTS ? ratio(renewed[code] as number, decided[code] as number) : overall,
  ])) as Record<HealthTier, number | null>;
}

/** What `addToAheadRow` adds: `count` contracts of a tier, status and risk, their due ARR and expected ARR (null: unknown). */
export interface AheadContracts {
  tier: TierOrUnknown;
  count: number;
  dueArr: number;
  renewed: boolean;
  pending: boolean;
  atRisk: boolean;
  expected: number | null;
}

/** Adds contracts to a month's (or the totals') figures: the one rule of which figure each adds to. */
export function addToAheadRow(target: Omit<RenewalsAheadMonth, 'month'>, c: AheadContracts): void {
  target.due.count += c.count;
  target.due.arr += c.dueArr;
  target.byTier[c.tier].count += c.count;
  target.byTier[c.tier].arr += c.dueArr;
  if (c.renewed) {
    target.renewed.count += c.count;
    target.renewed.arr += c.dueArr;
  } else if (c.pending) {
    target.open.count += c.count;
    target.open.arr += c.dueArr;
  }
  if (c.atRisk) {
    target.atRisk.count += c.count;
    target.atRisk.arr += c.dueArr;
  }
  if (c.expected === null) target.expectedUnknownArr += c.dueArr;
  else target.expectedArr += c.expected;
}

/** Risk reasons as bits of `RenewalsAheadCore.risk`, in `RISK_REASONS` order. */
const RISK_REASONS: readonly RiskReason[] = ['red', 'yellow', 'early-warning'];
const RED = HEALTH_TIERS.indexOf('red');
const YELLOW = HEALTH_TIERS.indexOf('yellow');

/** The renewals ahead with their items as columns over the due contracts (rows materialise only when read). */
export interface RenewalsAheadCore extends Omit<RenewalsAhead, 'items'> {
  /** Contract rows of the index, in due order. */
  rows: Int32Array;
  renewal: Int32Array;
  status: Uint8Array;
  /** Index into `TIERS_AND_UNKNOWN`. */
  tier: Uint8Array;
  /** Bits of `RISK_REASONS`. */
  risk: Uint8Array;
  /** Expected renewal ARR; NaN when unknown. */
  expected: Float64Array;
}

/** `facts`: `renewalsAheadFactsOf` of these settings for this selection or a wider one (the engine keeps a view's). */
export function renewalsAheadCoreOf(
  selection: Selection, settings: RenewalsAheadSettings, facts: RenewalsAheadFacts = renewalsAheadFactsOf(selection, settings),
): RenewalsAheadCore {
  const { index, mask } = selection;
  const c = index.contracts;
  const asOfMonth = monthIndex(monthOf(settings.asOf));
  const likelihood: Record<HealthTier, number | null> = settings.likelihood
    ? Object.fromEntries(HEALTH_TIERS.map((tier) => [tier, settings.likelihood?.[tier] ?? null])) as Record<HealthTier, number | null>
    : calibrate(selection, facts);
  const shares = HEALTH_TIERS.map((tier) => likelihood[tier]);
  const months: RenewalsAheadMonth[] = Array.from({ length: settings.months }, (_, k) => ({ month: monthFromIndex(asOfMonth + k), ...emptyAheadRow() }));
  const totals = emptyAheadRow();
  // The selection's rows of the facts, in due order (what `dueContracts(selection, ...)` lists).
  const { aheadRows, warned } = facts;
  const picked = new Int32Array(aheadRows.length);
  let n = 0;
  for (let k = 0; k < aheadRows.length; k += 1) if (mask === null || mask[c.account[aheadRows[k] as number] as number] === 1) picked[n++] = k;
  const rows = new Int32Array(n);
  const renewal = new Int32Array(n);
  const status = new Uint8Array(n);
  const tier = new Uint8Array(n);
  const risk = new Uint8Array(n);
  const expected = new Float64Array(n);
  const unknown = TIERS_AND_UNKNOWN.indexOf('unknown');
  for (let i = 0; i < n; i += 1) {
    const k = picked[i] as number;
    const row = aheadRows[k] as number;
    rows[i] = row;
    const position = c.account[row] as number;
    const match = facts.aheadMatch[k] as number;
    const code = facts.aheadStatus[k] as number;
    const tierCode = facts.aheadTier[k] as number;
    const tierIndex = tierCode < 0 ? unknown : tierCode;
    const dueArr = c.arr[row] as number;
    const renewed = isRenewedCode(code);
    const pending = isPendingCode(code);
    let bits = 0;
    if (pending && tierCode === RED) bits |= 1;
    else if (pending && tierCode === YELLOW) bits |= 2;
    if (pending && warned[position] === 1) bits |= 4;
    const share = tierCode < 0 ? null : (shares[tierCode] as number | null);
    const expectedArr = renewed ? (c.arr[match] as number) : isChurnedCode(code) ? 0 : share === null ? Number.NaN : dueArr * share;
    renewal[i] = match;
    status[i] = code;
    tier[i] = tierIndex;
    risk[i] = bits;
    expected[i] = expectedArr;
    const tierName = TIERS_AND_UNKNOWN[tierIndex] as TierOrUnknown;
    const month = months[(c.endMonth[row] as number) - asOfMonth] as RenewalsAheadMonth;
    const contracts = { tier: tierName, count: 1, dueArr, renewed, pending, atRisk: bits !== 0, expected: Number.isNaN(expectedArr) ? null : expectedArr };
    addToAheadRow(month, contracts);
    addToAheadRow(totals, contracts);
  }
  return {
    asOf: settings.asOf, horizonMonths: settings.months, likelihood, calibrated: settings.likelihood === null, months, totals,
    rows, renewal, status, tier, risk, expected,
  };
}

/** Item `i` of a core, as `renewalsAhead` lists it. */
export function renewalsAheadItem(index: DatasetIndex, core: RenewalsAheadCore, i: number): RenewalsAheadItem {
  const c = index.contracts;
  const row = core.rows[i] as number;
  const tier = TIERS_AND_UNKNOWN[core.tier[i] as number] as TierOrUnknown;
  const expected = core.expected[i] as number;
  return {
    contractId: c.ids.at(row), accountId: (index.accounts[c.account[row] as number] as { id: string }).id, dueDate: contractEnd(c, row) as DateString, dueArr: c.arr[row] as number,
    status: RENEWAL_STATUSES[core.status[i] as number] as RenewalStatus, tier,
    likelihood: tier === 'unknown' ? null : core.likelihood[tier], expectedArr: Number.isNaN(expected) ? null : expected,
    riskReasons: riskReasonsOf(core.risk[i] as number),
  };
}

/** The reasons of a risk bit set, in `RISK_REASONS` order (tier before early warning). */
export function riskReasonsOf(bits: number): RiskReason[] {
  return RISK_REASONS.filter((_, bit) => (bits & (1 << bit)) !== 0);
}

export function renewalsAheadOf(selection: Selection, settings: RenewalsAheadSettings): RenewalsAhead {
  const core = renewalsAheadCoreOf(selection, settings);
  const { rows, renewal: _renewal, status: _status, tier: _tier, risk: _risk, expected: _expected, ...figures } = core;
  return { ...figures, items: Array.from(rows, (_, i) => renewalsAheadItem(selection.index, core, i)) };
}

export function renewalsAhead(dataset: Dataset, options: RenewalsAheadOptions): RenewalsAhead {
  return renewalsAheadOf(wholeDataset(dataset), resolveRenewalsAheadSettings(options));
}

/** The months a renewals-ahead horizon covers: `months` months from the month of `asOf`. */
export function aheadPeriod(asOf: DateString, months: number): { from: Month; to: Month } {
  const from = monthOf(asOf);
  return { from, to: addMonthsToMonth(from, months - 1) };
}
