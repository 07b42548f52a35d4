/**
 * The ticket components of a health model (SPEC 12; seed 004's service and product experience): figures over an
 * account's tickets opened in the `ticketMonths` months ending with m.
 *
 * - `tickets.firstResponseHours`: the median of firstResponseMinutes / 60 over the tickets that have it;
 * - `tickets.resolutionHours[.<type>]`: the median of resolutionMinutes / 60 (all tickets, or one type);
 * - `tickets.csat`: the mean CSAT of the tickets that have one;
 * - `tickets.proactiveShare`: proactive tickets / tickets with an origin;
 * - `tickets.complaints.<kind>`: the count of tickets with that complaint, 0 in a month without tickets (when the
 *   dataset has tickets at all).
 * No ticket to read (none in the window, or none with the field): no value (NaN). The median of an even count is
 * the mean of the middle two.
 */
import { cached, type DatasetIndex } from './dataset-index.js';
import { monthIndex } from '../core/dates.js';
import { COMPLAINT_KINDS, TICKET_TYPES } from '../model/domain.js';
import type { TicketComponent } from '../model/health-model.js';
import type { Ticket } from '../core/types.js';

/** The tickets as columns, grouped by account (`rows[offsets[p] .. offsets[p + 1])`, in month order). */
export interface TicketColumns {
  count: number;
  month: Int32Array;
  /** Hours; NaN when absent. */
  firstResponse: Float64Array;
  resolution: Float64Array;
  csat: Float64Array;
  /** Index into `TICKET_TYPES`, -1 without one. */
  type: Int8Array;
  /** 1 proactive, 0 reactive, -1 without an origin. */
  proactive: Int8Array;
  /** Index into `COMPLAINT_KINDS`, -1 without one. */
  complaint: Int8Array;
  offsets: Int32Array;
  rows: Int32Array;
}

const hours = (minutes: number | undefined) => (typeof minutes === 'number' ? minutes / 60 : Number.NaN);

export function ticketColumns(index: DatasetIndex): TicketColumns {
  return cached(index, 'tickets', () => {
    const tickets = (index.dataset.tickets ?? []) as readonly Ticket[];
    const n = tickets.length;
    const account = new Int32Array(n);
    const columns = {
      count: n, month: new Int32Array(n), firstResponse: new Float64Array(n), resolution: new Float64Array(n), csat: new Float64Array(n),
      type: new Int8Array(n), proactive: new Int8Array(n), complaint: new Int8Array(n),
    };
    tickets.forEach((ticket, row) => {
      const position = index.positionOf.get(ticket.accountId);
      if (position === undefined) throw new Error(`tickets[${row}]: unknown accountId '${ticket.accountId}'; run validateDataset to list such records`);
      account[row] = position;
      columns.month[row] = monthIndex(ticket.openedAt);
      columns.firstResponse[row] = hours(ticket.firstResponseMinutes);
      columns.resolution[row] = hours(ticket.resolutionMinutes);
      columns.csat[row] = typeof ticket.csat === 'number' ? ticket.csat : Number.NaN;
      columns.type[row] = ticket.type === undefined ? -1 : TICKET_TYPES.indexOf(ticket.type);
      columns.proactive[row] = ticket.origin === undefined ? -1 : ticket.origin === 'proactive' ? 1 : 0;
      columns.complaint[row] = ticket.complaint === undefined ? -1 : COMPLAINT_KINDS.indexOf(ticket.complaint);
    });
    const order = Int32Array.from(account.keys()).sort((a, b) => (account[a] as number) - (account[b] as number) || (columns.month[a] as number) - (columns.month[b] as number) || a - b);
    const offsets = new Int32Array(index.accounts.length + 1);
    for (let row = 0; row < n; row += 1) offsets[(account[row] as number) + 1] = (offsets[(account[row] as number) + 1] as number) + 1;
    for (let p = 0; p < index.accounts.length; p += 1) offsets[p + 1] = (offsets[p + 1] as number) + (offsets[p] as number);
    return { ...columns, offsets, rows: order };
  });
}

/** The median of `values` (sorted in place); NaN for none. */
export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  values.sort((a, b) => a - b);
  const mid = values.length >> 1;
  return values.length % 2 === 1 ? (values[mid] as number) : ((values[mid - 1] as number) + (values[mid] as number)) / 2;
}

/** One ticket component's value over the tickets at `rows[from .. to)` (SPEC 12). */
export function ticketValue(columns: TicketColumns, key: TicketComponent, from: number, to: number): number {
  const rows = columns.rows;
  const picked: number[] = [];
  const read = (column: Float64Array, keep: (row: number) => boolean = () => true) => {
    for (let i = from; i < to; i += 1) {
      const row = rows[i] as number;
      const value = column[row] as number;
      if (!Number.isNaN(value) && keep(row)) picked.push(value);
    }
    return picked;
  };
  if (key === 'tickets.firstResponseHours') return median(read(columns.firstResponse));
  if (key === 'tickets.resolutionHours') return median(read(columns.resolution));
  if (key.startsWith('tickets.resolutionHours.')) {
    const type = TICKET_TYPES.indexOf(key.slice('tickets.resolutionHours.'.length) as (typeof TICKET_TYPES)[number]);
    return median(read(columns.resolution, (row) => columns.type[row] === type));
  }
  if (key === 'tickets.csat') {
    const values = read(columns.csat);
    return values.length === 0 ? Number.NaN : values.reduce((sum, value) => sum + value, 0) / values.length;
  }
  let count = 0;
  let of = 0;
  if (key === 'tickets.proactiveShare') {
    for (let i = from; i < to; i += 1) {
      const origin = columns.proactive[rows[i] as number] as number;
      if (origin < 0) continue;
      of += 1;
      count += origin;
    }
    return of === 0 ? Number.NaN : count / of;
  }
  const kind = COMPLAINT_KINDS.indexOf(key.slice('tickets.complaints.'.length) as (typeof COMPLAINT_KINDS)[number]);
  for (let i = from; i < to; i += 1) if (columns.complaint[rows[i] as number] === kind) count += 1;
  return count;
}

/**
 * An account's value of a ticket component in month `month`, over its tickets opened in months
 * `month - window + 1 .. month` (NaN without a value).
 */
export function ticketValueAt(columns: TicketColumns, key: TicketComponent, position: number, month: number, window: number): number {
  const begin = columns.offsets[position] as number;
  const end = columns.offsets[position + 1] as number;
  let from = begin;
  while (from < end && (columns.month[columns.rows[from] as number] as number) <= month - window) from += 1;
  let to = from;
  while (to < end && (columns.month[columns.rows[to] as number] as number) <= month) to += 1;
  if (key.startsWith('tickets.complaints.')) return columns.count > 0 ? ticketValue(columns, key, from, to) : Number.NaN;
  return from === to ? Number.NaN : ticketValue(columns, key, from, to);
}

/** The months whose windows read any ticket: from the first ticket's month to the last's + window - 1. */
export function ticketSpan(columns: TicketColumns, window: number): { start: number; end: number } | null {
  if (columns.count === 0) return null;
  let start = Infinity;
  let end = -Infinity;
  for (let row = 0; row < columns.count; row += 1) {
    const month = columns.month[row] as number;
    if (month < start) start = month;
    if (month > end) end = month;
  }
  return { start, end: end + window - 1 };
}
