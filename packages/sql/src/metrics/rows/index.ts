/**
 * The row sets whose pages SQL answers, by name: one table the engine reads for whether a query is answered in SQL
 * (`pageQueryInSql` over the set's sortable columns), whether it reads the health model, and the page itself. A row
 * set not here (or a query SQL cannot order) is answered by the compact engine; `accounts` has its own entry point
 * (metrics/accounts/accounts-rows.ts), as it reads several statements of one data version.
 */
import type { RowSetName } from '@cskit/metrics';
import { QUADRANT_PAGES, TRANSITION_PAGES } from './health-rows.js';
import { HEALTH_SCORE_PAGES } from './health-score-rows.js';
import { MOVEMENT_PAGES } from './movements-rows.js';
import { RENEWAL_PAGES } from './renewals-rows.js';
import { RENEWALS_AHEAD_PAGES } from './renewals-ahead-rows.js';
import { RETENTION_PAGES } from './retention-rows.js';
import type { RowPagesInSql } from './row-pages.js';
import { WARNING_PAGES } from './warning-rows.js';

export const ROW_PAGES_IN_SQL: ReadonlyMap<RowSetName, RowPagesInSql> = new Map<RowSetName, RowPagesInSql>([
  ['movements', MOVEMENT_PAGES],
  ['renewals', RENEWAL_PAGES],
  ['retention-accounts', RETENTION_PAGES],
  ['health-scores', HEALTH_SCORE_PAGES],
  ['transitions', TRANSITION_PAGES],
  ['quadrant-accounts', QUADRANT_PAGES],
  ['renewals-ahead', RENEWALS_AHEAD_PAGES],
  ['early-warnings', WARNING_PAGES],
]);

export { pageQueryInSql, type PageCut, type RowPagesInSql, type SetColumns } from './row-pages.js';
