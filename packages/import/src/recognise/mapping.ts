/**
 * Which collection a table is and which column feeds which field: the table's name first (`subscriptions.csv`,
 * `customers.csv`, a JSON dataset's key), else its headers (the collection whose required fields its columns cover
 * best). Each column feeds one field at most; each decision is said in a note.
 */
import { COLLECTION_NAMES } from '@cskit/metrics';
import type { RawTable } from '../read/read-table.js';
import type { ImportCollection, TableMapping } from '../types.js';
import { importFields, namesOf, normalizeHeader } from './fields.js';

/** Words of a table's name that say its collection, checked in this order. */
const NAME_WORDS: ReadonlyArray<[RegExp, ImportCollection]> = [
  [/subscription/, 'subscriptions'],
  [/ticket|helpdesk|zendesk|freshdesk|support/, 'tickets'],
  [/contract|term|renewal/, 'contracts'],
  [/^csms?$|csmlist|successmanager|owners/, 'csms'],
  [/nps|survey|response/, 'nps'],
  [/activity|usage|activeuser|seat/, 'activity'],
  [/health/, 'health'],
  [/measure|metric/, 'measures'],
  [/lead|csql/, 'leads'],
  [/advocacy|csqa|reference/, 'advocacy'],
  [/revenue|poc|consult/, 'revenue'],
  [/arr|mrr|snapshot/, 'arr'],
  [/account|customer|compan|client|organi[sz]ation|crm/, 'accounts'],
];

/** What a table can be read as: targets are left out (their period is not a flat column; give them as JSON). */
const ALL: readonly ImportCollection[] = [...COLLECTION_NAMES.filter((name) => name !== 'targets'), 'subscriptions'];

const isCollection = (value: string): value is ImportCollection => (ALL as readonly string[]).includes(value);

/** The collection a table's name or JSON key says, or null. */
export function collectionByName(table: RawTable): ImportCollection | null {
  if (table.key !== undefined && isCollection(table.key)) return table.key;
  const base = normalizeHeader((table.key ?? table.name).replace(/\.[a-z]+$/i, ''));
  if (isCollection(base)) return base;
  return NAME_WORDS.find(([pattern]) => pattern.test(base))?.[1] ?? null;
}

/**
 * The collection whose required fields a table's headers cover best. Contract-shaped columns are subscriptions when
 * no table gives accounts (they bring theirs), else contracts (a reference to a missing account stays an issue).
 */
export function collectionByHeaders(headers: readonly string[], hasAccounts: boolean): ImportCollection | null {
  let best: { collection: ImportCollection; score: number } | null = null;
  for (const collection of ALL) {
    const columns = mapColumns(collection, headers);
    const mapped = new Set(Object.values(columns));
    const fields = importFields(collection);
    const required = fields.filter((f) => f.required);
    if (!required.every((f) => mapped.has(f.field))) continue;
    const score = mapped.size / fields.length;
    if (!best || score > best.score) best = { collection, score };
  }
  const found = best?.collection ?? null;
  if (found === 'contracts' || found === 'subscriptions') return hasAccounts ? 'contracts' : 'subscriptions';
  return found;
}

/** Column -> field for a collection: exact field names first, then the names exports use, best first. */
export function mapColumns(collection: ImportCollection, headers: readonly string[]): Record<string, string> {
  const columns: Record<string, string> = {};
  const used = new Set<string>();
  const normalized = headers.map(normalizeHeader);
  const take = (field: string, at: number) => {
    const header = headers[at] as string;
    if (used.has(header) || Object.prototype.hasOwnProperty.call(columns, header)) return false;
    // Defined, not assigned: a column named `__proto__` is a column like any other.
    Object.defineProperty(columns, header, { value: field, enumerable: true, writable: true, configurable: true });
    used.add(header);
    return true;
  };
  const fields = importFields(collection);
  const taken = new Set<string>();
  for (const { field } of fields) {
    const at = normalized.indexOf(normalizeHeader(field));
    if (at >= 0 && take(field, at)) taken.add(field);
  }
  for (const { field } of fields) {
    if (taken.has(field)) continue;
    for (const name of namesOf(collection, field)) {
      const at = normalized.findIndex((h, i) => h === name && !used.has(headers[i] as string));
      if (at >= 0 && take(field, at)) { taken.add(field); break; }
    }
  }
  return columns;
}

/** A table's mapping: the one given, else recognised (null: no collection fits; the caller says so). */
export function recogniseTable(table: RawTable, given: TableMapping | undefined, hasAccounts: boolean, notes: string[]): TableMapping | null {
  if (given) return given;
  const named = collectionByName(table);
  // Contracts with no accounts table anywhere bring their accounts, as subscriptions do.
  const byName = named === 'contracts' && !hasAccounts ? 'subscriptions' : named;
  const collection = byName ?? collectionByHeaders(table.headers, hasAccounts);
  if (collection === null) return null;
  const columns = mapColumns(collection, table.headers);
  const how = byName === named ? (byName ? 'its name' : 'its columns') : 'its name; no table gives accounts, so its customers become accounts';
  const pairs = Object.entries(columns).filter(([column, field]) => column !== field).map(([column, field]) => `'${column}' -> ${field}`);
  notes.push(`${table.name}: read as ${collection} (from ${how})${pairs.length ? `; columns ${pairs.join(', ')}` : ''}`);
  const unused = table.headers.filter((header) => header !== '' && !Object.prototype.hasOwnProperty.call(columns, header));
  if (unused.length > 0) notes.push(`${table.name}: columns not imported (no field takes them): ${unused.map((h) => `'${h}'`).join(', ')}`);
  return { collection, columns };
}

