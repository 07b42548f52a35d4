/**
 * The data contract's field rules (SPEC 1), one list per collection, and the check of one field's value: what
 * `validateDataset`, the streaming `datasetBuilder` and an import read, so a rule is written once.
 */
import { isValidDate, isValidMonth } from '../core/dates.js';
import { ADVOCACY_KINDS, COMPLAINT_KINDS, LEAD_STAGES, REVENUE_SOURCES, TARGET_METRICS, TICKET_ORIGINS, TICKET_TYPES } from '../model/domain.js';
import type { CollectionName } from '../core/types.js';

/** The largest amount of money cskit computes with: sums of up to 10^290 such amounts stay finite. */
export const MAX_MONEY = 1e15;

export type FieldKind =
  | 'id' | 'string' | 'date' | 'month' | 'money' | 'count' | 'score' | 'nps' | 'number' | 'enum' | 'currency'
  /** A satisfaction score 1..5. */
  | 'csat'
  /** `{ from: 'YYYY-MM', to: 'YYYY-MM' }`, from <= to. */
  | 'period';

export interface FieldRule {
  field: string;
  kind: FieldKind;
  required?: boolean;
  values?: readonly string[];
  /** A reference to another collection's `id`. */
  ref?: 'accounts' | 'csms';
}


const accountRef: FieldRule = { field: 'accountId', kind: 'id', required: true, ref: 'accounts' };
const csmRef: FieldRule = { field: 'csmId', kind: 'id', ref: 'csms' };

export const SCHEMAS: Record<CollectionName, readonly FieldRule[]> = {
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
    { field: 'role', kind: 'string' },
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
  tickets: [
    { field: 'id', kind: 'id', required: true },
    accountRef,
    { field: 'openedAt', kind: 'date', required: true },
    // Minutes: a count's rule (a finite number >= 0).
    { field: 'firstResponseMinutes', kind: 'count' },
    { field: 'resolutionMinutes', kind: 'count' },
    { field: 'type', kind: 'enum', values: TICKET_TYPES },
    { field: 'origin', kind: 'enum', values: TICKET_ORIGINS },
    { field: 'csat', kind: 'csat' },
    { field: 'complaint', kind: 'enum', values: COMPLAINT_KINDS },
  ],
  targets: [
    { field: 'id', kind: 'id' },
    csmRef,
    { field: 'team', kind: 'string' },
    { field: 'period', kind: 'period', required: true },
    { field: 'metric', kind: 'enum', required: true, values: TARGET_METRICS },
    { field: 'value', kind: 'number', required: true },
  ],
};


/** What a reference check needs: the records each collection kept and left out so far, and the currencies. */
export interface FieldContext {
  reportingCurrency: string;
  fxRates: ReadonlyMap<string, number>;
  /** Kept accounts by id, with their position among the kept accounts; kept CSM ids. */
  accepted: { accounts: Map<string, number>; csms: Set<string> };
  rejected: { accounts: Set<string>; csms: Set<string> };
  hasCsms: boolean;
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number') return String(value);
  return `a ${typeof value}`;
}

/** The message for a field's value, or null when it passes. */
export function checkField(rule: FieldRule, value: unknown, context: FieldContext): string | null {
  switch (rule.kind) {
    case 'id':
    case 'string':
      if (typeof value !== 'string') return `wrong type: expected a string, got ${describe(value)}`;
      if (rule.kind === 'id' && value.trim() === '') return 'must not be empty';
      if (rule.ref === 'accounts' || (rule.ref === 'csms' && context.hasCsms)) {
        const target = rule.ref;
        const noun = target === 'accounts' ? 'account' : 'CSM';
        if (target === 'accounts' ? context.accepted.accounts.has(value) : context.accepted.csms.has(value)) return null;
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
    case 'csat':
      if (typeof value !== 'number') return `wrong type: expected a number, got ${describe(value)}`;
      if (!Number.isFinite(value)) return `must be a finite number, got ${describe(value)}`;
      if (rule.kind === 'csat' && (value < 1 || value > 5)) return `must be between 1 and 5, got ${value}`;
      if (rule.kind === 'money' && value < 0) return `must not be negative, got ${value}`;
      if (rule.kind === 'money' && value > MAX_MONEY) return `must be at most ${MAX_MONEY} (the largest amount cskit computes with), got ${value}`;
      if (rule.kind === 'count' && value < 0) return `must not be negative, got ${value}`;
      if (rule.kind === 'score' && (value < 0 || value > 100)) return `must be between 0 and 100, got ${value}`;
      if (rule.kind === 'nps' && (!Number.isInteger(value) || value < 0 || value > 10)) {
        return `must be an integer from 0 to 10, got ${value}`;
      }
      return null;
    case 'period':
      return periodProblem(value);
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

/** Why a value is not a period `{ from, to }` of existing months with from <= to, or null. */
function periodProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return `wrong type: expected a period { from: 'YYYY-MM', to: 'YYYY-MM' }, got ${describe(value)}`;
  const { from, to } = value as { from?: unknown; to?: unknown };
  if (!isValidMonth(from)) return `invalid period: from must be a month 'YYYY-MM', got ${describe(from)}`;
  if (!isValidMonth(to)) return `invalid period: to must be a month 'YYYY-MM', got ${describe(to)}`;
  return from <= to ? null : `invalid period: from ${from} is after to ${to}`;
}

/** The fields of a collection that hold numbers (money, counts, scores): what a CSV import converts from text. */
export function numericFields(collection: CollectionName): string[] {
  return SCHEMAS[collection].filter((rule) => ['money', 'count', 'score', 'nps', 'number', 'csat'].includes(rule.kind)).map((rule) => rule.field);
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
