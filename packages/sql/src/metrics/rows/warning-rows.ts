/**
 * Pages of the `early-warnings` row set in SQL (`warningsTable` of `@cskit/metrics`, engine/row-sets.ts): the view's
 * accounts warned in the period's last month (`earlyWarningsOf`; the rule is `warnedCtes`, engagement/early-warnings.ts),
 * each with its recorded ARR then, its activity rate in each of the warning's months (`activityRateAt`: Σ active /
 * Σ licensed of the month's records, 0 without any) and its next renewal (`nextRenewalOf`: the earliest contract end
 * on or after the month's first day). In the set's order (ARR descending, then the nearest renewal, none last, then
 * the id as given: `compareWarnings`) or sorted by ARR, mean rate, next renewal, name or id (row-pages.ts). The mean
 * rate is summed oldest month first and divided by the months, as the row set's column reads it, so both engines sort
 * the same doubles.
 */
import { dateFromDayNumber, dayNumber, firstDayOfMonth, monthIndex, ROW_SETS, type EarlyWarningItem, type Period, type RowQuery, type View } from '@cskit/metrics';
import { CONTRACT_FACTS_TABLE } from '../../facts/renewal-facts.js';
import { tableName } from '../../schema/dialect.js';
import { num, Params } from '../arr/runs-sql.js';
import { warnedCtes } from '../engagement/early-warnings.js';
import type { HealthQuery } from '../health/health-sql.js';
import { ACCOUNT_TEXT, numberedPage, orderSql, type PageCut, type RowPagesInSql, type SortableColumn } from './row-pages.js';

/** The columns a page is sorted by in SQL, over a warned account `x` of `ew`. */
const SORTABLE: Record<string, SortableColumn> = {
  ...ACCOUNT_TEXT,
  arr: { sql: 'x.arr' },
  rates: { sql: 'x.mean' },
  nextRenewal: { sql: 'x.next_day', nullable: true },
};

/** `compareWarnings`: ARR descending, the nearest renewal (none last), the id by code unit (its key `id_order`). */
const SET_ORDER = ['x.arr DESC', 'CASE WHEN x.next_day IS NULL THEN 1 ELSE 0 END', 'x.next_day', 'k.id_order'];

type WarningView = Pick<View, 'earlyWarning'> & { period: Period };

/** One page of the view's accounts warned in the period's last month (`q.accounts` null: every account), with their count. */
async function warningsPage(q: HealthQuery, view: WarningView, query: RowQuery, page: PageCut) {
  const p = new Params(q.accounts?.params);
  const { months } = view.earlyWarning;
  const last = monthIndex(view.period.to);
  const head = warnedCtes(p, q.accounts, view.period.to, view.earlyWarning, q.schema, q.dialect);
  const [F, L, D] = [p.int(last - months + 1), p.int(last), p.int(dayNumber(firstDayOfMonth(view.period.to)))];
  // One column pair per month of the warning (at most VIEW_LIMITS.earlyWarningMonths): its users, 0 without records.
  const offsets = Array.from({ length: months }, (_, k) => k);
  const pairs = offsets.map((k) => `sum(CASE WHEN wr.o = ${k} THEN wr.a ELSE 0 END) AS a${k}, sum(CASE WHEN wr.o = ${k} THEN wr.l ELSE 0 END) AS l${k}`);
  const rate = (k: number) => `CASE WHEN wp.l${k} > 0 THEN wp.a${k} / wp.l${k} ELSE 0 END`;
  // JS sums from 0, oldest first: 0 + r0 is r0 (rates are >= 0), then each month's rate in turn.
  const mean = offsets.slice(1).reduce((sum, k) => `(${sum} + ${rate(k)})`, rate(0));
  const ctes = `${head},
wr AS (SELECT x.account_seq AS acct, x.month - ${F} AS o, sum(x.active_users) AS a, sum(x.licensed_users) AS l FROM ${tableName('cskit_activity', q.schema)} x
  WHERE x.month >= ${F} AND x.month <= ${L} AND x.account_seq IN (SELECT wn.acct FROM wn) GROUP BY x.account_seq, x.month),
wp AS (SELECT wn.acct, wn.arr, ${pairs.join(', ')} FROM wn LEFT JOIN wr ON wr.acct = wn.acct GROUP BY wn.acct, wn.arr),
nr AS (SELECT c.account_seq AS acct, min(c.end_day) AS next_day FROM ${tableName(CONTRACT_FACTS_TABLE, q.schema)} c
  WHERE c.end_day >= ${D} AND c.account_seq IN (SELECT wn.acct FROM wn) GROUP BY c.account_seq),
ew AS (SELECT wp.*, nr.next_day, ${mean} / ${p.double(Math.max(1, months), q.dialect)} AS mean FROM wp LEFT JOIN nr ON nr.acct = wp.acct)`;
  const { rows, total, count } = await numberedPage(q.client, p, {
    schema: q.schema, dialect: q.dialect, match: { query, sortable: SORTABLE, spec: ROW_SETS['early-warnings'].columns },
    ctes, rows: 'ew', order: orderSql(query, SORTABLE, SET_ORDER, ROW_SETS['early-warnings'].natural),
    columns: ['a.id AS id', 'pg.arr AS arr', 'pg.next_day AS next_day', ...offsets.flatMap((k) => [`pg.a${k} AS a${k}`, `pg.l${k} AS l${k}`]), 'a.name AS name'],
    blanks: ["''", '0', '0', ...offsets.flatMap(() => ['0', '0']), "''"],
    joins: `JOIN ${tableName('cskit_accounts', q.schema)} a ON a.seq = pg.acct`,
  }, page);
  return {
    rowSet: 'early-warnings',
    rows: rows.map((row) => {
      const item: EarlyWarningItem = {
        accountId: String(row.id), arr: num(row.arr),
        rates: offsets.map((k) => (num(row[`l${k}`]) > 0 ? num(row[`a${k}`]) / num(row[`l${k}`]) : 0)),
        nextRenewal: row.next_day === null || row.next_day === undefined ? null : dateFromDayNumber(num(row.next_day)),
      };
      return { ...item, name: String(row.name) };
    }),
    offset: page.offset, total, count,
  };
}

/** `early-warnings` in `ROW_PAGES_IN_SQL`. */
export const WARNING_PAGES: RowPagesInSql = { sortable: SORTABLE, readsModel: false, page: warningsPage };
