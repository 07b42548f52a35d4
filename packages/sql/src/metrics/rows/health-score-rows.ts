/**
 * Pages of the `health-scores` row set in SQL (`healthScoresTable` of `@cskit/metrics`, engine/row-sets.ts): the view's
 * accounts with health in the period's last month (`healthScoresOf`), each with its score, tier and sides (health-sql.ts),
 * in the data's order or sorted by score, tier (its rank), outcome or experience (row-pages.ts).
 */
import { HEALTH_TIERS, monthIndex, ROW_SETS, type HealthModel, type HealthTier, type Period, type RowQuery } from '@cskit/metrics';
import { tableName } from '../../schema/dialect.js';
import { num, Params } from '../arr/runs-sql.js';
import { withHealth, type HealthQuery } from '../health/health-sql.js';
import { oneMonth } from '../health/health-metrics.js';
import { ACCOUNT_TEXT, numberedPage, orderSql, rankColumn, type PageCut, type RowPagesInSql, type SortableColumn } from './row-pages.js';

/** The columns a page is sorted by in SQL, over a cell `x` of `ht` (a tier by its code: its rank in `HEALTH_TIERS`). */
const SORTABLE: Record<string, SortableColumn> = {
  ...ACCOUNT_TEXT,
  score: { sql: 'x.score' },
  tier: rankColumn('x.tier', HEALTH_TIERS),
  outcome: { sql: 'x.outcome' },
  experience: { sql: 'x.experience' },
};

/** One page of the view's accounts' health in the period's last month (`q.accounts` null: every account), with their count. */
async function healthScoresPage(q: HealthQuery, view: { period: Period; model: HealthModel }, query: RowQuery, page: PageCut) {
  const p = new Params(q.accounts?.params);
  const head = withHealth(q, p, view.model, oneMonth(monthIndex(view.period.to)));
  const { rows, total, count } = await numberedPage(q.client, p, {
    schema: q.schema, dialect: q.dialect, match: { query, sortable: SORTABLE, spec: ROW_SETS['health-scores'].columns },
    ctes: head.slice('WITH '.length), rows: 'ht', order: orderSql(query, SORTABLE, ['x.acct']),
    columns: ['a.id AS id', 'pg.score AS score', 'pg.tier AS tier', 'pg.outcome AS outcome', 'pg.experience AS experience', 'a.name AS name'],
    blanks: ["''", '0', '0', '0', '0', "''"],
    joins: `JOIN ${tableName('cskit_accounts', q.schema)} a ON a.seq = pg.acct`,
  }, page);
  return {
    rowSet: 'health-scores',
    rows: rows.map((row) => ({
      accountId: String(row.id), score: num(row.score), tier: HEALTH_TIERS[num(row.tier)] as HealthTier, outcome: num(row.outcome), experience: num(row.experience),
      name: String(row.name),
    })),
    offset: page.offset, total, count,
  };
}

/** `health-scores` in `ROW_PAGES_IN_SQL`. */
export const HEALTH_SCORE_PAGES: RowPagesInSql = { sortable: SORTABLE, readsModel: true, page: healthScoresPage };
