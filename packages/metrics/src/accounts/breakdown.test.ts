import { describe, expect, it } from 'vitest';
import { arrMovements } from '../arr/arr-movements.js';
import { breakdown } from './breakdown.js';
import { filterDataset } from '../data/partition.js';
import { renewals } from '../renewals/renewals.js';
import { account, contract } from '../test-support/builders.js';
import type { Dataset } from '../core/types.js';

const data: Dataset = {
  accounts: [account('k1', { segment: 'KA', signedAt: '2024-03-02' }), account('k2', { segment: 'KA' }), account('s1', { segment: 'SMB' }), account('n1')],
  contracts: [
    contract('c1', 'k1', '2024-01-01', '2024-12-31', 1000), contract('r1', 'k1', '2025-01-01', '2025-12-31', 1200),
    contract('c2', 'k2', '2024-01-01', '2024-12-31', 500),
    contract('c3', 's1', '2024-01-01', '2024-12-31', 10), contract('r3', 's1', '2025-01-01', '2025-12-31', 10),
    contract('c4', 'n1', '2024-06-01', '2024-12-31', 70),
  ],
};
describe('breakdown', () => {
  it('runs a metric per segment with accounts lacking the field in (none), last', () => {
    const result = breakdown(data, 'segment', renewals, { period: { from: '2024-12', to: '2024-12' }, asOf: '2025-01-31' });
    expect(result.groups.map((g) => [g.key, g.accounts, g.result.due.arr, g.result.logoRate])).toEqual([
      ['KA', 2, 1500, 0.5], ['SMB', 1, 10, 1], ['(none)', 1, 70, 0],
    ]);
  });

  it('groups by signing month and takes any dataset-shaped metric', () => {
    const result = breakdown(data, 'signedMonth', arrMovements, { period: { from: '2025-01', to: '2025-01' } });
    expect(result.groups.map((g) => [g.key, g.result.opening, g.result.closing])).toEqual([['2024-01', 580, 10], ['2024-03', 1000, 1200]]);
    expect(() => breakdown(data, 'color' as never, arrMovements, { period: { from: '2025-01', to: '2025-01' } })).toThrow(/dimension must be one of/);
  });

  it('filterDataset keeps only the selected accounts and their records', () => {
    const ka = filterDataset(data, (a) => a.segment === 'KA');
    expect(ka.accounts.map((a) => a.id)).toEqual(['k1', 'k2']);
    expect(ka.contracts?.map((c) => c.id)).toEqual(['c1', 'r1', 'c2']);
    expect(filterDataset(data, () => false)).toMatchObject({ accounts: [], contracts: [] });
  });
});
