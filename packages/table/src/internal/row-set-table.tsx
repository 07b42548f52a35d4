/**
 * `RowSetTable`: the one table of a row set, written once. Given local rows it sorts and filters them in the page;
 * without them, inside a `CsKitProvider`, it reads the view's row set a page at a time from the Provider's source
 * (sorted, filtered and searched where the data is). Each named table (renewals, warnings, the renewals ahead) is
 * its columns and this.
 */
import type { RowSetName } from '@cskit/metrics';
import type { SortingState } from '@tanstack/react-table';
import type { ReactNode } from 'react';
import { DataGrid } from './DataGrid.js';
import { manualOf, usePagedRows } from './paging.js';
import type { Paging } from './paging.js';
import { useGrid } from './use-grid.js';
import type { GridOptions } from './use-grid.js';
import { useTableText } from './use-table-text.js';
import type { TableBaseProps } from './use-table-text.js';

export interface RowSetTableProps<N extends RowSetName, Row extends object> {
  /** The named table's own props (locale, theme, caption, height, class). */
  table: TableBaseProps;
  /** The row set a paged table reads; its name is the grid's `data-table` too. */
  rowSet: N;
  caption: string;
  height: number;
  columns: GridOptions<Row>['columns'];
  rowId: (row: Row) => string;
  /** The order rows start in (none: the order the metric gives them). */
  initialSorting?: SortingState;
  /** Rows in the page; undefined: pages from the Provider's source. */
  local: readonly Row[] | undefined;
  /** Rows before a drill-down narrowed the local ones (the row count's total); default `local`'s length. */
  localTotal?: number;
  /** Paged: the rows are narrowed to the Provider's drill-down selection. */
  drillDown?: boolean;
  /** Ticked rows, when the table has a selection column. */
  selecting?: Pick<GridOptions<Row>, 'rowSelection' | 'onRowSelectionChange'>;
  /** Above the table (a selection banner), given the rows shown. */
  notice?: (shown: number) => ReactNode;
}

export function RowSetTable<N extends RowSetName, Row extends object>(props: RowSetTableProps<N, Row>) {
  return props.local ? <LocalRows {...props} local={props.local} /> : <PagedRows {...props} />;
}

function LocalRows<N extends RowSetName, Row extends object>(props: RowSetTableProps<N, Row> & { local: readonly Row[] }) {
  const { t } = useTableText(props.table);
  const grid = useGrid({
    data: props.local as Row[], columns: props.columns, getRowId: props.rowId, ...(props.initialSorting ? { initialSorting: props.initialSorting } : {}),
    ...props.selecting,
  });
  return (
    <DataGrid
      table={grid} labels={t} caption={props.caption} name={props.rowSet} height={props.height}
      theme={props.table.theme} className={props.table.className} totalRows={props.localTotal ?? props.local.length}
      notice={props.notice?.(props.local.length)}
    />
  );
}

function PagedRows<N extends RowSetName, Row extends object>(props: RowSetTableProps<N, Row>) {
  const { t } = useTableText(props.table);
  const paged = usePagedRows(props.rowSet, props.initialSorting ?? [], props.drillDown === true);
  const grid = useGrid({
    data: paged.rows as unknown as Row[], columns: props.columns, getRowId: props.rowId,
    ...(props.initialSorting ? { initialSorting: props.initialSorting } : {}), manual: manualOf(paged), ...props.selecting,
  });
  return (
    <DataGrid
      table={grid} labels={t} caption={props.caption} name={props.rowSet} height={props.height}
      theme={props.table.theme} className={props.table.className} totalRows={paged.paging.count} paging={paged.paging as unknown as Paging<Row>}
      notice={props.notice?.(paged.paging.total)}
    />
  );
}
