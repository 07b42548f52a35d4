import { ACCOUNT_EVENT_KINDS, accountEvents } from '@cskit/metrics';
import type { AccountEvent, AccountStory } from '@cskit/metrics';
import { MISSING } from '@cskit/react';
import type { DomainLabels } from '@cskit/react';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import { DataGrid } from './internal/DataGrid.js';
import type { Features } from './internal/features.js';
import { useGrid } from './internal/use-grid.js';
import { useTableText } from './internal/use-table-text.js';
import type { TableBaseProps } from './internal/use-table-text.js';

export interface AccountTimelineTableProps extends TableBaseProps {
  /** `accountStory`'s result (`useAccountStory`); its dated events become the rows. */
  data: AccountStory | undefined;
}

/** An event with its position in the timeline: the row's id (two responses without ids can share a day). */
type Row = AccountEvent & { key: string };

const helper = createColumnHelper<Features, Row>();
const INITIAL_SORT = [{ id: 'date', desc: true }];

/** An event's particulars in words: a contract end's status, an NPS score, a lead's stage, an advocacy kind, a revenue source. */
function detailOf(event: AccountEvent, d: DomainLabels): string {
  switch (event.kind) {
    case 'contract-end': return event.status === null ? d.statuses.open : d.statuses[event.status];
    case 'nps': return event.score === null ? MISSING : `${event.score}/10`;
    case 'lead': return event.detail === null ? MISSING : (d.leadStages as Record<string, string>)[event.detail] ?? event.detail;
    case 'advocacy': return event.detail === null ? MISSING : (d.advocacyKinds as Record<string, string>)[event.detail] ?? event.detail;
    case 'revenue': return event.detail === null ? MISSING : (d.revenueSources as Record<string, string>)[event.detail] ?? event.detail;
    default: return event.id;
  }
}

/** One account's events (contracts starting and ending, NPS, leads, advocacy, CS revenue): newest first. */
export function AccountTimelineTable({ data, ...props }: AccountTimelineTableProps) {
  const { f, t, d } = useTableText(props);
  const rows = useMemo<Row[]>(() => (data ? accountEvents(data).map((event, i) => ({ ...event, key: String(i) })) : []), [data]);
  const columns = useMemo(() => [
    helper.accessor('date', { header: t.headers.date, meta: { filter: 'text' } }),
    helper.accessor('kind', {
      header: t.headers.event, filterFn: 'equalsString', cell: (c) => d.events[c.getValue()],
      meta: { filter: 'select', options: ACCOUNT_EVENT_KINDS.map((kind) => ({ value: kind, label: d.events[kind] })) },
    }),
    helper.accessor((event) => detailOf(event, d), { id: 'detail', header: t.headers.detail, meta: { filter: 'text' } }),
    helper.accessor((event) => event.arr ?? undefined, {
      id: 'arr', header: t.headers.arr, sortUndefined: 'last', sortDescFirst: true, filterFn: 'inNumberRange',
      cell: (c) => f.currency(c.getValue() ?? null), meta: { align: 'right', filter: 'range', csv: (event: Row) => event.arr },
    }),
  ], [f, t, d]);
  const table = useGrid({ data: rows, columns, getRowId: (event) => event.key, initialSorting: INITIAL_SORT });
  return (
    <DataGrid
      table={table} labels={t} caption={props.caption ?? t.captions.timeline} name="account-timeline" height={props.height ?? 320}
      theme={props.theme} className={props.className} totalRows={rows.length}
    />
  );
}
