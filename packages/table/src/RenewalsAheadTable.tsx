import { TIERS_AND_UNKNOWN } from '@cskit/metrics';
import type { HealthTier, RenewalsAhead, RenewalsAheadItem, RiskReason } from '@cskit/metrics';
import { MISSING } from '@cskit/react';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import { TierBadge } from './internal/cells.js';
import type { AccountLinkProps } from './internal/cells.js';
import { accountNameColumn, moneyColumn, percentColumn, statusColumn } from './internal/columns.js';
import { rankSort } from './internal/sorts.js';
import type { Features } from './internal/features.js';
import { RowSetTable } from './internal/row-set-table.js';
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
const INITIAL_SORT = [{ id: 'dueDate', desc: false }];
const RISKS: readonly RiskReason[] = ['red', 'yellow', 'early-warning'];
/** Tiers sort in their own order (green first), contracts of unscored accounts last. */
const TIER_SORT = rankSort<Row>(TIERS_AND_UNKNOWN);

/**
 * The contracts due in the months ahead: due date and ARR, the account's tier, renewal likelihood and expected
 * renewal ARR, and why a contract is at risk; soonest due first.
 */
export function RenewalsAheadTable(props: RenewalsAheadTableProps) {
  const { t } = useTableText(props);
  return (
    <RowSetTable
      table={props} rowSet="renewals-ahead" caption={props.caption ?? t.captions.renewalsAhead} height={props.height ?? 480}
      columns={useAheadColumns(props)} rowId={(item: Row) => item.contractId} initialSorting={INITIAL_SORT} local={props.data?.items}
    />
  );
}

function useAheadColumns({ accountName, accountHref, onOpenAccount, ...props }: RenewalsAheadTableProps) {
  const { f, t, d } = useTableText(props);
  return useMemo(() => {
    const tierWord = (tier: HealthTier | 'unknown') => (tier === 'unknown' ? d.tiers.unscored : d.tiers[tier]);
    const risks = (item: Row) => item.riskReasons.map((reason) => d.riskReasons[reason]).join(', ');
    return [
      accountNameColumn(helper, t.headers.name, { accountName, accountHref, onOpenAccount }),
      helper.accessor('contractId', { header: t.headers.contract, meta: { filter: 'text' } }),
      helper.accessor('dueDate', { header: t.headers.dueDate, meta: { filter: 'text' } }),
      moneyColumn(helper, 'dueArr', t.headers.dueArr, f),
      helper.accessor('tier', {
        header: t.headers.tier, sortFn: TIER_SORT, filterFn: 'equalsString',
        cell: (c) => <TierBadge tier={c.getValue() === 'unknown' ? null : (c.getValue() as HealthTier)} label={tierWord(c.getValue())} />,
        meta: { filter: 'select', options: TIERS_AND_UNKNOWN.map((tier) => ({ value: tier, label: tierWord(tier) })), csv: (item: Row) => item.tier },
      }),
      statusColumn(helper, t.headers.status, d),
      percentColumn(helper, 'likelihood', t.headers.likelihood, f),
      moneyColumn(helper, 'expectedArr', t.headers.expectedArr, f),
      helper.accessor((item) => item.riskReasons.join(' '), {
        id: 'risk', header: t.headers.risk, filterFn: 'includesString',
        cell: (c) => (c.row.original.riskReasons.length === 0 ? MISSING : <span className="cskit-risk">{risks(c.row.original)}</span>),
        meta: { filter: 'select', options: RISKS.map((reason) => ({ value: reason, label: d.riskReasons[reason] })), csv: (item: Row) => risks(item) },
      }),
    ];
  }, [accountName, accountHref, onOpenAccount, f, t, d]);
}
