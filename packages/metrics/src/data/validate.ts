/**
 * `validateDataset` (SPEC 1): checks raw input record by record and returns the records that pass, plus one
 * `DataIssue` per problem. A record with an error is left out of the dataset; nothing is dropped without an issue.
 *
 * Rules the SPEC leaves open, decided here:
 * - Collections are checked in dependency order (csms, accounts, then the rest), and references point at the
 *   records that passed: a contract of a rejected account is itself rejected, with a message naming the account.
 * - `csmId` references are checked only when the dataset has a `csms` collection; without one there is nothing to
 *   check them against, and dropping every assigned account would lose far more than it protects.
 * - A duplicate `id`, ARR month or health month keeps the first record and reports the later one.
 * - A record whose `currency` equals the reporting currency needs no rate. Amounts are not converted here; the
 *   metrics convert them (so a dataset that skipped validation gets the same numbers).
 * - Two activity records for one account, month and role (or both without one) are an error: the later one is left
 *   out. Records of different roles are kept; an account's activity rate sums their users (SPEC 1).
 * - A target names a CSM or a team, not both; its period is an object of two months, from <= to.
 * - Unknown fields are kept as they are.
 * - Money is at most `MAX_MONEY` (10^15) in its own currency and after conversion, so no sum the metrics take can
 *   overflow to Infinity; an amount past it is an error naming the record.
 * - Names that objects inherit (`toString`, `constructor`, `__proto__`) are data like any other: a currency or a
 *   rate keyed by one is looked up as an own entry, never as an inherited property.
 * - A hole in a collection (a sparse array), a record whose fields cannot be read (a throwing getter) and a
 *   record that is not an object are each an error with the record's index.
 * - A contract without `end` is open-ended (SPEC 1): active from its start on, never due.
 */
import { COLLECTION_NAMES } from '../model/domain.js';
import {
  checkCurrency, CollectionChecker, fieldContext, isNaturalKeyed, naturalKeyPart, naturalKeyRepeats, overlapWarnings, recordSpans, repeatIssue,
  type NaturalKeyCollection,
} from './record-checks.js';
import { describe } from './validate-rules.js';
import type { CollectionName, DataIssue, Dataset, ValidationResult } from '../core/types.js';

export { collectionFields, contractFields, MAX_MONEY, numericFields } from './validate-rules.js';
export type { ContractField } from './validate-rules.js';

type RawRecord = Record<string, unknown>;

/** Checks one collection's records (copies are kept), then its natural-key repeats and, for contracts, overlaps. */
function validateCollection(collection: CollectionName, raw: unknown, checker: CollectionChecker, issues: DataIssue[], accounts: number): RawRecord[] | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw)) {
    checker.notAList(raw);
    return [];
  }
  const kept: RawRecord[] = [];
  for (let index = 0; index < raw.length; index += 1) {
    if (!(index in raw)) {
      checker.hole();
      continue;
    }
    const row = checker.check(raw[index]);
    if (row) kept.push(row);
  }
  if (isNaturalKeyed(collection)) return withoutRepeats(collection, kept, checker, issues, accounts);
  if (collection === 'contracts') overlapWarnings(recordSpans(kept, checker), issues);
  return kept;
}

/**
 * A collection without the records that repeat an earlier one's natural key (the first is kept; SPEC 1), each
 * reported in record order among the collection's other issues.
 */
function withoutRepeats(collection: NaturalKeyCollection, kept: RawRecord[], checker: CollectionChecker, issues: DataIssue[], accounts: number): RawRecord[] {
  const repeats = naturalKeyRepeats(checker, accounts);
  if (repeats.length === 0) return kept;
  const found = Array.from(repeats, (k) => {
    const row = kept[k] as RawRecord;
    return repeatIssue(collection, checker.indexOf(k), String(row.accountId), String(row.month), naturalKeyPart(collection, row));
  });
  mergeIssues(issues, collection, found);
  const repeated = new Set(repeats);
  return kept.filter((_, k) => !repeated.has(k));
}

/** Puts a collection's later-found issues among its others in record order (each collection's issues are in order). */
export function mergeIssues(issues: DataIssue[], collection: string, found: readonly DataIssue[]): void {
  if (found.length === 0) return;
  let start = issues.length;
  while (start > 0 && (issues[start - 1] as DataIssue).collection === collection) start -= 1;
  const own = issues.splice(start);
  const merged: DataIssue[] = [];
  let f = 0;
  for (const issue of own) {
    while (f < found.length && (found[f] as DataIssue).index < issue.index) merged.push(found[f++] as DataIssue);
    merged.push(issue);
  }
  while (f < found.length) merged.push(found[f++] as DataIssue);
  issues.push(...merged);
}

/** A plain object of own entries, `__proto__` included (defined, never assigned, so no key can reach a prototype). */
export function ownRecord(entries: ReadonlyMap<string, number>): Record<string, number> {
  const record: Record<string, number> = {};
  for (const [key, value] of entries) Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  return record;
}

/**
 * Checks raw input against the data contract. Throws a `TypeError` for input that is not a dataset object at all;
 * everything else becomes a `DataIssue` (SPEC 1).
 */
export function validateDataset(raw: unknown): ValidationResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new TypeError(`validateDataset expected a dataset object such as { accounts: [...] }, got ${describe(raw)}`);
  }
  const input = raw as RawRecord;
  const issues: DataIssue[] = [];
  const { currency, fxRates } = checkCurrency(input, issues);
  const context = fieldContext(currency, fxRates, Array.isArray(input.csms));
  if (input.accounts === undefined) {
    issues.push({ severity: 'error', collection: 'accounts', index: -1, message: "missing required collection 'accounts'" });
  }
  const dataset: Record<string, unknown> = { currency, fxRates: ownRecord(fxRates), accounts: [] };
  for (const collection of COLLECTION_NAMES) {
    const checker = new CollectionChecker(collection, context, issues, true);
    const kept = validateCollection(collection, input[collection], checker, issues, context.accepted.accounts.size);
    if (kept !== undefined) dataset[collection] = kept;
  }
  return { dataset: dataset as unknown as Dataset, issues };
}
