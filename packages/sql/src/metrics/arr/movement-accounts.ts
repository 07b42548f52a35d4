/**
 * The drill-down to a waterfall's bar (`{ kind: 'movement', movement, month? }`) in SQL: the view's accounts with a
 * movement of that kind in the period (or in one month of it), in the data's order, from the same movements the
 * waterfall sums (`movementCtes`). The JS form is the `movement` case of `drillDownPositions` in
 * `metrics/src/engine/drill-down.ts`.
 */
import { monthIndex, MOVEMENT_KINDS, type MovementKind, type Month } from '@cskit/metrics';
import { tableName } from '../../schema/dialect.js';
import type { SqlClient } from '../../client/clients.js';
import type { Predicate } from '../../engine/scope-sql.js';
import { Params } from './runs-sql.js';
import { movementCtes, type ArrView } from './waterfall.js';

export async function movementAccountsInSql(
  client: SqlClient, accounts: Predicate | null, view: ArrView, target: { movement: MovementKind; month?: Month }, schema: string | undefined,
): Promise<{ accountIds: string[] }> {
  const p = new Params(accounts?.params);
  const { ctes } = movementCtes(p, accounts, view, schema);
  const kind = p.int(MOVEMENT_KINDS.indexOf(target.movement));
  const inMonth = target.month === undefined ? '' : ` AND month = ${p.int(monthIndex(target.month))}`;
  const sql = `WITH ${ctes}
SELECT a.id AS id FROM ${tableName('cskit_accounts', schema)} a WHERE a.seq IN (SELECT acct FROM mv WHERE kind = ${kind}${inMonth}) ORDER BY a.seq`;
  const rows = await client.query(sql, p.values);
  return { accountIds: rows.map((row) => String(row.id)) };
}
