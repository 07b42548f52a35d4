/**
 * The accounts' text sort keys (issue 29), written with the data in the same transaction:
 * `cskit_account_keys (seq, name_key, id_key, id_order, name_lower, id_lower, csm_key, segment_key, region_key,
 * industry_key, channel_key)`:
 * each account's place in the order a `text` or `enum` column sorts its name, its id, its CSM's name (the accounts
 * table's `csm`: the name in `csms`, else the id) and its segment, region, industry and channel (`textSortRanks` of
 * `@cskit/metrics/facts`: lower-cased, by code unit; equal ones share a place; NULL for none, sorted last), its
 * id's place by code unit as given (the early warnings' last tie-break), and its name and id lower-cased as a search
 * or a column filter matches them (`textSortKey`). A page sorted by one of them is sorted in SQL
 * by integers, as the JS engine sorts the texts: no database compares text (collations differ by database and by its
 * settings).
 */
import type { Account, Csm } from '@cskit/metrics';
import { csmNameOf, textSortKey, textSortRanks } from '@cskit/metrics/facts';
import type { SqlClient } from '../client/clients.js';
import { DIALECT, tableName, type Dialect } from '../schema/dialect.js';
import { writeColumns } from './write-columns.js';

export const ACCOUNT_KEYS_TABLE = 'cskit_account_keys';

/** The accounts table's text and enum columns sorted by a key of this table, by column id (`ROW_SETS.accounts`). */
export const ACCOUNT_KEY_COLUMNS: ReadonlyMap<string, string> = new Map([
  ['name', 'name_key'], ['accountId', 'id_key'], ['csm', 'csm_key'], ['segment', 'segment_key'], ['region', 'region_key'], ['industry', 'industry_key'], ['channel', 'channel_key'],
]);

/** `textSortRanks` of the values present; -1 (written as NULL) where there is none. */
function ranksOf(values: ReadonlyArray<string | null | undefined>): Int32Array {
  const present = values.flatMap((value, i) => (value === null || value === undefined ? [] : [i]));
  const ranks = textSortRanks(present.map((i) => values[i] as string));
  const all = new Int32Array(values.length).fill(-1);
  present.forEach((i, k) => { all[i] = ranks[k] as number; });
  return all;
}

/** Creates the keys' table (replacing an earlier one) and writes the keys of the accounts (in their order: `seq`). */
export async function writeAccountKeys(
  session: SqlClient, accounts: readonly Account[], csms: readonly Csm[], dialect: Dialect, schema: string | undefined,
): Promise<void> {
  const table = tableName(ACCOUNT_KEYS_TABLE, schema);
  const ids = accounts.map((account) => account.id);
  const names = new Map(csms.map((csm) => [csm.id, csm.name]));
  const csmName = (account: Account) => csmNameOf(account.csmId, names);
  await writeColumns(session, table, [
    ['seq', 'int', Int32Array.from(ids, (_, seq) => seq)], ['name_key', 'int', textSortRanks(accounts.map((account) => account.name))],
    ['id_key', 'int', textSortRanks(ids)], ['id_order', 'int', textSortRanks(ids, (id) => id)],
    // Lower-cased as a text column matches (`textSortKey`): a search or a filter of a name or an id looks within these.
    ['name_lower', 'text', accounts.map((account) => textSortKey(account.name))], ['id_lower', 'text', ids.map(textSortKey)],
    ['csm_key', 'int', ranksOf(accounts.map(csmName)), -1],
    ...(['segment', 'region', 'industry', 'channel'] as const).map((field) => [`${field}_key`, 'int', ranksOf(accounts.map((account) => account[field])), -1] as const),
  ], dialect);
  if (DIALECT[dialect].indexSeq) await session.query(`CREATE UNIQUE INDEX ${ACCOUNT_KEYS_TABLE}_seq ON ${table} (seq)`, []);
}
