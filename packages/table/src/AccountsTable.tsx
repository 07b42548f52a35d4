import { HEALTH_TIERS, NONE_GROUP, QUADRANTS, RENEWAL_STATUSES } from '@cskit/metrics';
import type { AccountSummary } from '@cskit/metrics';
import { componentLabel, MISSING, useFilterOptions, useOptionalCsStore, useOptionalCsStoreApi, useSelectedAccountIds } from '@cskit/react';
import type { CsSelection, DomainLabels } from '@cskit/react';
import { constructSortFn, createColumnHelper, functionalUpdate } from '@tanstack/react-table';
import type { RowSelectionState, Updater } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { TierBadge } from './internal/cells.js';
import { accountNameColumn } from './internal/columns.js';
import type { AccountLinkProps } from './internal/cells.js';
import { SELECT_COLUMN } from './internal/DataGrid.js';
import { RowSetTable } from './internal/row-set-table.js';
import type { Features } from './internal/features.js';
import { useTableText } from './internal/use-table-text.js';
import type { TableBaseProps } from './internal/use-table-text.js';

/** The `source` of selections made by ticking rows: such a selection never filters the table itself. */
export const ACCOUNTS_TABLE_SOURCE = 'accounts-table';

export interface AccountsTableProps extends TableBaseProps, AccountLinkProps {
  /**
   * Rows from `accountSummaries`, sorted and filtered in the page. Without them, inside a `CsKitProvider`, the
   * table reads the view's accounts a page at a time from the Provider's source (sorted and filtered there).
   */
  data?: AccountSummary[] | undefined;
  /**
   * The drill-down selection. Inside a `CsKitProvider` it is the store's; a selection from a chart shows only its
   * accounts, with a button to show all again.
   */
  selection?: CsSelection | null;
  /** Ticked rows; inside a Provider they become the store's selection. */
  onSelectionChange?: (accountIds: string[]) => void;
  /** Names of the host's health measures by key, for the biggest-fall column (built-in components are named by the locale). */
  componentNames?: Readonly<Record<string, string>>;
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
const INITIAL_SORT = [{ id: 'arr', desc: true }];

/** Accounts with their ARR, health, quadrant, NPS, activity and renewal: local rows, or pages of the Provider's view. */
export function AccountsTable(props: AccountsTableProps) {
  const inProvider = useOptionalCsStoreApi() !== null;
  if (props.data) return inProvider ? <ResolvedSelection {...props} data={props.data} /> : <LocalAccounts {...props} data={props.data} selectedIds={null} />;
  if (!inProvider) throw new Error('cskit: <AccountsTable> without data must be inside a <CsKitProvider>, whose source it reads its rows from.');
  return <PagedAccounts {...props} />;
}

/** Local rows inside a Provider: the store's drill-down selection is resolved to account ids by the source. */
function ResolvedSelection(props: AccountsTableProps & { data: AccountSummary[] }) {
  const resolved = useSelectedAccountIds();
  return <LocalAccounts {...props} selectedIds={resolved ?? null} />;
}

/** The selection (given or the store's), its handlers, and the row ticks that feed it. */
function useAccountSelection(props: AccountsTableProps) {
  const { t } = useTableText(props);
  const storeSelection = useOptionalCsStore((s) => s.selection);
  const actions = useOptionalCsStore((s) => s.actions);
  const selection = props.selection !== undefined ? props.selection : storeSelection ?? null;
  const drillDown = selection && selection.source !== ACCOUNTS_TABLE_SOURCE ? selection : null;
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  // A selection made elsewhere replaces the ticks (adjusted while rendering, so no frame shows stale ticks).
  const [ticksFor, setTicksFor] = useState(drillDown);
  if (ticksFor !== drillDown) {
    setTicksFor(drillDown);
    if (drillDown) setRowSelection({});
  }
  const select = props.onSelectionChange ?? (actions
    ? (ids: string[]) => (ids.length === 0
        ? actions.clearSelection()
        : actions.select({ accountIds: ids, label: `${ids.length} ${t.headers.accounts}`, source: ACCOUNTS_TABLE_SOURCE }))
    : undefined);
  const clear = props.onClearSelection ?? actions?.clearSelection;
  const onRowSelectionChange = (updater: Updater<RowSelectionState>) => {
    const next = functionalUpdate(updater, rowSelection);
    setRowSelection(next);
    select?.(Object.keys(next).filter((id) => next[id]));
  };
  return { drillDown, clear, selecting: select ? { rowSelection, onRowSelectionChange } : {} };
}

function useAccountColumns(props: AccountsTableProps, choices: { segments: string[]; regions: string[] }) {
  const { f, t, d } = useTableText(props);
  const { accountHref, onOpenAccount, componentNames } = props;
  return useMemo(() => {
    const segments = choices.segments.map((value) => ({ value, label: value }));
    const regions = choices.regions.map((value) => ({ value, label: value }));
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
      accountNameColumn(helper, t.headers.name, { accountHref, onOpenAccount }),
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
      helper.accessor((r) => r.healthChange ?? undefined, {
        id: 'healthChange', header: t.headers.healthChange, sortUndefined: 'last', filterFn: 'inNumberRange',
        cell: (c) => signedPoints(c.getValue() ?? null, f.number),
        meta: { align: 'right', filter: 'range', csv: (r: AccountSummary) => r.healthChange },
      }),
      helper.accessor((r) => r.driverChange ?? undefined, {
        id: 'driverChange', header: t.headers.driver, sortUndefined: 'last', filterFn: 'inNumberRange',
        cell: (c) => {
          const { driver, driverChange } = c.row.original;
          return driver === null || driverChange === null ? MISSING : `${driverLabel(driver, d, componentNames)} ${signedPoints(driverChange, f.number)}`;
        },
        meta: {
          filter: 'range',
          csv: (r: AccountSummary) => (r.driver === null ? null : `${driverLabel(r.driver, d, componentNames)} ${r.driverChange ?? ''}`),
        },
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
  }, [choices.segments, choices.regions, accountHref, onOpenAccount, componentNames, f, t, d]);
}

/** A change in points of the health score: +1.5, −7.0, ±0.0; MISSING when there is none. */
function signedPoints(value: number | null, number: (value: number, digits?: number) => string): string {
  if (value === null) return MISSING;
  return `${value > 0 ? '+' : value < 0 ? '−' : '±'}${number(Math.abs(value), 1)}`;
}

/** `experience:responseHours` as words: "Response hours". */
function driverLabel(driver: string, d: DomainLabels, names: Readonly<Record<string, string>> | undefined): string {
  const at = driver.indexOf(':');
  const side = driver.slice(0, at) === 'outcome' ? 'outcome' : 'experience';
  return componentLabel(driver.slice(at + 1), side, d, names);
}

function SelectionNotice({ drillDown, count, clear, props }: { drillDown: CsSelection | null; count: number; clear: (() => void) | undefined; props: AccountsTableProps }) {
  const { t } = useTableText(props);
  if (!drillDown) return null;
  return (
    <div className="cskit-table__notice" role="status">
      <span>{t.selectionActive(drillDown.label, count)}</span>
      {clear ? <button type="button" className="cskit-table__button" onClick={clear}>{t.clearSelection}</button> : null}
    </div>
  );
}

function LocalAccounts({ selectedIds, ...props }: AccountsTableProps & { data: AccountSummary[]; selectedIds: ReadonlySet<string> | null }) {
  const { data } = props;
  const { t } = useTableText(props);
  const { drillDown, clear, selecting } = useAccountSelection(props);
  // A plain list of ids needs no source to resolve it.
  const keep = useMemo(
    () => (drillDown ? (drillDown.target.kind === 'accounts' ? new Set(drillDown.target.accountIds) : selectedIds) : null),
    [drillDown, selectedIds],
  );
  const rows = useMemo(() => (keep ? data.filter((row) => keep.has(row.accountId)) : data), [data, keep]);
  const choices = useMemo(() => ({ segments: distinct(data, (r) => r.segment), regions: distinct(data, (r) => r.region) }), [data]);
  return (
    <RowSetTable
      table={props} rowSet="accounts" caption={props.caption ?? t.captions.accounts} height={props.height ?? 480}
      columns={useAccountColumns(props, choices)} rowId={(row: AccountSummary) => row.accountId} initialSorting={INITIAL_SORT}
      local={rows} localTotal={data.length} selecting={selecting}
      notice={(shown) => <SelectionNotice drillDown={drillDown} count={shown} clear={clear} props={props} />}
    />
  );
}

function PagedAccounts(props: AccountsTableProps) {
  const { t } = useTableText(props);
  const { drillDown, clear, selecting } = useAccountSelection(props);
  const options = useFilterOptions();
  const choices = useMemo(() => ({
    segments: (options?.segment ?? []).map((o) => o.value).filter((v) => v !== NONE_GROUP),
    regions: (options?.region ?? []).map((o) => o.value).filter((v) => v !== NONE_GROUP),
  }), [options]);
  return (
    <RowSetTable
      table={props} rowSet="accounts" caption={props.caption ?? t.captions.accounts} height={props.height ?? 480}
      columns={useAccountColumns(props, choices)} rowId={(row: AccountSummary) => row.accountId} initialSorting={INITIAL_SORT}
      local={undefined} drillDown={drillDown !== null} selecting={selecting}
      notice={(shown) => <SelectionNotice drillDown={drillDown} count={shown} clear={clear} props={props} />}
    />
  );
}
