/**
 * Pages of the `retention-accounts` row set in SQL (`retentionTable` of `@cskit/metrics`, engine/row-sets.ts): the
 * view's accounts with recorded ARR > 0 in the month before the period (`retentionOf`: the cohort NRR and GRR follow),
 * with that ARR and their ARR in the period's last month (0 without any), in the data's order or sorted by either
 * (row-pages.ts).
 */
import { monthIndex, ROW_SETS, type Period, type RowQuery } from '@cskit/metrics';
import { tableName } from '../../schema/dialect.js';
import { num, Params, runsCte } from '../arr/runs-sql.js';
import { cohortCte } from '../arr/retention.js';
import type { HealthQuery } from '../health/health-sql.js';
import { ACCOUNT_TEXT, numberedPage, orderSql, type PageCut, type RowPagesInSql, type SortableColumn } from './row-pages.js';

const SORTABLE: Record<string, SortableColumn> = { ...ACCOUNT_TEXT, startArr: { sql: 'x.start_arr' }, endArr: { sql: 'x.end_arr' } };

/** One page of the view's accounts' retention cohort (`q.accounts` null: every account), with its count. */
async function retentionPage(q: HealthQuery, { period }: { period: Period }, query: RowQuery, page: PageCut) {
  const { accounts, schema } = q;
  const p = new Params(accounts?.params);
  const [S, T] = [p.int(monthIndex(period.from) - 1), p.int(monthIndex(period.to))];
  const ctes = `${runsCte(accounts, schema)},
${cohortCte('rc', S, T)}`;
  const { rows, total, count } = await numberedPage(q.client, p, {
    schema: q.schema, dialect: q.dialect, match: { query, sortable: SORTABLE, spec: ROW_SETS['retention-accounts'].columns },
    ctes, rows: 'rc', order: orderSql(query, SORTABLE, ['x.acct']),
    columns: ['a.id AS id', 'pg.start_arr AS start_arr', 'pg.end_arr AS end_arr', 'a.name AS name'], blanks: ["''", '0', '0', "''"],
    joins: `JOIN ${tableName('cskit_accounts', schema)} a ON a.seq = pg.acct`,
  }, page);
  return {
    rowSet: 'retention-accounts',
    rows: rows.map((row) => ({ accountId: String(row.id), startArr: num(row.start_arr), endArr: num(row.end_arr), name: String(row.name) })),
    offset: page.offset, total, count,
  };
}

/** `retention-accounts` in `ROW_PAGES_IN_SQL`. */
export const RETENTION_PAGES: RowPagesInSql = { sortable: SORTABLE, readsModel: false, page: retentionPage };
