/**
 * Validation issues back in the files: each record's table, line and the column of the field at fault, and a
 * reference to an account that was left out says where and why ("account 'A-1' was rejected at accounts.csv line
 * 7"), not "unknown account".
 */
import type { DataIssue } from '@cskit/metrics';
import type { ImportIssue } from './types.js';

/** Where a record passed to `validateDataset` came from. */
export interface Origin { table: string; line: number; columnOf: ReadonlyMap<string, string> }

export type Origins = ReadonlyMap<string, readonly Origin[]>;
/** Account id -> where it was rejected. */
export type Rejected = Map<string, { table: string; line: number }>;

export function locatedIssue(issue: DataIssue, origin: Origin | undefined, message = issue.message): ImportIssue {
  if (!origin) return { ...issue, table: issue.collection, line: 0 };
  const column = issue.field === undefined ? undefined : origin.columnOf.get(issue.field);
  return {
    ...issue, message: `${origin.table} line ${origin.line}${column ? `, column '${column}'` : ''}: ${message}`,
    table: origin.table, line: origin.line, ...(column === undefined ? {} : { column }),
  };
}

/**
 * Every validation issue located. `raw` is what was validated (a reference's account id is read from it);
 * accounts that validation rejected join `rejected` first, so references to them name their line.
 */
export function locateIssues(found: readonly DataIssue[], origins: Origins, raw: Readonly<Record<string, unknown>>, rejected: Rejected): ImportIssue[] {
  for (const issue of found) {
    if (issue.collection !== 'accounts' || issue.severity !== 'error' || issue.id === undefined || rejected.has(issue.id)) continue;
    const origin = origins.get('accounts')?.[issue.index];
    if (origin) rejected.set(issue.id, { table: origin.table, line: origin.line });
  }
  return found.map((issue) => {
    const origin = issue.index >= 0 ? origins.get(issue.collection)?.[issue.index] : undefined;
    if (issue.field !== 'accountId' || issue.collection === 'accounts') return locatedIssue(issue, origin);
    const records = raw[issue.collection];
    const record = Array.isArray(records) ? (records[issue.index] as Record<string, unknown> | undefined) : undefined;
    const id = typeof record?.accountId === 'string' ? record.accountId : undefined;
    const where = id === undefined ? undefined : rejected.get(id);
    return locatedIssue(issue, origin, where ? `account '${id}' was rejected at ${where.table} line ${where.line} (see that line's issue)` : issue.message);
  });
}
