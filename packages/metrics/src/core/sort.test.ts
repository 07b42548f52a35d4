import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stableNumberOrder } from './sort.js';

/** The reference: a comparator sort, ties by position, NaN last in position order. */
function reference(keys: number[], descending: boolean): number[] {
  const numbers = keys.map((_, i) => i).filter((i) => !Number.isNaN(keys[i]));
  const nans = keys.map((_, i) => i).filter((i) => Number.isNaN(keys[i]));
  numbers.sort((a, b) => {
    const x = keys[a] as number;
    const y = keys[b] as number;
    const diff = x < y ? -1 : x > y ? 1 : 0;
    return (descending ? -diff : diff) || a - b;
  });
  return [...numbers, ...nans];
}

const key = fc.oneof(
  fc.double(),
  fc.integer({ min: -5, max: 5 }),
  fc.constantFrom(0, -0, Infinity, -Infinity, Number.NaN, 1e-300, -1e-300, 0.1 + 0.2, 0.3),
);

describe('stableNumberOrder', () => {
  it('equals a stable comparator sort, NaN last, on short lists (comparator path)', () => {
    fc.assert(fc.property(fc.array(key, { maxLength: 60 }), fc.boolean(), (keys, descending) => {
      expect(Array.from(stableNumberOrder(keys, descending))).toEqual(reference(keys, descending));
    }));
  });

  it('equals a stable comparator sort, NaN last, on long lists (radix path)', () => {
    fc.assert(fc.property(fc.array(key, { minLength: 1_100, maxLength: 3_000 }), fc.boolean(), (keys, descending) => {
      expect(Array.from(stableNumberOrder(Float64Array.from(keys), descending))).toEqual(reference(keys, descending));
    }), { numRuns: 25 });
  });

  it('orders many equal and near-equal amounts by position', () => {
    const keys = Array.from({ length: 5_000 }, (_, i) => [1200, 1200.5, -3, 0, -0][i % 5] as number);
    expect(Array.from(stableNumberOrder(keys, true))).toEqual(reference(keys, true));
    expect(Array.from(stableNumberOrder(keys))).toEqual(reference(keys, false));
  });
});
