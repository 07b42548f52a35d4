import type { EarlyWarningItem, EarlyWarnings } from '@cskit/metrics';
import { MISSING } from '@cskit/react';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import type { AccountLinkProps } from './internal/cells.js';
import { accountNameColumn, moneyColumn } from './internal/columns.js';
import type { Features } from './internal/features.js';
import { RowSetTable } from './internal/row-set-table.js';
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
  const { t } = useTableText(props);
  const columns = useWarningColumns(props.data ? { ...props, months: props.data.months } : props);
  // No initial sort: the rows keep the order the metric gives them (SPEC 5).
  return (
    <RowSetTable
      table={props} rowSet="early-warnings" caption={props.caption ?? t.captions.earlyWarnings} height={props.height ?? 360}
      columns={columns} rowId={(item: Row) => item.accountId} local={props.data?.items}
    />
  );
}

function useWarningColumns({ accountName, accountHref, onOpenAccount, months = 3, ...props }: EarlyWarningTableProps) {
  const { f, t } = useTableText(props);
  return useMemo(() => [
    accountNameColumn(helper, t.headers.name, { accountName, accountHref, onOpenAccount }),
    moneyColumn(helper, 'arr', t.headers.arr, f),
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
