/**
 * Pages of row sets answered in SQL on rows worked out by hand: renewals sorted by days late (an early renewal and
 * an on-time one are both 0 days late, in due order; one not renewed has no value and comes last either way), equal
 * to the JS engine's.
 */
import type { Dataset } from '@cskit/metrics';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../schema/dialect.js';
import { answeredLikeJs } from '../../test-support/by-hand.js';

const account = (id: string) => ({ id, name: id.toUpperCase(), signedAt: '2024-01-01' });
const data: Dataset = {
  accounts: ['a', 'b', 'c', 'd'].map(account),
  contracts: [
    // b is due first and renews the next day (on time); a renews two weeks before its end (early); c ten days late.
    { id: 'a1', accountId: 'a', start: '2024-04-01', end: '2025-03-31', arr: 100 }, { id: 'a2', accountId: 'a', start: '2025-03-15', end: '2026-03-14', arr: 100 },
    { id: 'b1', accountId: 'b', start: '2024-03-31', end: '2025-03-30', arr: 200 }, { id: 'b2', accountId: 'b', start: '2025-03-31', end: '2026-03-30', arr: 250 },
    { id: 'c1', accountId: 'c', start: '2024-04-01', end: '2025-03-31', arr: 300 }, { id: 'c2', accountId: 'c', start: '2025-04-11', end: '2026-04-10', arr: 300 },
    { id: 'd1', accountId: 'd', start: '2024-04-01', end: '2025-03-31', arr: 400 },
  ],
};

describe.each(DIALECTS)('row pages in SQL on %s, by hand', (dialect) => {
  it('renewals by days late: early and on time are 0 (in due order), late after, none last either way', async () => {
    const { ask, close } = await answeredLikeJs(dialect, data);
    try {
      const view = { period: { from: '2025-03', to: '2025-03' }, graceMonths: 1, asOf: '2025-06-30' };
      const page = async (desc: boolean) => ((await ask({ kind: 'rows', view, rowSet: 'renewals', query: { sort: [{ id: 'daysLate', desc }] } })) as { rows: Array<{ contractId: string; daysLate: number | null }> }).rows;
      expect((await page(false)).map((r) => [r.contractId, r.daysLate])).toEqual([['b1', 0], ['a1', 0], ['c1', 10], ['d1', null]]);
      expect((await page(true)).map((r) => [r.contractId, r.daysLate])).toEqual([['c1', 10], ['b1', 0], ['a1', 0], ['d1', null]]);
    } finally {
      await close();
    }
  }, 60_000);
});
