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
  type AccountStory, type AccountSummary, type CollectionName, type RowPage, type RowQuery, type View, type ViewOptions,
} from '@cskit/metrics';
import { fewAccountsDataset, type FewAccountsAt } from '../../engine/few-accounts.js';
import type { Predicate } from '../../engine/scope-sql.js';
import { ARR_RUNS_TABLE } from '../../facts/arr-runs.js';
import { tableName } from '../../schema/dialect.js';
import { num, Params } from '../arr/runs-sql.js';

/**
 * The collections an account's row reads none of (`accountSummaries`: its ARR, contracts and renewals, health,
 * activity, responses, measures, tickets): a page leaves them unread (three tables fewer: ~80 ms of a page at 1M
 * accounts); a story reads them (its events). The tests compare every account's row with the JS engine's on data with
 * all three.
 */
const UNREAD_BY_ROWS: ReadonlySet<CollectionName> = new Set(['leads', 'advocacy', 'revenue']);

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

/**
 * A page of the `accounts` row set: the accounts' places (`seq`) ordered and cut in SQL, reading the accounts alone
 * (their ids come with their records), their rows built on their own dataset.
 */
export async function accountsPageInSql(
  at: FewAccountsAt, accounts: Predicate, view: ViewOptions, resolved: Pick<View, 'period'>, query: RowQuery,
): Promise<RowPage<AccountSummary>> {
  const offset = query.offset ?? 0;
  const limit = Math.min(query.limit ?? DEFAULT_PAGE_ROWS, MAX_PAGE_ROWS);
  const params = new Params(accounts.params);
  const sort = query.sort?.[0];
  let sql: string;
  if (sort === undefined) sql = `SELECT a.seq AS seq ${accounts.accountsOnly} ORDER BY a.seq`;
  else {
    const month = params.int(monthIndex(resolved.period.to));
    const runs = tableName(ARR_RUNS_TABLE, at.schema);
    sql = `WITH scoped AS (SELECT a.seq AS seq ${accounts.accountsOnly}),
ranked AS (SELECT s.seq AS seq, COALESCE(f.arr, 0) AS arr FROM scoped s
  LEFT JOIN ${runs} f ON f.account_seq = s.seq AND f.month_from <= ${month} AND (f.month_to IS NULL OR f.month_to >= ${month}))
SELECT seq FROM ranked ORDER BY arr ${sort.desc === true ? 'DESC' : 'ASC'}, seq`;
  }
  sql += ` LIMIT ${params.int(limit)} OFFSET ${params.int(offset)}`;
  const chosen = (await at.client.query(sql, params.values)).map((row) => num(row.seq));
  const [counted] = await at.client.query(`SELECT count(*) AS n ${accounts.accountsOnly}`, accounts.params);
  const total = num(counted?.n);
  let rows: AccountSummary[] = [];
  if (chosen.length > 0) {
    const { dataset, idOf } = await fewAccountsDataset(at, chosen, UNREAD_BY_ROWS);
    const byId = new Map(prepareDataset(dataset).rows(ownView(view), 'accounts', { limit: MAX_PAGE_ROWS }).rows.map((row) => [row.accountId, row]));
    rows = chosen.map((seq) => byId.get(idOf.get(seq) as string) as AccountSummary);
  }
  return { rowSet: 'accounts', rows, offset, total, count: total };
}

/**
 * An account's story: the account must be one of the view's (`accounts`: the scope, the view's filters and ids,
 * narrowed to this id), else it is answered as one that does not exist (`UnknownAccountError`, as the JS engine).
 */
export async function accountStoryInSql(at: FewAccountsAt, accounts: Predicate, view: ViewOptions, accountId: string): Promise<AccountStory> {
  const found = await at.client.query(`SELECT a.id AS id, a.seq AS seq ${accounts.accountsOnly}`, accounts.params);
  if (found.length !== 1 || found[0]?.id !== accountId) throw new UnknownAccountError(accountId);
  const { dataset } = await fewAccountsDataset(at, [num(found[0].seq)]);
  return prepareDataset(dataset).accountStory(ownView(view), accountId);
}
