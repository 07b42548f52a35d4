import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeCsvCell, toCsv } from './csv.js';

describe('CSV export', () => {
  it('escapes cells a spreadsheet would run as formulas', () => {
    expect(escapeCsvCell('=HYPERLINK("http://evil","click")')).toBe(`"'=HYPERLINK(""http://evil"",""click"")"`);
    expect(escapeCsvCell('+1 555')).toBe("'+1 555");
    expect(escapeCsvCell('-2+3')).toBe("'-2+3");
    expect(escapeCsvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(escapeCsvCell('\tTabbed')).toBe(`"'\tTabbed"`);
    expect(escapeCsvCell('\rReturn')).toBe(`"'\rReturn"`);
  });

  it('leaves ordinary text and numbers alone, quotes commas, quotes and line breaks', () => {
    expect(escapeCsvCell('Acme')).toBe('Acme');
    expect(escapeCsvCell('北京科技')).toBe('北京科技');
    expect(escapeCsvCell(-500)).toBe('-500');
    expect(escapeCsvCell(0.25)).toBe('0.25');
    expect(escapeCsvCell(Number.NaN)).toBe('');
    expect(escapeCsvCell(null)).toBe('');
    expect(escapeCsvCell('Smith, Jones')).toBe('"Smith, Jones"');
    expect(escapeCsvCell('say "hi"')).toBe('"say ""hi"""');
    expect(escapeCsvCell('a\nb')).toBe('"a\nb"');
  });

  it('quotes any field with a character a spreadsheet may split on, so no part of it becomes a cell (OWASP)', () => {
    expect(escapeCsvCell('Acme;=1+1')).toBe('"Acme;=1+1"');
    expect(escapeCsvCell('Acme\t=1+1')).toBe('"Acme\t=1+1"');
    expect(escapeCsvCell('Acme,=1+1')).toBe('"Acme,=1+1"');
  });

  it('property: every field with a separator, quote or line break is quoted, and round-trips', () => {
    fc.assert(fc.property(fc.string(), (text) => {
      const cell = escapeCsvCell(text);
      if (/[",;\t\r\n]/.test(text)) {
        expect(cell.startsWith('"') && cell.endsWith('"')).toBe(true);
        const inner = cell.slice(1, -1).replace(/""/g, '"');
        expect(inner).toBe(/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
      } else {
        expect(/[;\t]/.test(cell)).toBe(false);
      }
    }));
  });

  it('joins rows with CRLF', () => {
    expect(toCsv(['Account', 'ARR'], [['=1+1', 100], ['Beta', null]])).toBe("Account,ARR\r\n'=1+1,100\r\nBeta,\r\n");
  });
});

describe('numbers in CSV', () => {
  it('carry no floating-point noise, and keep every real digit', () => {
    expect(escapeCsvCell(227749585.7999999)).toBe('227749585.8');
    expect(escapeCsvCell(0.1 + 0.2)).toBe('0.3');
    expect(escapeCsvCell(1234567.891)).toBe('1234567.891');
    expect(escapeCsvCell(0.953)).toBe('0.953');
    expect(escapeCsvCell(-884612)).toBe('-884612');
  });
});
