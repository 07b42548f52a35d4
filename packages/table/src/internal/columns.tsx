/**
 * Column factories the tables share: an account's name (a link or a button when the host opens accounts), money, a
 * percent, a renewal status and a tier, each sorted, filtered, formatted and exported the same way everywhere.
 */
import { RENEWAL_STATUSES } from '@cskit/metrics';
import type { RenewalStatus } from '@cskit/metrics';
import type { DomainLabels, Formatters } from '@cskit/react';
import type { createColumnHelper } from '@tanstack/react-table';
import type { RowData } from '@tanstack/react-table';
import { AccountName } from './cells.js';
import type { AccountLinkProps } from './cells.js';
import type { Features } from './features.js';
import { rankSort } from './sorts.js';

type Helper<Row extends RowData> = ReturnType<typeof createColumnHelper<Features, Row>>;

/** Keys of `Row` whose values are numbers, or numbers or null. */
type NumberKey<Row> = { [K in keyof Row]: Row[K] extends number | null | undefined ? K : never }[keyof Row] & string;

/**
 * The account's name: its row's `name` (rows of a source carry it), else `accountName(id)`, else the id; a link or a
 * button by `accountHref` and `onOpenAccount`.
 */
export function accountNameColumn<Row extends { accountId: string; name?: string }>(
  helper: Helper<Row>, header: string, links: AccountLinkProps & { accountName?: ((accountId: string) => string) | undefined },
) {
  const { accountName, accountHref, onOpenAccount } = links;
  return helper.accessor((row) => row.name ?? accountName?.(row.accountId) ?? row.accountId, {
    id: 'name', header, sortFn: 'text', meta: { filter: 'text' },
    cell: (c) => <AccountName name={c.getValue()} accountId={c.row.original.accountId} accountHref={accountHref} onOpenAccount={onOpenAccount} />,
  });
}

/** A number column: right-aligned, largest first, a range filter; null reads "—" and sorts last. */
function numberColumn<Row extends object>(helper: Helper<Row>, key: NumberKey<Row>, header: string, format: (value: number | null) => string) {
  const value = (row: Row) => (row[key] as number | null | undefined) ?? undefined;
  return helper.accessor(value, {
    id: key, header, sortUndefined: 'last', sortDescFirst: true, filterFn: 'inNumberRange', cell: (c) => format(c.getValue() ?? null),
    meta: { align: 'right', filter: 'range', csv: (row: Row) => value(row) ?? null },
  });
}

/** Money, as a number column. */
export function moneyColumn<Row extends object>(helper: Helper<Row>, key: NumberKey<Row>, header: string, f: Formatters) {
  return numberColumn(helper, key, header, (value) => f.currency(value));
}

/** A share (0..1) as a percent, as a number column. */
export function percentColumn<Row extends object>(helper: Helper<Row>, key: NumberKey<Row>, header: string, f: Formatters, digits = 0) {
  return numberColumn(helper, key, header, (value) => f.percent(value, digits));
}

/** A renewal's status in words, sorted in the statuses' own order, a select filter of every status. */
export function statusColumn<Row extends { status: RenewalStatus }>(helper: Helper<Row>, header: string, d: DomainLabels) {
  return helper.accessor((row) => row.status, {
    id: 'status', header, sortFn: rankSort<Row>(RENEWAL_STATUSES), filterFn: 'equalsString', cell: (c) => d.statuses[c.getValue()],
    meta: { filter: 'select', options: RENEWAL_STATUSES.map((s) => ({ value: s, label: d.statuses[s] })) },
  });
}
