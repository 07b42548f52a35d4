import type { RenewalItem, RenewalSummary } from '@cskit/metrics';
import { MISSING } from '@cskit/react';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import type { AccountLinkProps } from './internal/cells.js';
import { accountNameColumn, moneyColumn, statusColumn } from './internal/columns.js';
import type { Features } from './internal/features.js';
import { RowSetTable } from './internal/row-set-table.js';
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
const INITIAL_SORT = [{ id: 'dueDate', desc: false }];

/** The contracts due in the period with their status, due and renewal ARR and days late; soonest due first. */
export function RenewalsTable(props: RenewalsTableProps) {
  const { t } = useTableText(props);
  return (
    <RowSetTable
      table={props} rowSet="renewals" caption={props.caption ?? t.captions.renewals} height={props.height ?? 480}
      columns={useRenewalColumns(props)} rowId={(item: Row) => item.contractId} initialSorting={INITIAL_SORT} local={props.data?.items}
    />
  );
}

function useRenewalColumns({ accountName, accountHref, onOpenAccount, ...props }: RenewalsTableProps) {
  const { f, t, d } = useTableText(props);
  return useMemo(() => [
    accountNameColumn(helper, t.headers.name, { accountName, accountHref, onOpenAccount }),
    helper.accessor('contractId', { header: t.headers.contract, meta: { filter: 'text' } }),
    helper.accessor('dueDate', { header: t.headers.dueDate, meta: { filter: 'text' } }),
    moneyColumn(helper, 'dueArr', t.headers.dueArr, f),
    moneyColumn(helper, 'renewalArr', t.headers.renewalArr, f),
    statusColumn(helper, t.headers.status, d),
    helper.accessor((item) => item.daysLate ?? undefined, {
      id: 'daysLate', header: t.headers.daysLate, sortUndefined: 'last', sortDescFirst: true, filterFn: 'inNumberRange',
      cell: (c) => (c.getValue() === undefined ? MISSING : f.number(c.getValue() ?? null, 0)),
      meta: { align: 'right', filter: 'range', csv: (item: RenewalItem) => item.daysLate },
    }),
  ], [accountName, accountHref, onOpenAccount, f, t, d]);
}
