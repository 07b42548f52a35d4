/**
 * Splitting a dataset by account: `partitionDataset` puts every record with an account into its account's group
 * in one pass per collection; `filterDataset` keeps the accounts a predicate selects.
 * NPS responses without an `accountId` belong to no account, so they are in no group and no filtered dataset.
 */
import { accountFilter, type AccountFilters } from './dimensions.js';
import { ACCOUNT_COLLECTIONS } from './domain.js';
import type { Account, Dataset } from './types.js';

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
  const predicate = typeof keep === 'function' ? keep : accountFilter(keep);
  if (predicate === null) return dataset;
  return partitionDataset(dataset, (account) => (predicate(account) ? 'kept' : null)).get('kept') ?? emptyLike(dataset);
}
