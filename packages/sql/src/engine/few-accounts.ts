/**
 * The records of a few accounts (a page of rows, one account's story) read back as a dataset of their own: what
 * scales with the answer runs in JS (issue 29), on a dataset of those accounts alone, prepared in milliseconds,
 * while what scales with the accounts (choosing and ordering them) ran in the database. Every figure of an account's
 * summary row and of its story reads that account's own records (its contracts and renewals, health, activity,
 * responses...) and the CSMs' names, so the accounts' own dataset answers them as the whole one does, but for
 * what the JS engine reads of the whole data: whether ARR comes from snapshots (SPEC 2), which activity roles, measure
 * keys and record kinds exist, and the months their records span (a health model's components have values over the
 * months the data's records span, an activity rate of 0 included). Those are given to the few accounts' dataset by an
 * anchor account (`anchorRecords`): records of nothing at the first and last month of each of those spans, so its
 * index reads the same spans and kinds; its rows are never answered. The conformance tests hold the two equal (every
 * account's row and story, with component models, roles, tickets, ARR snapshots).
 */
import { dateFromDayNumber, monthFromIndex, type CollectionName, type Dataset } from '@cskit/metrics';
import type { SqlClient } from '../client/clients.js';
import { tableName } from '../schema/dialect.js';
import { accountColumn, storedColumns, TABLES } from '../schema/tables.js';
import { recordOf, type DataHeader } from './read-chunks.js';

/** At most this many accounts are read at once (a page is at most `MAX_PAGE_ROWS`, 5,000). */
export const MAX_FEW_ACCOUNTS = 5_000;

/**
 * The dataset of the accounts `ids` (ids the database gave, or checked to be in the viewer's scope): their records of
 * every collection written (a collection the data has is given, empty when these accounts have none of it), the
 * CSMs whole, no targets (no account's row or story reads them). Records come in their written order (`seq`).
 */
export async function fewAccountsDataset(
  client: SqlClient, header: DataHeader, ids: readonly string[], schema: string | undefined, anchor: Anchor,
): Promise<Dataset> {
  if (ids.length > MAX_FEW_ACCOUNTS) throw new RangeError(`@cskit/sql: at most ${MAX_FEW_ACCOUNTS} accounts are read at once, got ${ids.length}`);
  const dataset: Record<string, unknown> = { currency: header.currency, ...(header.fxRates ? { fxRates: header.fxRates } : {}), accounts: [] };
  const params = [...new Set(ids)];
  const list = params.map((_, i) => `$${i + 1}`).join(', ');
  for (const spec of TABLES) {
    if (!header.collections.has(spec.collection) || spec.collection === 'targets') continue;
    const by = accountColumn(spec);
    if (by !== null && params.length === 0) {
      dataset[spec.collection] = [];
      continue;
    }
    const columns = storedColumns(spec).filter((column) => column.reads);
    const where = by === null ? '' : ` WHERE ${by} IN (${list})`;
    const rows = await client.query(`SELECT ${columns.map((c) => c.name).join(', ')} FROM ${tableName(spec.table, schema)}${where} ORDER BY seq`, by === null ? [] : params);
    dataset[spec.collection] = rows.map((row) => recordOf(row, columns));
  }
  return withAnchor(dataset, anchor, ids);
}

/** The anchor account's records of a data version: see above. */
export interface Anchor {
  records: ReadonlyMap<string, ReadonlyArray<Record<string, unknown>>>;
}

const ANCHOR_ID = '\u0000cskit-anchor';

/** The dataset with the anchor account and its records (its id made unlike any of `ids`). */
function withAnchor(dataset: Record<string, unknown>, anchor: Anchor, ids: readonly string[]): Dataset {
  let id = ANCHOR_ID;
  while (ids.includes(id)) id += '\u0000';
  const at = (record: Record<string, unknown>) => ('accountId' in record ? { ...record, accountId: id } : record);
  (dataset.accounts as unknown[]).push({ id, name: 'anchor', signedAt: '2000-01-01' });
  for (const [collection, records] of anchor.records) {
    const list = dataset[collection];
    if (Array.isArray(list)) list.push(...records.map(at));
  }
  return dataset as unknown as Dataset;
}

/** The first and last month (or day) of a table's records, per group: the spans the JS engine's index reads. */
async function spans(client: SqlClient, table: string, column: string, group: string | null, where = ''): Promise<Array<{ group: unknown; first: number; last: number }>> {
  const by = group === null ? '' : ` GROUP BY ${group}`;
  const rows = await client.query(`SELECT ${group ?? 'NULL'} AS grp, min(${column}) AS lo, max(${column}) AS hi FROM ${table}${where}${by}`, []);
  return rows.filter((row) => row.lo !== null && row.lo !== undefined).map((row) => ({ group: row.grp, first: Number(row.lo), last: Number(row.hi) }));
}

/**
 * The anchor's records for the data's current tables: per collection the spans read whole-data-wide, each as a
 * record at its first and at its last month (or day), with values that count as nothing (ARR 0, no active users of
 * one licence, a score of 0): ARR snapshots, health snapshots, activity per role, measures per key, responses with an
 * account, tickets.
 */
export async function anchorRecords(client: SqlClient, header: DataHeader, schema: string | undefined): Promise<Anchor> {
  const records = new Map<string, Array<Record<string, unknown>>>();
  const t = (name: string) => tableName(name, schema);
  const ends = (span: { first: number; last: number }) => (span.first === span.last ? [span.first] : [span.first, span.last]);
  const add = async (collection: CollectionName, table: string, column: string, group: string | null, make: (at: number, group: unknown, n: number) => Record<string, unknown>, where = '') => {
    if (!header.collections.has(collection)) return;
    const list: Array<Record<string, unknown>> = [];
    for (const span of await spans(client, t(table), column, group, where)) for (const at of ends(span)) list.push(make(at, span.group, list.length));
    records.set(collection, list);
  };
  await add('arr', 'cskit_arr', 'month', null, (at) => ({ accountId: '', month: monthFromIndex(at), arr: 0 }));
  await add('health', 'cskit_health', 'month', null, (at) => ({ accountId: '', month: monthFromIndex(at), outcome: 0, experience: 0 }));
  await add('activity', 'cskit_activity', 'month', 'role', (at, role) => ({
    accountId: '', month: monthFromIndex(at), activeUsers: 0, licensedUsers: 1, ...(role === null || role === undefined ? {} : { role: String(role) }),
  }));
  await add('measures', 'cskit_measures', 'month', 'key', (at, key) => ({ accountId: '', month: monthFromIndex(at), key: String(key), value: 0 }));
  await add('nps', 'cskit_nps', 'response_day', null, (at) => ({ accountId: '', date: dateFromDayNumber(at), score: 0 }), ' WHERE account_id IS NOT NULL');
  await add('tickets', 'cskit_tickets', 'opened_day', null, (at, _, n) => ({ id: `${ANCHOR_ID}-${n}`, accountId: '', openedAt: dateFromDayNumber(at) }));
  return { records };
}
