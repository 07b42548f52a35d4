/**
 * The accounts' text sort keys (issue 29), written with the data in the same transaction:
 * `cskit_account_keys (seq, name_key, id_key, id_order)`: each account's place in the order a `text` column sorts its
 * name and its id (`textSortRanks` of `@cskit/metrics/facts`: lower-cased, by code unit; equal keys share a rank), and
 * its id's place by code unit as given (the early warnings' last tie-break). A page sorted by name or id is then sorted
 * in SQL by integers, as the JS engine sorts the texts: no database compares text (collations differ by database and
 * by its settings).
 */
import { textSortRanks } from '@cskit/metrics/facts';
import type { SqlClient } from '../client/clients.js';
import { DIALECT, tableName, type Dialect } from '../schema/dialect.js';
import { writeColumns } from './write-columns.js';

export const ACCOUNT_KEYS_TABLE = 'cskit_account_keys';

/** Creates the keys' table (replacing an earlier one) and writes the keys of the accounts (in their order: `seq`). */
export async function writeAccountKeys(
  session: SqlClient, accounts: ReadonlyArray<{ id: string; name: string }>, dialect: Dialect, schema: string | undefined,
): Promise<void> {
  const table = tableName(ACCOUNT_KEYS_TABLE, schema);
  const ids = accounts.map((account) => account.id);
  await writeColumns(session, table, [
    ['seq', 'int', Int32Array.from(ids, (_, seq) => seq)], ['name_key', 'int', textSortRanks(accounts.map((account) => account.name))],
    ['id_key', 'int', textSortRanks(ids)], ['id_order', 'int', textSortRanks(ids, (id) => id)],
  ], dialect);
  if (DIALECT[dialect].indexSeq) await session.query(`CREATE UNIQUE INDEX ${ACCOUNT_KEYS_TABLE}_seq ON ${table} (seq)`, []);
}
