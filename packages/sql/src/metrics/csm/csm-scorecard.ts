/**
 * CSM scorecards (SPEC 6, 14) in SQL, as `csmScorecardOf` in `metrics/src/csm/csm-scorecard.ts` sums them: per CSM
 * (the accounts' `csmId`; NULL for the accounts without one) the book's accounts with ARR > 0 at the period's end
 * (the waterfall's closing, after grace) with their ARR and mean health score then, saves and wins over the period
 * (tiers in its first and last months: `transitionCode`), net new ARR (the movements), contracts due and renewed,
 * responses in the period, and leads (a lead counts for its own CSM, else its account's). The rows come back as sums
 * with the place each CSM was first met (the account's, or the lead's), so the rows are put in the JS engine's order
 * here: the data's CSMs a viewer sees, in their order, then the others as first met. `scorecardFromSums` finishes
 * both engines alike (names, team rows, totals, ratios) and targets are counted from `targetsInSql`.
 */
import { HEALTH_TIERS, type Csm, type CsmScorecard, type HealthModel, type TargetProgress, type View } from '@cskit/metrics';
import { scorecardFromSums, SCORECARD_FIELDS, type ScorecardSums } from '@cskit/metrics/facts';
import type { SqlClient } from '../../client/clients.js';
import { tableName } from '../../schema/dialect.js';
import { arrAtCte, num, Params } from '../arr/runs-sql.js';
import { movementCtes } from '../arr/waterfall.js';
import { dueByAccountCte, dueCtes } from '../renewals/renewals.js';
import { edgeMonths, withHealth, type HealthQuery } from '../health/health-sql.js';
import { npsCountSql } from '../engagement/nps.js';

export type ScorecardView = Pick<View, 'period' | 'asOf' | 'graceMonths' | 'lookbackMonths' | 'accountIds'> & { model: HealthModel };

const RED = HEALTH_TIERS.indexOf('red');

/** The data's CSMs, in their order. */
export async function readCsms(client: SqlClient, schema: string | undefined): Promise<Csm[]> {
  const rows = await client.query(`SELECT id, name, team FROM ${tableName('cskit_csms', schema)} ORDER BY seq`, []);
  return rows.map((row) => ({ id: String(row.id), name: String(row.name), ...(row.team === null || row.team === undefined ? {} : { team: String(row.team) }) }));
}

/** The statement: per CSM of the view's accounts, their figures ('a'), responses ('n', 'x': without an account) and leads ('l'). */
function scorecardSql(q: HealthQuery, p: Params, view: ScorecardView, every: boolean): string {
  const edges = edgeMonths(view.period);
  const health = withHealth(q, p, view.model, edges.months);
  const [F, T] = [edges.F(), edges.T()];
  const movements = movementCtes(p, q.accounts, view, q.schema);
  const due = dueCtes(p, q.accounts, view, q.schema);
  const accounts = tableName('cskit_accounts', q.schema);
  const zeros = (columns: readonly string[]) => columns.map((column) => `0 AS ${column}`).join(', ');
  const figures = ['accounts', 'arr', 'health_sum', 'health_count', 'saves', 'wins', 'net_new', 'due_count', 'due_arr', 'renewed_arr', 'due_accounts', 'renewed_accounts'];
  const records = ['responses', 'promoters', 'detractors', 'csql_count', 'csql_won_arr'];
  const nps = (alias: string) => `count(*) AS responses, ${npsCountSql('promoters', `${alias}.score`)} AS promoters, ${npsCountSql('detractors', `${alias}.score`)} AS detractors`;
  const period = (alias: string) => `${alias}.response_month >= ${F} AND ${alias}.response_month <= ${T}`;
  return `${health},
${movements.ctes},
${due},
${arrAtCte('bc', T)},
bn AS (SELECT acct, sum(amount) AS net FROM mv GROUP BY acct),
${dueByAccountCte()},
pc AS (SELECT va.acct, a.csm_id AS owner, COALESCE(bc.arr, 0) AS closing, COALESCE(bn.net, 0) AS net, tt.score, tf.tier AS tier_f, tt.tier AS tier_t,
  COALESCE(du.n, 0) AS due_n, COALESCE(du.due_arr, 0) AS due_arr, COALESCE(du.renewed_arr, 0) AS renewed_arr, COALESCE(du.flag, 0) AS flag
  FROM va JOIN ${accounts} a ON a.seq = va.acct LEFT JOIN bc ON bc.acct = va.acct LEFT JOIN bn ON bn.acct = va.acct LEFT JOIN du ON du.acct = va.acct
  LEFT JOIN ht tf ON tf.acct = va.acct AND tf.k = ${F} LEFT JOIN ht tt ON tt.acct = va.acct AND tt.k = ${T})
SELECT 'a' AS part, owner, min(acct) AS first, sum(CASE WHEN closing > 0 THEN 1 ELSE 0 END) AS accounts, sum(CASE WHEN closing > 0 THEN closing ELSE 0 END) AS arr,
  sum(CASE WHEN closing > 0 AND score IS NOT NULL THEN score ELSE 0 END) AS health_sum, sum(CASE WHEN closing > 0 AND score IS NOT NULL THEN 1 ELSE 0 END) AS health_count,
  sum(CASE WHEN tier_t < tier_f AND tier_f = ${RED} THEN 1 ELSE 0 END) AS saves, sum(CASE WHEN tier_t < tier_f AND tier_f < ${RED} THEN 1 ELSE 0 END) AS wins,
  sum(net) AS net_new, sum(due_n) AS due_count, sum(due_arr) AS due_arr, sum(renewed_arr) AS renewed_arr,
  sum(CASE WHEN flag >= 1 THEN 1 ELSE 0 END) AS due_accounts, sum(CASE WHEN flag = 2 THEN 1 ELSE 0 END) AS renewed_accounts, ${zeros(records)}
FROM pc GROUP BY owner
UNION ALL SELECT 'n' AS part, a.csm_id AS owner, 0 AS first, ${zeros(figures)}, ${nps('n')}, ${zeros(records.slice(3))}
FROM ${tableName('cskit_nps', q.schema)} n JOIN ${accounts} a ON a.seq = n.account_seq WHERE ${period('n')} AND n.account_seq IN (SELECT acct FROM va) GROUP BY a.csm_id
${every ? `UNION ALL SELECT 'x' AS part, NULL AS owner, 0 AS first, ${zeros(figures)}, ${nps('n')}, ${zeros(records.slice(3))}
FROM ${tableName('cskit_nps', q.schema)} n WHERE ${period('n')} AND n.account_seq IS NULL` : ''}
UNION ALL SELECT 'l' AS part, COALESCE(l.csm_id, a.csm_id) AS owner, min(l.seq) AS first, ${zeros(figures)}, ${zeros(records.slice(0, 3))},
  sum(CASE WHEN l.created_month >= ${F} AND l.created_month <= ${T} THEN 1 ELSE 0 END) AS csql_count,
  sum(CASE WHEN l.stage = 'won' AND l.closed_month >= ${F} AND l.closed_month <= ${T} THEN COALESCE(l.arr, 0) ELSE 0 END) AS csql_won_arr
FROM ${tableName('cskit_leads', q.schema)} l JOIN ${accounts} a ON a.seq = l.account_seq WHERE l.account_seq IN (SELECT acct FROM va) GROUP BY COALESCE(l.csm_id, a.csm_id)`;
}

/** A part's row as a row's sums (the JS engine's tallies). */
const sumsOf = (row: Record<string, unknown>): ScorecardSums => ({
  accounts: num(row.accounts), arr: num(row.arr), healthSum: num(row.health_sum), healthCount: num(row.health_count), saves: num(row.saves), wins: num(row.wins),
  netNewArr: num(row.net_new), csqlCount: num(row.csql_count), csqlWonArr: num(row.csql_won_arr), responses: num(row.responses), promoters: num(row.promoters),
  detractors: num(row.detractors), dueCount: num(row.due_count), dueArr: num(row.due_arr), renewedArr: num(row.renewed_arr), dueAccounts: num(row.due_accounts),
  renewedAccounts: num(row.renewed_accounts),
});

const zero = (): ScorecardSums => Object.fromEntries(SCORECARD_FIELDS.map((field) => [field, 0])) as ScorecardSums;
const addTo = (into: ScorecardSums, sums: ScorecardSums) => { for (const field of SCORECARD_FIELDS) into[field] += sums[field]; };

export interface ScorecardOwners {
  /** The data's CSMs. */
  csms: readonly Csm[];
  /** The CSMs a viewer's scope names (`scopeCsmsInSql`; null: every one). */
  scopeCsms: ReadonlySet<string> | null;
  /** The targets' progress (`targetsInSql` over the scope's accounts). */
  progress: TargetProgress;
}

/**
 * The `csmScorecard` of the view's accounts (`q.accounts` null: every account, and the responses without one count in
 * the totals): rows for the data's CSMs the viewer sees (those of the view's accounts when it names ids, else the
 * scope's), then any other CSM (or none) the accounts and leads name, in the order first met.
 */
export async function csmScorecardInSql(q: HealthQuery, view: ScorecardView, owners: ScorecardOwners): Promise<CsmScorecard> {
  const p = new Params(q.accounts?.params);
  const rows = await q.client.query(scorecardSql(q, p, view, q.accounts === null), p.values);
  const byOwner = new Map<string | null, ScorecardSums>();
  const total = zero();
  const sighted = (part: string) => rows.filter((row) => row.part === part).sort((a, b) => num(a.first) - num(b.first));
  for (const row of rows) {
    const sums = sumsOf(row);
    addTo(total, sums);
    if (row.part === 'x') continue;
    const owner = row.owner === null || row.owner === undefined ? null : String(row.owner);
    const into = byOwner.get(owner) ?? zero();
    addTo(into, sums);
    byOwner.set(owner, into);
  }
  const selected = view.accountIds !== null ? new Set(sighted('a').flatMap((row) => (row.owner === null ? [] : [String(row.owner)]))) : owners.scopeCsms;
  const listed = owners.csms.filter((csm) => selected === null || selected.has(csm.id));
  const order: Array<string | null> = listed.map((csm) => csm.id);
  const placed = new Set<string | null>(order);
  for (const row of [...sighted('a'), ...sighted('l')]) {
    const owner = row.owner === null || row.owner === undefined ? null : String(row.owner);
    if (!placed.has(owner)) order.push(owner);
    placed.add(owner);
  }
  return scorecardFromSums(view.period, order.map((csmId) => ({ csmId, sums: byOwner.get(csmId) ?? zero() })), total, listed, owners.progress);
}
