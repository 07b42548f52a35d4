/**
 * The two checks of `validateDataset` that compare a record with every other, run where a written stream's records
 * went instead of in the writer's memory (`datasetStreamChecker` leaves them to the writer): duplicate ids of records
 * (an id used by an earlier record of the collection; accounts' and CSMs' ids are checked as they come), and natural
 * keys repeated across an account's records that came apart (`scattered`: within a run they are found as they
 * come). Each is a `GROUP BY` or a window over one table; the issues are worded by `@cskit/metrics` (`duplicateIdMessage`,
 * `repeatIssue`) and name the record by its index (its `seq`: they run only when every record passed, so the records
 * written are the collection's, in order). At most `WHOLE_DATA_ISSUES` of each are read.
 */
import { monthFromIndex, type DataIssue } from '@cskit/metrics';
import { duplicateIdMessage, repeatIssue, type NaturalKeyCollection } from '@cskit/metrics/load';
import type { SqlClient } from '../client/clients.js';
import { tableName } from '../schema/dialect.js';
import { TABLES } from '../schema/tables.js';

/** The most issues each check reads (a refused write names the first; a bound on what a bad file costs). */
export const WHOLE_DATA_ISSUES = 100;

/** Collections whose records have ids checked here (those of accounts and CSMs are checked as they come). */
const ID_TABLES = TABLES.filter((spec) => spec.collection !== 'accounts' && spec.collection !== 'csms' && spec.columns.some((column) => column.column === 'id'));

const ACCOUNTS_TABLE = (TABLES.find((spec) => spec.collection === 'accounts') as (typeof TABLES)[number]).table;

/** A natural key's third part: `naturalKeyPart` of `@cskit/metrics` in SQL (a measure's key, an activity record's role, '' for none). */
const KEY_SQL: Record<NaturalKeyCollection, string> = { arr: "''", health: "''", activity: "COALESCE(role, '')", measures: 'key' };

async function duplicateIds(session: SqlClient, written: readonly string[], schema: string | undefined): Promise<DataIssue[]> {
  const issues: DataIssue[] = [];
  for (const spec of ID_TABLES.filter((s) => written.includes(s.collection))) {
    const table = tableName(spec.table, schema);
    const rows = await session.query(
      `SELECT d.seq AS seq, d.id AS id, f.first_seq AS first_seq FROM ${table} d
       JOIN (SELECT id, MIN(seq) AS first_seq FROM ${table} WHERE id IS NOT NULL GROUP BY id HAVING COUNT(*) > 1) f ON d.id = f.id
       WHERE d.seq > f.first_seq ORDER BY d.seq LIMIT ${WHOLE_DATA_ISSUES}`, [],
    );
    for (const row of rows) {
      const id = String(row.id);
      issues.push({ severity: 'error', collection: spec.collection, index: Number(row.seq), id, field: 'id', message: duplicateIdMessage(spec.collection, id, Number(row.first_seq)) });
    }
  }
  return issues;
}

async function repeatedKeys(session: SqlClient, scattered: readonly NaturalKeyCollection[], schema: string | undefined): Promise<DataIssue[]> {
  const issues: DataIssue[] = [];
  for (const spec of TABLES.filter((s) => (scattered as readonly string[]).includes(s.collection))) {
    const collection = spec.collection as NaturalKeyCollection;
    const key = KEY_SQL[collection];
    const rows = await session.query(
      `SELECT r.seq AS seq, a.id AS account_id, r.month AS month, r.k AS k FROM
       (SELECT seq, account_seq, month, ${key} AS k, ROW_NUMBER() OVER (PARTITION BY account_seq, month, ${key} ORDER BY seq) AS n FROM ${tableName(spec.table, schema)}) r
       JOIN ${tableName(ACCOUNTS_TABLE, schema)} a ON a.seq = r.account_seq WHERE r.n > 1 ORDER BY r.seq LIMIT ${WHOLE_DATA_ISSUES}`, [],
    );
    for (const row of rows) {
      const keyOf = collection === 'arr' || collection === 'health' ? undefined : String(row.k);
      issues.push(repeatIssue(collection, Number(row.seq), String(row.account_id), monthFromIndex(Number(row.month)), keyOf));
    }
  }
  return issues;
}

/** The issues of the written records that only the whole data shows (see above), by collection then record. */
export async function wholeDataIssues(session: SqlClient, written: readonly string[], scattered: readonly NaturalKeyCollection[], schema: string | undefined): Promise<DataIssue[]> {
  const found = [...await duplicateIds(session, written, schema), ...await repeatedKeys(session, scattered, schema)];
  const order = new Map(TABLES.map((spec, k) => [spec.collection as string, k]));
  return found.sort((a, b) => (order.get(a.collection) as number) - (order.get(b.collection) as number) || a.index - b.index);
}
