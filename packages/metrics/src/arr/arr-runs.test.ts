import { generateDataset } from '@cskit/sample-data';
import { describe, expect, it } from 'vitest';
import { monthIndex } from '../core/dates.js';
import { arrThrough } from '../data/dataset-index.js';
import { wholeDataset } from '../data/selection.js';
import type { Dataset } from '../core/types.js';
import { arrRunsOf, OPEN_RUN } from './arr-runs.js';

const m = monthIndex;

describe('arrRunsOf', () => {
  it('gives each account\'s ARR as runs of equal months, the last one open when open-ended contracts remain', () => {
    const dataset: Dataset = {
      accounts: [{ id: 'A', name: 'A', signedAt: '2024-01-01' }, { id: 'B', name: 'B', signedAt: '2024-02-01' }, { id: 'C', name: 'C', signedAt: '2024-02-01' }],
      contracts: [
        // A: 1,200 Jan-Jun (ends on a month's last day: June counts), 600 from April on for ever: 1,200 / 1,800 / 600.
        { id: 'a1', accountId: 'A', start: '2024-01-01', end: '2024-06-30', arr: 1200 },
        { id: 'a2', accountId: 'A', start: '2024-04-01', arr: 600 },
        // B: active on the last day of February, March and April; not of May (it ends on the 14th).
        { id: 'b1', accountId: 'B', start: '2024-02-15', end: '2024-05-14', arr: 100 },
      ],
    };
    const runs = arrRunsOf(dataset);
    expect(Array.from(runs.account)).toEqual([0, 0, 0, 1]);
    expect(Array.from(runs.from)).toEqual([m('2024-01'), m('2024-04'), m('2024-07'), m('2024-02')]);
    expect(Array.from(runs.to)).toEqual([m('2024-03'), m('2024-06'), OPEN_RUN, m('2024-04')]);
    expect(Array.from(runs.arr)).toEqual([1200, 1800, 600, 100]);
  });

  it('snapshots end with the last snapshot month; a zero month ends a run', () => {
    const dataset: Dataset = {
      currency: 'EUR', fxRates: { USD: 0.5 },
      accounts: [{ id: 'A', name: 'A', signedAt: '2024-01-01' }],
      arr: [
        { accountId: 'A', month: '2024-01', arr: 100 }, { accountId: 'A', month: '2024-02', arr: 200, currency: 'USD' },
        { accountId: 'A', month: '2024-04', arr: 300 },
      ],
    };
    const runs = arrRunsOf(dataset);
    expect(Array.from(runs.from)).toEqual([m('2024-01'), m('2024-04')]);
    expect(Array.from(runs.to)).toEqual([m('2024-02'), m('2024-04')]);
    expect(Array.from(runs.arr)).toEqual([100, 300]);
  });

  it('expanded month by month, equals the ARR matrix the JS engine computes with, to the bit', () => {
    const dataset = generateDataset({ seed: 7, accounts: 150 });
    const runs = arrRunsOf(dataset);
    const { index } = wholeDataset(dataset);
    const through = index.arrLast + 30;
    const matrix = arrThrough(index, through);
    const expanded = new Float64Array(matrix.values.length);
    for (let run = 0; run < runs.arr.length; run += 1) {
      const to = runs.to[run] === OPEN_RUN ? through : Math.min(through, runs.to[run] as number);
      for (let month = runs.from[run] as number; month <= to; month += 1) expanded[(runs.account[run] as number) * matrix.count + month - matrix.start] = runs.arr[run] as number;
    }
    expect(Array.from(expanded)).toEqual(Array.from(matrix.values));
    expect(runs.arr.length).toBeLessThan(matrix.values.filter((v) => v > 0).length / 3);
  });
});
