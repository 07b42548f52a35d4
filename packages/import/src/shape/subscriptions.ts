/**
 * A subscriptions table is contracts that bring their accounts: each row becomes a contract, and each customer no
 * accounts table gives becomes an account (id from the customer column, name from a name column or the id,
 * `signedAt` the earliest start, segment and the like from its first row that has them).
 */
import type { LocatedRecord, RawRecord } from '../convert/rows.js';

const CONTRACT_FIELDS = ['id', 'accountId', 'start', 'end', 'arr', 'currency', 'optOutDate'];
const ACCOUNT_FIELDS = ['csmId', 'salesRepId', 'segment', 'region', 'industry', 'channel', 'stage'];

/** The contract part of a subscription row. */
export function contractOf(record: RawRecord): RawRecord {
  const contract: RawRecord = {};
  for (const field of CONTRACT_FIELDS) if (record[field] !== undefined) contract[field] = record[field];
  return contract;
}

/** Accounts for the customers of `rows` that `known` does not hold, each located at its first row. */
export function deriveAccounts(rows: readonly LocatedRecord[], known: ReadonlySet<string>): LocatedRecord[] {
  const accounts = new Map<string, LocatedRecord>();
  for (const { record, line } of rows) {
    const id = record.accountId;
    if (typeof id !== 'string' || known.has(id)) continue;
    let account = accounts.get(id);
    if (!account) {
      account = { record: { id, name: id }, line };
      accounts.set(id, account);
    }
    const into = account.record;
    if (typeof record.accountName === 'string' && into.name === id) into.name = record.accountName;
    if (typeof record.start === 'string' && (into.signedAt === undefined || record.start < (into.signedAt as string))) into.signedAt = record.start;
    for (const field of ACCOUNT_FIELDS) if (into[field] === undefined && record[field] !== undefined) into[field] = record[field];
  }
  return [...accounts.values()];
}
