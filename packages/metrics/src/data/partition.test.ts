import { generateDataset } from '@cskit/sample-data';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountSubsets, filterDataset } from './partition.js';

describe('accountSubsets', () => {
  const sample = generateDataset({ seed: 4, accounts: 120 });
  const subsets = accountSubsets(sample);

  it('a subset holds exactly the accounts asked for and their records, in the dataset order, as filterDataset does', () => {
    fc.assert(fc.property(fc.subarray(sample.accounts.map((a) => a.id)), (ids) => {
      const keep = new Set(ids);
      const subset = subsets.of([...ids].reverse());
      const filtered = filterDataset(sample, (account) => keep.has(account.id));
      const { csms, targets, ...rest } = subset;
      const { csms: allCsms, targets: allTargets, ...expected } = filtered;
      expect(rest).toEqual(expected);
      // CSMs: only those the subset's accounts and records name.
      const named = new Set([...subset.accounts.map((a) => a.csmId), ...(subset.leads ?? []).map((l) => l.csmId), ...(subset.advocacy ?? []).map((a) => a.csmId), ...(subset.revenue ?? []).map((r) => r.csmId)]);
      expect(csms).toEqual((allCsms ?? []).filter((csm) => named.has(csm.id)));
      // Targets: only those CSMs' own, never a team's or the company's (a viewer's book; fail closed).
      expect(targets).toEqual((allTargets ?? []).filter((target) => target.csmId !== undefined && named.has(target.csmId)));
    }), { numRuns: 40 });
  });

  it('unknown ids and repeats are ignored; no account means an empty dataset', () => {
    const one = sample.accounts[3]?.id as string;
    expect(subsets.of([one, one, 'nobody', '__proto__']).accounts.map((a) => a.id)).toEqual([one]);
    const empty = subsets.of([]);
    expect(empty.accounts).toEqual([]);
    expect(empty.contracts).toEqual([]);
    expect(empty.csms).toEqual([]);
  });
});
