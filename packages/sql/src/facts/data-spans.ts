/**
 * The spans of the whole data that the JS engine's index reads whole-data-wide (few-accounts.ts): per collection, the
 * first and last month (or day) of its records, by activity role and by measure key. `writeDataset` works them out
 * from the records it writes, as it writes them (`SpanCounter`), and keeps them in the data's header (`cskit_meta`, `spans`), so a
 * page of accounts or a story reads them with the header instead of scanning every monthly table once per version
 * (PostgreSQL at 1M accounts: 7.4 s for the first page).
 */
import { dayNumber, monthIndex } from '@cskit/metrics';

/** A collection's records from `first` to `last` (month indexes; days for responses and tickets), of one `group`. */
export interface DataSpan {
  /** The activity role or measure key (null: records without a role; the collection's only span otherwise). */
  group: string | null;
  first: number;
  last: number;
}

export type SpannedCollection = 'arr' | 'health' | 'activity' | 'measures' | 'nps' | 'tickets' | 'contracts';

/** Each written collection's spans (absent: not written; empty: written without records). */
export type DataSpans = Partial<Record<SpannedCollection, DataSpan[]>>;

type Record_ = Record<string, unknown>;

/** How a collection's records are spanned: the value that places a record, its group, and which records count. */
const SPANNED: ReadonlyArray<{ collection: SpannedCollection; at: (record: Record_) => number; group?: (record: Record_) => unknown; counts?: (record: Record_) => boolean }> = [
  { collection: 'arr', at: (r) => monthIndex(r.month as string) },
  { collection: 'health', at: (r) => monthIndex(r.month as string) },
  { collection: 'activity', at: (r) => monthIndex(r.month as string), group: (r) => r.role },
  { collection: 'measures', at: (r) => monthIndex(r.month as string), group: (r) => r.key },
  // Responses without an account belong to no account's figures.
  { collection: 'nps', at: (r) => dayNumber(r.date as string), counts: (r) => r.accountId !== undefined && r.accountId !== null },
  { collection: 'tickets', at: (r) => dayNumber(r.openedAt as string) },
  // The contracts' start months (`start_month`): the whole data's period without ARR snapshots (`wholeDataSpan`).
  { collection: 'contracts', at: (r) => monthIndex(r.start as string) },
];

/** Spans worked out record by record, as a stream's records are written (`writeDataset`). */
export class SpanCounter {
  private readonly byCollection = new Map<SpannedCollection, Map<string | null, DataSpan>>();

  /** Counts a kept record of `collection` (one the spans do not cover is passed over). */
  add(collection: string, record: Record_): void {
    const spanned = SPANNED_BY.get(collection);
    if (spanned === undefined || (spanned.counts !== undefined && !spanned.counts(record))) return;
    let byGroup = this.byCollection.get(spanned.collection);
    if (byGroup === undefined) this.byCollection.set(spanned.collection, (byGroup = new Map()));
    const value = spanned.group?.(record);
    const key = value === undefined || value === null ? null : String(value);
    const place = spanned.at(record);
    const span = byGroup.get(key);
    if (span === undefined) byGroup.set(key, { group: key, first: place, last: place });
    else {
      if (place < span.first) span.first = place;
      if (place > span.last) span.last = place;
    }
  }

  /** The spans of the `written` collections (each present, empty when it had no record counted). */
  spans(written: readonly string[]): DataSpans {
    const spans: DataSpans = {};
    for (const { collection } of SPANNED) if (written.includes(collection)) spans[collection] = [...(this.byCollection.get(collection)?.values() ?? [])];
    return spans;
  }
}

const SPANNED_BY = new Map(SPANNED.map((spanned) => [spanned.collection as string, spanned]));
