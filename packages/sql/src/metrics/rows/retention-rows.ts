/**
 * Pages of the `retention-accounts` row set in SQL (`retentionTable` of `@cskit/metrics`, engine/row-sets.ts): the
 * view's accounts with recorded ARR > 0 in the month before the period (`retentionOf`: the cohort NRR and GRR follow),
 * with that ARR and their ARR in the period's last month (0 without any), in the data's order or sorted by either
 * (row-pages.ts).
 */
import { monthIndex, type Period, type RowQuery, type ViewOptions } from '@cskit/metrics';
import type { SqlClient } from '../../client/clients.js';
import type { Predicate } from '../../engine/scope-sql.js';
import { tableName } from '../../schema/dialect.js';
import { num, Params, runsCte } from '../arr/runs-sql.js';
import { numberedPage, orderSql, pageQueryInSql, type SortableColumn } from './row-pages.js';

const SORTABLE: Record<string, SortableColumn> = { startArr: { sql: 'x.start_arr' }, endArr: { sql: 'x.end_arr' } };

/** Whether a page of the `retention-accounts` row set is answered in SQL. */
export const retentionQueryInSql = (query: RowQuery, view: ViewOptions): boolean => pageQueryInSql(query, view, SORTABLE);

/** One page of the view's accounts' retention cohort (`accounts` null: every account), with its count. */
export async function retentionPageInSql(
  client: SqlClient, accounts: Predicate | null, period: Period, query: RowQuery, page: { offset: number; limit: number }, schema: string | undefined,
) {
  const p = new Params(accounts?.params);
  const [S, T] = [p.int(monthIndex(period.from) - 1), p.int(monthIndex(period.to))];
  const ctes = `${runsCte(accounts, schema)},
rc AS (SELECT st.acct, st.arr AS start_arr, COALESCE(en.arr, 0) AS end_arr FROM r st
  LEFT JOIN r en ON en.acct = st.acct AND en.mf <= ${T} AND ${T} <= en.mt WHERE st.mf <= ${S} AND ${S} <= st.mt AND st.arr > 0)`;
  const { rows, total } = await numberedPage(client, p, {
    ctes, rows: 'rc', order: orderSql(query, SORTABLE, ['x.acct']),
    columns: ['a.id AS id', 'pg.start_arr AS start_arr', 'pg.end_arr AS end_arr', 'a.name AS name'], blanks: ["''", '0', '0', "''"],
    joins: `JOIN ${tableName('cskit_accounts', schema)} a ON a.seq = pg.acct`,
  }, page);
  return {
    rowSet: 'retention-accounts',
    rows: rows.map((row) => ({ accountId: String(row.id), startArr: num(row.start_arr), endArr: num(row.end_arr), name: String(row.name) })),
    offset: page.offset, total, count: total,
  };
}
