/**
 * The records of a few accounts (a page of rows, one account's story) read back as a dataset of their own: what
 * scales with the answer runs in JS (issue 29), on a dataset of those accounts alone, prepared in milliseconds,
 * while what scales with the accounts (choosing and ordering them) ran in the database. Every figure of an account's
 * summary row and of its story reads that account's own records (its contracts and renewals, health, activity,
 * responses...) and the CSMs' names, so the accounts' own dataset answers them as the whole one does, but for
 * what the JS engine reads of the whole data: whether ARR comes from snapshots (SPEC 2), which activity roles, measure
 * keys and record kinds exist, and the months their records span (a health model's components have values over the
 * months the data's records span, an activity rate of 0 included). Those are given to the few accounts' dataset by an
 * anchor account (`anchorRecords`): records of nothing at the first and last month of each of those spans (kept in
 * the data's header by `writeDataset`: facts/data-spans.ts), so its index reads the same spans and kinds; its rows are
 * never answered. The records are found by their accounts' places (`account_seq`, schema/tables.ts `accountKey`),
 * bound as integers: DuckDB skips the row groups that hold none of them, PostgreSQL reads its index. The conformance
 * tests hold the two equal (every account's row and story, with component models, roles, tickets, ARR snapshots).
 */
import { dateFromDayNumber, monthFromIndex, type CollectionName, type Dataset } from '@cskit/metrics';
import type { SqlClient } from '../client/clients.js';
import type { DataSpan, SpannedCollection } from '../facts/data-spans.js';
import { DIALECT, tableName, type Dialect } from '../schema/dialect.js';
import { accountKey, storedColumns, TABLES, type StoredColumn } from '../schema/tables.js';
import { recordOf, type DataHeader } from './read-chunks.js';

/** At most this many accounts are read at once (a page is at most `MAX_PAGE_ROWS`, 5,000). */
export const MAX_FEW_ACCOUNTS = 5_000;

/** Where the few accounts are read: the client, its dialect, the tables' schema, and the data's header. */
export interface FewAccountsAt {
  client: SqlClient;
  dialect: Dialect;
  schema: string | undefined;
  header: DataHeader;
}

/**
 * The dataset of the accounts at the places `chosen` (`seq`s the database gave, or checked to be in the viewer's
 * scope): their records of every collection written but `unread` (a collection the data has is given, empty when
 * these accounts have none of it), the CSMs whole, no targets (no account's row or story reads them), and the anchor;
 * with each place's account id. Records come in their written order (`seq`).
 */
export async function fewAccountsDataset(
  at: FewAccountsAt, chosen: readonly number[], unread: ReadonlySet<CollectionName> = new Set(),
): Promise<{ dataset: Dataset; idOf: ReadonlyMap<number, string> }> {
  if (chosen.length > MAX_FEW_ACCOUNTS) throw new RangeError(`@cskit/sql: at most ${MAX_FEW_ACCOUNTS} accounts are read at once, got ${chosen.length}`);
  const { header } = at;
  const dataset: Record<string, unknown> = { currency: header.currency, ...(header.fxRates ? { fxRates: header.fxRates } : {}), accounts: [] };
  const seqs = [...new Set(chosen)];
  for (const seq of seqs) if (!Number.isSafeInteger(seq)) throw new RangeError(`@cskit/sql: an account's place must be a whole number, got ${seq}`);
  const idOf = new Map<number, string>();
  for (const spec of TABLES) {
    if (!header.collections.has(spec.collection) || spec.collection === 'targets') continue;
    const by = accountKey(spec);
    if (by !== null && (seqs.length === 0 || unread.has(spec.collection))) {
      dataset[spec.collection] = [];
      continue;
    }
    const columns = storedColumns(spec).filter((column) => column.reads);
    const rows = await at.client.query(recordsSql(at, spec.table, columns, by, seqs.length), by === null ? [] : seqs);
    if (spec.collection === 'accounts') for (const row of rows) idOf.set(Number(row.seq), String(row.id));
    // A record's account id from its place (the accounts' own ids, read above): no text column decoded per record.
    if (by === 'account_seq') for (const row of rows) row.account_id = idOf.get(Number(row.account_seq));
    dataset[spec.collection] = rows.map((row) => recordOf(row, columns));
  }
  return { dataset: withAnchor(dataset, anchorRecords(header), [...idOf.values()]), idOf };
}

/** The statement reading a table's records of `count` accounts (`$1...`: their places), or all of it (`by` null). */
function recordsSql(at: FewAccountsAt, table: string, columns: readonly StoredColumn[], by: string | null, count: number): string {
  const names = columns.map((c) => (c.name === 'account_id' ? 'account_seq' : c.name));
  const from = `SELECT seq, ${names.join(', ')} FROM ${tableName(table, at.schema)}`;
  if (by === null) return `${from} ORDER BY seq`;
  const place = (i: number) => `CAST($${i + 1} AS INTEGER)`;
  const each = Array.from({ length: count }, (_, i) => i);
  if (count <= DIALECT[at.dialect].pointLookups) return `${each.map((i) => `${from} WHERE ${by} = ${place(i)}`).join(' UNION ALL ')} ORDER BY seq`;
  return `${from} WHERE ${by} IN (${each.map(place).join(', ')}) ORDER BY seq`;
}

/** The anchor account's records of a data version: see above. */
interface Anchor {
  records: ReadonlyMap<string, ReadonlyArray<Record<string, unknown>>>;
}

const ANCHOR_ID = '\u0000cskit-anchor';

/**
 * The dataset with the anchor account and its records (its id made unlike any of `ids`). The anchor's ticket ids may
 * equal a real ticket's (`\u0000cskit-anchor-<n>`): harmless, as `prepareDataset` reads records as given (ids matter to
 * `validateDataset` only, which the data passed when written); a test holds it.
 */
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

/**
 * How the anchor's record at a span's end reads, per collection: values that count as nothing. The contracts' span
 * (the whole data's period, for the reach check) is no record's: a contract is read for its own account only.
 */
const ANCHOR_RECORD: Record<Exclude<SpannedCollection, 'contracts'>, (at: number, group: string | null, n: number) => Record<string, unknown>> = {
  arr: (at) => ({ accountId: '', month: monthFromIndex(at), arr: 0 }),
  health: (at) => ({ accountId: '', month: monthFromIndex(at), outcome: 0, experience: 0 }),
  activity: (at, role) => ({ accountId: '', month: monthFromIndex(at), activeUsers: 0, licensedUsers: 1, ...(role === null ? {} : { role }) }),
  measures: (at, key) => ({ accountId: '', month: monthFromIndex(at), key: String(key), value: 0 }),
  nps: (at) => ({ accountId: '', date: dateFromDayNumber(at), score: 0 }),
  tickets: (at, _, n) => ({ id: `${ANCHOR_ID}-${n}`, accountId: '', openedAt: dateFromDayNumber(at) }),
};

/**
 * The anchor's records for a data version: per collection the spans read whole-data-wide (the header's), each as a
 * record at its first and at its last month (or day), with values that count as nothing (ARR 0, no active users of
 * one licence, a score of 0): ARR snapshots, health snapshots, activity per role, measures per key, responses with an
 * account, tickets.
 */
function anchorRecords(header: DataHeader): Anchor {
  const records = new Map<string, Array<Record<string, unknown>>>();
  for (const [collection, spans] of Object.entries(header.spans) as Array<[SpannedCollection, DataSpan[]]>) {
    if (collection === 'contracts' || !header.collections.has(collection) || !Object.hasOwn(ANCHOR_RECORD, collection)) continue;
    const list: Array<Record<string, unknown>> = [];
    for (const span of spans) {
      for (const at of span.first === span.last ? [span.first] : [span.first, span.last]) list.push(ANCHOR_RECORD[collection](at, span.group, list.length));
    }
    records.set(collection, list);
  }
  return { records };
}
