/** Cell readers: dates per column without a `Date`, amounts as exports print them (properties and worked cases). */
import { addDays, isValidDate } from '@cskit/metrics';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monthsPerInterval } from './amounts.js';
import { dateFormatOption, decideDateFormat, toIsoDate, toNumber } from './cells.js';

const day = fc.integer({ min: 0, max: 40_000 }).map((n) => addDays('1990-01-01', n));
const write = (iso: string, format: 'M/D/YYYY' | 'D/M/YYYY') => {
  const [y, m, d] = [iso.slice(0, 4), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))];
  return format === 'M/D/YYYY' ? `${m}/${d}/${y}` : `${d}/${m}/${y}`;
};

describe('dates', () => {
  it('a column written in one format reads back to the same days once any value decides it (property)', () => {
    fc.assert(fc.property(fc.array(day, { minLength: 1, maxLength: 30 }), fc.constantFrom('M/D/YYYY' as const, 'D/M/YYYY' as const), (days, format) => {
      const cells = days.map((d) => write(d, format));
      const decided = decideDateFormat(cells);
      const decisive = days.some((d) => Number(d.slice(8, 10)) > 12);
      // Without a day above 12 nothing proves the format: 'ambiguous', or M/D/YYYY when every day equals its month.
      if (decisive) expect(decided).toBe(format);
      else expect(decided).toBe(days.every((d) => d.slice(5, 7) === d.slice(8, 10)) ? 'M/D/YYYY' : 'ambiguous');
      const read = cells.map((c) => toIsoDate(c, format));
      expect(read).toEqual(days.map((value) => ({ value })));
      for (const r of read) if ('value' in r) expect(isValidDate(r.value)).toBe(true);
    }));
  });

  it('a day that is also a valid month alone (03/03/2024) decides nothing, and reads the same either way', () => {
    expect(decideDateFormat(['03/03/2024', '12/12/2024'])).toBe('M/D/YYYY');
    expect(decideDateFormat(['03/04/2024'])).toBe('ambiguous');
    expect(decideDateFormat(['13/04/2024', '04/13/2024'])).toBe('mixed');
  });

  it('names the formats the option accepts', () => {
    expect(['M/D/YYYY', 'mm/dd/yyyy', 'MDY', 'D/M/YYYY', 'dd.mm.yyyy', 'YYYY-MM-DD', 'iso', 'yyyy/mm/dd'].map(dateFormatOption))
      .toEqual(['M/D/YYYY', 'M/D/YYYY', 'M/D/YYYY', 'D/M/YYYY', 'D/M/YYYY', 'YYYY-MM-DD', 'YYYY-MM-DD', 'YYYY-MM-DD']);
    expect(dateFormatOption('DD-MMM-YY')).toBeNull();
  });
});

describe('numbers and intervals', () => {
  it('reads amounts as exports print them and refuses guesses', () => {
    expect(['1200.5', '$1,200.50', '1,200.50 GBP', 'EUR 99', '-€5', '1e3'].map((t) => toNumber(t))).toEqual(
      [1200.5, 1200.5, 1200.5, 99, -5, 1000].map((value) => ({ value })),
    );
    for (const bad of ['1.200,50', '1,20,000', '0x3E8', 'Infinity', '', '12abc']) expect(toNumber(bad)).toHaveProperty('error');
  });

  it('months per billing interval', () => {
    expect(['month', 'Monthly', 'quarter', 'year', 'annual', '6 months', '2 years', 'week', 'every 3 months'].map((t) => monthsPerInterval(t)))
      .toEqual([1, 1, 3, 12, 12, 6, 24, 12 / 52, 3]);
    expect(monthsPerInterval('year', 2)).toBe(24);
    expect(monthsPerInterval('fortnight')).toBeNull();
    expect(monthsPerInterval('0 months')).toBeNull();
  });
});
