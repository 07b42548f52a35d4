/** The charts' subpaths come from one list (packages/charts/charts.json): entries, index, exports and budgets agree. */
import { describe, expect, it } from 'vitest';
import { staleFiles } from '../../scripts/chart-entries.mjs';

describe('chart entries', () => {
  it('src/entries, src/index.ts, package.json exports and .size-limit.json are what charts.json decides', () => {
    expect(staleFiles()).toEqual([]);
  });
});
