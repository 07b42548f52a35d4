import { RENEWAL_STATUSES } from '@cskit/metrics';
import type { RenewalItem, RenewalSummary } from '@cskit/metrics';
import { MISSING } from '@cskit/react';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import { AccountName } from './internal/cells.js';
import type { AccountLinkProps } from './internal/cells.js';
import { DataGrid } from './internal/DataGrid.js';
import { rankSort } from './internal/sorts.js';
import type { Features } from './internal/features.js';
import { manualOf, usePagedRows } from './internal/paging.js';
import { useGrid } from './internal/use-grid.js';
import { useTableText } from './internal/use-table-text.js';
import type { TableBaseProps } from './internal/use-table-text.js';

export interface RenewalsTableProps extends TableBaseProps, AccountLinkProps {
  /**
   * The result of `renewals` (one row per due contract). Without it, inside a `CsKitProvider`, the table reads the
   * view's due contracts a page at a time from the Provider's source.
   */
  data?: RenewalSummary | undefined;
  /** Account names for local rows; the id is shown without it (paged rows carry their names). */
  accountName?: (accountId: string) => string;
}

/** A due contract, with its account's name when it came from a source's row set. */
type Row = RenewalItem & { name?: string };

const helper = createColumnHelper<Features, Row>();
const STATUS_SORT = rankSort<Row>(RENEWAL_STATUSES);
const INITIAL_SORT = [{ id: 'dueDate', desc: false }];

/** The contracts due in the period with their status, due and renewal ARR and days late; soonest due first. */
export function RenewalsTable(props: RenewalsTableProps) {
  return props.data ? <LocalRenewals {...props} data={props.data} /> : <PagedRenewals {...props} />;
}

function LocalRenewals({ data, ...props }: RenewalsTableProps & { data: RenewalSummary }) {
  const { t } = useTableText(props);
  const columns = useRenewalColumns(props);
  const table = useGrid({ data: data.items, columns, getRowId: (item) => item.contractId, initialSorting: INITIAL_SORT });
  return (
    <DataGrid
      table={table} labels={t} caption={props.caption ?? t.captions.renewals} name="renewals" height={props.height ?? 480}
      theme={props.theme} className={props.className} totalRows={data.items.length}
    />
  );
}

function PagedRenewals(props: RenewalsTableProps) {
  const { t } = useTableText(props);
  const columns = useRenewalColumns(props);
  const paged = usePagedRows('renewals', INITIAL_SORT);
  const table = useGrid({
    data: paged.rows, columns, getRowId: (item) => item.contractId, initialSorting: INITIAL_SORT,
    manual: manualOf(paged),
  });
  return (
    <DataGrid
      table={table} labels={t} caption={props.caption ?? t.captions.renewals} name="renewals" height={props.height ?? 480}
      theme={props.theme} className={props.className} totalRows={paged.paging.count} paging={paged.paging}
    />
  );
}

function useRenewalColumns({ accountName, accountHref, onOpenAccount, ...props }: RenewalsTableProps) {
  const { f, t, d } = useTableText(props);
  return useMemo(() => [
    helper.accessor((item) => item.name ?? accountName?.(item.accountId) ?? item.accountId, {
      id: 'name', header: t.headers.name, sortFn: 'text', meta: { filter: 'text' },
      cell: (c) => <AccountName name={c.getValue()} accountId={c.row.original.accountId} accountHref={accountHref} onOpenAccount={onOpenAccount} />,
    }),
    helper.accessor('contractId', { header: t.headers.contract, meta: { filter: 'text' } }),
    helper.accessor('dueDate', { header: t.headers.dueDate, meta: { filter: 'text' } }),
    helper.accessor('dueArr', { header: t.headers.dueArr, sortDescFirst: true, filterFn: 'inNumberRange', cell: (c) => f.currency(c.getValue()), meta: { align: 'right', filter: 'range' } }),
    helper.accessor((item) => item.renewalArr ?? undefined, {
      id: 'renewalArr', header: t.headers.renewalArr, sortUndefined: 'last', sortDescFirst: true, filterFn: 'inNumberRange',
      cell: (c) => f.currency(c.getValue() ?? null), meta: { align: 'right', filter: 'range', csv: (item: RenewalItem) => item.renewalArr },
    }),
    helper.accessor('status', {
      header: t.headers.status, sortFn: STATUS_SORT, filterFn: 'equalsString', cell: (c) => d.statuses[c.getValue()],
      meta: { filter: 'select', options: RENEWAL_STATUSES.map((s) => ({ value: s, label: d.statuses[s] })) },
    }),
    helper.accessor((item) => item.daysLate ?? undefined, {
      id: 'daysLate', header: t.headers.daysLate, sortUndefined: 'last', sortDescFirst: true, filterFn: 'inNumberRange',
      cell: (c) => (c.getValue() === undefined ? MISSING : f.number(c.getValue() ?? null, 0)),
      meta: { align: 'right', filter: 'range', csv: (item: RenewalItem) => item.daysLate },
    }),
  ], [accountName, accountHref, onOpenAccount, f, t, d]);
}
