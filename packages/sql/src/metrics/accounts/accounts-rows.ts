/**
 * The `accounts` row set and an account's story in SQL, split as issue 29 splits the work: the database chooses,
 * counts and orders the view's accounts (by ARR in the period's last month, read from the ARR runs), and only the
 * page's accounts (or the story's one) are read back and built by the JS engine on a dataset of their own
 * (engine/few-accounts.ts): what scales with the accounts runs in the database, what scales with the answer in JS.
 *
 * The order is `queryOrder`'s of `@cskit/metrics` (core/rows.ts): ties keep the row set's own order, the data's
 * (`seq`); an account's ARR is never empty, so no "empty last" rule applies. Queries with column filters, a search,
 * a drill-down selection or a sort on another column go to the prepared engine (text order and matching would
 * need the JS engine's lower-casing and code-unit comparison, which no SQL collation promises).
 */
import {
  DEFAULT_PAGE_ROWS, MAX_PAGE_ROWS, monthIndex, prepareDataset, UnknownAccountError,
  type AccountStory, type AccountSummary, type RowPage, type RowQuery, type View, type ViewOptions,
} from '@cskit/metrics';
import type { SqlClient } from '../../client/clients.js';
import type { DataHeader } from '../../engine/read-chunks.js';
import { fewAccountsDataset, type Anchor } from '../../engine/few-accounts.js';
import type { Predicate } from '../../engine/scope-sql.js';
import { ARR_RUNS_TABLE } from '../../facts/arr-runs.js';
import { tableName } from '../../schema/dialect.js';
import { num, Params } from '../arr/runs-sql.js';

export interface FewAccountsAt {
  client: SqlClient;
  schema: string | undefined;
  header: DataHeader;
  /** The anchor of a data version (kept per version by the engine). */
  anchor: (header: DataHeader) => Promise<Anchor>;
}

/** Whether the database can order and cut a query of the `accounts` row set (see above); the rest go to the engine. */
export function accountsQueryInSql(query: RowQuery, view: ViewOptions): boolean {
  if (view.selection !== undefined && view.selection !== null) return false;
  if ((query.filters?.length ?? 0) > 0 || (query.search ?? '').trim() !== '') return false;
  const sort = query.sort ?? [];
  return sort.length === 0 || (sort.length === 1 && sort[0]?.id === 'arr');
}

/** The view as the few accounts' own engine reads it: their accounts are the view's already. */
function ownView(view: ViewOptions): ViewOptions {
  const { filters: _filters, accountIds: _accountIds, selection: _selection, ...rest } = view;
  return rest;
}

/** A page of the `accounts` row set: ids ordered and cut in SQL, their rows built on their own dataset. */
export async function accountsPageInSql(
  at: FewAccountsAt, accounts: Predicate, view: ViewOptions, resolved: Pick<View, 'period'>, query: RowQuery,
): Promise<RowPage<AccountSummary>> {
  const offset = query.offset ?? 0;
  const limit = Math.min(query.limit ?? DEFAULT_PAGE_ROWS, MAX_PAGE_ROWS);
  const params = new Params(accounts.params);
  const sort = query.sort?.[0];
  let sql: string;
  if (sort === undefined) sql = `SELECT a.id AS id ${accounts.sql} ORDER BY a.seq`;
  else {
    const month = params.int(monthIndex(resolved.period.to));
    const runs = tableName(ARR_RUNS_TABLE, at.schema);
    sql = `WITH scoped AS (SELECT a.id AS id, a.seq AS seq ${accounts.sql}),
ranked AS (SELECT s.id AS id, s.seq AS seq, COALESCE(f.arr, 0) AS arr FROM scoped s
  LEFT JOIN ${runs} f ON f.account_seq = s.seq AND f.month_from <= ${month} AND (f.month_to IS NULL OR f.month_to >= ${month}))
SELECT id FROM ranked ORDER BY arr ${sort.desc === true ? 'DESC' : 'ASC'}, seq`;
  }
  sql += ` LIMIT ${params.int(limit)} OFFSET ${params.int(offset)}`;
  const ids = (await at.client.query(sql, params.values)).map((row) => String(row.id));
  const [counted] = await at.client.query(`SELECT count(*) AS n ${accounts.sql}`, accounts.params);
  const total = num(counted?.n);
  let rows: AccountSummary[] = [];
  if (ids.length > 0) {
    const own = prepareDataset(await fewAccountsDataset(at.client, at.header, ids, at.schema, await at.anchor(at.header)));
    const byId = new Map(own.rows(ownView(view), 'accounts', { limit: MAX_PAGE_ROWS }).rows.map((row) => [row.accountId, row]));
    rows = ids.map((id) => byId.get(id) as AccountSummary);
  }
  return { rowSet: 'accounts', rows, offset, total, count: total };
}

/**
 * An account's story: the account must be one of the view's (`accounts`: the scope, the view's filters and ids,
 * narrowed to this id), else it is answered as one that does not exist (`UnknownAccountError`, as the JS engine).
 */
export async function accountStoryInSql(at: FewAccountsAt, accounts: Predicate, view: ViewOptions, accountId: string): Promise<AccountStory> {
  const found = await at.client.query(`SELECT a.id AS id ${accounts.sql}`, accounts.params);
  if (found.length !== 1 || found[0]?.id !== accountId) throw new UnknownAccountError(accountId);
  const own = prepareDataset(await fewAccountsDataset(at.client, at.header, [accountId], at.schema, await at.anchor(at.header)));
  return own.accountStory(ownView(view), accountId);
}
