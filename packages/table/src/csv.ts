/**
 * CSV export. Text cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or
 * carriage return) get a leading apostrophe, as OWASP advises against CSV injection; numbers are written as
 * numbers, at 15 significant digits, which drops the binary noise of sums (227749585.7999999 is written 227749585.8). Fields with a quote, a line break or any character a spreadsheet may split on (comma, semicolon, tab)
 * are quoted (RFC 4180, and OWASP: `Acme;=1+1` must not become a cell `=1+1` where `;` separates); lines end with
 * CRLF.
 */
export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function escapeCsvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(Number(value.toPrecision(15))) : '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",;\t\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>): string {
  const lines = [header.map(escapeCsvCell).join(',')];
  for (const row of rows) lines.push(row.map(escapeCsvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** Saves `csv` as a file in the browser (with a BOM so spreadsheet apps read UTF-8, e.g. Chinese names). */
export function downloadCsv(filename: string, csv: string): void {
  const blob = new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
