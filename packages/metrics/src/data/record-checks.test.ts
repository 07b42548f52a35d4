import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FirstIndexes } from './record-checks.js';
import { validateDataset } from './validate.js';

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

describe('natural-key repeats', () => {
  const accounts = ['a', 'b', 'c'].map((id) => ({ id, name: id, signedAt: '2024-01-01' }));
  const keys = ['u', 'v'];
  // Records of a few accounts, months and keys, with repeats: sorted (ascending keys, repeats adjacent) or as drawn.
  const cell = fc.record({ account: fc.integer({ min: 0, max: 2 }), month: fc.integer({ min: 1, max: 4 }), key: fc.integer({ min: 0, max: 1 }) });
  const order = (x: { account: number; month: number; key: number }) => (x.account * 10 + x.month) * 10 + x.key;
  const records = fc.tuple(fc.array(cell, { maxLength: 60 }), fc.boolean()).map(([cells, sorted]) => (sorted ? [...cells].sort((x, y) => order(x) - order(y)) : cells));

  it('reports every record whose account, month and key an earlier record had, whatever their order (property)', () => {
    fc.assert(fc.property(records, (cells) => {
      const measures = cells.map((x) => ({ accountId: `${'abc'[x.account]}`, month: `2025-0${x.month}`, key: keys[x.key], value: 1 }));
      const health = cells.map((x) => ({ accountId: `${'abc'[x.account]}`, month: `2025-0${x.month}`, outcome: 50, experience: 50 }));
      const seen = new Set<string>();
      const seenHealth = new Set<string>();
      const expected = { measures: [] as number[], health: [] as number[] };
      cells.forEach((x, i) => {
        const key = `${x.account}|${x.month}|${x.key}`;
        if (seen.has(key)) expected.measures.push(i);
        seen.add(key);
        if (seenHealth.has(`${x.account}|${x.month}`)) expected.health.push(i);
        seenHealth.add(`${x.account}|${x.month}`);
      });
      const { issues, dataset: data } = validateDataset({ accounts, measures, health });
      const repeated = (collection: string) => issues.filter((issue) => issue.collection === collection && issue.message.startsWith('a second')).map((issue) => issue.index);
      expect(repeated('measures')).toEqual(expected.measures);
      expect(repeated('health')).toEqual(expected.health);
      expect(data.measures).toHaveLength(cells.length - expected.measures.length);
    }), { numRuns: 300 });
  });

  it('finds a repeat that directly follows its first record (ascending until then)', () => {
    const health = [
      { accountId: 'a', month: '2025-01', outcome: 50, experience: 50 },
      { accountId: 'a', month: '2025-02', outcome: 50, experience: 50 },
      { accountId: 'a', month: '2025-02', outcome: 60, experience: 60 },
      { accountId: 'b', month: '2025-01', outcome: 50, experience: 50 },
    ];
    const { issues, dataset: data } = validateDataset({ accounts, health });
    expect(issues.map((issue) => [issue.collection, issue.index, issue.message])).toEqual([
      ['health', 2, "a second health snapshot for account 'a' in 2025-02 (the first is kept)"],
    ]);
    expect(data.health?.map((h) => h.outcome)).toEqual([50, 50, 50]);
  });
});
