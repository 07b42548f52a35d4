import { RENEWAL_STATUSES } from '@cskit/metrics';
import type { RenewalItem, RenewalSummary } from '@cskit/metrics';
import { MISSING } from '@cskit/react';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import { DataGrid } from './internal/DataGrid.js';
import type { Features } from './internal/features.js';
import { useGrid } from './internal/use-grid.js';
import { useTableText } from './internal/use-table-text.js';
import type { TableBaseProps } from './internal/use-table-text.js';

export interface RenewalsTableProps extends TableBaseProps {
  /** The result of `renewals` / `useRenewals`: one row per due contract. */
  data: RenewalSummary;
  /** Account names; the id is shown without it. */
  accountName?: (accountId: string) => string;
}

const helper = createColumnHelper<Features, RenewalItem>();

/** The contracts due in the period with their status, due and renewal ARR and days late; soonest due first. */
export function RenewalsTable({ data, accountName, ...props }: RenewalsTableProps) {
  const { f, t, d } = useTableText(props);
  const columns = useMemo(() => [
    helper.accessor((item) => accountName?.(item.accountId) ?? item.accountId, { id: 'account', header: t.headers.name, sortFn: 'text', meta: { filter: 'text' } }),
    helper.accessor('contractId', { header: t.headers.contract, meta: { filter: 'text' } }),
    helper.accessor('dueDate', { header: t.headers.dueDate, meta: { filter: 'text' } }),
    helper.accessor('dueArr', { header: t.headers.dueArr, sortDescFirst: true, filterFn: 'inNumberRange', cell: (c) => f.currency(c.getValue()), meta: { align: 'right', filter: 'range' } }),
    helper.accessor((item) => item.renewalArr ?? undefined, {
      id: 'renewalArr', header: t.headers.renewalArr, sortUndefined: 'last', sortDescFirst: true, filterFn: 'inNumberRange',
      cell: (c) => f.currency(c.getValue() ?? null), meta: { align: 'right', filter: 'range', csv: (item: RenewalItem) => item.renewalArr },
    }),
    helper.accessor('status', {
      header: t.headers.status, filterFn: 'equalsString', cell: (c) => d.statuses[c.getValue()],
      meta: { filter: 'select', options: RENEWAL_STATUSES.map((s) => ({ value: s, label: d.statuses[s] })) },
    }),
    helper.accessor((item) => item.daysLate ?? undefined, {
      id: 'daysLate', header: t.headers.daysLate, sortUndefined: 'last', sortDescFirst: true, filterFn: 'inNumberRange',
      cell: (c) => (c.getValue() === undefined ? MISSING : f.number(c.getValue() ?? null, 0)),
      meta: { align: 'right', filter: 'range', csv: (item: RenewalItem) => item.daysLate },
    }),
  ], [accountName, f, t, d]);
  const table = useGrid({ data: data.items, columns, getRowId: (item) => item.contractId, initialSorting: [{ id: 'dueDate', desc: false }] });
  return (
    <DataGrid
      table={table} labels={t} caption={props.caption ?? t.captions.renewals} name="renewals" height={props.height ?? 480}
      theme={props.theme} className={props.className} totalRows={data.items.length}
    />
  );
}
