import {
  constructSortFn, constructTable, createColumnHelper, createSortedRowModel, rowSortingFeature, sortFn_alphanumeric,
  sortFn_basic, sortFn_text, tableFeatures,
} from '@tanstack/react-table';
import type { SortingState } from '@tanstack/react-table';
import { storeReactivityBindings } from '@tanstack/table-core/store-reactivity-bindings';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createKeyedSortedRowModel } from './sorted-row-model.js';

interface Item { id: string; n: number | undefined; s: string | undefined; k: number }

const sortFns = { basic: sortFn_basic, alphanumeric: sortFn_alphanumeric, text: sortFn_text };
const coreReactivityFeature = storeReactivityBindings();
const keyed = tableFeatures({ coreReactivityFeature, rowSortingFeature, sortedRowModel: createKeyedSortedRowModel(), sortFns });
const stock = tableFeatures({ coreReactivityFeature, rowSortingFeature, sortedRowModel: createSortedRowModel(), sortFns });
/** A custom comparator TanStack calls with rows (no `sort` definition): the keyed model must call it the same way. */
const byParity = (a: { original: Item }, b: { original: Item }) => (a.original.k % 2) - (b.original.k % 2);
const byRank = constructSortFn({ resolveDataValue: (v) => ['c', 'a', 'b'].indexOf(String(v)), sort: (a: number, b: number) => a - b });

/** The same columns for both feature sets (they differ only in the sorted row model). */
function columns() {
  const helper = createColumnHelper<typeof keyed, Item>();
  return [
    helper.accessor((r) => r.n, { id: 'n', sortFn: 'basic', sortUndefined: 'last' }),
    helper.accessor((r) => r.n, { id: 'nFirst', sortFn: 'basic', sortUndefined: 'first', invertSorting: true }),
    helper.accessor((r) => r.n, { id: 'nMinus', sortFn: 'basic', sortUndefined: -1 }),
    helper.accessor((r) => r.s, { id: 's', sortFn: 'text', sortUndefined: 'last' }),
    helper.accessor((r) => r.s ?? '', { id: 'alpha', sortFn: 'alphanumeric' }),
    helper.accessor('k', { sortFn: byParity as never }),
    helper.accessor((r) => r.s?.[0], { id: 'rank', sortFn: byRank as never, sortUndefined: 'last' }),
  ];
}

function order(features: typeof keyed | typeof stock, data: Item[], sorting: SortingState): string[] {
  const table = constructTable({
    features, data, columns: columns() as never, getRowId: (r: Item) => r.id, initialState: { sorting },
  } as never) as unknown as { getSortedRowModel: () => { rows: Array<{ id: string }>; flatRows: Array<{ id: string }> } };
  const model = table.getSortedRowModel();
  expect(model.flatRows.map((r) => r.id)).toEqual(model.rows.map((r) => r.id));
  return model.rows.map((r) => r.id);
}

const item = fc.record({
  n: fc.option(fc.integer({ min: -5, max: 5 }), { nil: undefined }),
  s: fc.option(fc.constantFrom('a2', 'a10', 'B1', 'b1', 'c', 'Ab', ''), { nil: undefined }),
  k: fc.integer({ min: 0, max: 9 }),
});
const sortingArb = fc.uniqueArray(
  fc.record({ id: fc.constantFrom('n', 'nFirst', 'nMinus', 's', 'alpha', 'k', 'rank'), desc: fc.boolean() }),
  { selector: (s) => s.id, minLength: 0, maxLength: 3 },
);

describe('createKeyedSortedRowModel', () => {
  it('orders rows exactly as TanStack createSortedRowModel does (multi-sort, undefined, desc, invert, custom)', () => {
    fc.assert(fc.property(fc.array(item, { maxLength: 60 }), sortingArb, (items, sorting) => {
      const data = items.map((it, i) => ({ ...it, id: `r${i}` }));
      expect(order(keyed, data, sorting)).toEqual(order(stock, data, sorting));
    }), { numRuns: 300 });
  });

  it('sorts numbers descending with undefined last and ties in data order', () => {
    const data: Item[] = [
      { id: 'a', n: 1, s: 'x', k: 0 }, { id: 'b', n: undefined, s: 'x', k: 0 }, { id: 'c', n: 3, s: 'x', k: 0 },
      { id: 'd', n: 1, s: 'x', k: 0 }, { id: 'e', n: -2, s: 'x', k: 0 },
    ];
    expect(order(keyed, data, [{ id: 'n', desc: true }])).toEqual(['c', 'a', 'd', 'e', 'b']);
    expect(order(keyed, data, [])).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
