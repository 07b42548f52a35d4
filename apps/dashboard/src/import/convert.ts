/**
 * Cell text to contract values, with no guessing the user did not confirm: dates in the format the user picked
 * (ISO, m/d/yyyy or d/m/yyyy) become `YYYY-MM-DD` strings without a `Date`, numbers are read as `@cskit/import`
 * reads them, and what cannot be read is an issue, never a silently different value.
 */
import { decideDateFormat, toIsoDate as readDate, toIsoMonth as readMonth, toNumber as readNumber } from '@cskit/import';
import type { DateFormat as ImportDateFormat } from '@cskit/import';
import type { CollectionName } from '@cskit/metrics';
import { importFields, namesOf, normalizeHeader } from './fields.js';

export type DateFormat = 'iso' | 'mdy' | 'dmy';

export const DATE_FORMATS: readonly DateFormat[] = ['iso', 'mdy', 'dmy'];

/** What a cell became: a value, or why it could not be read. */
export type Converted = { value: string | number } | { error: string };

/** The demo's date choices as `@cskit/import` names them: the reading rules live there, once. */
const FORMATS = { iso: 'YYYY-MM-DD', mdy: 'M/D/YYYY', dmy: 'D/M/YYYY' } as const satisfies Record<DateFormat, ImportDateFormat>;

/** A date cell in `format` as `YYYY-MM-DD` (the day's existence is `validateDataset`'s check), or why not. */
export function toIsoDate(text: string, format: DateFormat): Converted {
  return readDate(text, FORMATS[format]);
}

/** A month cell (`YYYY-MM`, or a date in `format`, whose month it takes) as `YYYY-MM`. */
export function toIsoMonth(text: string, format: DateFormat): Converted {
  return readMonth(text, FORMATS[format]);
}

/** A number cell, as `@cskit/import` reads amounts (`1200.5`, `$1,200.50`; never `0x3E8` or `1.200,50`). */
export function toNumber(text: string): Converted {
  return readNumber(text);
}

/**
 * The date format a column's samples can be in: `iso` when no sample is day/month/year; else as `@cskit/import`
 * decides it (day-first when a first part exceeds 12, month-first when a second does), null when the samples
 * read two ways (the user picks).
 */
export function guessDateFormat(samples: readonly string[]): DateFormat | null {
  const decided = decideDateFormat(samples);
  return decided === 'YYYY-MM-DD' ? 'iso' : decided === 'D/M/YYYY' ? 'dmy' : decided === 'M/D/YYYY' ? 'mdy' : null;
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
