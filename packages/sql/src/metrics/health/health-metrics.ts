/**
 * The health family's metrics in SQL (SPEC 4, 12): `healthScores`, `healthDistribution`, `healthTransitions`,
 * `healthQuadrants` and `healthValidation` (health-validation.ts), each equal to the JS engine's part of the same name (`metrics/src/health/metrics.ts`), over the
 * health of health-sql.ts and the recorded ARR of `cskit_arr_runs` (`arrThrough`'s matrix as runs). What comes back
 * is a few counts and sums (and a quadrant chart's largest accounts), finished by the JS engine's own code
 * (`distributionFromSums`, `transitionsFromPairs`, `quadrantOf`).
 */
import { HEALTH_TIERS, monthIndex, QUADRANT_POINTS, QUADRANTS, quadrantOf, type DateString, type HealthModel, type HealthTier, type Period, type Quadrant } from '@cskit/metrics';
import { distributionFromSums, DISTRIBUTION_SLOTS, transitionsFromPairs } from '@cskit/metrics/facts';
import { tableName } from '../../schema/dialect.js';
import { ARR_RUNS_TABLE } from '../../facts/arr-runs.js';
import { monthsCte, num, Params, runCovers } from '../arr/runs-sql.js';
import { edgeMonths, quadrantSql, withHealth, type HealthQuery } from './health-sql.js';
import { healthValidationInSql } from './health-validation.js';

export const HEALTH_METRICS_IN_SQL = ['healthScores', 'healthDistribution', 'healthTransitions', 'healthQuadrants', 'healthValidation'] as const;
export type HealthMetricInSql = (typeof HEALTH_METRICS_IN_SQL)[number];

export interface HealthView {
  period: Period;
  model: HealthModel;
  asOf: DateString;
  graceMonths: number;
}

/** `ar (acct, k, arr)`: the view's accounts' recorded ARR in each month of `hm` where it is > 0 (`arrThrough`). */
export function arrCte(q: HealthQuery): string {
  const scoped = q.accounts === null ? '' : ' WHERE f.account_seq IN (SELECT acct FROM va)';
  return `ar AS (SELECT f.account_seq AS acct, hm.k, f.arr FROM ${tableName(ARR_RUNS_TABLE, q.schema)} f
  JOIN hm ON ${runCovers('f', 'hm.k')}${scoped})`;
}

export const oneMonth = (month: number) => (p: Params) => `hm AS (SELECT ${p.int(month)} AS k)`;

/** `healthScores`' summary: the accounts with health in the period's last month, by tier (`healthScoresOf`). */
async function healthScoresInSql(q: HealthQuery, view: HealthView) {
  const p = new Params(q.accounts?.params);
  const rows = await q.client.query(`${withHealth(q, p, view.model, oneMonth(monthIndex(view.period.to)))}
SELECT ht.tier, count(*) AS n FROM ht GROUP BY ht.tier`, p.values);
  const tiers: Record<HealthTier, number> = { green: 0, 'green-yellow': 0, yellow: 0, red: 0 };
  for (const row of rows) tiers[HEALTH_TIERS[num(row.tier)] as HealthTier] = num(row.n);
  return { month: view.period.to, accountCount: Object.values(tiers).reduce((a, b) => a + b, 0), tiers };
}

/**
 * `healthDistribution`: per month of the period, the accounts and their ARR by tier, and those with ARR > 0 and no
 * health (`healthDistributionOf`'s slots): the cells with health, and the cells with ARR and none (both within the
 * view's accounts and months), never every cell of the grid (12 M at 1M accounts over a year). One FULL JOIN of the
 * two, each read once: an anti-join of the ARR cells against the health cells made PostgreSQL hash the health cells,
 * whose count it estimates from inequality joins (10^13 at 1M accounts for a model from components): the hash's batch
 * files alone took 17 GB and the statement did not end in 13 minutes.
 */
async function healthDistributionInSql(q: HealthQuery, view: HealthView) {
  const p = new Params(q.accounts?.params);
  const [from, to] = [monthIndex(view.period.from), monthIndex(view.period.to)];
  const months = (params: Params) => `${monthsCte(params.int(from), params.int(to))},\nhm AS (SELECT k FROM months)`;
  const rows = await q.client.query(`${withHealth(q, p, view.model, months)},
${arrCte(q)},
d AS (SELECT COALESCE(ht.k, ar.k) AS k, COALESCE(ht.tier, 4) AS slot, COALESCE(ar.arr, 0) AS arr
  FROM ht FULL JOIN ar ON ar.acct = ht.acct AND ar.k = ht.k WHERE ht.acct IS NOT NULL OR ar.arr > 0)
SELECT d.k, d.slot, count(*) AS n, sum(d.arr) AS arr FROM d GROUP BY d.k, d.slot`, p.values);
  const length = Math.max(0, to - from + 1);
  const counts = new Float64Array(length * DISTRIBUTION_SLOTS);
  const arrs = new Float64Array(length * DISTRIBUTION_SLOTS);
  for (const row of rows) {
    const cell = (num(row.k) - from) * DISTRIBUTION_SLOTS + num(row.slot);
    counts[cell] = num(row.n);
    arrs[cell] = num(row.arr);
  }
  return distributionFromSums(view.period, counts, arrs);
}

/** `healthTransitions`' summary: the view's accounts by their tiers in the period's first and last months. */
async function healthTransitionsInSql(q: HealthQuery, view: HealthView) {
  const p = new Params(q.accounts?.params);
  const edges = edgeMonths(view.period);
  const rows = await q.client.query(`${withHealth(q, p, view.model, edges.months)}
SELECT COALESCE(f.tier, -1) AS ft, COALESCE(t.tier, -1) AS tt, count(*) AS n
FROM va LEFT JOIN ht f ON f.acct = va.acct AND f.k = ${edges.F()} LEFT JOIN ht t ON t.acct = va.acct AND t.k = ${edges.T()}
GROUP BY COALESCE(f.tier, -1), COALESCE(t.tier, -1)`, p.values);
  return transitionsFromPairs(view.period, rows.map((row) => ({ from: num(row.ft), to: num(row.tt), count: num(row.n) })));
}

/**
 * `healthQuadrants`' summary: the accounts with health in the period's last month by quadrant (`quadrantOf`: at or
 * above a threshold is high) with their ARR then, and the `QUADRANT_POINTS` largest as points (ARR descending, ties
 * in the data's order), named.
 */
async function healthQuadrantsInSql(q: HealthQuery, view: HealthView) {
  const p = new Params(q.accounts?.params);
  const prefix = `${withHealth(q, p, view.model, oneMonth(monthIndex(view.period.to)))},
${arrCte(q)},
qa AS (SELECT ht.acct, ht.outcome, ht.experience, COALESCE(ar.arr, 0) AS arr, ${quadrantSql(p, q.dialect, view.model.quadrant)} AS quad
  FROM ht LEFT JOIN ar ON ar.acct = ht.acct)`;
  // Quadrant codes in `QUADRANTS` order (`quadrantSql`). One statement (the health worked out once): the quadrants' counts and ARR ('q'), then the points ('p'),
  // ranked by ARR (ties in the data's order) and cut to the largest.
  const rows = await q.client.query(`${prefix},
qp AS (SELECT qa.acct, qa.outcome, qa.experience, qa.arr, ROW_NUMBER() OVER (ORDER BY qa.arr DESC, qa.acct) AS rank FROM qa)
SELECT 'q' AS part, qa.quad AS k, count(*) AS n, sum(qa.arr) AS arr, NULL AS id, NULL AS name, 0 AS outcome, 0 AS experience FROM qa GROUP BY qa.quad
UNION ALL SELECT 'p' AS part, qp.rank AS k, 1 AS n, qp.arr, a.id, a.name, qp.outcome, qp.experience
FROM qp JOIN ${tableName('cskit_accounts', q.schema)} a ON a.seq = qp.acct WHERE qp.rank <= ${p.int(QUADRANT_POINTS)}`, p.values);
  const groups = rows.filter((row) => row.part === 'q');
  const points = rows.filter((row) => row.part === 'p').sort((a, b) => num(a.k) - num(b.k));
  const quadrants = Object.fromEntries(QUADRANTS.map((name) => [name, { count: 0, arr: 0 }])) as Record<Quadrant, { count: number; arr: number }>;
  for (const row of groups) quadrants[QUADRANTS[num(row.k)] as Quadrant] = { count: num(row.n), arr: num(row.arr) };
  const thresholds = { ...view.model.quadrant };
  return {
    month: view.period.to, thresholds, quadrants,
    points: points.map((row) => {
      const [o, e] = [num(row.outcome), num(row.experience)];
      return { accountId: String(row.id), quadrant: quadrantOf(o, e, thresholds), outcome: o, experience: e, arr: num(row.arr), name: String(row.name) };
    }),
    accountCount: Object.values(quadrants).reduce((sum, cell) => sum + cell.count, 0),
  };
}

/** One of the health family's metrics of the view's accounts (`accounts` null: every account). */
export function healthMetricInSql(q: HealthQuery, view: HealthView, metric: HealthMetricInSql): Promise<unknown> {
  switch (metric) {
    case 'healthScores':
      return healthScoresInSql(q, view);
    case 'healthDistribution':
      return healthDistributionInSql(q, view);
    case 'healthTransitions':
      return healthTransitionsInSql(q, view);
    case 'healthValidation':
      return healthValidationInSql(q, view);
    default:
      return healthQuadrantsInSql(q, view);
  }
}
