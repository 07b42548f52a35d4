/**
 * The `accounts` row set and an account's story in SQL, split as issue 29 splits the work: the database chooses,
 * counts and orders the view's accounts (by ARR in the period's last month, read from the ARR runs), and only the
 * page's accounts (or the story's one) are read back and built by the JS engine on a dataset of their own
 * (engine/few-accounts.ts): what scales with the accounts runs in the database, what scales with the answer in JS.
 *
 * The order is `queryOrder`'s of `@cskit/metrics` (core/rows.ts): ties keep the row set's own order, the data's
 * (`seq`); an account's ARR is never empty, so no "empty last" rule applies. Its name, id, CSM, segment, region,
 * industry and channel sort by their keys (facts/account-keys.ts: integers in the JS engine's text order, none last),
 * never by a collation. Queries with column filters, a search, a drill-down selection or a sort on another column (a
 * figure worked out per account: health, NPS, renewal...) go to the prepared engine.
 */
import {
  DEFAULT_PAGE_ROWS, MAX_PAGE_ROWS, monthIndex, prepareDataset, UnknownAccountError,
  type AccountStory, type AccountSummary, type CollectionName, type RowPage, type RowQuery, type RowSort, type View, type ViewOptions,
} from '@cskit/metrics';
import { fewAccountsDataset, type FewAccountsAt } from '../../engine/few-accounts.js';
import type { Predicate } from '../../engine/scope-sql.js';
import { ARR_RUNS_TABLE } from '../../facts/arr-runs.js';
import { ACCOUNT_KEY_COLUMNS, ACCOUNT_KEYS_TABLE } from '../../facts/account-keys.js';
import { DIALECT, tableName } from '../../schema/dialect.js';
import { num, Params, runCovers } from '../arr/runs-sql.js';

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
  return (query.sort ?? []).every((sort) => sort.id === 'arr' || ACCOUNT_KEY_COLUMNS.has(sort.id));
}

/**
 * The view's accounts in a sort of their ARR in `month` and their keys (any order of them; a key's none last either
 * way), ties in the data's order.
 */
function sortedByKeysSql(accounts: Predicate, sort: readonly RowSort[], runs: string, keys: string, month: () => string): string {
  const order = sort.flatMap(({ id, desc }) => {
    const way = desc === true ? ' DESC' : '';
    if (id === 'arr') return [`COALESCE(f.arr, 0)${way}`];
    const key = `k.${ACCOUNT_KEY_COLUMNS.get(id) as string}`;
    return [`CASE WHEN ${key} IS NULL THEN 1 ELSE 0 END`, `${key}${way}`];
  });
  const arr = sort.some(({ id }) => id === 'arr') ? ` LEFT JOIN ${runs} f ON f.account_seq = s.seq AND ${runCovers('f', month())}` : '';
  return `WITH scoped AS (SELECT a.seq AS seq ${accounts.accountsOnly})
SELECT s.seq AS seq FROM scoped s JOIN ${keys} k ON k.seq = s.seq${arr} ORDER BY ${[...order, 's.seq'].join(', ')}`;
}

/** The view as the few accounts' own engine reads it: their accounts are the view's already. */
function ownView(view: ViewOptions): ViewOptions {
  const { filters: _filters, accountIds: _accountIds, selection: _selection, ...rest } = view;
  return rest;
}

/**
 * The view's accounts by their ARR in `month` (ties in the data's order): each account joined with its run of ARR
 * live in that month (at most one; none: ARR 0), sorted. DuckDB hashes and sorts the view's accounts in 85-145 ms at 1M
 * accounts; PostgreSQL in 0.6-0.7 s, on one core.
 */
function joinedByArrSql(accounts: Predicate, runs: string, month: string, desc: boolean): string {
  return `WITH scoped AS (SELECT a.seq AS seq ${accounts.accountsOnly}),
ranked AS (SELECT s.seq AS seq, COALESCE(f.arr, 0) AS arr FROM scoped s
  LEFT JOIN ${runs} f ON f.account_seq = s.seq AND ${runCovers('f', month)})
SELECT seq FROM ranked ORDER BY arr ${desc ? 'DESC' : 'ASC'}, seq`;
}

/**
 * The same order as two parts, each cut to the page's end (`upTo` rows) before they meet: the accounts earning in
 * `month` (a run of ARR > 0 live in it) by ARR, and the others (ARR 0) by place. PostgreSQL then walks its index of the
 * runs by ARR (`cskit_arr_runs_arr`) and stops at the page's end: a page of every account at 1M accounts in 6-10 ms
 * instead of 0.7 s. Only for a view of every account: with a filter it walks until enough of the walked runs are the
 * view's, and a filter of small accounts (`segment: MM`, whose ARR the largest accounts' outrank) walked 62,000 runs
 * for 100 accounts (0.67-0.85 s against the join's 0.59-0.60 s); DuckDB hashes either way and the join is faster there
 * (BENCHMARKS.md). The predicate's text is written into each part (the same `$n`): a CTE read twice is materialised by
 * PostgreSQL.
 */
function cutByArrSql(accounts: Predicate, runs: string, month: string, desc: boolean, upTo: string): string {
  const live = runCovers('f', month);
  const order = desc ? 'DESC' : 'ASC';
  return `SELECT seq FROM (
  (SELECT f.account_seq AS seq, f.arr AS arr FROM ${runs} f WHERE ${live} AND f.account_seq IN (SELECT a.seq ${accounts.accountsOnly})
    ORDER BY f.arr ${order}, f.account_seq LIMIT ${upTo})
  UNION ALL
  (SELECT a.seq AS seq, 0 AS arr ${accounts.accountsOnly} AND NOT EXISTS (SELECT 1 FROM ${runs} f WHERE f.account_seq = a.seq AND ${live})
    ORDER BY a.seq LIMIT ${upTo})
) p ORDER BY arr ${order}, seq`;
}

/**
 * A page of the `accounts` row set: the accounts' places (`seq`) ordered and cut in SQL, reading the accounts alone
 * (their ids come with their records), their rows built on their own dataset.
 */
export async function accountsPageInSql(
  at: FewAccountsAt, accounts: { predicate: Predicate; every: boolean }, view: ViewOptions, resolved: Pick<View, 'period'>, query: RowQuery,
  countOf: (accounts: Predicate) => Promise<number>,
): Promise<RowPage<AccountSummary>> {
  const offset = query.offset ?? 0;
  const limit = Math.min(query.limit ?? DEFAULT_PAGE_ROWS, MAX_PAGE_ROWS);
  const { predicate } = accounts;
  const params = new Params(predicate.params);
  const sorts = query.sort ?? [];
  const sort = sorts[0];
  const runs = tableName(ARR_RUNS_TABLE, at.schema);
  let sql: string;
  if (sort === undefined) sql = `SELECT a.seq AS seq ${predicate.accountsOnly} ORDER BY a.seq`;
  else if (sorts.length > 1 || sort.id !== 'arr') {
    sql = sortedByKeysSql(predicate, sorts, runs, tableName(ACCOUNT_KEYS_TABLE, at.schema), () => params.int(monthIndex(resolved.period.to)));
  } else {
    const month = params.int(monthIndex(resolved.period.to));
    const desc = sort.desc === true;
    sql = accounts.every && DIALECT[at.dialect].arrIndex
      ? cutByArrSql(predicate, runs, month, desc, params.rows(Math.min(offset + limit, Number.MAX_SAFE_INTEGER)))
      : joinedByArrSql(predicate, runs, month, desc);
  }
  sql += ` LIMIT ${params.rows(limit)} OFFSET ${params.rows(offset)}`;
  const chosen = (await at.client.query(sql, params.values)).map((row) => num(row.seq));
  const total = await countOf(predicate);
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
