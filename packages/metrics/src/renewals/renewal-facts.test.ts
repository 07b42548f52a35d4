import { generateDataset } from '@cskit/sample-data';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VIEW_LIMITS } from '../core/limits.js';
import { OPEN_END, type DatasetIndex } from '../data/dataset-index.js';
import { wholeDataset } from '../data/selection.js';
import type { Contract, Dataset } from '../core/types.js';
import { renewalFactsOf, renewalFactsOfIndex } from './renewal-facts.js';
import { renewalMatches } from './renewals.js';

/** The ranges of grace with one renewal, as first written: every grace's matches held at once, compared row by row. */
function referenceRanges(index: DatasetIndex) {
  const c = index.contracts;
  const matches = Array.from({ length: VIEW_LIMITS.graceMonths + 1 }, (_, grace) => renewalMatches(index, grace));
  const rows = { due: [] as number[], graceFrom: [] as number[], graceTo: [] as number[], renewal: [] as number[] };
  for (let row = 0; row < c.account.length; row += 1) {
    if (c.endDay[row] === OPEN_END) continue;
    let from = 0;
    for (let grace = 1; grace <= matches.length; grace += 1) {
      const match = (matches[from] as Int32Array)[row] as number;
      if (grace < matches.length && (matches[grace] as Int32Array)[row] === match) continue;
      rows.due.push(row);
      rows.graceFrom.push(from);
      rows.graceTo.push(grace - 1);
      rows.renewal.push(match);
      from = grace;
    }
  }
  return rows;
}

const ranges = (facts: ReturnType<typeof renewalFactsOfIndex>) => ({ due: [...facts.due], graceFrom: [...facts.graceFrom], graceTo: [...facts.graceTo], renewal: [...facts.renewal] });

describe('renewalFactsOf: the renewal of each due contract for every grace, as ranges', () => {
  it('a renewal 2 months late is matched from grace 2; a contract two due ones reach goes to the one that ends first', () => {
    const contract = (id: string, accountId: string, start: string, end?: string): Contract => ({ id, accountId, start, ...(end ? { end } : {}), arr: 100 });
    const dataset = {
      accounts: [{ id: 'a', name: 'A', signedAt: '2023-01-01' }, { id: 'b', name: 'B', signedAt: '2023-01-01' }],
      contracts: [
        contract('a1', 'a', '2023-01-01', '2023-12-31'), contract('a2', 'a', '2024-03-01', '2025-02-28'),
        contract('b1', 'b', '2023-01-01', '2023-05-31'), contract('b2', 'b', '2023-01-01', '2023-06-30'), contract('b3', 'b', '2023-08-15'),
      ],
    } as unknown as Dataset;
    const facts = renewalFactsOf(dataset);
    // a1 (row 0) ends 2023-12-31: a2 starts 2 months after the day after, so it renews a1 from grace 2; a2 (row 1): none.
    // b1 and b2 start together (neither renews the other) and b3 (row 4) starts 2023-08-15: b2 (row 3) reaches it at
    // grace 2, b1 (row 2) at grace 3, and from there b1, which ends first, claims it before b2.
    expect(ranges(facts)).toEqual({
      due: [0, 0, 1, 2, 2, 3, 3, 3],
      graceFrom: [0, 2, 0, 0, 3, 0, 2, 3],
      graceTo: [1, 24, 24, 2, 24, 1, 2, 24],
      renewal: [-1, 1, -1, -1, 4, -1, 4, -1],
    });
    expect(VIEW_LIMITS.graceMonths).toBe(24);
  });

  it('equals the ranges read from the matches of every grace at once, on generated data (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 5, max: 40 }), (seed, accounts) => {
      const index = wholeDataset(generateDataset({ seed, accounts, months: 30, start: '2023-01', measures: false, tickets: false, roles: false, targets: false })).index;
      expect(ranges(renewalFactsOfIndex(index))).toEqual(referenceRanges(index));
    }), { numRuns: 25 });
  });
});
