/**
 * Pages of the `renewals` row set in SQL (`renewalsTable` of `@cskit/metrics`, engine/row-sets.ts): the view's
 * accounts' contracts due in the period with their renewal and status as of `asOf` (renewals.ts's `f`), in the set's
 * order (the JS engine's due order, `due_rank`: by due date, then contract id; also a sort by due date ascending, the
 * set's natural order) or sorted by due date, due ARR, renewal ARR, status (its rank in `RENEWAL_STATUSES`) or days
 * late, the empty ones last (row-pages.ts). Each row is `renewalItem`'s, read back from the contracts' columns.
 */
import { dateFromDayNumber, RENEWAL_STATUSES, ROW_SETS, type RenewalStatus, type RowQuery } from '@cskit/metrics';
import { tableName } from '../../schema/dialect.js';
import { num, Params } from '../arr/runs-sql.js';
import { dueCtes, type RenewalView } from '../renewals/renewals.js';
import type { HealthQuery } from '../health/health-sql.js';
import { ACCOUNT_TEXT, numberedPage, orderSql, rankColumn, type PageCut, type RowPagesInSql, type SortableColumn } from './row-pages.js';

/** Days from the day after the due date to the renewal's start (0 when on time or early; none without a renewal). */
const DAYS_LATE = 'CASE WHEN x.renewal_seq IS NULL THEN NULL WHEN x.renewal_start - (x.end_day + 1) > 0 THEN x.renewal_start - (x.end_day + 1) ELSE 0 END';

/** The columns a page is sorted by in SQL, over a due contract `x`. */
const SORTABLE: Record<string, SortableColumn> = {
  ...ACCOUNT_TEXT,
  dueDate: { sql: 'x.end_day' },
  dueArr: { sql: 'x.due_arr' },
  renewalArr: { sql: 'x.renewal_arr', nullable: true },
  status: rankColumn('x.status', RENEWAL_STATUSES),
  daysLate: { sql: DAYS_LATE, nullable: true },
};

/** One page of the view's accounts' due contracts (`q.accounts` null: every account), with their count. */
async function renewalsPage(q: HealthQuery, view: RenewalView, query: RowQuery, page: PageCut) {
  const { accounts, schema } = q;
  const p = new Params(accounts?.params);
  const ctes = dueCtes(p, accounts, view, schema);
  const contracts = tableName('cskit_contracts', schema);
  const { rows, total, count } = await numberedPage(q.client, p, {
    schema: q.schema, dialect: q.dialect, match: { query, sortable: SORTABLE, spec: ROW_SETS.renewals.columns },
    ctes, rows: 'f', order: orderSql(query, SORTABLE, ['x.due_rank'], ROW_SETS.renewals.natural),
    columns: [
      'dc.id AS contract_id', 'a.id AS account_id', 'pg.due_arr AS due_arr', 'pg.renewal_arr AS renewal_arr', 'pg.status AS status', 'rc.id AS renewal_id',
      'pg.end_day AS end_day', 'pg.renewal_start AS renewal_start', 'a.name AS name',
    ],
    blanks: ["''", "''", '0', '0', '0', "''", '0', '0', "''"],
    joins: `JOIN ${tableName('cskit_accounts', schema)} a ON a.seq = pg.acct JOIN ${contracts} dc ON dc.seq = pg.due_seq LEFT JOIN ${contracts} rc ON rc.seq = pg.renewal_seq`,
  }, page);
  return {
    rowSet: 'renewals',
    rows: rows.map((row) => {
      const renewed = row.renewal_id !== null && row.renewal_id !== undefined;
      const [end, start] = [num(row.end_day), num(row.renewal_start)];
      return {
        contractId: String(row.contract_id), accountId: String(row.account_id), dueArr: num(row.due_arr), renewalArr: renewed ? num(row.renewal_arr) : null,
        status: RENEWAL_STATUSES[num(row.status)] as RenewalStatus, renewalContractId: renewed ? String(row.renewal_id) : null,
        dueDate: dateFromDayNumber(end), renewalStart: renewed ? dateFromDayNumber(start) : null, daysLate: renewed ? Math.max(0, start - (end + 1)) : null,
        name: String(row.name),
      };
    }),
    offset: page.offset, total, count,
  };
}

/** `renewals` in `ROW_PAGES_IN_SQL`. */
export const RENEWAL_PAGES: RowPagesInSql = { sortable: SORTABLE, readsModel: false, page: renewalsPage };
