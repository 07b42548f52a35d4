/**
 * One table's rows as raw records of its collection, each with its file line: cells converted by their field's type
 * (dates in the format decided for their column), amounts made ARR by the table's rule, ids given where a row has
 * none. A row with a cell that cannot be read is left out with an issue naming the table, the line and the column.
 */
import type { RawTable } from '../read/read-table.js';
import { importFields } from '../recognise/fields.js';
import type { FieldType } from '../recognise/fields.js';
import type { ImportIssue, ImportOptions, TableMapping } from '../types.js';
import { amountRule, arrOf } from './amounts.js';
import type { AmountFields, AmountRule } from './amounts.js';
import { dateFormatOption, decideDateFormat, toIsoDate, toIsoMonth, toNumber } from './cells.js';
import type { DateFormat } from './cells.js';

export type RawRecord = Record<string, unknown>;
export interface LocatedRecord { record: RawRecord; line: number }

export interface ConvertedTable {
  name: string;
  mapping: TableMapping;
  records: LocatedRecord[];
  /** Field -> the column it was read from (issues name the column). */
  columnOf: Map<string, string>;
  /** Rows left out, with the account id a row named when it could be read (a reference to it says why). */
  rejected: Array<{ line: number; id?: string }>;
}

interface Column { column: string; at: number; field: string; type: FieldType; format: DateFormat | null }

/** Fields that only make `arr`: kept apart from the record (never added then deleted: objects stay fast). */
const AMOUNT_KEYS: ReadonlySet<string> = new Set(['mrr', 'amount', 'unitPrice', 'quantity', 'interval', 'intervalCount']);
const WITH_AMOUNTS = new Set(['contracts', 'subscriptions', 'arr']);
const NEEDS_ID = new Set(['contracts', 'subscriptions', 'leads', 'advocacy', 'revenue']);

export function tableBase(name: string): string {
  return name.replace(/#.*$/, '').replace(/\.[a-z]+$/i, '').replace(/[^A-Za-z0-9_-]+/g, '-');
}

export function convertTable(table: RawTable, mapping: TableMapping, options: ImportOptions, issues: ImportIssue[], notes: string[]): ConvertedTable {
  const out: ConvertedTable = { name: table.name, mapping, records: [], columnOf: new Map(), rejected: [] };
  const fail = (line: number, column: string | undefined, field: string | undefined, message: string) => issues.push({
    severity: 'error', collection: mapping.collection, index: -1, table: table.name, line, message: `${table.name} line ${line}${column ? `, column '${column}'` : ''}: ${message}`,
    ...(column === undefined ? {} : { column }), ...(field === undefined ? {} : { field }),
  });
  const columns = columnsOf(table, mapping, options, fail, notes);
  if (columns === null) return out;
  for (const column of columns) out.columnOf.set(column.field, column.column);
  const fields = new Set(columns.map((c) => c.field));
  const rule = WITH_AMOUNTS.has(mapping.collection) ? amountRule(fields, options.amount) : 'none';
  noteAmounts(table.name, rule, out.columnOf, notes);
  if (NEEDS_ID.has(mapping.collection) && !fields.has('id')) notes.push(`${table.name}: rows have no id column: each got one from the table's name and line ('${tableBase(table.name)}-2')`);
  for (const row of table.rows) {
    const record = rowRecord(table, row, columns, rule, fail);
    if (record === null) {
      const idColumn = mapping.collection === 'accounts' ? columns.find((c) => c.field === 'id') : columns.find((c) => c.field === 'accountId');
      const id = idColumn ? row.cells[idColumn.at]?.trim() : undefined;
      out.rejected.push({ line: row.line, ...(id ? { id } : {}) });
      continue;
    }
    if (NEEDS_ID.has(mapping.collection) && record.id === undefined) record.id = `${tableBase(table.name)}-${row.line}`;
    out.records.push({ record, line: row.line });
  }
  return out;
}

type Fail = (line: number, column: string | undefined, field: string | undefined, message: string) => void;

/** The table's imported columns with their types and date formats; null when the table cannot be read at all. */
function columnsOf(table: RawTable, mapping: TableMapping, options: ImportOptions, fail: Fail, notes: string[]): Column[] | null {
  const fields = new Map(importFields(mapping.collection).map((f) => [f.field, f]));
  const columns: Column[] = [];
  for (const [column, field] of Object.entries(mapping.columns)) {
    const at = table.headers.indexOf(column);
    const spec = fields.get(field);
    if (at < 0) { fail(1, column, field, `the mapping names column '${column}', which the table does not have`); continue; }
    if (!spec) { fail(1, column, field, `${mapping.collection} have no field '${field}'`); continue; }
    columns.push({ column, at, field, type: spec.type, format: null });
  }
  const missing = [...fields.values()].filter((f) => f.required && !columns.some((c) => c.field === f.field));
  for (const f of missing) fail(1, undefined, f.field, `no column gives the required field '${f.field}': the table's ${table.rows.length} rows were not imported`);
  if (missing.length > 0) return null;
  const forced = options.dateFormat === undefined ? null : dateFormatOption(options.dateFormat);
  if (options.dateFormat !== undefined && forced === null) fail(0, undefined, undefined, `dateFormat '${options.dateFormat}' is not a format (use M/D/YYYY, D/M/YYYY or YYYY-MM-DD)`);
  for (const column of columns) {
    if (column.type !== 'date' && column.type !== 'month') continue;
    column.format = forced ?? dateFormatOf(table, column, fail, notes);
  }
  if (mapping.collection === 'nps') return scaleChecked(table, columns, fail);
  return columns;
}

function dateFormatOf(table: RawTable, column: Column, fail: Fail, notes: string[]): DateFormat {
  const decided = decideDateFormat(table.rows.map((row) => row.cells[column.at] ?? ''));
  if (decided === 'ambiguous' || decided === 'mixed') {
    fail(0, column.column, column.field, decided === 'ambiguous'
      ? `the dates of column '${column.column}' read both as M/D/YYYY and as D/M/YYYY (no day above 12 tells): set dateFormat`
      : `column '${column.column}' holds dates day-first and month-first: export it in one format`);
    return 'YYYY-MM-DD';
  }
  if (decided !== 'YYYY-MM-DD') notes.push(`${table.name}: column '${column.column}' read as ${decided} dates`);
  return decided;
}

/** An NPS score column holding 1..5 values is a CSAT or a rating, not an NPS: the table is refused, not misread. */
function scaleChecked(table: RawTable, columns: Column[], fail: Fail): Column[] | null {
  const score = columns.find((c) => c.field === 'score');
  if (!score) return columns;
  // Read as every number cell is (an empty cell is no score, not 0).
  const values = table.rows.flatMap((row) => {
    const read = toNumber(row.cells[score.at] ?? '');
    return 'value' in read && Number.isInteger(read.value) ? [read.value] : [];
  });
  if (values.length === 0 || values.some((n) => n < 1 || n > 5)) return columns;
  fail(0, score.column, 'score', `column '${score.column}' holds 1..5 values: a rating such as CSAT, not an NPS score (0..10); the table's ${table.rows.length} rows were not imported`);
  return null;
}

function noteAmounts(name: string, rule: AmountRule, columnOf: ReadonlyMap<string, string>, notes: string[]): void {
  const col = (field: string) => `'${columnOf.get(field) ?? field}'`;
  const amount = columnOf.has('amount') ? col('amount') : `${col('quantity')} x ${col('unitPrice')}`;
  const text: Partial<Record<AmountRule, string>> = {
    mrr: `ARR = 12 x the MRR of column ${col('mrr')}`,
    interval: `ARR = ${amount} x 12 / the months of the billing interval in ${col('interval')}`,
    'bare-mrr': `ARR = 12 x ${amount} (amounts are monthly: the amount option)`,
    'bare-arr': `ARR = ${amount}, taken as annual (no interval column; set amount: 'mrr' if the amounts are monthly)`,
  };
  const said = text[rule];
  if (said) notes.push(`${name}: ${said}`);
  if (rule === 'arr' && columnOf.has('mrr')) notes.push(`${name}: ARR from column ${col('arr')}, checked against 12 x column ${col('mrr')}`);
}

function rowRecord(table: RawTable, row: RawTable['rows'][number], columns: Column[], rule: AmountRule, fail: Fail): RawRecord | null {
  if (table.format === 'csv' && row.cells.length !== table.headers.length) {
    fail(row.line, undefined, undefined, `the row has ${row.cells.length} cells but the header has ${table.headers.length} (an unquoted comma?); the row was left out`);
    return null;
  }
  const record: RawRecord = {};
  const amounts: Record<string, string | number> = {};
  let ok = true;
  for (const column of columns) {
    const text = (row.cells[column.at] ?? '').trim();
    if (text === '') continue;
    const converted = convertCell(column, text);
    if ('error' in converted) {
      fail(row.line, column.column, column.field, `${converted.error}; the row was left out`);
      ok = false;
    } else if (AMOUNT_KEYS.has(column.field)) amounts[column.field] = converted.value;
    else record[column.field] = converted.value;
  }
  if (!ok) return null;
  if (rule === 'none') return record;
  const arr = arrOf({ ...(amounts as AmountFields), ...(record.arr === undefined ? {} : { arr: record.arr as number }) }, rule);
  if ('error' in arr) {
    fail(row.line, undefined, 'arr', `${arr.error}; the row was left out`);
    return null;
  }
  if (arr.value !== undefined) record.arr = arr.value;
  return record;
}

function convertCell(column: Column, text: string): { value: string | number } | { error: string } {
  if (column.type === 'number') return toNumber(text);
  if (column.type === 'date') return toIsoDate(text, column.format ?? 'YYYY-MM-DD');
  if (column.type === 'month') return toIsoMonth(text, column.format ?? 'YYYY-MM-DD');
  if (column.field === 'currency') return { value: text.toUpperCase() };
  return { value: text };
}
