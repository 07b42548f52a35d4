/**
 * Cell text to contract values, deciding what the data says and guessing nothing it does not: dates become
 * `YYYY-MM-DD` strings without a `Date` (no time zone can move a day), each date column's format is decided from all
 * its values after mapping (day-first or month-first only when some value proves it), numbers are decimals (an
 * amount may carry a currency sign and comma thousands). What cannot be read is an error naming the value.
 */
import { isValidDate, isValidMonth } from '@cskit/metrics';

export type DateFormat = 'YYYY-MM-DD' | 'M/D/YYYY' | 'D/M/YYYY';
export type Converted<T> = { value: T } | { error: string };

const ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|UTC|[+-]\d{2}:?\d{2})?)?$/i;
const DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?$/;
const pad = (n: string) => n.padStart(2, '0');

/** A `dateFormat` option (`'M/D/YYYY'`, `'mm/dd/yyyy'`, `'iso'`...) as a format, or null when it names none. */
export function dateFormatOption(option: string): DateFormat | null {
  const o = option.trim().toUpperCase();
  if (o === 'ISO' || /^Y{4}[/.-]M{1,2}[/.-]D{1,2}$/.test(o)) return 'YYYY-MM-DD';
  if (o === 'MDY' || /^M{1,2}[/.-]D{1,2}[/.-]Y{4}$/.test(o)) return 'M/D/YYYY';
  if (o === 'DMY' || /^D{1,2}[/.-]M{1,2}[/.-]Y{4}$/.test(o)) return 'D/M/YYYY';
  return null;
}

/**
 * A date column's format from all its values: ISO-like values (`2024-03-01`, `2024/03/01`, timestamps) read as such
 * whatever the rest (`YYYY-MM-DD` when no value is day/month/year); day/month/year values are day-first when a first
 * part exceeds 12, month-first when a second does; `ambiguous` when some value reads two ways (`03/04/2024`) and none
 * decides; `mixed` when both are proved.
 */
export function decideDateFormat(values: Iterable<string>): DateFormat | 'ambiguous' | 'mixed' {
  let firstOver = false;
  let secondOver = false;
  let twoWays = false;
  let dayMonthYear = false;
  for (const value of values) {
    const parts = DMY.exec(value.trim());
    if (!parts) continue;
    dayMonthYear = true;
    const first = Number(parts[1]);
    const second = Number(parts[2]);
    if (first > 12) firstOver = true;
    if (second > 12) secondOver = true;
    if (first !== second && first <= 12 && second <= 12) twoWays = true;
  }
  if (!dayMonthYear) return 'YYYY-MM-DD';
  if (firstOver && secondOver) return 'mixed';
  if (firstOver) return 'D/M/YYYY';
  if (secondOver) return 'M/D/YYYY';
  return twoWays ? 'ambiguous' : 'M/D/YYYY';
}

/** A date cell as an existing `YYYY-MM-DD` day (`2024-02-30` is refused where it is read, with its line). */
export function toIsoDate(text: string, format: DateFormat): Converted<string> {
  const read = readDate(text.trim(), format);
  if ('error' in read || isValidDate(read.value)) return read;
  return { error: `'${text.trim()}' is not a date that exists` };
}

function readDate(value: string, format: DateFormat): Converted<string> {
  const iso = ISO.exec(value);
  if (iso) return { value: `${iso[1]}-${pad(iso[2] as string)}-${pad(iso[3] as string)}` };
  const parts = format === 'YYYY-MM-DD' ? null : DMY.exec(value);
  if (!parts) return { error: `'${value}' is not a date in the form ${format === 'YYYY-MM-DD' ? 'YYYY-MM-DD' : `${format} or YYYY-MM-DD`}` };
  const [month, day] = format === 'M/D/YYYY' ? [parts[1], parts[2]] : [parts[2], parts[1]];
  return { value: `${parts[3]}-${pad(month as string)}-${pad(day as string)}` };
}

/** A month cell (`YYYY-MM`, or a date, whose month it takes) as `YYYY-MM`. */
export function toIsoMonth(text: string, format: DateFormat): Converted<string> {
  const month = /^(\d{4})[-/.](\d{1,2})$/.exec(text.trim());
  if (month) {
    const value = `${month[1]}-${pad(month[2] as string)}`;
    return isValidMonth(value) ? { value } : { error: `'${text.trim()}' is not a month that exists` };
  }
  const date = toIsoDate(text, format);
  return 'value' in date ? { value: date.value.slice(0, 7) } : { error: `'${text.trim()}' is not a month in the form YYYY-MM` };
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/**
 * A number cell: a plain decimal, or an amount as exports print it (`$1,200.50`, `1,200.50 GBP`: a leading or
 * trailing currency sign or code, comma thousands with a point decimal). `1.200,50`, `0x3E8` and `Infinity` are
 * refused: reading them would be a guess.
 */
export function toNumber(text: string): Converted<number> {
  const raw = text.trim();
  const bare = raw.replace(/^[A-Z]{3}\s*|\s*[A-Z]{3}$/g, '').replace(/^([+-]?)[$€£¥]\s*/, '$1');
  const plain = GROUPED.test(bare) ? bare.replace(/,/g, '') : bare;
  if (!DECIMAL.test(plain)) return { error: `'${raw}' is not a number (write 1200.5; thousands as 1,200.5)` };
  const value = Number(plain);
  return Number.isFinite(value) ? { value } : { error: `'${raw}' is too large a number` };
}
