import { HEALTH_TIERS, QUADRANTS, RENEWAL_STATUSES } from '@cskit/metrics';
import type { AccountSummary } from '@cskit/metrics';
import { MISSING, useOptionalCsStore } from '@cskit/react';
import type { CsSelection } from '@cskit/react';
import { constructSortFn, createColumnHelper, functionalUpdate } from '@tanstack/react-table';
import type { RowSelectionState, Updater } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { TierBadge } from './internal/cells.js';
import { DataGrid, SELECT_COLUMN } from './internal/DataGrid.js';
import type { Features } from './internal/features.js';
import { useGrid } from './internal/use-grid.js';
import { useTableText } from './internal/use-table-text.js';
import type { TableBaseProps } from './internal/use-table-text.js';

/** The `source` of selections made by ticking rows: such a selection never filters the table itself. */
export const ACCOUNTS_TABLE_SOURCE = 'accounts-table';

export interface AccountsTableProps extends TableBaseProps {
  /** Rows from `accountSummaries` / `useAccountSummaries`. */
  data: AccountSummary[];
  /**
   * The drill-down selection. Inside a `CsKitProvider` it is the store's; a selection from a chart shows only its
   * accounts, with a button to show all again.
   */
  selection?: CsSelection | null;
  /** Ticked rows; inside a Provider they become the store's selection. */
  onSelectionChange?: (accountIds: string[]) => void;
  onClearSelection?: () => void;
}

const helper = createColumnHelper<Features, AccountSummary>();
/** Tiers sort in their own order (green, yellow, orange, red), not alphabetically; unscored rows sort last. */
const TIER_SORT = constructSortFn<Features, AccountSummary>({
  resolveDataValue: (tier) => HEALTH_TIERS.indexOf(tier as (typeof HEALTH_TIERS)[number]),
  sort: (a: number, b: number) => a - b,
});
const distinct = (rows: readonly AccountSummary[], pick: (row: AccountSummary) => string | null) =>
  [...new Set(rows.map(pick).filter((value): value is string => value !== null))].sort();

export function AccountsTable({ data, selection: givenSelection, onSelectionChange, onClearSelection, ...props }: AccountsTableProps) {
  const { f, t, d } = useTableText(props);
  const storeSelection = useOptionalCsStore((s) => s.selection);
  const actions = useOptionalCsStore((s) => s.actions);
  const selection = givenSelection !== undefined ? givenSelection : storeSelection ?? null;
  const drillDown = selection && selection.source !== ACCOUNTS_TABLE_SOURCE ? selection : null;
  const rows = useMemo(() => (drillDown ? data.filter((row) => drillDown.accountIds.has(row.accountId)) : data), [data, drillDown]);

  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  // A selection made elsewhere replaces the ticks (adjusted while rendering, so no frame shows stale ticks).
  const [ticksFor, setTicksFor] = useState(drillDown);
  if (ticksFor !== drillDown) {
    setTicksFor(drillDown);
    if (drillDown) setRowSelection({});
  }
  const select = onSelectionChange ?? (actions
    ? (ids: string[]) => (ids.length === 0
        ? actions.clearSelection()
        : actions.select({ accountIds: ids, label: `${ids.length} ${t.headers.accounts}`, source: ACCOUNTS_TABLE_SOURCE }))
    : undefined);
  const clear = onClearSelection ?? actions?.clearSelection;
  const onRowSelectionChange = (updater: Updater<RowSelectionState>) => {
    const next = functionalUpdate(updater, rowSelection);
    setRowSelection(next);
    select?.(Object.keys(next).filter((id) => next[id]));
  };

  const columns = useMemo(() => {
    const segments = distinct(data, (r) => r.segment).map((value) => ({ value, label: value }));
    const regions = distinct(data, (r) => r.region).map((value) => ({ value, label: value }));
    return [
      helper.display({
        id: SELECT_COLUMN,
        enableHiding: false,
        header: ({ table }) => (
          <input type="checkbox" aria-label={t.selectAll} checked={table.getIsAllRowsSelected()} onChange={table.getToggleAllRowsSelectedHandler()} />
        ),
        cell: ({ row }) => (
          <input type="checkbox" aria-label={t.selectRow(row.original.name)} checked={row.getIsSelected()} onChange={row.getToggleSelectedHandler()} />
        ),
      }),
      helper.accessor('name', { header: t.headers.name, sortFn: 'text', meta: { filter: 'text' } }),
      helper.accessor((r) => r.csmName ?? undefined, { id: 'csm', header: t.headers.csm, sortUndefined: 'last', meta: { filter: 'text', csv: (r: AccountSummary) => r.csmName } }),
      helper.accessor((r) => r.segment ?? undefined, { id: 'segment', header: t.headers.segment, sortUndefined: 'last', filterFn: 'equalsString', meta: { filter: 'select', options: segments, csv: (r: AccountSummary) => r.segment } }),
      helper.accessor((r) => r.region ?? undefined, { id: 'region', header: t.headers.region, sortUndefined: 'last', filterFn: 'equalsString', meta: { filter: 'select', options: regions, csv: (r: AccountSummary) => r.region } }),
      helper.accessor('arr', {
        header: t.headers.arr, sortDescFirst: true, filterFn: 'inNumberRange', cell: (c) => f.currency(c.getValue()),
        meta: { align: 'right', filter: 'range' },
      }),
      helper.accessor((r) => r.score ?? undefined, {
        id: 'score', header: t.headers.score, sortUndefined: 'last', sortDescFirst: true, filterFn: 'inNumberRange',
        cell: (c) => f.number(c.getValue() ?? null, 1), meta: { align: 'right', filter: 'range', csv: (r: AccountSummary) => r.score },
      }),
      helper.accessor((r) => r.tier ?? undefined, {
        id: 'tier', header: t.headers.tier, sortUndefined: 'last', filterFn: 'equalsString',
        sortFn: TIER_SORT,
        cell: (c) => <TierBadge tier={c.row.original.tier} label={c.row.original.tier ? d.tiers[c.row.original.tier] : d.tiers.unscored} />,
        meta: { filter: 'select', options: HEALTH_TIERS.map((tier) => ({ value: tier, label: d.tiers[tier] })), csv: (r: AccountSummary) => r.tier },
      }),
      helper.accessor((r) => r.quadrant ?? undefined, {
        id: 'quadrant', header: t.headers.quadrant, sortUndefined: 'last', filterFn: 'equalsString',
        cell: (c) => (c.row.original.quadrant ? d.quadrants[c.row.original.quadrant] : MISSING),
        meta: { filter: 'select', options: QUADRANTS.map((q) => ({ value: q, label: d.quadrants[q] })), csv: (r: AccountSummary) => r.quadrant },
      }),
      helper.accessor((r) => r.nps ?? undefined, {
        id: 'nps', header: t.headers.nps, sortUndefined: 'last', sortDescFirst: true, filterFn: 'inNumberRange',
        cell: (c) => f.number(c.getValue() ?? null, 0), meta: { align: 'right', filter: 'range', csv: (r: AccountSummary) => r.nps },
      }),
      helper.accessor('activityRate', {
        header: t.headers.activityRate, filterFn: 'inNumberRange', cell: (c) => f.percent(c.getValue(), 0),
        meta: { align: 'right', filter: 'range' },
      }),
      helper.accessor((r) => r.nextRenewal ?? undefined, {
        id: 'nextRenewal', header: t.headers.nextRenewal, sortUndefined: 'last', cell: (c) => c.getValue() ?? MISSING,
        meta: { filter: 'text', csv: (r: AccountSummary) => r.nextRenewal },
      }),
      helper.accessor((r) => r.renewalStatus ?? undefined, {
        id: 'renewalStatus', header: t.headers.renewalStatus, sortUndefined: 'last', filterFn: 'equalsString',
        cell: (c) => (c.row.original.renewalStatus ? d.statuses[c.row.original.renewalStatus] : MISSING),
        meta: { filter: 'select', options: RENEWAL_STATUSES.map((s) => ({ value: s, label: d.statuses[s] })), csv: (r: AccountSummary) => r.renewalStatus },
      }),
    ];
  }, [data, f, t, d]);

  const table = useGrid({
    data: rows, columns, getRowId: (row) => row.accountId, initialSorting: [{ id: 'arr', desc: true }],
    ...(select ? { rowSelection, onRowSelectionChange } : {}),
  });

  const notice = drillDown ? (
    <div className="cskit-table__notice" role="status">
      <span>{t.selectionActive(drillDown.label, rows.length)}</span>
      {clear ? <button type="button" className="cskit-table__button" onClick={clear}>{t.clearSelection}</button> : null}
    </div>
  ) : null;

  return (
    <DataGrid
      table={table} labels={t} caption={props.caption ?? t.captions.accounts} name="accounts" height={props.height ?? 480}
      theme={props.theme} className={props.className} notice={notice} totalRows={data.length}
    />
  );
}
