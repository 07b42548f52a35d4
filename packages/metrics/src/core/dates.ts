/**
 * Calendar helpers for `YYYY-MM-DD` dates and `YYYY-MM` months (SPEC 0).
 *
 * Dates are civil calendar values with no time zone, so they are never handed to `Date`: a month is turned into
 * an integer index (`year * 12 + month - 1`) and a date into a day number (days since 1970-01-01, proleptic
 * Gregorian), which makes "add a month" or "days between" plain integer arithmetic.
 */
import type { DateString, Month, Period } from './types.js';


export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The value of the digit at `position`, or -1 when it is not an ASCII digit. */
function digit(value: string, position: number): number {
  const code = value.charCodeAt(position) - 48;
  return code >= 0 && code <= 9 ? code : -1;
}

/** The month (1-12) of a `YYYY-MM` prefix, or 0 when it is not one: read by char code, no pattern (validation runs per record). */
function monthPart(value: string): number {
  if (value.charCodeAt(4) !== 45 || digit(value, 0) < 0 || digit(value, 1) < 0 || digit(value, 2) < 0 || digit(value, 3) < 0) return 0;
  const tens = digit(value, 5);
  const ones = digit(value, 6);
  if (tens < 0 || ones < 0) return 0;
  const month = tens * 10 + ones;
  return month >= 1 && month <= 12 ? month : 0;
}

/** True for an existing calendar date such as `2024-02-29`; `2025-02-29` and `2025-1-5` are false. */
export function isValidDate(value: unknown): value is DateString {
  if (typeof value !== 'string' || value.length !== 10 || value.charCodeAt(7) !== 45) return false;
  const month = monthPart(value);
  const tens = digit(value, 8);
  const ones = digit(value, 9);
  if (month === 0 || tens < 0 || ones < 0) return false;
  const day = tens * 10 + ones;
  return day >= 1 && day <= daysInMonth(yearOf(value), month);
}

export function isValidMonth(value: unknown): value is Month {
  return typeof value === 'string' && value.length === 7 && monthPart(value) !== 0;
}

/** '00' to '99': months and days are written millions of times when a large dataset is generated or answered. */
const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => (n < 10 ? `0${n}` : String(n)));

function pad(value: number, width: number): string {
  if (width === 2 && value >= 0 && value < 100 && (value | 0) === value) return TWO_DIGITS[value] as string;
  if (width === 4 && value >= 1000 && value < 10000 && (value | 0) === value) return String(value);
  return String(value).padStart(width, '0');
}

/** The digit at `position` of a date or month string. */
function digitAt(value: string, position: number): number {
  return value.charCodeAt(position) - 48;
}

function yearOf(value: string): number {
  return digitAt(value, 0) * 1000 + digitAt(value, 1) * 100 + digitAt(value, 2) * 10 + digitAt(value, 3);
}

/**
 * `2025-03` -> 24302 (`2025 * 12 + 2`); months compare and subtract as integers. A date gives its month's index.
 * Reads digits by char code: this runs once per record on 100k-account datasets.
 */
export function monthIndex(month: Month | DateString): number {
  return yearOf(month) * 12 + digitAt(month, 5) * 10 + digitAt(month, 6) - 1;
}

/**
 * 24302 -> `2025-03`. A month before `0000-01` (reached by arithmetic, e.g. the month before a period that starts
 * in year 0) is written with a sign as ISO 8601's expanded years are (`-0001-12`); `isValidMonth` rejects it, so it
 * can be shown but never passed back in as input.
 */
export function monthFromIndex(index: number): Month {
  const year = Math.floor(index / 12);
  const month = pad(index - year * 12 + 1, 2);
  return year < 0 ? `-${pad(-year, 4)}-${month}` : `${pad(year, 4)}-${month}`;
}

/** Whether month index `month` lies in the period given as month indexes, both ends inclusive. */
export function monthInRange(month: number, from: number, to: number): boolean {
  return month >= from && month <= to;
}

/** Whether a date (or month) falls in a period, both ends inclusive (SPEC 0). */
export function inPeriod(date: DateString | Month, period: Period): boolean {
  return monthInRange(monthIndex(date), monthIndex(period.from), monthIndex(period.to));
}

export function addMonthsToMonth(month: Month, count: number): Month {
  return monthFromIndex(monthIndex(month) + count);
}

/** The month a date falls in: `2025-03-17` -> `2025-03`. */
export function monthOf(date: DateString): Month {
  return date.slice(0, 7);
}

export function firstDayOfMonth(month: Month): DateString {
  return `${month}-01`;
}

export function isLastDayOfMonth(date: DateString): boolean {
  const day = digitAt(date, 8) * 10 + digitAt(date, 9);
  return day === daysInMonth(yearOf(date), digitAt(date, 5) * 10 + digitAt(date, 6));
}

export function lastDayOfMonth(month: Month): DateString {
  const year = Number(month.slice(0, 4));
  const monthNumber = Number(month.slice(5, 7));
  return `${month}-${pad(daysInMonth(year, monthNumber), 2)}`;
}

/** Days since 1970-01-01 (Howard Hinnant's days_from_civil), exact for any Gregorian date. */
export function dayNumber(date: DateString): number {
  return dayNumberFromCivil(yearOf(date), digitAt(date, 5) * 10 + digitAt(date, 6), digitAt(date, 8) * 10 + digitAt(date, 9));
}

/** Year, month (1-12) and day of a day number; the inverse of {@link dayNumber} before formatting. */
function civilFromDayNumber(days: number): [year: number, month: number, day: number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

function dayNumberFromCivil(year: number, month: number, day: number): number {
  const y = year - (month <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  return era * 146097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719468;
}

/** Inverse of {@link dayNumber} (years before 0 are written with a sign, as in {@link monthFromIndex}). */
export function dateFromDayNumber(days: number): DateString {
  const [year, month, day] = civilFromDayNumber(days);
  return `${year < 0 ? `-${pad(-year, 4)}` : pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** The month index (as `monthIndex`) of a day number. */
export function monthIndexOfDayNumber(days: number): number {
  const [year, month] = civilFromDayNumber(days);
  return year * 12 + month - 1;
}

/** Whether a day number is the last day of its month. */
export function isLastDayNumberOfMonth(days: number): boolean {
  return civilFromDayNumber(days + 1)[2] === 1;
}

/** {@link addMonths} on day numbers, without building strings: for hot loops. */
export function addMonthsToDayNumber(days: number, count: number): number {
  const [year, month, day] = civilFromDayNumber(days);
  const target = year * 12 + month - 1 + count;
  const targetYear = Math.floor(target / 12);
  const targetMonth = target - targetYear * 12 + 1;
  return dayNumberFromCivil(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

export function addDays(date: DateString, count: number): DateString {
  return dateFromDayNumber(dayNumber(date) + count);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: DateString, to: DateString): number {
  return dayNumber(to) - dayNumber(from);
}

/**
 * Adds calendar months to a date. A day that does not exist in the target month is clamped to its last day
 * (`2025-01-31` + 1 month = `2025-02-28`), the usual contract-term convention.
 */
export function addMonths(date: DateString, count: number): DateString {
  return dateFromDayNumber(addMonthsToDayNumber(dayNumber(date), count));
}

/** Every month of a period, both ends included, in order. */
export function monthsOf(period: Period): Month[] {
  const months: Month[] = [];
  const last = monthIndex(period.to);
  for (let index = monthIndex(period.from); index <= last; index += 1) months.push(monthFromIndex(index));
  return months;
}

/** Throws a `RangeError` naming the option when a period is malformed or runs backwards. */
export function assertPeriod(period: Period, name = 'period'): void {
  if (typeof period !== 'object' || period === null) {
    throw new TypeError(`${name} must be an object { from: 'YYYY-MM', to: 'YYYY-MM' }`);
  }
  if (!isValidMonth(period.from)) throw new RangeError(`${name}.from must be a month 'YYYY-MM', got ${JSON.stringify(period.from)}`);
  if (!isValidMonth(period.to)) throw new RangeError(`${name}.to must be a month 'YYYY-MM', got ${JSON.stringify(period.to)}`);
  if (period.to < period.from) throw new RangeError(`${name}.to (${period.to}) is before ${name}.from (${period.from})`);
}

export function assertMonth(month: Month, name: string): void {
  if (!isValidMonth(month)) throw new RangeError(`${name} must be a month 'YYYY-MM', got ${JSON.stringify(month)}`);
}

export function assertDate(date: DateString, name: string): void {
  if (!isValidDate(date)) throw new RangeError(`${name} must be a date 'YYYY-MM-DD', got ${JSON.stringify(date)}`);
}

/** The default period (`defaultPeriod`): twelve months ending in the month `latest`; 2025 without one. */
export function periodEndingIn(latest: string | null): Period {
  if (latest === null || !isValidMonth(latest.slice(0, 7))) return { from: '2025-01', to: '2025-12' };
  const year = Number(latest.slice(0, 4));
  const month = Number(latest.slice(5, 7));
  const to = latest.slice(0, 7);
  const from = `${String(month === 12 ? year : year - 1).padStart(4, '0')}-${String((month % 12) + 1).padStart(2, '0')}`;
  return { from: year === 0 && month < 12 ? '0000-01' : from, to };
}
