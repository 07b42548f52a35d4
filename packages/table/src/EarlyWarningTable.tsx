import type { EarlyWarningItem, EarlyWarnings } from '@cskit/metrics';
import { MISSING } from '@cskit/react';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import { DataGrid } from './internal/DataGrid.js';
import type { Features } from './internal/features.js';
import { useGrid } from './internal/use-grid.js';
import { useTableText } from './internal/use-table-text.js';
import type { TableBaseProps } from './internal/use-table-text.js';

export interface EarlyWarningTableProps extends TableBaseProps {
  /** The result of `earlyWarnings` / `useEarlyWarnings`, already in the spec's order (ARR, then nearest renewal). */
  data: EarlyWarnings;
  accountName?: (accountId: string) => string;
}

const helper = createColumnHelper<Features, EarlyWarningItem>();

/** Paying accounts whose activity stayed below the threshold, with their recent activity rates. */
export function EarlyWarningTable({ data, accountName, ...props }: EarlyWarningTableProps) {
  const { f, t } = useTableText(props);
  const columns = useMemo(() => [
    helper.accessor((item) => accountName?.(item.accountId) ?? item.accountId, { id: 'account', header: t.headers.name, sortFn: 'text', meta: { filter: 'text' } }),
    helper.accessor('arr', { header: t.headers.arr, sortDescFirst: true, filterFn: 'inNumberRange', cell: (c) => f.currency(c.getValue()), meta: { align: 'right', filter: 'range' } }),
    helper.accessor((item) => item.rates.reduce((sum, rate) => sum + rate, 0) / Math.max(1, item.rates.length), {
      id: 'rates', header: `${t.headers.rates} (${data.months})`, sortDescFirst: false,
      cell: (c) => c.row.original.rates.map((rate) => f.percent(rate, 0)).join(' → '),
      meta: { align: 'right', csv: (item: EarlyWarningItem) => item.rates.join(' ') },
    }),
    helper.accessor((item) => item.nextRenewal ?? undefined, {
      id: 'nextRenewal', header: t.headers.nextRenewal, sortUndefined: 'last', cell: (c) => c.getValue() ?? MISSING,
      meta: { filter: 'text', csv: (item: EarlyWarningItem) => item.nextRenewal },
    }),
  ], [accountName, data.months, f, t]);
  // No initial sort: the rows keep the order the metric gives them (SPEC 5).
  const table = useGrid({ data: data.items, columns, getRowId: (item) => item.accountId });
  return (
    <DataGrid
      table={table} labels={t} caption={props.caption ?? t.captions.earlyWarnings} name="early-warnings" height={props.height ?? 360}
      theme={props.theme} className={props.className} totalRows={data.items.length}
    />
  );
}
