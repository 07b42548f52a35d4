/**
 * Which accounts a computation covers: all of them, or those a filter, a drill-down or a viewer's scope selects.
 * A selection is a mask over account positions of one dataset index, so a filter never copies or re-indexes the
 * dataset; every metric core takes a selection and passes over its positions in dataset order.
 */
import { activeFilters, compareGroupKeys, groupKey, teamsOf, type AccountFilters, type BreakdownDimension } from './dimensions.js';
import { cached, indexDataset, type DatasetIndex } from './dataset-index.js';
import type { Dataset } from '../core/types.js';

export interface Selection {
  index: DatasetIndex;
  /** Selected account positions, ascending: the k-th selected account is at `positions[k]`. */
  positions: Int32Array;
  /** 1 at selected positions; null when every account is selected. */
  mask: Uint8Array | null;
  /**
   * Every account is selected, so records that belong to no account (NPS responses without `accountId`) count too.
   * A filtered selection leaves them out, as a filtered dataset has none of them (SPEC 6 breakdowns).
   */
  all: boolean;
}

/** Per account field, a dense code per account position and the distinct values, sorted with `'(none)'` last. */
export interface DimensionColumn {
  dimension: BreakdownDimension;
  codes: Int32Array;
  values: readonly string[];
  codeOf: ReadonlyMap<string, number>;
}

export function dimensionColumn(index: DatasetIndex, dimension: BreakdownDimension): DimensionColumn {
  return cached(index, `dimension:${dimension}`, () => {
    const teamOf = dimension === 'team' ? teamsOf(index.dataset.csms) : undefined;
    const keys = index.accounts.map((account) => groupKey(account, dimension, teamOf));
    const values = [...new Set(keys)].sort(compareGroupKeys);
    const codeOf = new Map(values.map((value, code) => [value, code]));
    const codes = Int32Array.from(keys, (key) => codeOf.get(key) as number);
    return { dimension, codes, values, codeOf };
  });
}

export function selectAll(index: DatasetIndex): Selection {
  return cached(index, 'selection:all', () => {
    const positions = new Int32Array(index.accounts.length);
    for (let p = 0; p < positions.length; p += 1) positions[p] = p;
    return { index, positions, mask: null, all: true };
  });
}

/** Every account of a dataset: what the plain metric functions compute over. */
export function wholeDataset(dataset: Dataset): Selection {
  return selectAll(indexDataset(dataset));
}

/** The selection of the positions `mask` marks (1), or of all when `mask` is null. */
export function selectMask(index: DatasetIndex, mask: Uint8Array | null): Selection {
  if (mask === null) return selectAll(index);
  let count = 0;
  for (let p = 0; p < mask.length; p += 1) count += mask[p] as number;
  const positions = new Int32Array(count);
  let next = 0;
  for (let p = 0; p < mask.length; p += 1) if (mask[p] === 1) positions[next++] = p;
  return { index, positions, mask, all: false };
}

export function isSelected(selection: Selection, position: number): boolean {
  return position < 0 ? selection.all : selection.mask === null || selection.mask[position] === 1;
}

/** The selected accounts' ids, in dataset order. */
export function selectedIds(selection: Selection): string[] {
  const { accounts } = selection.index;
  return Array.from(selection.positions, (p) => (accounts[p] as { id: string }).id);
}

/**
 * The accounts that pass `filters` and, when given, are among `accountIds` (a drill-down, a viewer's scope). Ids
 * that are not in the dataset select nothing.
 */
export function filterMask(index: DatasetIndex, filters: AccountFilters | undefined, accountIds?: Iterable<string> | null): Uint8Array | null {
  const active = activeFilters(filters);
  if (active.length === 0 && (accountIds === undefined || accountIds === null)) return null;
  const n = index.accounts.length;
  const mask = new Uint8Array(n);
  if (accountIds === undefined || accountIds === null) mask.fill(1);
  else {
    for (const id of accountIds) {
      const position = typeof id === 'string' ? index.positionOf.get(id) : undefined;
      if (position !== undefined) mask[position] = 1;
    }
  }
  for (const [dimension, values] of active) {
    const column = dimensionColumn(index, dimension);
    const keep = new Uint8Array(column.values.length);
    column.values.forEach((value, code) => { if (values.has(value)) keep[code] = 1; });
    for (let p = 0; p < n; p += 1) if (keep[column.codes[p] as number] === 0) mask[p] = 0;
  }
  return mask;
}

const slots = new WeakMap<Selection, Int32Array>();

/**
 * For each account position, its place k among the selected accounts (-1 when not selected): per-account results
 * of a selection are arrays of the selection's size, read by slot, so a small filter allocates little.
 */
export function slotOf(selection: Selection): Int32Array {
  let slot = slots.get(selection);
  if (!slot) {
    slot = new Int32Array(selection.index.accounts.length).fill(-1);
    selection.positions.forEach((position, k) => { (slot as Int32Array)[position] = k; });
    slots.set(selection, slot);
  }
  return slot;
}
