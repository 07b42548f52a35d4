import { RENEWAL_STATUSES, TIERS_AND_UNKNOWN } from '@cskit/metrics';
import type { HealthTier, RenewalsAhead, RenewalsAheadItem, RiskReason } from '@cskit/metrics';
import { MISSING } from '@cskit/react';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import { AccountName, TierBadge } from './internal/cells.js';
import type { AccountLinkProps } from './internal/cells.js';
import { DataGrid } from './internal/DataGrid.js';
import { rankSort } from './internal/sorts.js';
import type { Features } from './internal/features.js';
import { manualOf, usePagedRows } from './internal/paging.js';
import { useGrid } from './internal/use-grid.js';
import { useTableText } from './internal/use-table-text.js';
import type { TableBaseProps } from './internal/use-table-text.js';

export interface RenewalsAheadTableProps extends TableBaseProps, AccountLinkProps {
  /**
   * `renewalsAhead`'s result (its items, one row per contract due in the horizon). Without it, inside a
   * `CsKitProvider`, the table reads the view's renewals ahead a page at a time from the Provider's source.
   */
  data?: RenewalsAhead | undefined;
  /** Account names for local rows; the id is shown without it (paged rows carry their names). */
  accountName?: (accountId: string) => string;
}

type Row = RenewalsAheadItem & { name?: string };

const helper = createColumnHelper<Features, Row>();
const STATUS_SORT = rankSort<Row>(RENEWAL_STATUSES);
const INITIAL_SORT = [{ id: 'dueDate', desc: false }];
const RISKS: readonly RiskReason[] = ['red', 'yellow', 'early-warning'];
/** Tiers sort in their own order (green first), contracts of unscored accounts last. */
const TIER_SORT = rankSort<Row>(TIERS_AND_UNKNOWN);

/**
 * The contracts due in the months ahead: due date and ARR, the account's tier, renewal likelihood and expected
 * renewal ARR, and why a contract is at risk; soonest due first.
 */
export function RenewalsAheadTable(props: RenewalsAheadTableProps) {
  return props.data ? <LocalAhead {...props} data={props.data} /> : <PagedAhead {...props} />;
}

function LocalAhead({ data, ...props }: RenewalsAheadTableProps & { data: RenewalsAhead }) {
  const { t } = useTableText(props);
  const columns = useAheadColumns(props);
  const table = useGrid({ data: data.items, columns, getRowId: (item) => item.contractId, initialSorting: INITIAL_SORT });
  return (
    <DataGrid
      table={table} labels={t} caption={props.caption ?? t.captions.renewalsAhead} name="renewals-ahead" height={props.height ?? 480}
      theme={props.theme} className={props.className} totalRows={data.items.length}
    />
  );
}

function PagedAhead(props: RenewalsAheadTableProps) {
  const { t } = useTableText(props);
  const columns = useAheadColumns(props);
  const paged = usePagedRows('renewals-ahead', INITIAL_SORT);
  const table = useGrid({
    data: paged.rows, columns, getRowId: (item) => item.contractId, initialSorting: INITIAL_SORT,
    manual: manualOf(paged),
  });
  return (
    <DataGrid
      table={table} labels={t} caption={props.caption ?? t.captions.renewalsAhead} name="renewals-ahead" height={props.height ?? 480}
      theme={props.theme} className={props.className} totalRows={paged.paging.count} paging={paged.paging}
    />
  );
}

function useAheadColumns({ accountName, accountHref, onOpenAccount, ...props }: RenewalsAheadTableProps) {
  const { f, t, d } = useTableText(props);
  return useMemo(() => {
    const tierWord = (tier: HealthTier | 'unknown') => (tier === 'unknown' ? d.tiers.unscored : d.tiers[tier]);
    const risks = (item: Row) => item.riskReasons.map((reason) => d.riskReasons[reason]).join(', ');
    return [
      helper.accessor((item) => item.name ?? accountName?.(item.accountId) ?? item.accountId, {
        id: 'name', header: t.headers.name, sortFn: 'text', meta: { filter: 'text' },
        cell: (c) => <AccountName name={c.getValue()} accountId={c.row.original.accountId} accountHref={accountHref} onOpenAccount={onOpenAccount} />,
      }),
      helper.accessor('contractId', { header: t.headers.contract, meta: { filter: 'text' } }),
      helper.accessor('dueDate', { header: t.headers.dueDate, meta: { filter: 'text' } }),
      helper.accessor('dueArr', { header: t.headers.dueArr, sortDescFirst: true, filterFn: 'inNumberRange', cell: (c) => f.currency(c.getValue()), meta: { align: 'right', filter: 'range' } }),
      helper.accessor('tier', {
        header: t.headers.tier, sortFn: TIER_SORT, filterFn: 'equalsString',
        cell: (c) => <TierBadge tier={c.getValue() === 'unknown' ? null : (c.getValue() as HealthTier)} label={tierWord(c.getValue())} />,
        meta: { filter: 'select', options: TIERS_AND_UNKNOWN.map((tier) => ({ value: tier, label: tierWord(tier) })), csv: (item: Row) => item.tier },
      }),
      helper.accessor('status', {
        header: t.headers.status, sortFn: STATUS_SORT, filterFn: 'equalsString', cell: (c) => d.statuses[c.getValue()],
        meta: { filter: 'select', options: RENEWAL_STATUSES.map((s) => ({ value: s, label: d.statuses[s] })) },
      }),
      helper.accessor((item) => item.likelihood ?? undefined, {
        id: 'likelihood', header: t.headers.likelihood, sortUndefined: 'last', sortDescFirst: true, filterFn: 'inNumberRange',
        cell: (c) => f.percent(c.getValue() ?? null, 0), meta: { align: 'right', filter: 'range', csv: (item: Row) => item.likelihood },
      }),
      helper.accessor((item) => item.expectedArr ?? undefined, {
        id: 'expectedArr', header: t.headers.expectedArr, sortUndefined: 'last', sortDescFirst: true, filterFn: 'inNumberRange',
        cell: (c) => f.currency(c.getValue() ?? null), meta: { align: 'right', filter: 'range', csv: (item: Row) => item.expectedArr },
      }),
      helper.accessor((item) => item.riskReasons.join(' '), {
        id: 'risk', header: t.headers.risk, filterFn: 'includesString',
        cell: (c) => (c.row.original.riskReasons.length === 0 ? MISSING : <span className="cskit-risk">{risks(c.row.original)}</span>),
        meta: { filter: 'select', options: RISKS.map((reason) => ({ value: reason, label: d.riskReasons[reason] })), csv: (item: Row) => risks(item) },
      }),
    ];
  }, [accountName, accountHref, onOpenAccount, f, t, d]);
}
