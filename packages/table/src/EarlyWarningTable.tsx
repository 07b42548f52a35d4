import type { EarlyWarningItem, EarlyWarnings } from '@cskit/metrics';
import { MISSING } from '@cskit/react';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import { AccountName } from './internal/cells.js';
import type { AccountLinkProps } from './internal/cells.js';
import { DataGrid } from './internal/DataGrid.js';
import type { Features } from './internal/features.js';
import { manualOf, usePagedRows } from './internal/paging.js';
import { useGrid } from './internal/use-grid.js';
import { useTableText } from './internal/use-table-text.js';
import type { TableBaseProps } from './internal/use-table-text.js';

export interface EarlyWarningTableProps extends TableBaseProps, AccountLinkProps {
  /**
   * The result of `earlyWarnings`, already in the spec's order (ARR, then nearest renewal). Without it, inside a
   * `CsKitProvider`, the table reads the view's warnings a page at a time from the Provider's source.
   */
  data?: EarlyWarnings | undefined;
  accountName?: (accountId: string) => string;
  /** How many months the rates cover (the column header); `data.months` when given. Default 3. */
  months?: number;
}

/** A warning, with its account's name when it came from a source's row set. */
type Row = EarlyWarningItem & { name?: string };

const helper = createColumnHelper<Features, Row>();

/** Paying accounts whose activity stayed below the threshold, with their recent activity rates. */
export function EarlyWarningTable(props: EarlyWarningTableProps) {
  return props.data ? <LocalWarnings {...props} data={props.data} /> : <PagedWarnings {...props} />;
}

function LocalWarnings({ data, ...props }: EarlyWarningTableProps & { data: EarlyWarnings }) {
  const { t } = useTableText(props);
  const columns = useWarningColumns({ ...props, months: data.months });
  // No initial sort: the rows keep the order the metric gives them (SPEC 5).
  const table = useGrid({ data: data.items, columns, getRowId: (item) => item.accountId });
  return (
    <DataGrid
      table={table} labels={t} caption={props.caption ?? t.captions.earlyWarnings} name="early-warnings" height={props.height ?? 360}
      theme={props.theme} className={props.className} totalRows={data.items.length}
    />
  );
}

function PagedWarnings(props: EarlyWarningTableProps) {
  const { t } = useTableText(props);
  const columns = useWarningColumns(props);
  const paged = usePagedRows('early-warnings', []);
  const table = useGrid({
    data: paged.rows, columns, getRowId: (item) => item.accountId,
    manual: manualOf(paged),
  });
  return (
    <DataGrid
      table={table} labels={t} caption={props.caption ?? t.captions.earlyWarnings} name="early-warnings" height={props.height ?? 360}
      theme={props.theme} className={props.className} totalRows={paged.paging.count} paging={paged.paging}
    />
  );
}

function useWarningColumns({ accountName, accountHref, onOpenAccount, months = 3, ...props }: EarlyWarningTableProps) {
  const { f, t } = useTableText(props);
  return useMemo(() => [
    helper.accessor((item) => item.name ?? accountName?.(item.accountId) ?? item.accountId, {
      id: 'name', header: t.headers.name, sortFn: 'text', meta: { filter: 'text' },
      cell: (c) => <AccountName name={c.getValue()} accountId={c.row.original.accountId} accountHref={accountHref} onOpenAccount={onOpenAccount} />,
    }),
    helper.accessor('arr', { header: t.headers.arr, sortDescFirst: true, filterFn: 'inNumberRange', cell: (c) => f.currency(c.getValue()), meta: { align: 'right', filter: 'range' } }),
    helper.accessor((item) => item.rates.reduce((sum, rate) => sum + rate, 0) / Math.max(1, item.rates.length), {
      id: 'rates', header: `${t.headers.rates} (${months})`, sortDescFirst: false,
      cell: (c) => c.row.original.rates.map((rate) => f.percent(rate, 0)).join(' → '),
      meta: { align: 'right', csv: (item: EarlyWarningItem) => item.rates.join(' ') },
    }),
    helper.accessor((item) => item.nextRenewal ?? undefined, {
      id: 'nextRenewal', header: t.headers.nextRenewal, sortUndefined: 'last', cell: (c) => c.getValue() ?? MISSING,
      meta: { filter: 'text', csv: (item: EarlyWarningItem) => item.nextRenewal },
    }),
  ], [accountName, accountHref, onOpenAccount, months, f, t]);
}
