/**
 * Cell text to contract values, with no guessing the user did not confirm: dates in the format the user picked
 * (ISO, m/d/yyyy or d/m/yyyy) become `YYYY-MM-DD` strings without a `Date`, numbers must be plain decimals (no hex,
 * no thousands separators), and what cannot be read is an issue, never a silently different value.
 */
import type { CollectionName } from '@cskit/metrics';
import { importFields, namesOf, normalizeHeader } from './fields.js';

export type DateFormat = 'iso' | 'mdy' | 'dmy';

export const DATE_FORMATS: readonly DateFormat[] = ['iso', 'mdy', 'dmy'];

/** What a cell became: a value, or why it could not be read. */
export type Converted = { value: string | number } | { error: string };

const pad = (n: string) => n.padStart(2, '0');

/** A date cell in `format` as `YYYY-MM-DD` (the day's existence is `validateDataset`'s check), or why not. */
export function toIsoDate(text: string, format: DateFormat): Converted {
  const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$/.exec(text);
  if (format === 'iso') {
    return iso ? { value: `${iso[1]}-${pad(iso[2] as string)}-${pad(iso[3] as string)}` } : { error: `'${text}' is not a date in the form YYYY-MM-DD` };
  }
  const parts = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (!parts) {
    const example = format === 'mdy' ? 'm/d/yyyy' : 'd/m/yyyy';
    return iso ? { value: `${iso[1]}-${pad(iso[2] as string)}-${pad(iso[3] as string)}` } : { error: `'${text}' is not a date in the form ${example}` };
  }
  const [month, day] = format === 'mdy' ? [parts[1], parts[2]] : [parts[2], parts[1]];
  return { value: `${parts[3]}-${pad(month as string)}-${pad(day as string)}` };
}

/** A month cell (`YYYY-MM`, or a date in `format`, whose month it takes) as `YYYY-MM`. */
export function toIsoMonth(text: string, format: DateFormat): Converted {
  const month = /^(\d{4})[-/.](\d{1,2})$/.exec(text);
  if (month) return { value: `${month[1]}-${pad(month[2] as string)}` };
  const date = toIsoDate(text, format);
  return 'value' in date ? { value: (date.value as string).slice(0, 7) } : { error: `'${text}' is not a month in the form YYYY-MM` };
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A plain decimal number; `0x3E8`, `1,000`, `1 000` and `Infinity` are not numbers here (say so, do not guess). */
export function toNumber(text: string): Converted {
  if (!DECIMAL.test(text)) return { error: `'${text}' is not a decimal number (write 1000 or 1000.5: no thousands separators, no hex)` };
  const value = Number(text);
  return Number.isFinite(value) ? { value } : { error: `'${text}' is too large a number` };
}

/**
 * The date format a column's samples can be in: `iso` when they are all YYYY-MM-DD; for d/m/y-like samples `dmy`
 * when a first part exceeds 12, `mdy` when a second part does, else null (ambiguous: the user picks).
 */
export function guessDateFormat(samples: readonly string[]): DateFormat | null {
  // Only date-like cells decide (a shifted row may put a name in a date column).
  const isoLike = (v: string) => /^\d{4}[-/.]\d{1,2}([-/.]\d{1,2})?/.test(v);
  const values = samples.map((s) => s.trim()).filter((v) => isoLike(v) || /^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}$/.test(v));
  if (values.every(isoLike)) return 'iso';
  let firstOver = false;
  let secondOver = false;
  for (const v of values) {
    const parts = /^(\d{1,2})[/.-](\d{1,2})[/.-]\d{4}$/.exec(v);
    if (!parts) continue;
    if (Number(parts[1]) > 12) firstOver = true;
    if (Number(parts[2]) > 12) secondOver = true;
  }
  if (firstOver && !secondOver) return 'dmy';
  if (secondOver && !firstOver) return 'mdy';
  return null;
}

/** Which column feeds each field (null: none), by field name. */
export type ColumnMapping = Record<string, string | null>;

/**
 * A first mapping of a file's headers to the collection's fields: exact names first, then the names real exports
 * use (`Customer ID` -> `accountId`); each header feeds one field at most.
 */
export function guessMapping(collection: CollectionName, headers: readonly string[]): ColumnMapping {
  const fields = importFields(collection);
  const mapping: ColumnMapping = Object.fromEntries(fields.map((f) => [f.field, null]));
  const used = new Set<string>();
  const take = (field: string, header: string) => { mapping[field] = header; used.add(header); };
  for (const { field } of fields) {
    const exact = headers.find((h) => !used.has(h) && normalizeHeader(h) === normalizeHeader(field));
    if (exact !== undefined) take(field, exact);
  }
  for (const { field } of fields) {
    if (mapping[field] !== null) continue;
    const names = namesOf(collection, field);
    const found = headers.find((h) => !used.has(h) && names.includes(normalizeHeader(h)));
    if (found !== undefined) take(field, found);
  }
  return mapping;
}

/** Whether a mapping is the contract's own header (nothing to confirm): every header is its field's name. */
export function isIdentity(mapping: ColumnMapping, headers: readonly string[]): boolean {
  return headers.every((h) => h === '' || mapping[h] === h);
}

/** A key of a file's shape (its collection and headers), under which its mapping is remembered. */
export function shapeKey(collection: CollectionName, headers: readonly string[]): string {
  return `cskit-import:${collection}:${headers.map(normalizeHeader).join('|')}`;
}
