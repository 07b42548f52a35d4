/**
 * Does the health score predict renewals (SPEC 12)? Over the contracts due in a period and already decided at
 * `asOf` (renewed, renewed late or churned), the renewal rate per tier of the account in the contract's due month,
 * the AUC of the score (renewed against churned) and whether the rates fall from green to red.
 *
 * Rules the SPEC leaves open, decided here:
 * - `byDecile` splits the contracts that have a score into ten groups of (nearly) equal size by score, lowest
 *   first (group k holds ranks floor(k n / 10) .. floor((k + 1) n / 10) - 1, so equal scores may straddle two);
 *   empty groups (fewer than ten contracts) are left out.
 * - `monotonic` compares the tiers that have contracts, green to red: each rate is at most the one before it.
 *   With fewer than two such tiers it is true.
 */
import { assertGrace, resolveAsOf } from '../arr/arr-movements.js';
import { assertPeriod, monthIndex } from '../core/dates.js';
import { HEALTH_TIERS, resolveHealthModel, type HealthModel, type HealthModelInput, type HealthTier } from '../model/health-model.js';
import { healthCell, healthScoreMatrix } from '../data/monthly-records.js';
import { ratio } from '../core/ratio.js';
import { dueWithStatus, isChurnedCode, isRenewedCode } from '../renewals/renewals.js';
import { wholeDataset, type Selection } from '../data/selection.js';
import { stableNumberOrder } from '../core/sort.js';
import type { Dataset, DateString, Period } from '../core/types.js';

export interface HealthValidationBucket {
  count: number;
  renewed: number;
  /** renewed / count; null when count is 0. */
  rate: number | null;
}

export interface HealthValidationDecile extends HealthValidationBucket {
  /** 1 (lowest scores) to 10. */
  decile: number;
  minScore: number;
  maxScore: number;
}

export interface HealthValidation {
  period: Period;
  /** Decided contracts due in the period. */
  contracts: number;
  byTier: Record<HealthTier | 'unknown', HealthValidationBucket>;
  /** Share of (renewed, churned) pairs, both scored, where the renewed one scores higher (ties 0.5); null without a pair. */
  auc: number | null;
  /** Rates of the tiers that have contracts never rise from green to red. */
  monotonic: boolean;
  byDecile: HealthValidationDecile[];
}

export interface HealthValidationOptions {
  period: Period;
  model?: HealthModelInput;
  graceMonths?: number;
  asOf?: DateString;
}

export interface HealthValidationSettings {
  period: Period;
  model: HealthModel;
  graceMonths: number;
  asOf: DateString;
}

export function resolveHealthValidationSettings(options: HealthValidationOptions): HealthValidationSettings {
  if (typeof options !== 'object' || options === null) throw new TypeError('healthValidation options must be an object { period, ... }');
  const { period, graceMonths = 0 } = options;
  assertPeriod(period);
  assertGrace(graceMonths);
  return { period, graceMonths, asOf: resolveAsOf(period, options.asOf), model: resolveHealthModel(options.model) };
}

const bucket = (count: number, renewed: number): HealthValidationBucket => ({ count, renewed, rate: ratio(renewed, count) });

/**
 * AUC by ranks (Mann-Whitney): in score order, each renewed contract wins against every churned one ranked below
 * it and ties (0.5) with the churned of equal score.
 */
export function scoreAuc(scores: Float64Array, renewed: Uint8Array, order: Int32Array = stableNumberOrder(scores)): number | null {
  let churnedBelow = 0;
  let wins = 0;
  let renewedCount = 0;
  let churnedCount = 0;
  for (let i = 0; i < order.length;) {
    // One group of equal scores: its renewed win against the churned below and tie with the churned inside.
    const score = scores[order[i] as number] as number;
    let j = i;
    let groupRenewed = 0;
    let groupChurned = 0;
    while (j < order.length && scores[order[j] as number] === score) {
      if (renewed[order[j] as number] === 1) groupRenewed += 1;
      else groupChurned += 1;
      j += 1;
    }
    wins += groupRenewed * churnedBelow + 0.5 * groupRenewed * groupChurned;
    churnedBelow += groupChurned;
    renewedCount += groupRenewed;
    churnedCount += groupChurned;
    i = j;
  }
  return renewedCount > 0 && churnedCount > 0 ? wins / (renewedCount * churnedCount) : null;
}

/**
 * What validation reads of each decided contract due in the period, whoever is selected: computed once per setting
 * for every account, so a filter walks the rows of its accounts and the score order without sorting again.
 */
export interface HealthValidationFacts {
  /** Decided contracts due in the period (renewed, renewed late or churned), in due order. */
  rows: Int32Array;
  renewed: Uint8Array;
  /** Tier code in the due month; `HEALTH_TIERS.length` when the account has no health then. */
  tier: Uint8Array;
  /** Score in the due month; NaN when none. */
  score: Float64Array;
  /** Indexes into `rows` of the scored ones, by score, equal scores in due order. */
  order: Int32Array;
}

/**
 * The facts of `settings` for the accounts of `selection`: they serve that selection and any narrower one.
 * `renewals`: the same selection's `renewalsOf` with the same period, grace and asOf, when the caller has it (its
 * due contracts and statuses are then not worked out again).
 */
export function healthValidationFactsOf(
  selection: Selection, settings: HealthValidationSettings, renewals?: { dueRows: Int32Array; status: Uint8Array },
): HealthValidationFacts {
  const { index } = selection;
  const c = index.contracts;
  const { period, model, graceMonths } = settings;
  const health = healthScoreMatrix(index, model);
  const { dueRows: due, status } = renewals ?? dueWithStatus(selection, monthIndex(period.from), monthIndex(period.to), graceMonths, settings.asOf);
  const rows = new Int32Array(due.length);
  const renewed = new Uint8Array(due.length);
  const tier = new Uint8Array(due.length);
  const score = new Float64Array(due.length);
  let n = 0;
  for (let i = 0; i < due.length; i += 1) {
    const row = due[i] as number;
    const code = status[i] as number;
    const wasRenewed = isRenewedCode(code);
    if (!wasRenewed && !isChurnedCode(code)) continue;
    const cell = healthCell(health, c.account[row] as number, c.endMonth[row] as number);
    rows[n] = row;
    renewed[n] = wasRenewed ? 1 : 0;
    tier[n] = cell < 0 ? HEALTH_TIERS.length : (health.tier[cell] as number);
    score[n] = cell < 0 ? Number.NaN : (health.score[cell] as number);
    n += 1;
  }
  const scores = score.subarray(0, n);
  const ordered = stableNumberOrder(scores);
  let scored = 0;
  while (scored < ordered.length && !Number.isNaN(scores[ordered[scored] as number] as number)) scored += 1;
  return { rows: rows.slice(0, n), renewed: renewed.slice(0, n), tier: tier.slice(0, n), score: score.slice(0, n), order: ordered.slice(0, scored) };
}

/** `facts`: `healthValidationFactsOf` of these settings for this selection or a wider one (the engine keeps a view's). */
export function healthValidationOf(
  selection: Selection, settings: HealthValidationSettings, facts: HealthValidationFacts = healthValidationFactsOf(selection, settings),
): HealthValidation {
  const { index, mask } = selection;
  const c = index.contracts;
  const { period } = settings;
  const counts = new Float64Array(HEALTH_TIERS.length + 1);
  const renewedCounts = new Float64Array(HEALTH_TIERS.length + 1);
  const kept = (k: number) => mask === null || mask[c.account[facts.rows[k] as number] as number] === 1;
  let contracts = 0;
  for (let k = 0; k < facts.rows.length; k += 1) {
    if (!kept(k)) continue;
    contracts += 1;
    const tier = facts.tier[k] as number;
    counts[tier] = (counts[tier] as number) + 1;
    if (facts.renewed[k] === 1) renewedCounts[tier] = (renewedCounts[tier] as number) + 1;
  }
  // The selection's scored contracts in score order: a subsequence of the facts' order, no sort.
  const order = new Int32Array(facts.order.length);
  let m = 0;
  for (const k of facts.order) if (kept(k)) order[m++] = k;
  const picked = order.subarray(0, m);
  return validationFromCounts(period, contracts, counts, renewedCounts, scoreAuc(facts.score, facts.renewed, picked), scoreDeciles(facts.score, facts.renewed, picked));
}

/**
 * Validation from its counts per tier code (`HEALTH_TIERS`, then unknown), its AUC and its groups by rank: the tiers'
 * buckets and whether their rates fall from green to red. How this engine and one that counts contracts itself
 * (`@cskit/sql`) finish.
 */
export function validationFromCounts(
  period: Period, contracts: number, counts: ArrayLike<number>, renewedCounts: ArrayLike<number>, auc: number | null, byDecile: HealthValidationDecile[],
): HealthValidation {
  const byTier = Object.fromEntries([...HEALTH_TIERS, 'unknown'].map((tier, code) => [tier, bucket(counts[code] as number, renewedCounts[code] as number)])) as HealthValidation['byTier'];
  const rates = HEALTH_TIERS.map((tier) => byTier[tier]).filter((b) => b.count > 0).map((b) => b.rate as number);
  return {
    period: { from: period.from, to: period.to }, contracts, byTier, auc,
    monotonic: rates.every((rate, i) => i === 0 || rate <= (rates[i - 1] as number)),
    byDecile,
  };
}

/** One group by rank (`scoreDeciles`): its place (1-10), its lowest and highest scores, its contracts and renewed. */
export function decileOf(decile: number, minScore: number, maxScore: number, count: number, renewed: number): HealthValidationDecile {
  return { decile, minScore, maxScore, ...bucket(count, renewed) };
}

/** Ten groups by rank in score order (equal scores in due order); see the module's rules. */
export function scoreDeciles(scores: Float64Array, renewed: Uint8Array, order: Int32Array = stableNumberOrder(scores)): HealthValidationDecile[] {
  const n = order.length;
  const result: HealthValidationDecile[] = [];
  for (let k = 0; k < 10; k += 1) {
    const begin = Math.floor((k * n) / 10);
    const end = Math.floor(((k + 1) * n) / 10);
    if (end <= begin) continue;
    let wins = 0;
    for (let i = begin; i < end; i += 1) wins += renewed[order[i] as number] as number;
    result.push(decileOf(k + 1, scores[order[begin] as number] as number, scores[order[end - 1] as number] as number, end - begin, wins));
  }
  return result;
}

export function healthValidation(dataset: Dataset, options: HealthValidationOptions): HealthValidation {
  return healthValidationOf(wholeDataset(dataset), resolveHealthValidationSettings(options));
}
