/**
 * The renewals ahead (SPEC 9) in SQL, as `renewalsAheadCoreOf` in `metrics/src/renewals/renewals-ahead.ts` works them
 * out: the view's accounts' contracts due in the horizon (the `months` months from the month of `asOf`) with their
 * status at `asOf` (renewals.ts), their account's tier in the month of `asOf` (health-sql.ts) and whether the account
 * is warned then (engagement/early-warnings.ts), summed per due month, tier, status and risk; the likelihood per tier
 * given, or calibrated on the decided contracts due in the `lookbackMonths` before (by the tier in their due month; a
 * tier with fewer than `MIN_CALIBRATION_CONTRACTS` uses the share over all). An item's expected ARR is its renewal's
 * ARR when renewed, 0 when churned, else due ARR x its tier's likelihood: summed per group here, so a month's
 * expected ARR equals the JS engine's to the cent (the same products, added in another order).
 */
import { HEALTH_TIERS, monthFromIndex, monthIndex, monthOf, TIERS_AND_UNKNOWN, type HealthTier, type RenewalsAhead, type TierOrUnknown, type View } from '@cskit/metrics';
import { addToAheadRow, emptyAheadRow, likelihoodFromCounts } from '@cskit/metrics/facts';
import { num, Params } from '../arr/runs-sql.js';
import { warnedCtes } from '../engagement/early-warnings.js';
import { withHealth, type HealthQuery } from '../health/health-sql.js';
import { decidedWithHealth } from '../health/health-validation.js';
import { decidedSql, dueCtes, renewedSql } from './renewals.js';

export type AheadView = Pick<View, 'asOf' | 'graceMonths' | 'model' | 'lookbackMonths' | 'earlyWarning' | 'ahead'>;

/** Status classes of a due contract: renewed (or renewed late), open (or in grace), churned. */
export const [RENEWED_CLASS, OPEN_CLASS, CHURNED_CLASS] = [0, 1, 2];
/** A due contract `alias` of `f`'s status class (`isRenewedCode`, `isPendingCode`, `isChurnedCode`). */
export const statusClass = (alias: string): string => `CASE WHEN ${renewedSql(alias)} THEN ${RENEWED_CLASS} WHEN ${decidedSql(alias)} THEN ${CHURNED_CLASS} ELSE ${OPEN_CLASS} END`;

/** A due contract's tier code over `ht` (`TIERS_AND_UNKNOWN`: its account's tier in the month of `asOf`, else unknown). */
export const aheadTierSql = `COALESCE(ht.tier, ${TIERS_AND_UNKNOWN.indexOf('unknown')})`;

/**
 * An item's (or a group of items') tier, likelihood and expected ARR (`renewalsAheadCoreOf`): the renewal's ARR when
 * renewed, 0 when churned, else due ARR x its tier's likelihood (none when that is unknown).
 */
export function aheadFigures(likelihood: Record<HealthTier, number | null>, tierCode: number, cls: number, dueArr: number, renewalArr: number) {
  const tier = TIERS_AND_UNKNOWN[tierCode] as TierOrUnknown;
  const share = tier === 'unknown' ? null : likelihood[tier];
  const expected = cls === RENEWED_CLASS ? renewalArr : cls === CHURNED_CLASS ? 0 : share === null ? null : dueArr * share;
  return { tier, share, expected };
}

/** `aheadFigures`' expected ARR in SQL, over a due contract of `f`, its status class and its likelihood (expressions). */
export const expectedSql = (cls: string, share: string): string =>
  `CASE WHEN ${cls} = ${RENEWED_CLASS} THEN f.renewal_arr WHEN ${cls} = ${CHURNED_CLASS} THEN 0 ELSE f.due_arr * ${share} END`;

/** The likelihood per tier calibrated on the lookback's decided contracts (`calibrate`). */
async function calibrated(q: HealthQuery, view: AheadView, asOfMonth: number): Promise<Record<HealthTier, number | null>> {
  const p = new Params(q.accounts?.params);
  const [from, to] = [asOfMonth - Math.max(1, view.lookbackMonths), asOfMonth - 1];
  const lookback = { period: { from: monthFromIndex(from), to: monthFromIndex(to) }, asOf: view.asOf, graceMonths: view.graceMonths, model: view.model };
  const rows = await q.client.query(`${decidedWithHealth(q, p, lookback)}
SELECT COALESCE(dv.tier, -1) AS tier, count(*) AS n, sum(dv.renewed) AS renewed FROM dv GROUP BY COALESCE(dv.tier, -1)`, p.values);
  const [decided, renewed] = [new Array<number>(HEALTH_TIERS.length).fill(0), new Array<number>(HEALTH_TIERS.length).fill(0)];
  let [allDecided, allRenewed] = [0, 0];
  for (const row of rows) {
    const tier = num(row.tier);
    allDecided += num(row.n);
    allRenewed += num(row.renewed);
    if (tier >= 0) [decided[tier], renewed[tier]] = [num(row.n), num(row.renewed)];
  }
  return likelihoodFromCounts(decided, renewed, allDecided, allRenewed);
}

/** The likelihood per tier: the view's, or calibrated on the lookback's decided contracts. */
export async function aheadLikelihood(q: HealthQuery, view: AheadView): Promise<Record<HealthTier, number | null>> {
  if (view.ahead.likelihood) return Object.fromEntries(HEALTH_TIERS.map((tier) => [tier, view.ahead.likelihood?.[tier] ?? null])) as Record<HealthTier, number | null>;
  return calibrated(q, view, monthIndex(monthOf(view.asOf)));
}

/**
 * `WITH ...` up to `f` (the view's accounts' contracts due in the horizon, renewals.ts), `ht` (their accounts' tiers in
 * the month of `asOf`) and `wn` (the accounts warned then), binding to `p`.
 */
export function aheadCtes(q: HealthQuery, p: Params, view: AheadView): string {
  const asOfMonth = monthIndex(monthOf(view.asOf));
  const due = { period: { from: monthFromIndex(asOfMonth), to: monthFromIndex(asOfMonth + view.ahead.months - 1) }, asOf: view.asOf, graceMonths: view.graceMonths };
  // Health only where it is read: the accounts with a contract due in the horizon, in the month of asOf.
  const cells = {
    ctes: (params: Params) => dueCtes(params, q.accounts, due, q.schema),
    grid: 'SELECT DISTINCT va.acct, va.segment, va.stage, hm.k FROM f JOIN va ON va.acct = f.acct CROSS JOIN hm',
  };
  return `${withHealth(q, p, view.model, (params) => `hm AS (SELECT ${params.int(asOfMonth)} AS k)`, cells)},
${warnedCtes(p, q.accounts, monthOf(view.asOf), view.earlyWarning, q.schema, q.dialect)}`;
}

/**
 * A due contract's risk bits over `f`, `ht` and `wn` (`riskReasonsOf`): an open one's red (1) or yellow (2) tier, and
 * its account warned (4); a decided one has none.
 */
export function riskBitsSql(): string {
  const [RED, YELLOW] = [HEALTH_TIERS.indexOf('red'), HEALTH_TIERS.indexOf('yellow')];
  return `CASE WHEN ${statusClass('f')} = ${OPEN_CLASS} THEN (CASE WHEN ht.tier = ${RED} THEN 1 WHEN ht.tier = ${YELLOW} THEN 2 ELSE 0 END)
      + (CASE WHEN f.acct IN (SELECT wn.acct FROM wn) THEN 4 ELSE 0 END) ELSE 0 END`;
}

/** The `renewalsAhead` summary (without items) of the view's accounts (`accounts` null: every account). */
export async function renewalsAheadInSql(q: HealthQuery, view: AheadView): Promise<Omit<RenewalsAhead, 'items'>> {
  const asOfMonth = monthIndex(monthOf(view.asOf));
  const likelihood = await aheadLikelihood(q, view);
  const p = new Params(q.accounts?.params);
  const rows = await q.client.query(`${aheadCtes(q, p, view)},
g AS (SELECT f.end_month AS month, ${aheadTierSql} AS tier, ${statusClass('f')} AS class,
    CASE WHEN ${riskBitsSql()} <> 0 THEN 1 ELSE 0 END AS risk, f.due_arr, COALESCE(f.renewal_arr, 0) AS renewal_arr
  FROM f LEFT JOIN ht ON ht.acct = f.acct)
SELECT g.month, g.tier, g.class, g.risk, count(*) AS n, sum(g.due_arr) AS due_arr, sum(g.renewal_arr) AS renewal_arr FROM g
GROUP BY g.month, g.tier, g.class, g.risk`, p.values);
  const months = Array.from({ length: view.ahead.months }, (_, k) => ({ month: monthFromIndex(asOfMonth + k), ...emptyAheadRow() }));
  const totals = emptyAheadRow();
  for (const row of rows) {
    const [count, dueArr, cls] = [num(row.n), num(row.due_arr), num(row.class)];
    // The items' expected ARR, summed per group: the same products, added in another order.
    const { tier, expected } = aheadFigures(likelihood, num(row.tier), cls, dueArr, num(row.renewal_arr));
    const contracts = { tier, count, dueArr, renewed: cls === RENEWED_CLASS, pending: cls === OPEN_CLASS, atRisk: num(row.risk) === 1, expected };
    addToAheadRow(months[num(row.month) - asOfMonth] as (typeof months)[number], contracts);
    addToAheadRow(totals, contracts);
  }
  return { asOf: view.asOf, horizonMonths: view.ahead.months, likelihood, calibrated: view.ahead.likelihood === null, months, totals };
}
