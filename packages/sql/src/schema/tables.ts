/**
 * The data contract as tables (SPEC 15): one table per collection, `cskit_` before its name so that writing the
 * contract never touches a host's own tables. Days and months are integers (`day`: days since 1970-01-01; `month`:
 * year x 12 + month - 1, `monthIndex` of `@cskit/metrics`), so a query compares, subtracts and groups them without
 * any dialect's date functions, and a `seq` column keeps each collection's order as written (an engine answers rows
 * in the same order as the JS engine).
 */
import type { CollectionName } from '@cskit/metrics';

/** How a field is stored: text, a float (money, scores, counts), a day number or a month index. */
export type ColumnKind = 'text' | 'number' | 'day' | 'month';

export interface ColumnSpec {
  /** The column's name; a date's two columns are `<column>_day` and `<column>_month`. */
  column: string;
  /** The contract's field; `a.b` is a nested field (a target's `period.from`). */
  field: string;
  kind: ColumnKind;
  required?: boolean;
}

export interface TableSpec {
  collection: CollectionName;
  table: string;
  columns: readonly ColumnSpec[];
}

const text = (column: string, field = column, required = false): ColumnSpec => ({ column, field, kind: 'text', required });
const num = (column: string, field = column, required = false): ColumnSpec => ({ column, field, kind: 'number', required });
const day = (column: string, field: string, required = false): ColumnSpec => ({ column, field, kind: 'day', required });
const month = (column: string, field: string, required = false): ColumnSpec => ({ column, field, kind: 'month', required });
const accountId = text('account_id', 'accountId', true);
const id = text('id', 'id', true);

/**
 * Every collection, in the order a stream gives them (`DatasetChunk`s): CSMs, then accounts, then the records that
 * refer to them.
 */
export const TABLES: readonly TableSpec[] = [
  { collection: 'csms', table: 'cskit_csms', columns: [id, text('name', 'name', true), text('team')] },
  { collection: 'accounts', table: 'cskit_accounts', columns: [
    id, text('name', 'name', true), day('signed', 'signedAt', true), text('csm_id', 'csmId'), text('sales_rep_id', 'salesRepId'),
    text('segment'), text('region'), text('industry'), text('channel'), text('stage'),
  ] },
  { collection: 'contracts', table: 'cskit_contracts', columns: [
    id, accountId, day('start', 'start', true), day('end', 'end'), num('arr', 'arr', true), text('currency'), day('opt_out', 'optOutDate'),
  ] },
  { collection: 'arr', table: 'cskit_arr', columns: [accountId, month('month', 'month', true), num('arr', 'arr', true), text('currency')] },
  { collection: 'health', table: 'cskit_health', columns: [accountId, month('month', 'month', true), num('outcome', 'outcome', true), num('experience', 'experience', true)] },
  { collection: 'nps', table: 'cskit_nps', columns: [text('id'), text('account_id', 'accountId'), day('response', 'date', true), num('score', 'score', true), text('role')] },
  { collection: 'activity', table: 'cskit_activity', columns: [
    accountId, month('month', 'month', true), num('active_users', 'activeUsers', true), num('licensed_users', 'licensedUsers', true), text('role'),
  ] },
  { collection: 'leads', table: 'cskit_leads', columns: [
    id, accountId, text('csm_id', 'csmId'), day('created', 'createdAt', true), text('stage', 'stage', true), day('closed', 'closedAt'), num('arr'),
  ] },
  { collection: 'advocacy', table: 'cskit_advocacy', columns: [id, accountId, text('csm_id', 'csmId'), day('record', 'date', true), text('kind', 'kind', true)] },
  { collection: 'revenue', table: 'cskit_revenue', columns: [
    id, accountId, text('csm_id', 'csmId'), day('event', 'date', true), num('arr', 'arr', true), text('source', 'source', true),
  ] },
  { collection: 'measures', table: 'cskit_measures', columns: [accountId, month('month', 'month', true), text('key', 'key', true), num('value', 'value', true)] },
  { collection: 'tickets', table: 'cskit_tickets', columns: [
    id, accountId, day('opened', 'openedAt', true), num('first_response_minutes', 'firstResponseMinutes'), num('resolution_minutes', 'resolutionMinutes'),
    text('type'), text('origin'), num('csat'), text('complaint'),
  ] },
  { collection: 'targets', table: 'cskit_targets', columns: [
    text('id'), text('csm_id', 'csmId'), text('team'), month('period_from', 'period.from', true), month('period_to', 'period.to', true),
    text('metric', 'metric', true), num('value', 'value', true),
  ] },
];

/** A column as stored: its SQL name, kind (a date's month column is a month) and the value of a record's field. */
export interface StoredColumn {
  name: string;
  kind: ColumnKind;
  spec: ColumnSpec;
  /** The day column of a date, or the only column of another field: the one a record is read back from. */
  reads: boolean;
}

export function storedColumns(spec: TableSpec): StoredColumn[] {
  return spec.columns.flatMap((column): StoredColumn[] => column.kind === 'day'
    ? [{ name: `${column.column}_day`, kind: 'day', spec: column, reads: true }, { name: `${column.column}_month`, kind: 'month', spec: column, reads: false }]
    : [{ name: column.column, kind: column.kind, spec: column, reads: true }]);
}

/**
 * The table of the data's header: `format`, `version`, `currency`, `fxRates` (JSON), `collections` (JSON: those
 * written), `spans` (JSON: facts/data-spans.ts).
 */
export const META_TABLE = 'cskit_meta';

/**
 * The tables' layout, written in the header: an engine refuses data of another layout (written by an earlier
 * `@cskit/sql`) with a message saying to write it again, instead of failing on a missing column. 2: `account_seq` and
 * the data's spans; 3: the contracts' due order (`due_rank`); 4: the accounts' text sort keys (`cskit_account_keys`).
 */
export const DATA_FORMAT = '4';

/**
 * The column keying a record's account by the account's place (`seq` in the accounts table), written beside
 * `account_id` (`account_seq`; NULL for a response without an account): a page or a story reads its accounts' records
 * by these integers, which a column store prunes by (DuckDB skips every row group whose min and max `account_seq` miss
 * the page's, when records are written grouped by account as exports and the sample give them) and an index holds
 * small. `seq` for the accounts themselves; none for CSMs and targets.
 */
export function accountKey(spec: TableSpec): 'seq' | 'account_seq' | null {
  if (spec.collection === 'accounts') return 'seq';
  return spec.columns.some((column) => column.column === 'account_id') ? 'account_seq' : null;
}
