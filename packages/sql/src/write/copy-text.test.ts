/**
 * COPY's text format as `copyField` writes it reads back exactly in PostgreSQL (PGlite): any text without NUL (tabs,
 * newlines, backslashes, `\N`, `\.`, astral and bidi characters), NULL, and any finite double (property).
 */
import { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { postgresClient } from '../client/clients.js';
import { copyChunks, copyField } from './copy-text.js';

let db: PGlite;
beforeAll(async () => { db = new PGlite(); });
afterAll(async () => db?.close());

it('escapes only what the text format reads as special', () => {
  expect(copyField(null)).toBe('\\N');
  expect(copyField(undefined)).toBe('\\N');
  expect(copyField('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
  expect(copyField('\\N')).toBe('\\\\N');
  expect(copyField(-0.5)).toBe('-0.5');
  expect(copyField(-0)).toBe('-0');
});

it('text, NULL and doubles read back as written (property)', async () => {
  const client = postgresClient(db);
  const text = fc.option(fc.string({ unit: fc.oneof(fc.constantFrom('\t', '\n', '\r', '\\', 'N', '.', '"', "'", '\u202e', '😀'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })) }).filter((s) => !s.includes('\u0000')), { nil: null });
  const number = fc.double({ noNaN: true, noDefaultInfinity: true });
  await fc.assert(fc.asyncProperty(fc.array(fc.tuple(text, number), { maxLength: 30 }), async (rows) => {
    await client.query('DROP TABLE IF EXISTS copied', []);
    await client.query('CREATE TABLE copied (seq integer, s text, n double precision)', []);
    await client.transaction?.(async (session) => {
      expect(session.copyIn).toBeTypeOf('function');
      await session.copyIn?.('copied', ['seq', 's', 'n'], copyChunks(rows.length, 3, (row, column) => (column === 0 ? row : rows[row]?.[column - 1])));
    });
    const back = await client.query('SELECT s, n FROM copied ORDER BY seq', []);
    expect(back.map((r) => [r.s, r.n])).toEqual(rows);
  }), { numRuns: 40 });
}, 60_000);
