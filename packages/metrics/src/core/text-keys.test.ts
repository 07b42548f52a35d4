import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { queryOrder, textSortRanks, type RowSetSpec } from './rows.js';

describe('textSortRanks: texts as integers in a text column\'s order', () => {
  it('ranks lower-cased texts by code unit, equal ones alike (worked by hand)', () => {
    // Lower-cased: 'acme', 'acme', 'zed', 'ärger' (U+00E4), 'δelta' (U+03B4), 'b' and '' (the empty text sorts first).
    expect(Array.from(textSortRanks(['acme', 'ACME', 'Zed', 'Ärger', 'Δelta', 'b', '']))).toEqual([1, 1, 3, 4, 5, 2, 0]);
    // By the text as given: capitals before small letters.
    expect(Array.from(textSortRanks(['acme', 'ACME', 'B7', 'b6'], (text) => text))).toEqual([2, 0, 1, 3]);
  });

  it('sorting by the ranks (ties in place) is queryOrder\'s order of the texts, either way (property)', () => {
    const spec: RowSetSpec<{ text: string }> = { name: 'texts', columns: [{ id: 'text', kind: 'text', value: (row) => row.text }] };
    const text = fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('a', 'A', 'Ä', 'ä', 'ß', 'SS', 'İ', 'i', 'Σ', 'ς', '\u{1F600}', 'z'));
    fc.assert(fc.property(fc.array(text, { maxLength: 40 }), fc.boolean(), (texts, desc) => {
      const ranks = textSortRanks(texts);
      const byRanks = texts.map((_, i) => i).sort((a, b) => ((ranks[a] as number) - (ranks[b] as number)) * (desc ? -1 : 1) || a - b);
      const table = { length: texts.length, row: (i: number) => ({ text: texts[i] as string }), position: (i: number) => i };
      expect(Array.from(queryOrder(spec, table as never, { sort: [{ id: 'text', desc }] }))).toEqual(byRanks);
    }), { numRuns: 300 });
  });
});
