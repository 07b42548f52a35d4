/**
 * The spans of the whole data that the JS engine's index reads whole-data-wide (few-accounts.ts): per collection, the
 * first and last month (or day) of its records, by activity role and by measure key. `writeDataset` works them out
 * from the records it writes, in the same pass, and keeps them in the data's header (`cskit_meta`, `spans`), so a
 * page of accounts or a story reads them with the header instead of scanning every monthly table once per version
 * (PostgreSQL at 1M accounts: 7.4 s for the first page).
 */
import { dayNumber, monthIndex, type Dataset } from '@cskit/metrics';

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

/** The spans of a valid dataset's collections (see above). */
export function dataSpansOf(dataset: Dataset): DataSpans {
  const spans: DataSpans = {};
  for (const { collection, at, group, counts } of SPANNED) {
    const records = (dataset as unknown as Record<string, unknown>)[collection] as Record_[] | undefined;
    if (records === undefined) continue;
    const byGroup = new Map<string | null, DataSpan>();
    for (const record of records) {
      if (counts !== undefined && !counts(record)) continue;
      const value = group?.(record);
      const key = value === undefined || value === null ? null : String(value);
      const place = at(record);
      const span = byGroup.get(key);
      if (span === undefined) byGroup.set(key, { group: key, first: place, last: place });
      else {
        if (place < span.first) span.first = place;
        if (place > span.last) span.last = place;
      }
    }
    spans[collection] = [...byGroup.values()];
  }
  return spans;
}

