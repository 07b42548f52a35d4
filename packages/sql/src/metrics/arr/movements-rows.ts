/**
 * Pages of the `movements` row set in SQL (`movementsTable` of `@cskit/metrics`, engine/row-sets.ts): the view's
 * accounts' waterfall movements in the period (waterfall.ts's `mv`), in the set's order (by account in the data's
 * order, then month: one movement per account and month) or sorted by month, kind or amount (several keys; ties in
 * the set's order, as `queryOrder` keeps them), cut to the page in the database. A kind sorts by its name, as the JS
 * engine compares the enum's text. Sorts by a text column (a name, an id), a search and column filters are left to
 * the prepared engine: text is never compared in SQL, whose collations differ by database.
 */
import { MOVEMENT_KINDS, monthFromIndex, type MovementKind, type RowQuery, type View, type ViewOptions } from '@cskit/metrics';
import type { SqlClient } from '../../client/clients.js';
import type { Predicate } from '../../engine/scope-sql.js';
import { tableName } from '../../schema/dialect.js';
import { num, Params } from './runs-sql.js';
import { movementCtes, type ArrView } from './waterfall.js';

/** The columns a page is sorted by in SQL, as expressions over `mv` (a kind by its name's rank). */
const SORTABLE: Record<string, string> = {
  month: 'mv.month',
  amount: 'mv.amount',
  kind: `CASE mv.kind ${[...MOVEMENT_KINDS].sort().map((name) => `WHEN ${MOVEMENT_KINDS.indexOf(name)} THEN ${[...MOVEMENT_KINDS].sort().indexOf(name)}`).join(' ')} END`,
};

/** Whether a page of the `movements` row set is answered in SQL: no drill-down selection, filter or search, and sorts SQL can order. */
export function movementsQueryInSql(query: RowQuery, view: ViewOptions): boolean {
  if (view.selection !== undefined && view.selection !== null) return false;
  if ((query.filters?.length ?? 0) > 0 || (query.search ?? '').trim() !== '') return false;
  return (query.sort ?? []).every((sort) => Object.prototype.hasOwnProperty.call(SORTABLE, sort.id));
}

/** One page of the view's accounts' movements (`accounts` null: every account), with their count. */
export async function movementsPageInSql(
  client: SqlClient, accounts: Predicate | null, view: ArrView & Pick<View, 'period'>, query: RowQuery, page: { offset: number; limit: number }, schema: string | undefined,
) {
  const p = new Params(accounts?.params);
  const { ctes } = movementCtes(p, accounts, view, schema);
  const keys = (query.sort ?? []).map((sort) => `${SORTABLE[sort.id] as string}${sort.desc === true ? ' DESC' : ''}`);
  const order = [...keys, 'mv.acct', 'mv.month'].join(', ');
  // The page's rows, and the count in a row of its own (n = 0), so a page past the end still has it.
  const rows = await client.query(`WITH ${ctes},
pg AS (SELECT mv.acct, mv.month, mv.kind, mv.amount, ROW_NUMBER() OVER (ORDER BY ${order}) AS n FROM mv)
SELECT pg.n, pg.month, pg.kind, pg.amount, a.id, a.name FROM pg JOIN ${tableName('cskit_accounts', schema)} a ON a.seq = pg.acct
WHERE pg.n > ${p.int(page.offset)} AND pg.n <= ${p.int(page.offset + page.limit)}
UNION ALL SELECT 0 AS n, count(*) AS month, 0 AS kind, 0 AS amount, '' AS id, '' AS name FROM mv`, p.values);
  const total = num(rows.find((row) => num(row.n) === 0)?.month);
  const found = rows.filter((row) => num(row.n) > 0).sort((a, b) => num(a.n) - num(b.n));
  return {
    rowSet: 'movements',
    rows: found.map((row) => ({
      accountId: String(row.id), month: monthFromIndex(num(row.month)), kind: MOVEMENT_KINDS[num(row.kind)] as MovementKind, amount: num(row.amount), name: String(row.name),
    })),
    offset: page.offset, total, count: total,
  };
}
