/**
 * Pages of the `renewals-ahead` row set in SQL (`renewalsAheadTable` of `@cskit/metrics`, engine/row-sets.ts): the
 * view's accounts' contracts due in the horizon (`renewalsAheadCoreOf`'s items), in the set's due order (`due_rank`; a
 * sort by due date ascending is that order) or sorted by due date, due ARR, status, tier (unknown last), likelihood,
 * expected ARR or whether at risk (row-pages.ts). The rules are the `renewalsAhead` metric's, in renewals-ahead.ts:
 * status classes, risk bits and the likelihood per tier. An item's likelihood and expected ARR are its tier's share
 * (bound, so a sort by them reads the same numbers the rows carry) and due ARR x share when open, the renewal's ARR
 * when renewed, 0 when churned.
 */
import {
  dateFromDayNumber, HEALTH_TIERS, RENEWAL_STATUSES, ROW_SETS, TIERS_AND_UNKNOWN, type HealthTier, type RenewalStatus, type RowQuery,
} from '@cskit/metrics';
import { riskReasonsOf } from '@cskit/metrics/facts';
import { tableName } from '../../schema/dialect.js';
import { num, Params } from '../arr/runs-sql.js';
import type { HealthQuery } from '../health/health-sql.js';
import { aheadCtes, aheadFigures, aheadLikelihood, aheadTierSql, expectedSql, riskBitsSql, statusClass, type AheadView } from '../renewals/renewals-ahead.js';
import { ACCOUNT_TEXT, enumColumn, numberedPage, orderSql, rankColumn, type PageCut, type RowPagesInSql, type SortableColumn } from './row-pages.js';

/** The columns a page is sorted by in SQL, over an item `x` of `ra`. */
const SORTABLE: Record<string, SortableColumn> = {
  ...ACCOUNT_TEXT,
  dueDate: { sql: 'x.end_day' },
  dueArr: { sql: 'x.due_arr' },
  status: rankColumn('x.status', RENEWAL_STATUSES),
  tier: rankColumn('x.tier', TIERS_AND_UNKNOWN),
  likelihood: { sql: 'x.share', nullable: true },
  expectedArr: { sql: 'x.expected', nullable: true },
  // One value ('at-risk') or none: the at-risk items first either way, as `queryOrder` sorts an enum's empty cells last.
  atRisk: enumColumn('CASE WHEN x.risk <> 0 THEN 0 ELSE NULL END', ['at-risk'], true),
  // The reasons as text: one of eight (a set of three bits), sorted and matched by the text `riskReasonsOf` joins.
  risk: enumColumn('x.risk', Array.from({ length: 8 }, (_, bits) => riskReasonsOf(bits).join(' '))),
};

/** A tier's likelihood as SQL over a tier code: its share bound, NULL for unknown or a share not known. */
function shareSql(p: Params, q: HealthQuery, likelihood: Record<HealthTier, number | null>, tier: string): string {
  const known = HEALTH_TIERS.flatMap((name, code) => {
    const share = likelihood[name];
    return share === null ? [] : [`WHEN ${code} THEN ${p.double(share, q.dialect)}`];
  });
  return known.length === 0 ? 'NULL' : `CASE ${tier} ${known.join(' ')} ELSE NULL END`;
}

/** One page of the view's accounts' renewals ahead (`q.accounts` null: every account), with their count. */
async function renewalsAheadPage(q: HealthQuery, view: AheadView, query: RowQuery, page: PageCut) {
  const likelihood = await aheadLikelihood(q, view);
  const p = new Params(q.accounts?.params);
  const head = aheadCtes(q, p, view);
  const share = shareSql(p, q, likelihood, aheadTierSql);
  const cls = statusClass('f');
  const ctes = `${head.slice('WITH '.length)},
ra AS (SELECT f.acct, f.due_seq, f.due_rank, f.end_day, f.due_arr, f.renewal_arr, f.status, ${aheadTierSql} AS tier, ${cls} AS class, ${riskBitsSql()} AS risk,
  ${share} AS share, ${expectedSql(cls, share)} AS expected
  FROM f LEFT JOIN ht ON ht.acct = f.acct)`;
  const { rows, total, count } = await numberedPage(q.client, p, {
    schema: q.schema, dialect: q.dialect, match: { query, sortable: SORTABLE, spec: ROW_SETS['renewals-ahead'].columns },
    ctes, rows: 'ra', order: orderSql(query, SORTABLE, ['x.due_rank'], ROW_SETS['renewals-ahead'].natural),
    columns: [
      'dc.id AS contract_id', 'a.id AS account_id', 'pg.end_day AS end_day', 'pg.due_arr AS due_arr', 'pg.status AS status', 'pg.tier AS tier',
      'pg.class AS class', 'pg.renewal_arr AS renewal_arr', 'pg.risk AS risk', 'a.name AS name',
    ],
    blanks: ["''", "''", '0', '0', '0', '0', '0', '0', '0', "''"],
    joins: `JOIN ${tableName('cskit_accounts', q.schema)} a ON a.seq = pg.acct JOIN ${tableName('cskit_contracts', q.schema)} dc ON dc.seq = pg.due_seq`,
  }, page);
  return {
    rowSet: 'renewals-ahead',
    rows: rows.map((row) => {
      const dueArr = num(row.due_arr);
      // The expected ARR worked out in JS from the same numbers the sort read.
      const { tier, share: shareOf, expected: expectedArr } = aheadFigures(likelihood, num(row.tier), num(row.class), dueArr, num(row.renewal_arr));
      return {
        contractId: String(row.contract_id), accountId: String(row.account_id), dueDate: dateFromDayNumber(num(row.end_day)), dueArr,
        status: RENEWAL_STATUSES[num(row.status)] as RenewalStatus, tier, likelihood: shareOf, expectedArr,
        riskReasons: riskReasonsOf(num(row.risk)), name: String(row.name),
      };
    }),
    offset: page.offset, total, count,
  };
}

/** `renewals-ahead` in `ROW_PAGES_IN_SQL`. */
export const RENEWALS_AHEAD_PAGES: RowPagesInSql = { sortable: SORTABLE, readsModel: true, page: renewalsAheadPage };
