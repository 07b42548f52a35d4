/**
 * Progress against targets (SPEC 14) in SQL, as `targetProgressOf` in `metrics/src/csm/target-progress.ts` works it
 * out: a target's metric over its owner's accounts (its CSM's book, its team's, or every account of the viewer's
 * scope; a view's filters never change it) for its period as of `targetDay`. Per distinct period and day one statement
 * works out each account's share of every target metric (`PeriodFacts`: the waterfall's movements in cents, the
 * retention cohort, the contracts due so far, leads, advocacy and, when a target asks, saved and won renewals) and
 * sums the shares per CSM, per team and over all; `actualFromSums` and `targetProgressItemOf` finish both engines'
 * targets alike. The targets themselves are the data's (few: read whole, in their order).
 */
import { addMonthsToMonth, dayNumber, HEALTH_TIERS, firstDayOfMonth, monthIndex, monthOf, type DateString, type HealthModel, type Period, type Target, type TargetProgress, type View } from '@cskit/metrics';
import { actualFromSums, readsRetained, targetDay, targetProgressItemOf, visibleTargets, type TargetSums } from '@cskit/metrics/facts';
import type { SqlClient } from '../../client/clients.js';
import { tableName } from '../../schema/dialect.js';
import { storedColumns, TABLES } from '../../schema/tables.js';
import { recordOf } from '../../engine/read-chunks.js';
import type { Predicate } from '../../engine/scope-sql.js';
import { num, Params } from '../arr/runs-sql.js';
import { EXPANSION, movementCtes } from '../arr/waterfall.js';
import { cohortCte } from '../arr/retention.js';
import { dueByAccountCte, dueCtes, renewedSql } from '../renewals/renewals.js';
import { withHealth, type HealthQuery } from '../health/health-sql.js';
import { renewedCells } from './cs-attribution.js';

/** The red tier's code (`HEALTH_TIERS`): a save lifts an account from it, a win from a tier above it. */
const RED_CODE = HEALTH_TIERS.indexOf('red');

export type TargetView = Pick<View, 'asOf' | 'graceMonths' | 'lookbackMonths'> & { model: HealthModel };

/** Each owner's sums: `c<csm id>`, `t<team>` and `a` (every account of the scope). */
type OwnerSums = Map<string, TargetSums>;

const emptySums = (): TargetSums => ({
  netNewCents: 0, expansionCents: 0, starting: 0, keptNrr: 0, keptGrr: 0, dueAccounts: 0, renewedAccounts: 0, dueArr: 0, renewedArr: 0,
  csqlCount: 0, csqlWonArr: 0, csqaCount: 0, savedRenewalArr: 0, wonRenewalArr: 0,
});

/** The data's targets, in their order (`dataset.targets`). */
export async function readTargets(client: SqlClient, schema: string | undefined): Promise<Target[]> {
  const spec = TABLES.find((table) => table.collection === 'targets');
  if (!spec) return [];
  const columns = storedColumns(spec).filter((column) => column.reads);
  const rows = await client.query(`SELECT ${columns.map((column) => column.name).join(', ')} FROM ${tableName(spec.table, schema)} ORDER BY seq`, []);
  return rows.map((row) => recordOf(row, columns) as unknown as Target);
}

/** `toCents` of a movement's amount: its magnitude in cents rounded halves up (`Math.round`), the sign put back. */
const centsSql = (amount: string) => `CASE WHEN ${amount} < 0 THEN 0 - FLOOR(0 - ${amount} * 100 + 0.5) ELSE FLOOR(${amount} * 100 + 0.5) END`;

/**
 * The statement's head: `va` and, when saved or won renewals are read, the health of each renewed due contract's
 * account in its due month and the lookback before it (cs-attribution.ts reads the same cells); the due contracts'
 * `d`, `s`, `f` either way.
 */
function head(q: HealthQuery, p: Params, view: TargetView, span: Period, d: DateString, retain: boolean): string {
  const renewalView = { period: span, asOf: d, graceMonths: view.graceMonths };
  if (!retain) {
    const va = q.accounts === null ? `SELECT a.seq AS acct FROM ${tableName('cskit_accounts', q.schema)} a` : `SELECT a.seq AS acct ${q.accounts.accountsOnly}`;
    return `WITH va AS (${va}),\n${dueCtes(p, q.accounts, renewalView, q.schema)}`;
  }
  const renewed = renewedCells(q, renewalView, view.lookbackMonths);
  const health = withHealth(q, p, view.model, renewed.months, renewed.cells);
  const L = renewed.L();
  return `${health},
sw AS (SELECT f.acct, sum(CASE WHEN tb.tier < ta.tier AND ta.tier = ${RED_CODE} THEN f.renewal_arr ELSE 0 END) AS saved,
  sum(CASE WHEN tb.tier < ta.tier AND ta.tier < ${RED_CODE} THEN f.renewal_arr ELSE 0 END) AS won
  FROM f LEFT JOIN ht ta ON ta.acct = f.acct AND ta.k = f.end_month - ${L} LEFT JOIN ht tb ON tb.acct = f.acct AND tb.k = f.end_month
  WHERE ${renewedSql('f')} GROUP BY f.acct)`;
}

/** Each owner's sums of one target period as of day `d` (`periodFacts`, then `actualOf`'s sums per owner). */
async function ownerSums(q: HealthQuery, view: TargetView, period: Period, d: DateString, retain: boolean): Promise<OwnerSums> {
  const p = new Params(q.accounts?.params);
  const span = { from: period.from, to: monthOf(d) };
  const start = p.int(monthIndex(addMonthsToMonth(period.from, -1)));
  const prefix = head(q, p, view, span, d, retain);
  const movements = movementCtes(p, q.accounts, { period: span, asOf: d, graceMonths: view.graceMonths }, q.schema);
  const [end, first, last] = [p.int(monthIndex(span.to)), p.int(dayNumber(firstDayOfMonth(period.from))), p.int(dayNumber(d))];
  const mine = (column: string) => `${column} IN (SELECT acct FROM va)`;
  const shares = `${prefix},
${movements.ctes},
tm AS (SELECT acct, sum(${centsSql('amount')}) AS net_new, sum(CASE WHEN kind = ${EXPANSION} THEN ${centsSql('amount')} ELSE 0 END) AS expansion FROM mv GROUP BY acct),
${cohortCte('tr', start, end)},
${dueByAccountCte()},
tl AS (SELECT l.account_seq AS acct, sum(CASE WHEN l.created_day >= ${first} AND l.created_day <= ${last} THEN 1 ELSE 0 END) AS csql,
  sum(CASE WHEN l.stage = 'won' AND l.closed_day >= ${first} AND l.closed_day <= ${last} THEN COALESCE(l.arr, 0) ELSE 0 END) AS won_arr
  FROM ${tableName('cskit_leads', q.schema)} l WHERE ${mine('l.account_seq')} GROUP BY l.account_seq),
tq AS (SELECT v.account_seq AS acct, count(*) AS csqa FROM ${tableName('cskit_advocacy', q.schema)} v
  WHERE v.record_day >= ${first} AND v.record_day <= ${last} AND ${mine('v.account_seq')} GROUP BY v.account_seq),
ts AS (SELECT va.acct, COALESCE(tm.net_new, 0) AS net_new, COALESCE(tm.expansion, 0) AS expansion, COALESCE(tr.start_arr, 0) AS start_arr,
  COALESCE(tr.end_arr, 0) AS end_arr, CASE WHEN tr.end_arr < tr.start_arr THEN tr.end_arr ELSE COALESCE(tr.start_arr, 0) END AS kept,
  COALESCE(du.flag, 0) AS flag, COALESCE(du.due_arr, 0) AS due_arr, COALESCE(du.renewed_arr, 0) AS renewed_arr,
  COALESCE(tl.csql, 0) AS csql, COALESCE(tl.won_arr, 0) AS won_arr, COALESCE(tq.csqa, 0) AS csqa,
  ${retain ? 'COALESCE(sw.saved, 0) AS saved, COALESCE(sw.won, 0) AS won' : '0 AS saved, 0 AS won'}
FROM va LEFT JOIN tm ON tm.acct = va.acct LEFT JOIN tr ON tr.acct = va.acct LEFT JOIN du ON du.acct = va.acct LEFT JOIN tl ON tl.acct = va.acct
  LEFT JOIN tq ON tq.acct = va.acct${retain ? ' LEFT JOIN sw ON sw.acct = va.acct' : ''}),
tw AS (SELECT ts.*, a.csm_id, c.team FROM ts JOIN ${tableName('cskit_accounts', q.schema)} a ON a.seq = ts.acct LEFT JOIN ${tableName('cskit_csms', q.schema)} c ON c.id = a.csm_id)`;
  const sums = `sum(net_new) AS net_new, sum(expansion) AS expansion, sum(start_arr) AS starting, sum(end_arr) AS kept_nrr, sum(kept) AS kept_grr,
  sum(CASE WHEN flag >= 1 THEN 1 ELSE 0 END) AS due_accounts, sum(CASE WHEN flag = 2 THEN 1 ELSE 0 END) AS renewed_accounts,
  sum(due_arr) AS due_arr, sum(renewed_arr) AS renewed_arr, sum(csql) AS csql, sum(won_arr) AS won_arr, sum(csqa) AS csqa, sum(saved) AS saved, sum(won) AS won`;
  const rows = await q.client.query(`${shares}
SELECT 'c' AS kind, csm_id AS owner, ${sums} FROM tw WHERE csm_id IS NOT NULL GROUP BY csm_id
UNION ALL SELECT 't' AS kind, team AS owner, ${sums} FROM tw WHERE csm_id IS NOT NULL AND team IS NOT NULL GROUP BY team
UNION ALL SELECT 'a' AS kind, '' AS owner, ${sums} FROM tw`, p.values);
  const owners: OwnerSums = new Map();
  for (const row of rows) {
    owners.set(`${String(row.kind)}${row.kind === 'a' ? '' : String(row.owner)}`, {
      netNewCents: num(row.net_new), expansionCents: num(row.expansion), starting: num(row.starting), keptNrr: num(row.kept_nrr), keptGrr: num(row.kept_grr),
      dueAccounts: num(row.due_accounts), renewedAccounts: num(row.renewed_accounts), dueArr: num(row.due_arr), renewedArr: num(row.renewed_arr),
      csqlCount: num(row.csql), csqlWonArr: num(row.won_arr), csqaCount: num(row.csqa), savedRenewalArr: num(row.saved), wonRenewalArr: num(row.won),
    });
  }
  return owners;
}

const ownerKey = (target: Target) => (target.csmId !== undefined ? `c${target.csmId}` : target.team !== undefined ? `t${target.team}` : 'a');

/**
 * `targets` of a viewer's scope (`accounts`: the scope's accounts alone, null for every account); `onlyCsms`, a
 * scope's CSMs (`scopeCsmsInSql`), keeps only their own targets.
 */
export async function targetsInSql(
  q: HealthQuery, view: TargetView, every: readonly Target[], onlyCsms: ReadonlySet<string | undefined> | null,
): Promise<TargetProgress> {
  const targets = visibleTargets(every, onlyCsms);
  const retain = readsRetained(targets);
  const periods = new Map<string, Promise<OwnerSums>>();
  for (const target of targets) {
    const d = targetDay(target, view.asOf);
    const key = d === null ? '' : `${target.period.from}|${d}`;
    if (d !== null && !periods.has(key)) periods.set(key, ownerSums(q, view, target.period, d, retain));
  }
  const sums = new Map<string, OwnerSums>();
  for (const [key, pending] of periods) sums.set(key, await pending);
  return {
    asOf: view.asOf,
    items: targets.map((target) => targetProgressItemOf(target, view.asOf, (period, d) => {
      const owners = sums.get(`${period.from}|${d}`) as OwnerSums;
      return actualFromSums(target.metric, owners.get(ownerKey(target)) ?? emptySums());
    })),
  };
}

/**
 * The CSMs a scope's accounts name, and those their leads, advocacy and revenue credit (`scopeCsms` of
 * `@cskit/metrics`: what a dataset of the scope's own records lists).
 */
export async function scopeCsmsInSql(client: SqlClient, accounts: Predicate, schema: string | undefined): Promise<Set<string>> {
  const within = (alias: string) => `${alias}.account_seq IN (SELECT a.seq ${accounts.accountsOnly}) AND ${alias}.csm_id IS NOT NULL`;
  const records = ['cskit_leads', 'cskit_advocacy', 'cskit_revenue'].map((table) => `UNION SELECT x.csm_id AS id FROM ${tableName(table, schema)} x WHERE ${within('x')}`);
  const rows = await client.query(`SELECT a.csm_id AS id ${accounts.accountsOnly} AND a.csm_id IS NOT NULL ${records.join(' ')}`, accounts.params);
  return new Set(rows.map((row) => String(row.id)));
}
