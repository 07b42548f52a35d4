/**
 * Reading one imported file (CSV or JSON) into raw records for `validateDataset`, in chunks with progress (the
 * worker runs it, so a 50 MB file never blocks the page). Every row that cannot be read is an issue with its line;
 * nothing is dropped silently and nothing is read as something else.
 */
import type { CollectionName } from '@cskit/metrics';
import Papa from 'papaparse';
import { toIsoDate, toIsoMonth, toNumber, guessDateFormat, guessMapping } from './convert.js';
import type { ColumnMapping, Converted, DateFormat } from './convert.js';
import { importFields } from './fields.js';

export type RawRecord = Record<string, unknown>;

/** A problem with one line of a file (line 1 is a CSV's header; JSON records count from 1), or the whole file (line 0). */
export interface ImportIssue {
  severity: 'error' | 'warning';
  file: string;
  collection: CollectionName;
  line: number;
  field: string | null;
  message: string;
}

export interface Inspection {
  collection: CollectionName;
  fileName: string;
  format: 'csv' | 'json';
  headers: string[];
  /** The first rows, to show beside the mapping. */
  samples: string[][];
  mapping: ColumnMapping;
  /** null: the dates could be m/d or d/m; the user picks. */
  dateFormat: DateFormat | null;
  /** Why the file cannot be imported at all (empty, binary, not JSON), else null. */
  problem: string | null;
}

export interface ParsedFile {
  collection: CollectionName;
  fileName: string;
  format: 'csv' | 'json';
  /** Data rows read (CSV lines after the header, or JSON records). */
  rows: number;
  records: RawRecord[];
  /** The file line of each record, for issues `validateDataset` reports by record index. */
  lines: number[];
  issues: ImportIssue[];
  /** Accounts only: subscription columns, one per account that has them, for contracts when no contracts file is given. */
  subscriptions: Array<{ line: number; record: RawRecord }>;
}

export interface ParseOptions {
  mapping: ColumnMapping;
  dateFormat: DateFormat;
}

const SAMPLE_BYTES = 64 * 1024;
const CHUNK_BYTES = 1024 * 1024;

/** Why a text is no CSV or JSON to read: empty, or binary bytes. */
export function textProblem(text: string): string | null {
  if (text.replace(/^\uFEFF/, '').trim() === '') return 'the file is empty';
  const head = text.slice(0, SAMPLE_BYTES);
  let replaced = 0;
  for (const char of head) {
    if (char === '\u0000') return 'the file is not text (it holds binary bytes): export it as CSV (UTF-8) or JSON';
    if (char === '\uFFFD') replaced += 1;
  }
  return replaced > head.length / 100 ? 'the file is not UTF-8 text: export it as CSV (UTF-8) or JSON' : null;
}

const isJson = (fileName: string, text: string) => /\.json$/i.test(fileName) || /^\s*[[{]/.test(text.replace(/^\uFEFF/, ''));

/** Headers, a few rows, and a first mapping and date format, from the start of a file. */
export function inspectText(collection: CollectionName, fileName: string, text: string): Inspection {
  const format = isJson(fileName, text) ? 'json' : 'csv';
  const base = { collection, fileName, format, headers: [], samples: [], mapping: guessMapping(collection, []), dateFormat: 'iso' as DateFormat } as const;
  const problem = textProblem(text);
  if (problem || format === 'json') return { ...base, headers: [], samples: [], problem };
  const head = Papa.parse<string[]>(text.replace(/^\uFEFF/, '').slice(0, SAMPLE_BYTES), { header: false, skipEmptyLines: 'greedy', preview: 21 });
  const [headers = [], ...samples] = head.data.map((row) => row.map((cell) => String(cell)));
  const cleanHeaders = headers.map((h) => h.trim());
  const mapping = guessMapping(collection, cleanHeaders);
  const dateColumns = importFields(collection).filter((f) => f.type === 'date' || f.type === 'month').map((f) => mapping[f.field]).filter((h): h is string => h !== null && h !== undefined);
  const dateSamples = samples.filter((row) => row.length === cleanHeaders.length).flatMap((row) => dateColumns.map((h) => (row[cleanHeaders.indexOf(h)] ?? '').trim()));
  return { ...base, headers: cleanHeaders, samples, mapping, dateFormat: guessDateFormat(dateSamples), problem: null };
}

/** Converts one cell by its field's type. */
function convert(type: 'text' | 'number' | 'date' | 'month', text: string, dateFormat: DateFormat): Converted {
  if (type === 'number') return toNumber(text);
  if (type === 'date') return toIsoDate(text, dateFormat);
  if (type === 'month') return toIsoMonth(text, dateFormat);
  return { value: text };
}

/**
 * Reads a file's text (or, in a worker, the `File` itself, streamed by Papa Parse in 1 MB chunks), reporting the
 * share read so far to `onProgress`.
 */
export function parseFile(
  collection: CollectionName, fileName: string, input: string | File, options: ParseOptions, onProgress?: (share: number, rows: number) => void,
): Promise<ParsedFile> {
  const parsed: ParsedFile = { collection, fileName, format: 'csv', rows: 0, records: [], lines: [], issues: [], subscriptions: [] };
  const fail = (line: number, field: string | null, message: string) => parsed.issues.push({ severity: 'error', file: fileName, collection, line, field, message });
  if (typeof input === 'string' && isJson(fileName, input)) return Promise.resolve(parseJson(parsed, input, fail));
  const fields = importFields(collection);
  const subscriptionFields = new Set(['subscriptionStart', 'subscriptionEnd', 'subscriptionArr', 'subscriptionCurrency']);
  const total = typeof input === 'string' ? input.length : input.size;
  let header: string[] | null = null;
  let columns: Array<{ field: string; type: 'text' | 'number' | 'date' | 'month'; at: number }> = [];
  let line = 0;
  const onRow = (row: string[]) => {
    line += 1;
    if (header === null) {
      header = row.map((h) => String(h).replace(/^\uFEFF/, '').trim());
      const headerNow = header;
      columns = fields.flatMap(({ field, type }) => {
        const source = options.mapping[field];
        const at = source === null || source === undefined ? -1 : headerNow.indexOf(source);
        return at < 0 ? [] : [{ field, type, at }];
      });
      for (const { field, required } of fields) {
        if (required && !columns.some((c) => c.field === field)) fail(1, field, `no column is mapped to the required field '${field}'`);
      }
      return;
    }
    parsed.rows += 1;
    if (row.length !== header.length) {
      fail(line, null, `this row has ${row.length} fields but the header has ${header.length} (an unquoted comma, or a missing value?); the row was left out`);
      return;
    }
    const record: RawRecord = {};
    const subscription: RawRecord = {};
    let ok = true;
    for (const { field, type, at } of columns) {
      const text = String(row[at] ?? '').trim();
      if (text === '') continue;
      const converted = convert(type, text, options.dateFormat);
      if ('error' in converted) {
        fail(line, field, `${converted.error}; the row was left out`);
        ok = false;
        continue;
      }
      if (subscriptionFields.has(field)) subscription[field] = converted.value;
      else record[field] = converted.value;
    }
    if (!ok) return;
    parsed.records.push(record);
    parsed.lines.push(line);
    if (Object.keys(subscription).length > 0) parsed.subscriptions.push({ line, record: { ...subscription, accountId: record.id } });
  };
  return new Promise((resolve) => {
    const text = typeof input === 'string' ? input.replace(/^\uFEFF/, '') : input;
    Papa.parse<string[]>(text as never, {
      header: false,
      skipEmptyLines: 'greedy',
      chunkSize: CHUNK_BYTES,
      chunk: (results) => {
        for (const row of results.data) onRow(row);
        for (const error of results.errors) if (error.type === 'Quotes') fail(line, null, `CSV: ${error.message}`);
        onProgress?.(Math.min(1, (results.meta.cursor ?? 0) / Math.max(1, total)), parsed.rows);
      },
      complete: () => {
        if (header === null) fail(0, null, 'the file is empty');
        else if (parsed.rows === 0) parsed.issues.push({ severity: 'warning', file: fileName, collection, line: 0, field: null, message: 'the file has a header but no rows' });
        onProgress?.(1, parsed.rows);
        resolve(parsed);
      },
      error: (error: Error) => {
        fail(0, null, `could not read the file: ${error.message}`);
        resolve(parsed);
      },
    });
  });
}

function parseJson(parsed: ParsedFile, text: string, fail: (line: number, field: string | null, message: string) => void): ParsedFile {
  parsed.format = 'json';
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    fail(0, null, `not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    return parsed;
  }
  const records = Array.isArray(value) ? value : typeof value === 'object' && value !== null && Object.prototype.hasOwnProperty.call(value, parsed.collection)
    ? (value as Record<string, unknown>)[parsed.collection] : undefined;
  if (!Array.isArray(records)) {
    fail(0, null, `expected an array of ${parsed.collection} records, or an object with a '${parsed.collection}' array`);
    return parsed;
  }
  parsed.rows = records.length;
  // Records stay as they are (validateDataset checks them); JSON dates must already be YYYY-MM-DD.
  records.forEach((record, i) => {
    parsed.records.push(record as RawRecord);
    parsed.lines.push(i + 1);
  });
  return parsed;
}

/** Reads a file's start for `inspectText` without reading all of it. */
export async function inspectFile(collection: CollectionName, file: File): Promise<Inspection> {
  const text = await file.slice(0, SAMPLE_BYTES).text();
  const inspection = inspectText(collection, file.name, text);
  // A JSON file is read whole: its shape is only known at its end.
  return file.size > SAMPLE_BYTES && inspection.format === 'json' ? { ...inspection, problem: null } : inspection;
}
