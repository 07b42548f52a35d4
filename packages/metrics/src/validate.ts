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
 * - Two activity records for one account and month are a warning, and their users are summed.
 * - Unknown fields are kept as they are.
 * - Money is at most `MAX_MONEY` (10^15) in its own currency and after conversion, so no sum the metrics take can
 *   overflow to Infinity; an amount past it is an error naming the record.
 * - Names that objects inherit (`toString`, `constructor`, `__proto__`) are data like any other: a currency or a
 *   rate keyed by one is looked up as an own entry, never as an inherited property.
 * - A hole in a collection (a sparse array), a record whose fields cannot be read (a throwing getter) and a
 *   record that is not an object are each an error with the record's index.
 * - A contract without `end` is open-ended (SPEC 1): active from its start on, never due.
 */
import { dayNumber, isValidDate, isValidMonth } from './dates.js';
import { ADVOCACY_KINDS, COLLECTION_NAMES, LEAD_STAGES, REVENUE_SOURCES } from './domain.js';
import type { CollectionName, DataIssue, Dataset, ValidationResult } from './types.js';

/** The largest amount of money cskit computes with: sums of up to 10^290 such amounts stay finite. */
export const MAX_MONEY = 1e15;

type FieldKind = 'id' | 'string' | 'date' | 'month' | 'money' | 'count' | 'score' | 'nps' | 'number' | 'enum' | 'currency';

interface FieldRule {
  field: string;
  kind: FieldKind;
  required?: boolean;
  values?: readonly string[];
  /** A reference to another collection's `id`. */
  ref?: 'accounts' | 'csms';
}


const accountRef: FieldRule = { field: 'accountId', kind: 'id', required: true, ref: 'accounts' };
const csmRef: FieldRule = { field: 'csmId', kind: 'id', ref: 'csms' };

const SCHEMAS: Record<CollectionName, readonly FieldRule[]> = {
  csms: [
    { field: 'id', kind: 'id', required: true },
    { field: 'name', kind: 'string', required: true },
    { field: 'team', kind: 'string' },
  ],
  accounts: [
    { field: 'id', kind: 'id', required: true },
    { field: 'name', kind: 'string', required: true },
    { field: 'signedAt', kind: 'date', required: true },
    csmRef,
    { field: 'salesRepId', kind: 'string' },
    { field: 'segment', kind: 'string' },
    { field: 'region', kind: 'string' },
    { field: 'industry', kind: 'string' },
    { field: 'channel', kind: 'string' },
    { field: 'stage', kind: 'string' },
  ],
  contracts: [
    { field: 'id', kind: 'id', required: true },
    accountRef,
    { field: 'start', kind: 'date', required: true },
    { field: 'end', kind: 'date' },
    { field: 'arr', kind: 'money', required: true },
    { field: 'currency', kind: 'currency' },
    { field: 'optOutDate', kind: 'date' },
  ],
  arr: [
    accountRef,
    { field: 'month', kind: 'month', required: true },
    { field: 'arr', kind: 'money', required: true },
    { field: 'currency', kind: 'currency' },
  ],
  health: [
    accountRef,
    { field: 'month', kind: 'month', required: true },
    { field: 'outcome', kind: 'score', required: true },
    { field: 'experience', kind: 'score', required: true },
  ],
  nps: [
    { field: 'id', kind: 'id' },
    { ...accountRef, required: false },
    { field: 'date', kind: 'date', required: true },
    { field: 'score', kind: 'nps', required: true },
    { field: 'role', kind: 'string' },
  ],
  activity: [
    accountRef,
    { field: 'month', kind: 'month', required: true },
    { field: 'activeUsers', kind: 'count', required: true },
    { field: 'licensedUsers', kind: 'count', required: true },
  ],
  leads: [
    { field: 'id', kind: 'id', required: true },
    accountRef,
    csmRef,
    { field: 'createdAt', kind: 'date', required: true },
    { field: 'stage', kind: 'enum', required: true, values: LEAD_STAGES },
    { field: 'closedAt', kind: 'date' },
    { field: 'arr', kind: 'money' },
  ],
  advocacy: [
    { field: 'id', kind: 'id', required: true },
    accountRef,
    csmRef,
    { field: 'date', kind: 'date', required: true },
    { field: 'kind', kind: 'enum', required: true, values: ADVOCACY_KINDS },
  ],
  revenue: [
    { field: 'id', kind: 'id', required: true },
    accountRef,
    csmRef,
    { field: 'date', kind: 'date', required: true },
    { field: 'arr', kind: 'money', required: true },
    { field: 'source', kind: 'enum', required: true, values: REVENUE_SOURCES },
  ],
  measures: [
    accountRef,
    { field: 'month', kind: 'month', required: true },
    { field: 'key', kind: 'id', required: true },
    { field: 'value', kind: 'number', required: true },
  ],
};


/** Overlap beyond this many days between two contracts of one account is reported (SPEC 1). */
const OVERLAP_WARNING_DAYS = 31;

type RawRecord = Record<string, unknown>;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number') return String(value);
  return `a ${typeof value}`;
}

interface Context {
  reportingCurrency: string;
  fxRates: ReadonlyMap<string, number>;
  accepted: { accounts: Set<string>; csms: Set<string> };
  rejected: { accounts: Set<string>; csms: Set<string> };
  hasCsms: boolean;
}

/** The message for a field's value, or null when it passes. */
function checkField(rule: FieldRule, value: unknown, context: Context): string | null {
  switch (rule.kind) {
    case 'id':
    case 'string':
      if (typeof value !== 'string') return `wrong type: expected a string, got ${describe(value)}`;
      if (rule.kind === 'id' && value.trim() === '') return 'must not be empty';
      if (rule.ref === 'accounts' || (rule.ref === 'csms' && context.hasCsms)) {
        const target = rule.ref;
        const noun = target === 'accounts' ? 'account' : 'CSM';
        if (context.accepted[target].has(value)) return null;
        return context.rejected[target].has(value)
          ? `refers to ${noun} '${value}', which was rejected (see the ${target} issues)`
          : `unknown ${noun} '${value}'`;
      }
      return null;
    case 'date':
      if (typeof value !== 'string') return `wrong type: expected a date 'YYYY-MM-DD', got ${describe(value)}`;
      return isValidDate(value) ? null : `invalid date ${JSON.stringify(value)}: expected an existing date 'YYYY-MM-DD'`;
    case 'month':
      if (typeof value !== 'string') return `wrong type: expected a month 'YYYY-MM', got ${describe(value)}`;
      return isValidMonth(value) ? null : `invalid month ${JSON.stringify(value)}: expected 'YYYY-MM'`;
    case 'money':
    case 'count':
    case 'score':
    case 'nps':
    case 'number':
      if (typeof value !== 'number') return `wrong type: expected a number, got ${describe(value)}`;
      if (!Number.isFinite(value)) return `must be a finite number, got ${describe(value)}`;
      if (rule.kind === 'money' && value < 0) return `must not be negative, got ${value}`;
      if (rule.kind === 'money' && value > MAX_MONEY) return `must be at most ${MAX_MONEY} (the largest amount cskit computes with), got ${value}`;
      if (rule.kind === 'count' && value < 0) return `must not be negative, got ${value}`;
      if (rule.kind === 'score' && (value < 0 || value > 100)) return `must be between 0 and 100, got ${value}`;
      if (rule.kind === 'nps' && (!Number.isInteger(value) || value < 0 || value > 10)) {
        return `must be an integer from 0 to 10, got ${value}`;
      }
      return null;
    case 'enum':
      if (typeof value !== 'string') return `wrong type: expected one of ${rule.values?.join(', ')}, got ${describe(value)}`;
      return rule.values?.includes(value) ? null : `must be one of ${rule.values?.join(', ')}, got ${JSON.stringify(value)}`;
    case 'currency':
      if (typeof value !== 'string') return `wrong type: expected an ISO 4217 code, got ${describe(value)}`;
      if (value === context.reportingCurrency) return null;
      return context.fxRates.has(value)
        ? null
        : `currency '${value}' has no rate in dataset.fxRates (reporting currency ${context.reportingCurrency})`;
  }
}

/** The key a collection uses to find duplicates besides `id`, e.g. one ARR snapshot per account and month. */
function naturalKey(collection: CollectionName, record: RawRecord): string | null {
  if (collection === 'arr' || collection === 'health' || collection === 'activity') {
    return `${String(record.accountId)}\u0000${String(record.month)}`;
  }
  if (collection === 'measures') return `${String(record.accountId)}\u0000${String(record.month)}\u0000${String(record.key)}`;
  return null;
}

/** A copy of a record's own fields, or the message of what stopped them being read (a throwing getter). */
function readRecord(record: object): RawRecord | string {
  try {
    return { ...(record as RawRecord) };
  } catch (error) {
    return `could not read the record's fields: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function validateCollection(
  collection: CollectionName,
  raw: unknown,
  context: Context,
  issues: DataIssue[],
): RawRecord[] | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw)) {
    issues.push({
      severity: 'error', collection, index: -1,
      message: `${collection} must be an array of records, got ${describe(raw)}; the whole collection was left out`,
    });
    return [];
  }
  const rules = SCHEMAS[collection];
  const kept: RawRecord[] = [];
  const keptAt: number[] = [];
  const seenIds = new Map<string, number>();
  const seenKeys = new Map<string, RawRecord>();
  for (let index = 0; index < raw.length; index += 1) {
    if (!(index in raw)) {
      issues.push({ severity: 'error', collection, index, message: 'missing record: a hole in the array (a sparse array)' });
      continue;
    }
    const record: unknown = raw[index];
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      issues.push({ severity: 'error', collection, index, message: `expected a record (object), got ${describe(record)}` });
      continue;
    }
    const read = readRecord(record);
    if (typeof read === 'string') {
      issues.push({ severity: 'error', collection, index, message: read });
      continue;
    }
    const row = read;
    const id = typeof row.id === 'string' ? row.id : undefined;
    const recordIssues: DataIssue[] = [];
    const error = (field: string | undefined, message: string) =>
      recordIssues.push({ severity: 'error', collection, index, ...(id !== undefined && { id }), ...(field !== undefined && { field }), message });

    for (const rule of rules) {
      const value = row[rule.field];
      if (value === undefined || value === null) {
        if (rule.required) error(rule.field, `missing required field '${rule.field}'`);
        continue;
      }
      const message = checkField(rule, value, context);
      if (message) error(rule.field, message);
    }
    if (recordIssues.length === 0 && collection === 'contracts' && row.end !== undefined && row.end !== null && (row.end as string) < (row.start as string)) {
      error('end', `end ${String(row.end)} is before start ${String(row.start)}`);
    }
    if (recordIssues.length === 0 && (collection === 'contracts' || collection === 'arr') && typeof row.currency === 'string') {
      const rate = row.currency === context.reportingCurrency ? 1 : (context.fxRates.get(row.currency) as number);
      const converted = (row.arr as number) * rate;
      if (!(converted <= MAX_MONEY)) {
        error('arr', `${String(row.arr)} ${row.currency} at rate ${rate} is ${converted} ${context.reportingCurrency}, more than ${MAX_MONEY} (the largest amount cskit computes with)`);
      }
    }
    if (recordIssues.length === 0 && collection === 'activity' && (row.licensedUsers as number) <= 0) {
      error('licensedUsers', `must be greater than 0, got ${String(row.licensedUsers)}`);
    }
    if (recordIssues.length === 0 && id !== undefined) {
      const first = seenIds.get(id);
      if (first !== undefined) error('id', `duplicate id '${id}' (first used by ${collection}[${first}], which is kept)`);
    }
    const key = recordIssues.length === 0 ? naturalKey(collection, row) : null;
    if (key !== null && seenKeys.has(key) && collection !== 'activity') {
      const what = collection === 'measures' ? `measure '${String(row.key)}'` : `${collection} snapshot`;
      error('month', `a second ${what} for account '${String(row.accountId)}' in ${String(row.month)} (the first is kept)`);
    }

    if (recordIssues.length > 0) {
      issues.push(...recordIssues);
      if (id !== undefined && (collection === 'accounts' || collection === 'csms') && !seenIds.has(id)) {
        context.rejected[collection].add(id);
      }
      continue;
    }
    if (collection === 'activity' && (row.activeUsers as number) > (row.licensedUsers as number)) {
      issues.push({
        severity: 'warning', collection, index, field: 'activeUsers',
        message: `activeUsers ${String(row.activeUsers)} exceeds licensedUsers ${String(row.licensedUsers)}`,
      });
    }
    const copy = row;
    if (key !== null && collection === 'activity') {
      const earlier = seenKeys.get(key);
      if (earlier) {
        issues.push({
          severity: 'warning', collection, index, field: 'month',
          message: `a second activity record for account '${String(row.accountId)}' in ${String(row.month)}: users are added to the first`,
        });
        earlier.activeUsers = (earlier.activeUsers as number) + (row.activeUsers as number);
        earlier.licensedUsers = (earlier.licensedUsers as number) + (row.licensedUsers as number);
        continue;
      }
    }
    if (key !== null) seenKeys.set(key, copy);
    if (id !== undefined) seenIds.set(id, index);
    if (collection === 'accounts' || collection === 'csms') context.accepted[collection].add(id as string);
    kept.push(copy);
    keptAt.push(index);
  }
  if (collection === 'contracts') warnOverlaps(kept, keptAt, issues);
  return kept;
}

/** The last covered day of a contract as a day number; an open-ended contract covers every day after its start. */
function endDay(contract: RawRecord): number {
  return typeof contract.end === 'string' ? dayNumber(contract.end) : Number.POSITIVE_INFINITY;
}

/** Contracts of one account overlapping by more than 31 days are a warning on the later one (SPEC 1). */
function warnOverlaps(kept: RawRecord[], keptAt: readonly number[], issues: DataIssue[]): void {
  const byAccount = new Map<string, RawRecord[]>();
  for (const contract of kept) {
    const list = byAccount.get(contract.accountId as string);
    if (list) list.push(contract);
    else byAccount.set(contract.accountId as string, [contract]);
  }
  const positions = new Map<string, number>();
  kept.forEach((record, i) => {
    if (typeof record.id === 'string' && !positions.has(record.id)) positions.set(record.id, keptAt[i] as number);
  });
  for (const contracts of byAccount.values()) {
    if (contracts.length < 2) continue;
    contracts.sort((a, b) => ((a.start as string) < (b.start as string) ? -1 : (a.start as string) > (b.start as string) ? 1 : 0));
    let latestEnd = contracts[0] as RawRecord;
    for (let i = 1; i < contracts.length; i += 1) {
      const contract = contracts[i] as RawRecord;
      const overlapDays = Math.min(endDay(contract), endDay(latestEnd)) - dayNumber(contract.start as string) + 1;
      if (overlapDays > OVERLAP_WARNING_DAYS) {
        issues.push({
          severity: 'warning', collection: 'contracts', index: positions.get(contract.id as string) ?? -1,
          id: contract.id as string, field: 'start',
          message: `contract '${String(contract.id)}' overlaps contract '${String(latestEnd.id)}' of account '${String(contract.accountId)}' by ${overlapDays} days`,
        });
      }
      if (endDay(contract) > endDay(latestEnd)) latestEnd = contract;
    }
  }
}

function validateCurrency(input: RawRecord, issues: DataIssue[]): { currency: string; fxRates: Map<string, number> } {
  let currency = 'USD';
  if (input.currency !== undefined) {
    if (typeof input.currency === 'string' && /^[A-Z]{3}$/.test(input.currency)) currency = input.currency;
    else issues.push({ severity: 'error', collection: 'dataset', index: -1, field: 'currency', message: `currency must be an ISO 4217 code such as 'USD', got ${describe(input.currency)}; using 'USD'` });
  }
  const fxRates = new Map<string, number>();
  if (input.fxRates !== undefined) {
    if (typeof input.fxRates !== 'object' || input.fxRates === null || Array.isArray(input.fxRates)) {
      issues.push({ severity: 'error', collection: 'dataset', index: -1, field: 'fxRates', message: `fxRates must be an object of rates by currency, got ${describe(input.fxRates)}` });
    } else {
      const read = readRecord(input.fxRates);
      if (typeof read === 'string') issues.push({ severity: 'error', collection: 'dataset', index: -1, field: 'fxRates', message: read });
      else {
        for (const [code, rate] of Object.entries(read)) {
          if (!/^[A-Z]{3}$/.test(code)) {
            issues.push({ severity: 'error', collection: 'dataset', index: -1, field: `fxRates.${code}`, message: `fxRates key ${JSON.stringify(code)} is not an ISO 4217 code such as 'EUR'; its rate was left out` });
          } else if (typeof rate === 'number' && Number.isFinite(rate) && rate > 0) fxRates.set(code, rate);
          else issues.push({ severity: 'error', collection: 'dataset', index: -1, field: `fxRates.${code}`, message: `rate for ${code} must be a positive finite number, got ${describe(rate)}` });
        }
      }
    }
  }
  return { currency, fxRates };
}

/** A plain object of own entries, `__proto__` included (defined, never assigned, so no key can reach a prototype). */
function ownRecord(entries: ReadonlyMap<string, number>): Record<string, number> {
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
  const { currency, fxRates } = validateCurrency(input, issues);
  const context: Context = {
    reportingCurrency: currency,
    fxRates,
    accepted: { accounts: new Set(), csms: new Set() },
    rejected: { accounts: new Set(), csms: new Set() },
    hasCsms: Array.isArray(input.csms),
  };
  if (input.accounts === undefined) {
    issues.push({ severity: 'error', collection: 'accounts', index: -1, message: "missing required collection 'accounts'" });
  }
  const dataset: Record<string, unknown> = { currency, fxRates: ownRecord(fxRates), accounts: [] };
  for (const collection of COLLECTION_NAMES) {
    const kept = validateCollection(collection, input[collection], context, issues);
    if (kept !== undefined) dataset[collection] = kept;
  }
  return { dataset: dataset as unknown as Dataset, issues };
}

/** The fields of a collection that hold numbers (money, counts, scores): what a CSV import converts from text. */
export function numericFields(collection: CollectionName): string[] {
  return SCHEMAS[collection].filter((rule) => ['money', 'count', 'score', 'nps', 'number'].includes(rule.kind)).map((rule) => rule.field);
}

/** A field of the data contract as an import sees it: its name, what its text becomes, and whether it is required. */
export interface ContractField {
  field: string;
  type: 'text' | 'number' | 'date' | 'month';
  required: boolean;
}

/** The fields of a collection with their types, in the contract's order (SPEC 1). */
export function contractFields(collection: CollectionName): ContractField[] {
  return SCHEMAS[collection].map((rule) => ({
    field: rule.field,
    type: rule.kind === 'date' ? 'date' : rule.kind === 'month' ? 'month' : numericFields(collection).includes(rule.field) ? 'number' : 'text',
    required: rule.required === true,
  }));
}

/** The fields of a collection, in the contract's order: the columns of an import template. */
export function collectionFields(collection: CollectionName): string[] {
  return SCHEMAS[collection].map((rule) => rule.field);
}
