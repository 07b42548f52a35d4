/** Small builders for hand-worked test datasets (test-only; not exported by the package). */
import type { Account, ArrSnapshot, Contract, Dataset } from '../core/types.js';

export function account(id: string, extra: Partial<Account> = {}): Account {
  return { id, name: `Account ${id}`, signedAt: '2024-01-15', ...extra };
}

/** ARR snapshots for one account: `series` maps month -> ARR. */
export function snapshots(accountId: string, series: Record<string, number>): ArrSnapshot[] {
  return Object.entries(series).map(([month, arr]) => ({ accountId, month, arr }));
}

export function contract(id: string, accountId: string, start: string, end: string, arr: number, extra: Partial<Contract> = {}): Contract {
  return { id, accountId, start, end, arr, ...extra };
}

export function dataset(parts: Partial<Dataset> & { accounts: Account[] }): Dataset {
  return parts;
}
