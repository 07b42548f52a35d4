/**
 * The waterfall (SPEC 2) in SQL: the view's accounts' ARR runs after the grace rule (runs-sql.ts), each account's
 * movements at the edges of its runs, summed per month and kind; the month totals and customers from the runs that
 * cover each month. The JS form is `waterfallOf` in `metrics/src/arr/arr-movements.ts` (`movementCode` classifies a
 * month against the one before: from 0 to ARR is new, or reactivation when the account had ARR before; from ARR to
 * 0 is churn; up is expansion, down contraction); `waterfallFromSums` finishes both alike (whole cents, residues).
 */
import { monthIndex, monthOf, MOVEMENT_KINDS, type View } from '@cskit/metrics';
import { waterfallFromSums, type WaterfallCore } from '@cskit/metrics/facts';
import type { SqlClient } from '../../client/clients.js';
import type { Predicate } from '../../engine/scope-sql.js';
import { bridgedCte, monthsCte, num, Params, runsCte } from './runs-sql.js';

/** What the ARR family reads of a view. */
export type ArrView = Pick<View, 'period' | 'asOf' | 'graceMonths'>;

/** Movement codes as `MOVEMENT_KINDS` orders them. */
export const [NEW, EXPANSION, CONTRACTION, CHURN, REACTIVATION] = [0, 1, 2, 3, 4];

/**
 * `w` and `mv (acct, month, kind, amount)`: each account's movements in months `from..to` (bound parameters), read
 * at the edges of its bridged runs `b`: a run starting right after another moves by the difference (expansion,
 * contraction; none when equal), one starting after a gap or first is reactivation or new, and a run followed by a
 * gap churns the month after it ends.
 */
function movementsCte(F: string, T: string): string {
  return `w AS (SELECT acct, mf, mt, arr, LAG(mt) OVER (PARTITION BY acct ORDER BY mf) AS pt, LAG(arr) OVER (PARTITION BY acct ORDER BY mf) AS parr,
    LEAD(mf) OVER (PARTITION BY acct ORDER BY mf) AS nf FROM b),
mv AS (SELECT acct, mf AS month,
    CASE WHEN pt IS NULL THEN ${NEW} WHEN pt < mf - 1 THEN ${REACTIVATION} WHEN arr > parr THEN ${EXPANSION} ELSE ${CONTRACTION} END AS kind,
    CASE WHEN pt = mf - 1 THEN arr - parr ELSE arr END AS amount
  FROM w WHERE mf >= ${F} AND mf <= ${T} AND (pt IS NULL OR pt < mf - 1 OR arr <> parr)
  UNION ALL
  SELECT acct, mt + 1 AS month, ${CHURN} AS kind, 0 - arr AS amount FROM w WHERE mt + 1 >= ${F} AND mt + 1 <= ${T} AND (nf IS NULL OR nf > mt + 1))`;
}

/**
 * `r`, `g`, `b`, `w` and `mv`: the view's accounts' runs, bridged by the grace rule as known at `asOf`, and their
 * movements in the view's period; binds the period, `asOf` and grace to `p` and gives the last month's placeholder
 * (the waterfall's month series ends there).
 */
export function movementCtes(p: Params, accounts: Predicate | null, view: ArrView, schema: string | undefined): { ctes: string; to: string } {
  const [F, T, A, G] = [p.int(monthIndex(view.period.from)), p.int(monthIndex(view.period.to)), p.int(monthIndex(monthOf(view.asOf))), p.int(view.graceMonths)];
  return { ctes: `${runsCte(accounts, schema)},\n${bridgedCte(A, G)},\n${movementsCte(F, T)}`, to: T };
}

/**
 * The waterfall of the view's accounts (`accounts` null: every account), with per month the accounts that churned
 * (what the ARR trend counts).
 */
export async function waterfallInSql(
  client: SqlClient, accounts: Predicate | null, view: ArrView, schema: string | undefined,
): Promise<{ core: WaterfallCore; churned: number[] }> {
  const from = monthIndex(view.period.from);
  const to = monthIndex(view.period.to);
  const length = to - from + 1;
  const p = new Params(accounts?.params);
  const movements = movementCtes(p, accounts, view, schema);
  const sql = `WITH ${movements.ctes},
${monthsCte(p.int(from - 1), movements.to)},
c AS (SELECT months.k AS k, sum(b.arr) AS arr, count(*) AS n FROM months JOIN b ON b.mf <= months.k AND months.k <= b.mt GROUP BY months.k)
SELECT 'c' AS part, k AS month, 0 AS kind, arr AS amount, n FROM c
UNION ALL SELECT 'm' AS part, month, kind, sum(amount) AS amount, count(*) AS n FROM mv GROUP BY month, kind
UNION ALL SELECT 'a' AS part, 0 AS month, kind, 0 AS amount, count(DISTINCT acct) AS n FROM mv GROUP BY kind`;
  const rows = await client.query(sql, p.values);
  const closing = new Float64Array(length + 1);
  const customers = new Int32Array(length + 1);
  const sums = new Float64Array(length * MOVEMENT_KINDS.length);
  const accountsByKind = new Int32Array(MOVEMENT_KINDS.length);
  const churned = new Array<number>(length).fill(0);
  for (const row of rows) {
    const kind = num(row.kind);
    const offset = num(row.month) - from;
    if (row.part === 'c') {
      closing[offset + 1] = num(row.amount);
      customers[offset + 1] = num(row.n);
    } else if (row.part === 'm') {
      sums[offset * MOVEMENT_KINDS.length + kind] = num(row.amount);
      if (kind === CHURN) churned[offset] = num(row.n);
    } else accountsByKind[kind] = num(row.n);
  }
  return { core: waterfallFromSums({ period: view.period, closing, customers, sums, accountsByKind }), churned };
}
