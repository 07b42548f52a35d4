import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PackedStrings } from './columns.js';
import { PackedRecords } from './dataset-index.js';

describe('packed strings', () => {
  it('give back every string as it was, across chunk boundaries (property)', () => {
    fc.assert(fc.property(fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 60 }), (values) => {
      const packed = new PackedStrings(values.length, (row) => values[row] as string);
      expect(packed.length).toBe(values.length);
      expect(Array.from({ length: values.length }, (_, row) => packed.at(row))).toEqual(values);
    }));
    // More strings than one chunk holds (16,384), empty ones at the boundary.
    const many = Array.from({ length: 40_000 }, (_, n) => (n % 16_384 === 0 || n % 16_384 === 16_383 ? '' : `ctr-${n}-é`));
    const packed = new PackedStrings(many.length, (row) => many[row] as string);
    expect([0, 1, 16_383, 16_384, 16_385, 32_767, 32_768, 39_999].map((row) => packed.at(row))).toEqual(
      [0, 1, 16_383, 16_384, 16_385, 32_767, 32_768, 39_999].map((row) => many[row]));
  });

  it('packed records read back equal to the records, undefined past the end', () => {
    const records = [{ id: 'n1', accountId: 'a', date: '2025-01-31', score: 9 }, { id: 'n2', date: '2025-02-28', score: 0, role: 'user' }];
    const packed = new PackedRecords(records);
    expect(packed.length).toBe(2);
    expect([packed.at(0), packed.at(1), packed.at(2), packed.at(-1)]).toEqual([...records, undefined, undefined]);
  });
});
