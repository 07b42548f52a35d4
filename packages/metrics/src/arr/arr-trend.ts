/**
 * ARR trends (SPEC 8): one row per month of the period on the waterfall's grace-bridged ARR (each row's movements
 * and closing equal that month of `arrMovements`), with customers, ARPA, churn rates, the quick ratio, trailing
 * twelve-month NRR and GRR, and LTV.
 *
 * Rules the SPEC leaves open, decided here:
 * - `customers` counts accounts with ARR > 0 in the month after grace bridging (an account in grace is still one).
 * - `logoChurnRate`'s denominator is the accounts with ARR > 0 in the month before, on the same bridged ARR.
 * - `nrr12` and `grr12` are `retention` from the month twelve months earlier, on recorded ARR (SPEC 2's retention).
 */
import { MOVEMENT_KINDS, resolveWaterfallSettings, waterfallOf, type ArrMovementsOptions, type ArrWaterfallMonth, type WaterfallCore, type WaterfallSettings } from './arr-movements.js';
import { monthIndex } from '../core/dates.js';
import { ratio } from '../core/ratio.js';
import { retentionSeries, type RetentionFigures } from './retention.js';
import { wholeDataset, type Selection } from '../data/selection.js';
import type { Dataset, Period } from '../core/types.js';

export interface ArrTrendMonth extends ArrWaterfallMonth {
  /** Accounts with ARR > 0 in the month. */
  customers: number;
  /** closing / customers. */
  arpa: number | null;
  /** Accounts with a churn movement in the month / accounts with ARR > 0 in the month before. */
  logoChurnRate: number | null;
  /** -(churn + contraction) / opening. */
  grossRevenueChurnRate: number | null;
  /** (new + expansion + reactivation) / -(churn + contraction); null when that is 0. */
  quickRatio: number | null;
  /** retention({ start: month - 12, end: month }). */
  nrr12: number | null;
  grr12: number | null;
  /** arpa / (1 - grr12); null when grr12 is null or >= 1. */
  ltv: number | null;
}

export interface ArrTrend {
  period: Period;
  months: ArrTrendMonth[];
}

export type ArrTrendOptions = ArrMovementsOptions;

/** `waterfall`: the same selection's `waterfallOf` with the same settings, when the caller has it. */
export function arrTrendOf(selection: Selection, settings: WaterfallSettings, waterfall: WaterfallCore = waterfallOf(selection, settings)): ArrTrend {
  const { period } = settings;
  const from = monthIndex(period.from);
  const churned = new Int32Array(waterfall.months.length);
  const churn = MOVEMENT_KINDS.indexOf('churn');
  const m = waterfall.movementColumns;
  for (let row = 0; row < m.position.length; row += 1) if (m.kind.at(row) === churn) churned[m.month.at(row) - from] = (churned[m.month.at(row) - from] as number) + 1;
  return arrTrendFromParts(period, waterfall, churned, retentionSeries(selection, from, monthIndex(period.to), 12));
}

/**
 * The trend from its parts, as an engine outside JS (`@cskit/sql`) gives them: the period's waterfall (its months
 * and customers), the accounts that churned in each month, and retention over the twelve months to each month.
 */
export function arrTrendFromParts(
  period: Period, waterfall: Pick<WaterfallCore, 'months' | 'customers'>, churned: ArrayLike<number>, retention: readonly RetentionFigures[],
): ArrTrend {
  const { customers } = waterfall;
  const months = waterfall.months.map((row, k): ArrTrendMonth => {
    // 0 - x, not -x: a month with nothing lost has a churn rate of 0, not -0.
    const lost = 0 - (row.churn + row.contraction);
    const gained = row.new + row.expansion + row.reactivation;
    const kept = retention[k] as RetentionFigures;
    const arpa = ratio(row.closing, customers[k + 1] as number);
    return {
      ...row,
      customers: customers[k + 1] as number,
      arpa,
      logoChurnRate: ratio(churned[k] as number, customers[k] as number),
      grossRevenueChurnRate: ratio(lost, row.opening),
      quickRatio: ratio(gained, lost),
      nrr12: kept.nrr,
      grr12: kept.grr,
      ltv: arpa === null || kept.grr === null || kept.grr >= 1 ? null : arpa / (1 - kept.grr),
    };
  });
  return { period: { from: period.from, to: period.to }, months };
}

export function arrTrend(dataset: Dataset, options: ArrTrendOptions): ArrTrend {
  return arrTrendOf(wholeDataset(dataset), resolveWaterfallSettings(options));
}
