/**
 * Splitting a dataset by account: `partitionDataset` puts every record with an account into its account's group
 * in one pass per collection; `filterDataset` keeps the accounts a predicate selects.
 * NPS responses without an `accountId` belong to no account, so they are in no group and no filtered dataset.
 */
import { accountFilter, teamsOf, type AccountFilters } from './dimensions.js';
import { ACCOUNT_COLLECTIONS } from '../model/domain.js';
import type { Account, Dataset } from '../core/types.js';
import { bucketOrderWork, runSync } from '../core/work.js';

/** Groups accounts by `keyOf` (null leaves the account out) and returns one dataset per key, in first-seen order. */
export function partitionDataset(dataset: Dataset, keyOf: (account: Account) => string | null): Map<string, Dataset> {
  const groups = new Map<string, Dataset>();
  const groupOfAccount = new Map<string, Dataset>();
  for (const account of dataset.accounts) {
    const key = keyOf(account);
    if (key === null) continue;
    let group = groups.get(key);
    if (!group) {
      group = emptyLike(dataset);
      groups.set(key, group);
    }
    group.accounts.push(account);
    groupOfAccount.set(account.id, group);
  }
  for (const collection of ACCOUNT_COLLECTIONS) {
    const records = dataset[collection] as Array<{ accountId?: string }> | undefined;
    if (!records) continue;
    for (const record of records) {
      const group = record.accountId === undefined ? undefined : groupOfAccount.get(record.accountId);
      if (group) (group[collection] as Array<{ accountId?: string }>).push(record);
    }
  }
  return groups;
}

function emptyLike(dataset: Dataset): Dataset {
  const empty: Dataset = { ...dataset, accounts: [] };
  for (const collection of ACCOUNT_COLLECTIONS) if (dataset[collection]) (empty as unknown as Record<string, unknown>)[collection] = [];
  return empty;
}

/**
 * A dataset with only the accounts `keep` selects (a predicate, or filters by account field) and their records;
 * currency, rates and CSMs are shared.
 */
export function filterDataset(dataset: Dataset, keep: ((account: Account) => boolean) | AccountFilters): Dataset {
  const predicate = typeof keep === 'function' ? keep : accountFilter(keep, teamsOf(dataset.csms));
  if (predicate === null) return dataset;
  return partitionDataset(dataset, (account) => (predicate(account) ? 'kept' : null)).get('kept') ?? emptyLike(dataset);
}

/** The sub-dataset of any set of accounts, gathered from an index built once (`accountSubsets`). */
export interface AccountSubsets {
  /** Accounts in the dataset. */
  readonly size: number;
  /**
   * The accounts with these ids (unknown ids are ignored) and their records, in the dataset's order; `csms` keeps
   * only the CSMs those accounts and records name, `targets` only those CSMs' targets. Shares currency and rates.
   */
  of(accountIds: Iterable<string>): Dataset;
}

/**
 * Indexes a dataset's records by account once (row numbers per account, per collection), so a subset costs time in
 * proportion to its own records: a server scoping each viewer to their book of accounts does not walk millions of
 * records per viewer. NPS responses without an account belong to no subset.
 */
export function accountSubsets(dataset: Dataset): AccountSubsets {
  const positionOf = new Map<string, number>();
  dataset.accounts.forEach((account, position) => positionOf.set(account.id, position));
  const n = dataset.accounts.length;
  const grouped = ACCOUNT_COLLECTIONS.flatMap((collection) => {
    const records = dataset[collection] as Array<{ accountId?: string }> | undefined;
    if (!records) return [];
    // Rows per account as offsets into one array (grouped by account position).
    const accountOf = Int32Array.from(records, (record) => (record.accountId === undefined ? undefined : positionOf.get(record.accountId)) ?? -1);
    const { starts: offsets, order: rows } = runSync(bucketOrderWork(records.length, n, (row) => accountOf[row] as number));
    return [{ collection, records, offsets, rows }];
  });
  return {
    size: n,
    of(accountIds) {
      const positions = Int32Array.from(new Set([...accountIds].flatMap((id) => { const p = positionOf.get(id); return p === undefined ? [] : [p]; }))).sort();
      const subset: Dataset = { ...dataset, accounts: Array.from(positions, (p) => dataset.accounts[p] as Account) };
      const csmIds = new Set<string>();
      for (const account of subset.accounts) if (account.csmId !== undefined) csmIds.add(account.csmId);
      for (const { collection, records, offsets, rows } of grouped) {
        let count = 0;
        for (const p of positions) count += (offsets[p + 1] as number) - (offsets[p] as number);
        const picked = new Int32Array(count);
        let at = 0;
        for (const p of positions) for (let i = offsets[p] as number; i < (offsets[p + 1] as number); i += 1) picked[at++] = rows[i] as number;
        picked.sort();
        const kept = Array.from(picked, (row) => records[row] as { accountId?: string; csmId?: string });
        for (const record of kept) if (record.csmId !== undefined) csmIds.add(record.csmId);
        (subset as unknown as Record<string, unknown>)[collection] = kept;
      }
      if (dataset.csms) subset.csms = dataset.csms.filter((csm) => csmIds.has(csm.id));
      // A subset is a viewer's book: only the targets of its CSMs, never a team's or the company's (fail closed).
      if (dataset.targets) subset.targets = dataset.targets.filter((target) => target.csmId !== undefined && csmIds.has(target.csmId));
      return subset;
    },
  };
}
