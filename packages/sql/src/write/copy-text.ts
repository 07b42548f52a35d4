/**
 * Rows in PostgreSQL's `COPY ... FROM STDIN` text format, for bulk writes (`SqlClient.copyIn`): one line per row,
 * columns separated by a tab, `\N` for NULL, and in text a backslash, newline, carriage return and tab escaped with a
 * backslash (PostgreSQL's "COPY" page, "Text Format"). NUL cannot be sent (PostgreSQL's text cannot hold it:
 * `writeDataset` refuses such data for PostgreSQL before writing). Written by hand: the format is four escapes, and
 * the CSV libraries quote for CSV, which COPY reads differently (empty string versus NULL).
 */

const SPECIAL = /[\\\n\r\t]/;
const SPECIALS = /[\\\n\r\t]/g;

/** A value as a text-format field: `\N` for null or undefined, numbers as JavaScript prints them, text escaped. */
export function copyField(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  // String(-0) is '0': a negative zero is written as one (money never is, but a double column keeps what it is given).
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  const text = String(value);
  // Most text (ids, names, segments) has nothing to escape: tested first, it is not rebuilt.
  return SPECIAL.test(text) ? text.replace(SPECIALS, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t')) : text;
}

/** Rows per chunk handed to the driver (a chunk is one string of whole lines). */
export const COPY_CHUNK_ROWS = 50_000;

/** The lines of `count` rows, `cell(row, column)` each, a chunk of `COPY_CHUNK_ROWS` rows at a time. */
export function* copyChunks(count: number, columns: number, cell: (row: number, column: number) => unknown): Generator<string> {
  for (let start = 0; start < count; start += COPY_CHUNK_ROWS) {
    const end = Math.min(count, start + COPY_CHUNK_ROWS);
    const lines: string[] = [];
    for (let row = start; row < end; row += 1) {
      const fields: string[] = [];
      for (let column = 0; column < columns; column += 1) fields.push(copyField(cell(row, column)));
      lines.push(`${fields.join('\t')}\n`);
    }
    yield lines.join('');
  }
}
