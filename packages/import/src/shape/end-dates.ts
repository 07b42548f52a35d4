/**
 * Whether a table's contract end dates are the last covered day (the contract's own reading) or the day after it
 * (many billing tools: a period from 2024-03-15 "to" 2025-03-15). Decided from the data unless `endDate` says:
 * a term ending on its start's day of the month, or a next term of the account starting on the same day, is
 * exclusive evidence; a term ending the day before its start's day of the month, or a next term starting the next
 * day, is inclusive evidence. The majority decides; no evidence or a tie reads inclusive. Exclusive ends move one
 * day back. Dates here were read as existing days (`convert/cells.ts`).
 */
import { addDays } from '@cskit/metrics';
import type { LocatedRecord } from '../convert/rows.js';

export type EndReading = 'inclusive' | 'exclusive';

const dayOf = (date: string) => date.slice(8, 10);

export function endEvidence(records: readonly LocatedRecord[]): { exclusive: number; inclusive: number } {
  const starts = new Map<string, Set<string>>();
  for (const { record } of records) {
    if (typeof record.accountId !== 'string' || typeof record.start !== 'string') continue;
    let set = starts.get(record.accountId);
    if (!set) starts.set(record.accountId, (set = new Set()));
    set.add(record.start);
  }
  let exclusive = 0;
  let inclusive = 0;
  for (const { record } of records) {
    const { start, end } = record;
    if (typeof start !== 'string' || typeof end !== 'string' || end <= start) continue;
    const next = starts.get(String(record.accountId));
    if (next?.has(end)) exclusive += 1;
    else if (next?.has(addDays(end, 1))) inclusive += 1;
    else if (dayOf(end) === dayOf(start)) exclusive += 1;
    else if (dayOf(addDays(end, 1)) === dayOf(start)) inclusive += 1;
  }
  return { exclusive, inclusive };
}

/** Reads a table's ends as `reading` (moving exclusive ends a day back) and says how it was decided. */
export function applyEndReading(name: string, records: LocatedRecord[], given: EndReading | undefined, notes: string[]): void {
  const withEnd = records.filter(({ record }) => typeof record.end === 'string');
  if (withEnd.length === 0) return;
  let reading: EndReading;
  if (given) {
    reading = given;
    notes.push(`${name}: end dates read as ${given} (the endDate option)`);
  } else {
    const { exclusive, inclusive } = endEvidence(records);
    reading = exclusive > inclusive ? 'exclusive' : 'inclusive';
    notes.push(exclusive + inclusive === 0 || exclusive === inclusive
      ? `${name}: end dates read as the last covered day (inclusive): the data does not tell; set endDate: 'exclusive' if they are the day after`
      : `${name}: end dates read as ${reading === 'exclusive' ? 'the day after the last covered day (exclusive): each moved one day back' : 'the last covered day (inclusive)'}; ${Math.max(exclusive, inclusive)} of ${exclusive + inclusive} terms say so`);
  }
  if (reading === 'exclusive') for (const { record } of withEnd) record.end = addDays(record.end as string, -1);
}
