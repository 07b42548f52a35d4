/**
 * A viewer's scope as a predicate on the accounts table, every value a bound parameter. The account fields a scope
 * (or a filter) names are read as `groupKey` of `@cskit/metrics` reads them (`data/dimensions.ts`): an absent or
 * empty value is the group `(none)`, a CSM's team comes from the CSMs table, the signing month from the signing day.
 * The conformance tests check that both forms select the same accounts.
 */
import { BREAKDOWN_DIMENSIONS, isValidMonth, monthIndex, NONE_GROUP, type AccountFilters, type AccountScope, type BreakdownDimension } from '@cskit/metrics';
import type { SqlClient } from '../client/clients.js';
import { tableName, type Dialect } from '../schema/dialect.js';

/** The accounts a request may see: `AccountScope` of `@cskit/metrics` (the shapes `@cskit/server` checks). */
export type SqlScope = AccountScope;

/** A dimension's column of an account `a` (joined to its CSM `c`); `groupKeySql` reads it as `groupKey` does. */
const DIMENSION_SQL: Record<Exclude<BreakdownDimension, 'signedMonth'>, string> = {
  segment: 'a.segment', region: 'a.region', industry: 'a.industry', channel: 'a.channel', stage: 'a.stage',
  salesRepId: 'a.sales_rep_id', csmId: 'a.csm_id', team: 'c.team',
};

/**
 * A dimension's group key in SQL, as `groupKey` of `@cskit/metrics` reads it: an absent or empty value is `(none)`;
 * the signing month is its month index (`monthFromIndex` makes it `YYYY-MM` again).
 */
export function groupKeySql(dimension: BreakdownDimension): string {
  if (dimension === 'signedMonth') return 'a.signed_month';
  const column = DIMENSION_SQL[dimension];
  return `CASE WHEN ${column} IS NULL OR ${column} = '' THEN '${NONE_GROUP}' ELSE ${column} END`;
}

export interface Predicate {
  /** `FROM ... WHERE ...` over the accounts `a` (and their CSMs `c`), its parameters from `$first` on. */
  sql: string;
  params: unknown[];
  /**
   * The same accounts for a query reading `a` alone: without the CSMs' join when no clause reads a CSM's team (a
   * CSM's id is unique, `validateDataset` refuses a repeated one, so the join never adds or drops an account).
   */
  accountsOnly: string;
}

/**
 * `$n, $n+1...` for a list of values appended to `params`. PostgreSQL's text cannot hold the NUL character (and
 * `writeDataset` refuses such text), so on PostgreSQL a value with NUL can match nothing and is left out.
 */
function placeholders(params: unknown[], values: readonly unknown[], dialect: Dialect): string {
  const bound = dialect === 'postgres' ? values.filter((value) => typeof value !== 'string' || !value.includes('\u0000')) : values;
  if (bound.length === 0) return 'NULL';
  return bound.map((value) => { params.push(value); return `$${params.length}`; }).join(', ');
}

/** One dimension's filter: the accounts whose value (or `(none)`) is one of `values`. */
function dimensionClause(dimension: BreakdownDimension, values: readonly string[], params: unknown[], dialect: Dialect): string {
  if (dimension === 'signedMonth') {
    const months = [...new Set(values.filter((value) => isValidMonth(value)).map(monthIndex))];
    return months.length === 0 ? '1 = 0' : `a.signed_month IN (${placeholders(params, months, dialect)})`;
  }
  const column = DIMENSION_SQL[dimension];
  const named = values.filter((value) => value !== NONE_GROUP && value !== '');
  const clauses = named.length > 0 ? [`${column} IN (${placeholders(params, [...new Set(named)], dialect)})`] : [];
  if (values.includes(NONE_GROUP)) clauses.push(`(${column} IS NULL OR ${column} = '')`);
  return clauses.length === 0 ? '1 = 0' : `(${clauses.join(' OR ')})`;
}

/**
 * The accounts of a scope and of a view's filters (and its `accountIds`, when it names some): a FROM and WHERE over
 * `a` (and `c`, its CSM).
 */
export function accountPredicate(
  scope: SqlScope, filters: AccountFilters | undefined, schema: string | undefined, dialect: Dialect, accountIds: readonly string[] | null = null,
): Predicate {
  const params: unknown[] = [];
  const clauses: string[] = [];
  if (accountIds !== null) clauses.push(accountIds.length === 0 ? '1 = 0' : `a.id IN (${placeholders(params, [...new Set(accountIds)], dialect)})`);
  if ('accountIds' in scope) clauses.push(scope.accountIds.length === 0 ? '1 = 0' : `a.id IN (${placeholders(params, [...new Set(scope.accountIds)], dialect)})`);
  else if ('csmIds' in scope) clauses.push(scope.csmIds.length === 0 ? '1 = 0' : `a.csm_id IN (${placeholders(params, [...new Set(scope.csmIds)], dialect)})`);
  const all = [...('filters' in scope ? [scope.filters] : []), ...(filters ? [filters] : [])];
  for (const filter of all) {
    for (const dimension of BREAKDOWN_DIMENSIONS) {
      const values = Object.prototype.hasOwnProperty.call(filter, dimension) ? filter[dimension] : undefined;
      if (values && values.length > 0) clauses.push(dimensionClause(dimension, values, params, dialect));
    }
  }
  const accounts = `${tableName('cskit_accounts', schema)} a`;
  const where = `WHERE ${clauses.length === 0 ? '1 = 1' : clauses.join(' AND ')}`;
  const sql = `FROM ${accounts} LEFT JOIN ${tableName('cskit_csms', schema)} c ON c.id = a.csm_id ${where}`;
  return { sql, params, accountsOnly: clauses.some((clause) => clause.includes(DIMENSION_SQL.team)) ? sql : `FROM ${accounts} ${where}` };
}

/** The ids of a scope's accounts, in the data's order. */
export async function scopedIds(client: SqlClient, scope: SqlScope, schema: string | undefined, dialect: Dialect): Promise<string[]> {
  const { sql, params } = accountPredicate(scope, undefined, schema, dialect);
  const rows = await client.query(`SELECT a.id AS id ${sql} ORDER BY a.seq`, params);
  return rows.map((row) => String(row.id));
}

/** How many accounts a predicate selects. */
export async function countInSql(client: SqlClient, accounts: Predicate): Promise<number> {
  const [counted] = await client.query(`SELECT count(*) AS n ${accounts.accountsOnly}`, accounts.params);
  return Number(counted?.n ?? 0);
}
