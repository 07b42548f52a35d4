/**
 * Pages of the `movements` row set in SQL (`movementsTable` of `@cskit/metrics`, engine/row-sets.ts): the view's
 * accounts' waterfall movements in the period (waterfall.ts's `mv`), in the set's order (by account in the data's
 * order, then month: one movement per account and month) or sorted by month, kind or amount (row-pages.ts). A kind
 * sorts by its name, as the JS engine compares the enum's text.
 */
import { MOVEMENT_KINDS, monthFromIndex, ROW_SETS, type MovementKind, type RowQuery } from '@cskit/metrics';
import { tableName } from '../../schema/dialect.js';
import { num, Params } from '../arr/runs-sql.js';
import { movementCtes, type ArrView } from '../arr/waterfall.js';
import type { HealthQuery } from '../health/health-sql.js';
import { ACCOUNT_TEXT, enumColumn, numberedPage, orderSql, type PageCut, type RowPagesInSql, type SortableColumn } from './row-pages.js';

/** The columns a page is sorted by in SQL, over a movement `x` (a kind by its name's rank). */
const SORTABLE: Record<string, SortableColumn> = {
  ...ACCOUNT_TEXT,
  month: { sql: 'x.month' },
  amount: { sql: 'x.amount' },
  kind: enumColumn('x.kind', MOVEMENT_KINDS),
};

/** One page of the view's accounts' movements (`q.accounts` null: every account), with their count. */
async function movementsPage(q: HealthQuery, view: ArrView, query: RowQuery, page: PageCut) {
  const { accounts, schema } = q;
  const p = new Params(accounts?.params);
  const { ctes } = movementCtes(p, accounts, view, schema);
  const { rows, total, count } = await numberedPage(q.client, p, {
    schema: q.schema, dialect: q.dialect, match: { query, sortable: SORTABLE, spec: ROW_SETS.movements.columns },
    ctes, rows: 'mv', order: orderSql(query, SORTABLE, ['x.acct', 'x.month']),
    columns: ['pg.month AS month', 'pg.kind AS kind', 'pg.amount AS amount', 'a.id AS id', 'a.name AS name'], blanks: ['0', '0', '0', "''", "''"],
    joins: `JOIN ${tableName('cskit_accounts', schema)} a ON a.seq = pg.acct`,
  }, page);
  return {
    rowSet: 'movements',
    rows: rows.map((row) => ({
      accountId: String(row.id), month: monthFromIndex(num(row.month)), kind: MOVEMENT_KINDS[num(row.kind)] as MovementKind, amount: num(row.amount), name: String(row.name),
    })),
    offset: page.offset, total, count,
  };
}

/** `movements` in `ROW_PAGES_IN_SQL`. */
export const MOVEMENT_PAGES: RowPagesInSql = { sortable: SORTABLE, readsModel: false, page: movementsPage };
