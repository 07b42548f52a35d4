/**
 * The drill-down to a waterfall's bar (`{ kind: 'movement', movement, month? }`) in SQL: the view's accounts with a
 * movement of that kind in the period (or in one month of it), in the data's order, from the same movements the
 * waterfall sums (`movementsCte`). The JS form is the `movement` case of `drillDownPositions` in
 * `metrics/src/engine/drill-down.ts`.
 */
import { monthIndex, monthOf, MOVEMENT_KINDS, type MovementKind, type Month } from '@cskit/metrics';
import { tableName } from '../../schema/dialect.js';
import type { SqlClient } from '../../client/clients.js';
import type { Predicate } from '../../engine/scope-sql.js';
import { bridgedCte, Params, runsCte } from './runs-sql.js';
import { movementsCte, type ArrView } from './waterfall.js';

export async function movementAccountsInSql(
  client: SqlClient, accounts: Predicate | null, view: ArrView, target: { movement: MovementKind; month?: Month }, schema: string | undefined,
): Promise<{ accountIds: string[] }> {
  const p = new Params(accounts?.params);
  const [F, T, A, G] = [p.int(monthIndex(view.period.from)), p.int(monthIndex(view.period.to)), p.int(monthIndex(monthOf(view.asOf))), p.int(view.graceMonths)];
  const kind = p.int(MOVEMENT_KINDS.indexOf(target.movement));
  const inMonth = target.month === undefined ? '' : ` AND month = ${p.int(monthIndex(target.month))}`;
  const sql = `WITH ${runsCte(accounts, schema)},
${bridgedCte(A, G)},
${movementsCte(F, T)}
SELECT a.id AS id FROM ${tableName('cskit_accounts', schema)} a WHERE a.seq IN (SELECT acct FROM mv WHERE kind = ${kind}${inMonth}) ORDER BY a.seq`;
  const rows = await client.query(sql, p.values);
  return { accountIds: rows.map((row) => String(row.id)) };
}
