import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FirstIndexes } from './record-checks.js';

/** Feeds ids as a checker does (look each up; keep the ones not seen); the answers of every lookup. */
function lookups(ids: readonly string[], make: () => { get(id: string): number | undefined; set(id: string, index: number): void }) {
  const index = make();
  return ids.map((id, i) => {
    const first = index.get(id);
    if (first === undefined) index.set(id, i);
    return first;
  });
}

describe('FirstIndexes', () => {
  it('answers as a Map of first indexes, for ids in order, out of order and repeated (property)', () => {
    const id = fc.oneof(fc.constantFrom('a', 'b', 'ctr-1', 'ctr-10', 'ctr-2', '', 'é', '\u{1F600}'), fc.string({ maxLength: 4 }));
    // An ascending stretch (long enough to be moved over several adds) followed by anything.
    const ids = fc.tuple(fc.uniqueArray(fc.string({ maxLength: 6 }), { maxLength: 300 }), fc.array(id, { maxLength: 300 }))
      .map(([ascending, rest]) => [...[...ascending].sort(), ...rest]);
    fc.assert(fc.property(ids, (sequence) => {
      expect(lookups(sequence, () => new FirstIndexes())).toEqual(lookups(sequence, () => new Map<string, number>()));
    }), { numRuns: 300 });
  });

  it('numbered ids: every id after the first out of order is found whether it is in the map or still in the run', () => {
    const ascending = Array.from({ length: 1000 }, (_, i) => `ctr-${String(i).padStart(4, '0')}`);
    const index = new FirstIndexes();
    ascending.forEach((id, i) => index.set(id, i));
    // Out of order: the map starts; 64 ids of the run move per id added.
    expect(index.get('ctr-10000')).toBeUndefined();
    index.set('ctr-10000', 1000);
    expect(index.get('ctr-0999')).toBe(999);
    expect(index.get('ctr-0000')).toBe(0);
    expect(index.get('ctr-10000')).toBe(1000);
    expect(index.get('ctr-0500x')).toBeUndefined();
    for (let k = 0; k < 20; k += 1) index.set(`z-${k}`, 2000 + k);
    expect(ascending.every((id, i) => index.get(id) === i)).toBe(true);
    expect(index.has('z-19')).toBe(true);
    expect(index.has('z-20')).toBe(false);
  });
});
