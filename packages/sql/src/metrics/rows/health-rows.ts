/**
 * Pages of two of the health family's row sets in SQL (engine/row-sets.ts of `@cskit/metrics`), over the health of
 * health-sql.ts, each in the data's order or sorted by its number, rank or kind columns (row-pages.ts):
 * - `transitions` (`transitionsOf`): every view account with its tiers in the period's first and last months (none:
 *   no health) and its transition kind (`transitionCode`); a tier sorts by its rank, a kind by its name;
 * - `quadrant-accounts` (`healthQuadrantsOf`): the view's accounts with health in the period's last month, their sides,
 *   quadrant (`quadrantOf`, sorted by its name) and recorded ARR then (0 without any).
 */
import { HEALTH_TIERS, monthIndex, QUADRANTS, ROW_SETS, TRANSITION_KINDS, type HealthModel, type Period, type Quadrant, type RowQuery, type TransitionKind } from '@cskit/metrics';
import { tableName } from '../../schema/dialect.js';
import { num, Params } from '../arr/runs-sql.js';
import { edgeMonths, quadrantSql, transitionSql, withHealth, type HealthQuery } from '../health/health-sql.js';
import { arrCte, oneMonth } from '../health/health-metrics.js';
import { ACCOUNT_TEXT, enumColumn, numberedPage, orderSql, rankColumn, type PageCut, type RowPagesInSql, type SortableColumn } from './row-pages.js';

const TRANSITIONS: Record<string, SortableColumn> = {
  ...ACCOUNT_TEXT,
  fromTier: rankColumn('x.from_tier', HEALTH_TIERS, true),
  toTier: rankColumn('x.to_tier', HEALTH_TIERS, true),
  kind: enumColumn('x.kind', TRANSITION_KINDS),
};

const QUADRANT_ROWS: Record<string, SortableColumn> = {
  ...ACCOUNT_TEXT,
  quadrant: enumColumn('x.quad', QUADRANTS),
  outcome: { sql: 'x.outcome' },
  experience: { sql: 'x.experience' },
  arr: { sql: 'x.arr' },
};

interface HealthRowsView {
  period: Period;
  model: HealthModel;
}

const page_ = (rowSet: string, offset: number, counts: { total: number; count: number }, rows: unknown[]) => ({ rowSet, rows, offset, ...counts });

/** A page of `transitions` of the view's accounts (`q.accounts` null: every account). */
async function transitionsPage(q: HealthQuery, view: HealthRowsView, query: RowQuery, page: PageCut) {
  const p = new Params(q.accounts?.params);
  const edges = edgeMonths(view.period);
  const head = withHealth(q, p, view.model, edges.months);
  const ctes = `${head.slice('WITH '.length)},
tx AS (SELECT va.acct, f.tier AS from_tier, t.tier AS to_tier, ${transitionSql('f.tier', 't.tier')} AS kind
  FROM va LEFT JOIN ht f ON f.acct = va.acct AND f.k = ${edges.F()} LEFT JOIN ht t ON t.acct = va.acct AND t.k = ${edges.T()})`;
  const { rows, total, count } = await numberedPage(q.client, p, {
    schema: q.schema, dialect: q.dialect, match: { query, sortable: TRANSITIONS, spec: ROW_SETS.transitions.columns },
    ctes, rows: 'tx', order: orderSql(query, TRANSITIONS, ['x.acct']),
    columns: ['a.id AS id', 'pg.from_tier AS from_tier', 'pg.to_tier AS to_tier', 'pg.kind AS kind', 'a.name AS name'], blanks: ["''", '0', '0', '0', "''"],
    joins: `JOIN ${tableName('cskit_accounts', q.schema)} a ON a.seq = pg.acct`,
  }, page);
  const tier = (value: unknown) => (value === null || value === undefined ? null : HEALTH_TIERS[num(value)]);
  return page_('transitions', page.offset, { total, count }, rows.map((row) => ({
    accountId: String(row.id), fromTier: tier(row.from_tier), toTier: tier(row.to_tier), kind: TRANSITION_KINDS[num(row.kind)] as TransitionKind, name: String(row.name),
  })));
}

/** A page of `quadrant-accounts` of the view's accounts (`q.accounts` null: every account). */
async function quadrantsPage(q: HealthQuery, view: HealthRowsView, query: RowQuery, page: PageCut) {
  const p = new Params(q.accounts?.params);
  const head = withHealth(q, p, view.model, oneMonth(monthIndex(view.period.to)));
  const quad = quadrantSql(p, q.dialect, view.model.quadrant);
  const ctes = `${head.slice('WITH '.length)},
${arrCte(q)},
qx AS (SELECT ht.acct, ht.outcome, ht.experience, COALESCE(ar.arr, 0) AS arr, ${quad} AS quad FROM ht LEFT JOIN ar ON ar.acct = ht.acct)`;
  const { rows, total, count } = await numberedPage(q.client, p, {
    schema: q.schema, dialect: q.dialect, match: { query, sortable: QUADRANT_ROWS, spec: ROW_SETS['quadrant-accounts'].columns },
    ctes, rows: 'qx', order: orderSql(query, QUADRANT_ROWS, ['x.acct']),
    columns: ['a.id AS id', 'pg.quad AS quad', 'pg.outcome AS outcome', 'pg.experience AS experience', 'pg.arr AS arr', 'a.name AS name'],
    blanks: ["''", '0', '0', '0', '0', "''"],
    joins: `JOIN ${tableName('cskit_accounts', q.schema)} a ON a.seq = pg.acct`,
  }, page);
  return page_('quadrant-accounts', page.offset, { total, count }, rows.map((row) => ({
    accountId: String(row.id), quadrant: QUADRANTS[num(row.quad)] as Quadrant, outcome: num(row.outcome), experience: num(row.experience), arr: num(row.arr), name: String(row.name),
  })));
}

/** `transitions` in `ROW_PAGES_IN_SQL`. */
export const TRANSITION_PAGES: RowPagesInSql = { sortable: TRANSITIONS, readsModel: true, page: transitionsPage };

/** `quadrant-accounts` in `ROW_PAGES_IN_SQL`. */
export const QUADRANT_PAGES: RowPagesInSql = { sortable: QUADRANT_ROWS, readsModel: true, page: quadrantsPage };
