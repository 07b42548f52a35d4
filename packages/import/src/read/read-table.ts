/**
 * A file's text as rows of cells, each row with the file line it starts on: CSV through Papa Parse (quoted newlines,
 * delimiters, BOMs: a parser made for it), JSON as records (an array, or an object holding collections by name, and
 * a dataset's top-level `currency` and `fxRates`). Nothing is converted here.
 */
import Papa from 'papaparse';
import type { ImportTable } from '../types.js';

export interface RawRow {
  /** The file line the row starts on (a CSV's header is line 1; a JSON record counts from 1). */
  line: number;
  cells: string[];
}

export interface RawTable {
  /** The table's name: the file name, or `file#collection` for one collection of a JSON dataset. */
  name: string;
  format: 'csv' | 'json';
  headers: string[];
  rows: RawRow[];
  /** A JSON object's key for this table (`{ "contracts": [...] }`): the collection it says it is. */
  key?: string;
  currency?: string;
  fxRates?: Record<string, number>;
  /** What made rows or the whole file unreadable (line 0: the file). */
  problems: Array<{ line: number; message: string }>;
}

/** Rows per table at most: an import is bounded like every input from outside. */
export const MAX_ROWS = 5_000_000;

const isJson = (name: string, text: string) => /\.json$/i.test(name) || /^\s*[[{]/.test(text);

export function readTable(table: ImportTable): RawTable[] {
  const text = table.text.replace(/^\uFEFF/, '');
  if (text.trim() === '') return [{ name: table.name, format: 'csv', headers: [], rows: [], problems: [{ line: 0, message: 'the file is empty' }] }];
  if (text.slice(0, 65536).includes('\u0000')) {
    return [{ name: table.name, format: 'csv', headers: [], rows: [], problems: [{ line: 0, message: 'the file is not text (it holds binary bytes): export it as CSV (UTF-8) or JSON' }] }];
  }
  return isJson(table.name, text) ? readJson(table.name, text) : [readCsv(table.name, text)];
}

function readCsv(name: string, text: string): RawTable {
  const table: RawTable = { name, format: 'csv', headers: [], rows: [], problems: [] };
  let cursor = 0;
  let line = 1;
  let first = true;
  Papa.parse<string[]>(text, {
    header: false,
    skipEmptyLines: false,
    step: (result, parser) => {
      const startLine = line;
      const end = result.meta.cursor;
      for (let i = cursor; i < end; i += 1) if (text.charCodeAt(i) === 10) line += 1;
      cursor = end;
      for (const error of result.errors) if (error.type !== 'Delimiter') table.problems.push({ line: startLine, message: `CSV: ${error.message}` });
      const cells = result.data.map((cell) => String(cell).replace(/\r$/, ''));
      if (cells.every((cell) => cell.trim() === '')) return;
      if (first) {
        table.headers = cells.map((cell) => cell.trim());
        first = false;
        return;
      }
      if (table.rows.length >= MAX_ROWS) {
        table.problems.push({ line: startLine, message: `more than ${MAX_ROWS} rows: the rest of the file was not read` });
        parser.abort();
        return;
      }
      table.rows.push({ line: startLine, cells });
    },
  });
  return table;
}

const cellOf = (value: unknown): string =>
  value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);

function readJson(name: string, text: string): RawTable[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return [{ name, format: 'json', headers: [], rows: [], problems: [{ line: 0, message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` }] }];
  }
  if (Array.isArray(value)) return [recordsTable(name, value)];
  if (typeof value !== 'object' || value === null) {
    return [{ name, format: 'json', headers: [], rows: [], problems: [{ line: 0, message: 'expected an array of records, or an object with arrays of records by collection' }] }];
  }
  const object = value as Record<string, unknown>;
  const currency = typeof object.currency === 'string' ? object.currency : undefined;
  const fxRates = isRates(object.fxRates) ? object.fxRates : undefined;
  const keys = Object.keys(object).filter((key) => Array.isArray(object[key]));
  if (keys.length === 0) return [{ name, format: 'json', headers: [], rows: [], problems: [{ line: 0, message: 'the object holds no array of records' }] }];
  return keys.map((key) => ({
    ...recordsTable(keys.length === 1 ? name : `${name}#${key}`, object[key] as unknown[]),
    key,
    ...(currency === undefined ? {} : { currency }),
    ...(fxRates === undefined ? {} : { fxRates }),
  }));
}

function isRates(value: unknown): value is Record<string, number> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((rate) => typeof rate === 'number');
}

function recordsTable(name: string, records: unknown[]): RawTable {
  const headers: string[] = [];
  const seen = new Set<string>();
  const problems: RawTable['problems'] = [];
  const objects = records.slice(0, MAX_ROWS);
  if (records.length > MAX_ROWS) problems.push({ line: MAX_ROWS + 1, message: `more than ${MAX_ROWS} records: the rest were not read` });
  for (const record of objects) {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) continue;
    for (const key of Object.keys(record)) if (!seen.has(key)) { seen.add(key); headers.push(key); }
  }
  const rows: RawRow[] = [];
  objects.forEach((record, i) => {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      problems.push({ line: i + 1, message: 'the record is not an object; it was left out' });
      return;
    }
    const own = record as Record<string, unknown>;
    rows.push({ line: i + 1, cells: headers.map((header) => (Object.prototype.hasOwnProperty.call(own, header) ? cellOf(own[header]) : '')) });
  });
  return { name, format: 'json', headers, rows, problems };
}
