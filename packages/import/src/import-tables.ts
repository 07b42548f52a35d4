/**
 * `importTables` (SPEC 13): billing, CRM and helpdesk exports in, a validated dataset out. Each table is read (CSV or
 * JSON), recognised (collection and columns, or the mapping given), converted row by row (dates per column, amounts
 * to ARR, ids where rows have none), shaped (end dates read as the data says, subscriptions made contracts with the
 * accounts they bring), given its currency, and validated together; every issue names its table, line and column,
 * and every decision is a note.
 */
import { validateDataset } from '@cskit/metrics';
import type { Dataset } from '@cskit/metrics';
import { convertTable } from './convert/rows.js';
import type { ConvertedTable, LocatedRecord, RawRecord } from './convert/rows.js';
import { locateIssues } from './locate.js';
import type { Origin, Rejected } from './locate.js';
import { readTable } from './read/read-table.js';
import type { RawTable } from './read/read-table.js';
import { collectionByName, recogniseTable } from './recognise/mapping.js';
import { applyEndReading } from './shape/end-dates.js';
import { contractOf, deriveAccounts } from './shape/subscriptions.js';
import type { ImportIssue, ImportOptions, ImportResult, ImportTable, TableMapping } from './types.js';

export function importTables(tables: ReadonlyArray<ImportTable>, options: ImportOptions = {}): ImportResult {
  const issues: ImportIssue[] = [];
  const notes: string[] = [];
  const mapping: Record<string, TableMapping> = {};
  const raws = tables.flatMap(readTable);
  const converted: ConvertedTable[] = [];
  const hasAccounts = raws.some((raw) => collectionByName(raw) === 'accounts') || Object.values(options.mapping ?? {}).some((m) => m.collection === 'accounts');
  for (const raw of raws) {
    for (const problem of raw.problems) issues.push(tableIssue(raw.name, problem.line, problem.message));
    if (raw.headers.length === 0) continue;
    const given = options.mapping && Object.prototype.hasOwnProperty.call(options.mapping, raw.name) ? options.mapping[raw.name] : undefined;
    const recognised = recogniseTable(raw, given, hasAccounts, notes);
    if (!recognised) {
      issues.push(tableIssue(raw.name, 0, 'no collection fits this table (name the file after what it holds, e.g. subscriptions.csv, or give its mapping)'));
      continue;
    }
    mapping[raw.name] = recognised;
    converted.push(convertTable(raw, recognised, options, issues, notes));
  }
  const { raw, origins, rejected } = assemble(converted, options, notes);
  if (raw.accounts === undefined) {
    raw.accounts = [];
    issues.push({ ...tableIssue('accounts', 0, 'no table gives accounts: add an accounts (CRM) or a subscriptions (billing) export'), collection: 'accounts' });
  }
  Object.assign(raw, currencyOf(raws, converted, options, issues, notes));
  const { dataset, issues: found } = validateDataset(raw);
  issues.push(...locateIssues(found, origins, raw, rejected));
  const columns: Record<string, string[]> = {};
  for (const table of raws) Object.defineProperty(columns, table.name, { value: table.headers, enumerable: true, writable: true, configurable: true });
  return { dataset: dataset as Dataset, issues: inFileOrder(issues, raws), mapping, columns, notes };
}

/** Issues by the order the tables were given, then by line (stable: a row's issues keep their order). */
function inFileOrder(issues: ImportIssue[], raws: readonly RawTable[]): ImportIssue[] {
  const order = new Map(raws.map((raw, i) => [raw.name, i]));
  const rank = (issue: ImportIssue) => order.get(issue.table) ?? raws.length;
  return issues.map((issue, i) => ({ issue, i })).sort((a, b) => rank(a.issue) - rank(b.issue) || a.issue.line - b.issue.line || a.i - b.i).map(({ issue }) => issue);
}

function tableIssue(table: string, line: number, message: string): ImportIssue {
  return { severity: 'error', collection: 'dataset', index: -1, table, line, message: `${table}${line > 0 ? ` line ${line}` : ''}: ${message}` };
}

interface Assembled { raw: Record<string, unknown>; origins: Map<string, Origin[]>; rejected: Rejected }

/** The converted tables as one raw dataset, each record's origin beside it. */
function assemble(tables: readonly ConvertedTable[], options: ImportOptions, notes: string[]): Assembled {
  const raw: Record<string, RawRecord[]> = {};
  const origins = new Map<string, Origin[]>();
  const rejected: Rejected = new Map();
  const add: Add = (collection, table, records, columnOf = table.columnOf) => {
    const into = raw[collection] ?? (raw[collection] = []);
    const where = origins.get(collection) ?? origins.set(collection, []).get(collection) as Origin[];
    for (const { record, line } of records) {
      into.push(record);
      where.push({ table: table.name, line, columnOf });
    }
  };
  const accountTables = tables.filter((t) => t.mapping.collection === 'accounts');
  const known = new Set<string>();
  for (const table of accountTables) {
    add('accounts', table, table.records);
    for (const { record } of table.records) if (typeof record.id === 'string') known.add(record.id);
    for (const { id, line } of table.rejected) if (id !== undefined) { known.add(id); rejected.set(id, { table: table.name, line }); }
  }
  for (const table of tables) {
    const { collection } = table.mapping;
    if (collection === 'accounts') continue;
    if (collection === 'contracts' || collection === 'subscriptions') applyEndReading(table.name, table.records, options.endDate, notes);
    if (collection !== 'subscriptions') { add(collection, table, table.records); continue; }
    addSubscriptions(table, known, accountTables.length > 0, add, notes);
  }
  return { raw, origins, rejected };
}

type Add = (collection: string, table: ConvertedTable, records: readonly LocatedRecord[], columnOf?: ReadonlyMap<string, string>) => void;

function addSubscriptions(table: ConvertedTable, known: Set<string>, hasAccounts: boolean, add: Add, notes: string[]): void {
  const derived = deriveAccounts(table.records, known);
  if (derived.length > 0) {
    const accountColumns = new Map<string, string>();
    for (const [field, from] of [['id', 'accountId'], ['name', 'accountName'], ['signedAt', 'start']] as const) {
      const column = table.columnOf.get(from);
      if (column !== undefined) accountColumns.set(field, column);
    }
    add('accounts', table, derived, accountColumns);
    for (const { record } of derived) known.add(record.id as string);
    notes.push(hasAccounts
      ? `${table.name}: ${plural(derived.length, 'customer')} in no accounts table: their accounts were made from their subscriptions`
      : `${table.name}: ${plural(derived.length, 'account')} made from the subscriptions (name from ${table.columnOf.has('accountName') ? `column '${table.columnOf.get('accountName')}'` : 'the customer id'}, signed at the earliest start)`);
  }
  add('contracts', table, table.records.map(({ record, line }) => ({ record: contractOf(record), line })));
}

const ISO_CODE = /^[A-Z]{3}$/;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The reporting currency and rates: the options', a JSON dataset's, or the one currency every amount is in. */
function currencyOf(raws: readonly RawTable[], tables: readonly ConvertedTable[], options: ImportOptions, issues: ImportIssue[], notes: string[]): Pick<Dataset, 'currency' | 'fxRates'> {
  const found = new Set<string>();
  for (const table of tables) for (const { record } of table.records) if (typeof record.currency === 'string') found.add(record.currency);
  const fromFile = raws.find((t) => t.currency !== undefined);
  let currency = options.currency ?? fromFile?.currency;
  if (currency === undefined && found.size === 1) {
    currency = [...found][0] as string;
    notes.push(`reporting currency ${currency}: every amount is in it`);
  } else if (currency === undefined) {
    currency = 'USD';
    if (found.size > 1) notes.push(`reporting currency USD (none given); amounts are in ${[...found].sort().join(', ')}: each needs a rate (fxRates)`);
  }
  if (!ISO_CODE.test(currency)) {
    issues.push(tableIssue('options', 0, `currency '${currency}' is not an ISO 4217 code (three capital letters, e.g. EUR); USD used`));
    currency = 'USD';
  }
  const fxRates = options.fxRates ?? fromFile?.fxRates;
  return { currency, ...(fxRates === undefined ? {} : { fxRates }) };
}
