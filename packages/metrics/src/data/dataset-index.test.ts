import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runSync } from '../core/work.js';
import { contractColumnsWork, OPEN_END, type ContractRows } from './dataset-index.js';

/** Contract rows of one account with these end days (`OPEN_END`: open) and ids; starts and amounts do not matter here. */
function rowsOf(ends: readonly number[], ids: readonly string[]): ContractRows {
  const n = ends.length;
  return {
    ids, account: new Int32Array(n), arr: new Float64Array(n).fill(1), startDay: new Float64Array(n), endDay: Float64Array.from(ends),
    startMonth: new Int32Array(n), endMonth: Float64Array.from(ends, (day) => (day === OPEN_END ? OPEN_END : Math.floor(day / 30))), optOutDay: new Float64Array(n).fill(Number.NaN),
  };
}

/** The due order as written in one comparator: end day, then id (UTF-16 order), then place. */
function plainDueOrder(ends: readonly number[], ids: readonly string[]): number[] {
  const rows = ends.flatMap((day, row) => (day === OPEN_END ? [] : [row]));
  return rows.sort((a, b) => (ends[a] as number) - (ends[b] as number) || ((ids[a] as string) < (ids[b] as string) ? -1 : (ids[a] as string) > (ids[b] as string) ? 1 : a - b));
}

describe('the due order (contractColumnsWork.byDue)', () => {
  it('equals one sort by end day, id and place: dense days, sparse days, open ends and repeated ids (property)', () => {
    const contract = fc.tuple(
      fc.oneof(fc.integer({ min: 19_000, max: 19_030 }), fc.integer({ min: -1_000_000, max: 3_000_000 }), fc.constant(OPEN_END)),
      fc.oneof(fc.constantFrom('k1', 'k2', 'K1', 'é', '\u{1F600}', '\uFFFD'), fc.string({ maxLength: 3 })),
    );
    fc.assert(fc.property(fc.array(contract, { maxLength: 200 }), (contracts) => {
      const ends = contracts.map(([day]) => day);
      const ids = contracts.map(([, id]) => id);
      const { byDue } = runSync(contractColumnsWork(rowsOf(ends, ids), 1));
      expect([...byDue]).toEqual(plainDueOrder(ends, ids));
    }), { numRuns: 300 });
  });

  it('a day with more contracts than a slice sorts (every calendar-year contract ends on 31 December) is ordered by id', () => {
    const n = 10_000;
    const ends = Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 20_088 : 20_088 - (i % 3)));
    const ids = Array.from({ length: n }, (_, i) => `c-${(i * 7919) % n}`);
    const { byDue } = runSync(contractColumnsWork(rowsOf(ends, ids), 1));
    expect([...byDue]).toEqual(plainDueOrder(ends, ids));
  });

  it('many contracts with an evergreen one (9999-12-31 among days of this decade) are bucketed over the wide range, in order', () => {
    const n = 70_000;
    const ends = Array.from({ length: n }, (_, i) => (i === 123 ? 2_932_896 : i % 97 === 0 ? OPEN_END : 19_000 + ((i * 7) % 3_000)));
    const ids = Array.from({ length: n }, (_, i) => `c-${(i * 7919) % n}`);
    const { byDue } = runSync(contractColumnsWork(rowsOf(ends, ids), 1));
    expect([...byDue]).toEqual(plainDueOrder(ends, ids));
    expect(byDue[byDue.length - 1]).toBe(123);
  });
});
