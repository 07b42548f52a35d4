/**
 * The `filter-options` request in SQL: for each account field, the groups among the accounts the view's other
 * filters, its account ids and the viewer's scope keep, with their counts (`filterOptionsOf` of `@cskit/metrics`:
 * each field's choices come from the accounts the other filters keep, so a chosen value never hides its siblings).
 * The groups are few (the answer's size), so they are ordered here as the JS engine orders them
 * (`compareGroupKeys`), and the CSMs' names are read for the CSM ids among them.
 */
import { BREAKDOWN_DIMENSIONS, compareGroupKeys, monthFromIndex, type AccountFilters, type FilterOptions } from '@cskit/metrics';
import type { SqlClient } from '../client/clients.js';
import { tableName, type Dialect } from '../schema/dialect.js';
import { accountPredicate, groupKeySql, type SqlScope } from './scope-sql.js';

export async function filterOptionsInSql(
  client: SqlClient, scope: SqlScope, filters: AccountFilters, accountIds: readonly string[] | null, schema: string | undefined, dialect: Dialect,
): Promise<FilterOptions> {
  const result = {} as FilterOptions;
  for (const dimension of BREAKDOWN_DIMENSIONS) {
    const others: AccountFilters = {};
    for (const key of BREAKDOWN_DIMENSIONS) if (key !== dimension && Object.prototype.hasOwnProperty.call(filters, key)) others[key] = filters[key];
    const where = accountPredicate(scope, others, schema, dialect, accountIds);
    const rows = await client.query(`SELECT ${groupKeySql(dimension)} AS value, CAST(count(*) AS INTEGER) AS count ${where.sql} GROUP BY 1`, where.params);
    const groups = rows.map((row) => ({ value: dimension === 'signedMonth' ? monthFromIndex(Number(row.value)) : String(row.value), count: Number(row.count) }));
    groups.sort((a, b) => compareGroupKeys(a.value, b.value));
    result[dimension] = dimension === 'csmId' ? await withNames(client, groups, schema, dialect) : groups;
  }
  return result;
}

/** CSM ids with their CSM's name as `label` (a CSM of the data; an id without one has no label). */
async function withNames(client: SqlClient, groups: Array<{ value: string; count: number }>, schema: string | undefined, dialect: Dialect) {
  const ids = groups.map((group) => group.value).filter((id) => dialect !== 'postgres' || !id.includes('\u0000'));
  const names = new Map<string, string>();
  if (ids.length > 0) {
    const rows = await client.query(`SELECT id, name FROM ${tableName('cskit_csms', schema)} WHERE id IN (${ids.map((_, i) => `$${i + 1}`).join(', ')})`, ids);
    for (const row of rows) names.set(String(row.id), String(row.name));
  }
  return groups.map((group) => {
    const label = names.get(group.value);
    return label === undefined ? group : { ...group, label };
  });
}
