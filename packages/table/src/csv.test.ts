import { describe, expect, it } from 'vitest';
import { escapeCsvCell, toCsv } from './csv.js';

describe('CSV export', () => {
  it('escapes cells a spreadsheet would run as formulas', () => {
    expect(escapeCsvCell('=HYPERLINK("http://evil","click")')).toBe(`"'=HYPERLINK(""http://evil"",""click"")"`);
    expect(escapeCsvCell('+1 555')).toBe("'+1 555");
    expect(escapeCsvCell('-2+3')).toBe("'-2+3");
    expect(escapeCsvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(escapeCsvCell('\tTabbed')).toBe("'\tTabbed");
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

  it('joins rows with CRLF', () => {
    expect(toCsv(['Account', 'ARR'], [['=1+1', 100], ['Beta', null]])).toBe("Account,ARR\r\n'=1+1,100\r\nBeta,\r\n");
  });
});
