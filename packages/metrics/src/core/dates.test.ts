import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, dateFromDayNumber, dayNumber, isValidDate, isValidMonth, lastDayOfMonth, monthFromIndex, monthIndex, monthsOf } from './dates.js';

describe('dates', () => {
  it('validates calendar dates including leap years', () => {
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('2025-02-29')).toBe(false);
    expect(isValidDate('2000-02-29')).toBe(true);
    expect(isValidDate('1900-02-29')).toBe(false);
    expect(isValidDate('2025-04-31')).toBe(false);
    expect(isValidDate('2025-4-03')).toBe(false);
    expect(isValidMonth('2025-12')).toBe(true);
    expect(isValidMonth('2025-00')).toBe(false);
  });

  it('reads dates and months by char code exactly as the patterns YYYY-MM-DD and YYYY-MM with real days do (property)', () => {
    const reference = (value: string, date: boolean) => {
      const match = (date ? /^(\d{4})-(\d{2})-(\d{2})$/ : /^(\d{4})-(\d{2})$/).exec(value);
      if (!match) return false;
      const month = Number(match[2]);
      if (month < 1 || month > 12) return false;
      if (!date) return true;
      const year = Number(match[1]);
      const days = month === 2 ? ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
      return Number(match[3]) >= 1 && Number(match[3]) <= days;
    };
    const chars = fc.constantFrom(...'0123456789-/ a+٣'.split(''));
    const text = fc.oneof(fc.string({ unit: chars, minLength: 6, maxLength: 11 }), fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)));
    fc.assert(fc.property(text, (value) => {
      expect(isValidDate(value)).toBe(reference(value, true));
      expect(isValidMonth(value)).toBe(reference(value, false));
      expect(isValidMonth(value.slice(0, 7))).toBe(reference(value.slice(0, 7), false));
    }), { numRuns: 2000 });
    expect([isValidDate(20250101), isValidMonth(null), isValidDate('2025-02-29'), isValidDate('2024-02-29')]).toEqual([false, false, false, true]);
  });

  it('does month and day arithmetic without Date', () => {
    expect(monthIndex('2025-03')).toBe(2025 * 12 + 2);
    expect(monthFromIndex(monthIndex('2025-01') - 1)).toBe('2024-12');
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('2000-03-01') - dayNumber('2000-02-28')).toBe(2);
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(lastDayOfMonth('2024-02')).toBe('2024-02-29');
    expect(monthsOf({ from: '2024-11', to: '2025-02' })).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
  });

  it('writes every day of years 0000-9999 as ISO 8601 does (UTC, the reference only), and months likewise', () => {
    const first = dayNumber('0000-01-01');
    const last = dayNumber('9999-12-31');
    fc.assert(fc.property(fc.integer({ min: first, max: last }), (days) => {
      const iso = new Date(days * 86_400_000).toISOString().slice(0, 10);
      expect(dateFromDayNumber(days)).toBe(iso);
      expect(monthFromIndex(monthIndex(iso))).toBe(iso.slice(0, 7));
    }), { numRuns: 2000 });
    expect([first, first + 59, dayNumber('0999-12-31'), dayNumber('1000-01-01'), last].map(dateFromDayNumber)).toEqual(['0000-01-01', '0000-02-29', '0999-12-31', '1000-01-01', '9999-12-31']);
    expect([dateFromDayNumber(first - 1), monthFromIndex(-1), monthFromIndex(12 * 10_000)]).toEqual(['-0001-12-31', '-0001-12', '10000-01']);
  });

  it('round-trips day numbers for any date', () => {
    fc.assert(fc.property(fc.integer({ min: -200_000, max: 200_000 }), (days) => {
      const date = dateFromDayNumber(days);
      return isValidDate(date) && dayNumber(date) === days;
    }));
  });
});
