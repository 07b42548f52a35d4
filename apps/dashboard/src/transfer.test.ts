import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunks, joinLongArrays, splitLongArrays } from './transfer.js';

describe('splitLongArrays / joinLongArrays', () => {
  it('cuts long arrays out by path, keeps short ones, and leaves the input untouched', () => {
    const input = { a: [1, 2, 3, 4, 5], b: { c: [1, 2], d: [{ e: [9, 9, 9, 9] }] }, f: 'x' };
    const before = structuredClone(input);
    const { head, parts } = splitLongArrays(input, 4);
    expect(head).toEqual({ a: [], b: { c: [1, 2], d: [{ e: [] }] }, f: 'x' });
    expect(parts).toEqual([{ path: ['a'], rows: [1, 2, 3, 4, 5] }, { path: ['b', 'd', 0, 'e'], rows: [9, 9, 9, 9] }]);
    expect(input).toEqual(before);
    expect(head.b.c).toBe(input.b.c);
  });

  it('posts parts in chunks that join back to the same value', () => {
    const { head, parts } = splitLongArrays({ rows: [1, 2, 3, 4, 5, 6, 7] }, 3);
    const posted = [...chunks(parts, 3)];
    expect(posted.map((p) => p.rows)).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    expect(joinLongArrays(structuredClone(head), posted)).toEqual({ rows: [1, 2, 3, 4, 5, 6, 7] });
  });

  it('names the path when there is no array to join into', () => {
    expect(() => joinLongArrays({ a: { b: 1 } }, [{ path: ['a', 'b'], rows: [1] }])).toThrow('no array at a.b');
  });

  it('round-trips any JSON-like value through structured clone, for any chunk size', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 4 }), (json, min, size) => {
      const value = { result: json };
      const { head, parts } = splitLongArrays(value, min);
      const received = [...chunks(parts, size)].map((part) => structuredClone(part));
      expect(joinLongArrays(structuredClone(head), received)).toEqual(value);
    }));
  });
});
