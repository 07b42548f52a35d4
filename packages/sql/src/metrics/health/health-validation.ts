/**
 * `healthValidation` in SQL (SPEC 12): the view's accounts' contracts due in the period and decided at `asOf` (renewed,
 * renewed late or churned: renewals/renewals.ts), each with its account's tier and score in its due month (health-sql.ts),
 * counted by tier; the AUC by ranks; ten groups by rank in score order. The JS form is `healthValidationOf` in
 * `metrics/src/health/health-validation.ts`: equal scores are ordered by the due order (`due_rank`, the JS engine's
 * own), the AUC's sums are whole numbers and halves (exact in any order) divided as `scoreAuc` divides them, and a
 * rank's group is the JS split (group k holds ranks floor(k n / 10) .. floor((k + 1) n / 10) - 1).
 */
import { HEALTH_TIERS, monthIndex, type HealthValidation, type View } from '@cskit/metrics';
import { decileOf, validationFromCounts } from '@cskit/metrics/facts';
import { monthsCte, num, Params } from '../arr/runs-sql.js';
import { decidedSql, dueCtes, renewedSql } from '../renewals/renewals.js';
import { withHealth, type HealthQuery } from './health-sql.js';

export type ValidationView = Pick<View, 'period' | 'asOf' | 'graceMonths' | 'model'>;

/**
 * `WITH ... dv (due_rank, renewed, tier, score)`: the view's accounts' contracts due in the period and decided at
 * `asOf` (1 renewed, 0 churned), each with its account's tier and score in its due month; health worked out only in
 * those cells. What validation reads, and the renewals ahead's calibration over their lookback.
 */
export function decidedWithHealth(q: HealthQuery, p: Params, view: ValidationView): string {
  const [from, to] = [monthIndex(view.period.from), monthIndex(view.period.to)];
  const months = (params: Params) => `${monthsCte(params.int(from), params.int(to))},\nhm AS (SELECT k FROM months)`;
  const cells = {
    ctes: (params: Params) => dueCtes(params, q.accounts, view, q.schema),
    grid: `SELECT DISTINCT va.acct, va.segment, va.stage, f.end_month AS k FROM f JOIN va ON va.acct = f.acct WHERE ${decidedSql('f')}`,
  };
  return `${withHealth(q, p, view.model, months, cells)},
dv AS (SELECT f.due_rank, CASE WHEN ${renewedSql('f')} THEN 1 ELSE 0 END AS renewed, ht.tier, ht.score
  FROM f LEFT JOIN ht ON ht.acct = f.acct AND ht.k = f.end_month WHERE ${decidedSql('f')})`;
}

/** `healthValidation` of the view's accounts (`accounts` null: every account). */
export async function healthValidationInSql(q: HealthQuery, view: ValidationView): Promise<HealthValidation> {
  const p = new Params(q.accounts?.params);
  const prefix = decidedWithHealth(q, p, view);
  // One statement (its contracts and their health worked out once): counts by tier ('t'), the AUC's sums ('a'), the
  // ten groups by rank ('d').
  const rows = await q.client.query(`${prefix},
g AS (SELECT dv.score, sum(dv.renewed) AS r, count(*) - sum(dv.renewed) AS c FROM dv WHERE dv.score IS NOT NULL GROUP BY dv.score),
w AS (SELECT g.r, g.c, sum(g.c) OVER (ORDER BY g.score) - g.c AS below FROM g),
ranked AS (SELECT dv.score, dv.renewed, ROW_NUMBER() OVER (ORDER BY dv.score, dv.due_rank) AS i, count(*) OVER () AS n FROM dv WHERE dv.score IS NOT NULL)
SELECT 't' AS part, COALESCE(dv.tier, ${HEALTH_TIERS.length}) AS k, count(*) AS n, sum(dv.renewed) AS renewed, 0 AS lo, 0 AS hi FROM dv
GROUP BY COALESCE(dv.tier, ${HEALTH_TIERS.length})
UNION ALL SELECT 'a' AS part, 0 AS k, sum(w.r * w.below) AS n, sum(w.r * w.c) AS renewed, sum(w.r) AS lo, sum(w.c) AS hi FROM w
UNION ALL SELECT 'd' AS part, FLOOR((10 * ranked.i - 1) / ranked.n) AS k, count(*) AS n, sum(ranked.renewed) AS renewed, min(ranked.score) AS lo, max(ranked.score) AS hi
FROM ranked GROUP BY FLOOR((10 * ranked.i - 1) / ranked.n)`, p.values);
  const tiers = rows.filter((row) => row.part === 't');
  const auc = rows.find((row) => row.part === 'a') ?? {};
  const deciles = rows.filter((row) => row.part === 'd').sort((a, b) => num(a.k) - num(b.k));
  const [counts, renewedCounts] = [new Array<number>(HEALTH_TIERS.length + 1).fill(0), new Array<number>(HEALTH_TIERS.length + 1).fill(0)];
  for (const row of tiers) [counts[num(row.k)], renewedCounts[num(row.k)]] = [num(row.n), num(row.renewed)];
  const [renewed, churned] = [num(auc.lo), num(auc.hi)];
  // `scoreAuc`: wins are the renewed against the churned ranked below, plus half of those of equal score.
  const aucValue = renewed > 0 && churned > 0 ? (num(auc.n) + 0.5 * num(auc.renewed)) / (renewed * churned) : null;
  return validationFromCounts(
    view.period, counts.reduce((sum, n) => sum + n, 0), counts, renewedCounts, aucValue,
    deciles.map((row) => decileOf(num(row.k) + 1, num(row.lo), num(row.hi), num(row.n), num(row.renewed))),
  );
}
