import type { Column, ReactTable, RowData, TableState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import type { ReactNode, RefObject } from 'react';
import { downloadCsv, toCsv } from '../csv.js';
import type { CsvValue } from '../csv.js';
import type { TableLabels } from '../labels.js';
import type { CskitColumnMeta, Features } from './features.js';
import type { Paging } from './paging.js';

/** Rows have a fixed height so the virtualizer needs no measuring; long text is cut with an ellipsis. */
export const ROW_HEIGHT = 36;
/** Rows drawn beyond the visible ones on each side, for smooth scrolling. */
const OVERSCAN = 8;
export const SELECT_COLUMN = 'select';

export interface DataGridProps<TData extends RowData> {
  table: ReactTable<Features, TData, TableState<Features>>;
  labels: TableLabels;
  caption: string;
  /** `data-table` attribute and CSV file name. */
  name: string;
  height: number;
  theme?: 'light' | 'dark' | undefined;
  className?: string | undefined;
  /** Extra content above the table: a selection banner. */
  notice?: ReactNode;
  /** Draws the columns' `footer`s (a totals row) in a `<tfoot>`. */
  showFooter?: boolean;
  /** Total rows before filtering, for the row count. */
  totalRows: number;
  /** Paged: the rows are a window of a list the source holds (see paging.ts). */
  paging?: Paging<TData> | undefined;
}

function sortDirection<TData extends RowData>(column: Column<Features, TData, unknown>): 'ascending' | 'descending' | 'none' {
  const sorted = column.getIsSorted();
  return sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none';
}

function headerText<TData extends RowData>(column: Column<Features, TData, unknown>): string {
  const header = column.columnDef.header;
  return typeof header === 'string' ? header : column.id;
}

type Grid<TData extends RowData> = DataGridProps<TData>['table'];

/**
 * The rows in view of `count` (virtualized: the DOM does not grow with the row count), the padding above and below
 * them, and, paged, the pages covering them fetched.
 */
function useRowWindow(count: number, height: number, scrollRef: RefObject<HTMLDivElement | null>, onRange: ((first: number, last: number) => void) | undefined) {
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    // Items keyed by index (the default): rows have one fixed height, and a key function that changed on every
    // render would make the virtualizer re-measure every row of a 150k-row list each time.
    overscan: OVERSCAN,
    // Before layout (first paint, server rendering, jsdom) draw as many rows as fit the given height.
    initialRect: { width: 960, height },
  });
  const measured = virtualizer.getVirtualItems();
  // Without layout (server rendering, a hidden container, jsdom) the virtualizer sees a zero-height viewport;
  // draw the rows that fit the given height so the table is never blank.
  const items = measured.length > 0 || count === 0
    ? measured
    : Array.from({ length: Math.min(count, Math.ceil(height / ROW_HEIGHT) + OVERSCAN) }, (_, index) => ({
        index, start: index * ROW_HEIGHT, end: (index + 1) * ROW_HEIGHT,
      }));
  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = items.length > 0 ? count * ROW_HEIGHT - (items[items.length - 1]?.end ?? 0) : 0;
  const firstInView = items[0]?.index ?? 0;
  const lastInView = items[items.length - 1]?.index ?? 0;
  useEffect(() => onRange?.(firstInView, lastInView), [onRange, firstInView, lastInView]);
  return { items, paddingTop, paddingBottom };
}

/** Downloads the rows as CSV: paged, every matching row fetched from the source; local, the rows as on screen. */
async function exportCsv<TData extends RowData>(table: Grid<TData>, name: string, paging: Paging<TData> | undefined): Promise<void> {
  const exported = table.getVisibleLeafColumns().filter((column) => column.id !== SELECT_COLUMN);
  const originals = paging ? await paging.all() : table.getRowModel().rows.map((row) => row.original);
  const csv = toCsv(
    exported.map(headerText),
    originals.map((original, index) => exported.map((column) => {
      const meta = column.columnDef.meta as CskitColumnMeta | undefined;
      if (meta?.csv) return (meta.csv as (row: TData) => CsvValue)(original);
      return (column.accessorFn ? column.accessorFn(original, index) : undefined) as CsvValue;
    })),
  );
  downloadCsv(`${name}.csv`, csv);
}

/** The width of an element, kept up to date (0 before layout or without ResizeObserver: nothing is hidden). */
function useElementWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver((entries) => setWidth(Math.round(entries[0]?.contentRect.width ?? 0)));
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

const NONE_HIDDEN: readonly string[] = [];

/** A column's priority (`meta.priority`, else its place: the first column 1): higher numbers are hidden first. */
function priorityOf<TData extends RowData>(column: Column<Features, TData, unknown>, place: number): number {
  return (column.columnDef.meta as CskitColumnMeta | undefined)?.priority ?? place + 1;
}

/**
 * Fits the columns to the table's width until the user picks columns in the menu (then their choice stands): while
 * the table is wider than its frame, the visible column of the lowest priority (never one of priority 1) is hidden,
 * measured after each step before anything is painted; a new width starts again from every column. Hidden columns
 * stay in the Columns menu, whose name says how many, so a narrow table hides columns instead of cutting heads.
 */
function useFittedColumns<TData extends RowData>(table: Grid<TData>, width: number, scrollRef: RefObject<HTMLDivElement | null>) {
  // The columns the fit hid at a width (another width starts again from every column); null once the user chose.
  const [fit, setFit] = useState<{ width: number; hidden: readonly string[] } | null>({ width: 0, hidden: [] });
  const hidden = fit !== null && fit.width === width ? fit.hidden : NONE_HIDDEN;
  const visibility = table.state.columnVisibility;
  useLayoutEffect(() => {
    if (fit !== null) table.setColumnVisibility(Object.fromEntries(hidden.map((id) => [id, false])));
  }, [table, fit, hidden]);
  useLayoutEffect(() => {
    const scroll = scrollRef.current;
    const element = scroll?.querySelector('table');
    if (fit === null || !scroll || !element || scroll.clientWidth === 0 || element.scrollWidth <= scroll.clientWidth + 1) return;
    // Measure only a table drawn with the columns hidden so far: the last step's change may not be drawn yet (the
    // table's state changes at once, the DOM on the next render).
    if (element.querySelectorAll('thead tr:first-child > th').length !== table.getAllLeafColumns().length - hidden.length) return;
    const next = table.getAllLeafColumns()
      .map((column, place) => ({ column, priority: priorityOf(column, place), place }))
      .filter(({ column, priority }) => priority > 1 && column.id !== SELECT_COLUMN && column.getCanHide() && column.getIsVisible() && !hidden.includes(column.id))
      .sort((a, b) => b.priority - a.priority || b.place - a.place)[0];
    // Layout is measured after it is drawn, so the next step is set from the effect (React's measuring pattern).
    // eslint-disable-next-line react-hooks/set-state-in-effect -- one column per step, until the table fits
    if (next) setFit({ width, hidden: [...hidden, next.column.id] });
  }, [table, fit, hidden, width, visibility, scrollRef]);
  const toggle = (column: Column<Features, TData, unknown>, visible: boolean) => {
    setFit(null);
    column.toggleVisibility(visible);
  };
  return { hidden: hidden.length, toggle };
}

/** Search, column visibility, CSV export and the row count. */
function GridToolbar<TData extends RowData>({ table, labels: t, name, paging, count, totalRows, hidden, toggle }: {
  table: Grid<TData>; labels: TableLabels; name: string; paging: Paging<TData> | undefined; count: number; totalRows: number;
  hidden: number; toggle: (column: Column<Features, TData, unknown>, visible: boolean) => void;
}) {
  const globalFilter = (table.state.globalFilter as string | undefined) ?? '';
  return (
    <div className="cskit-table__toolbar">
      <label className="cskit-table__search">
        <span>{t.search}</span>
        <input type="search" value={globalFilter} placeholder={t.searchPlaceholder} onChange={(event) => table.setGlobalFilter(event.target.value)} />
      </label>
      <details className="cskit-table__columns">
        <summary>{hidden > 0 ? t.columnsHidden(hidden) : t.columns}</summary>
        <fieldset>
          <legend className="cskit-sr-only">{t.columns}</legend>
          {table.getAllLeafColumns().filter((column) => column.getCanHide()).map((column) => (
            <label key={column.id}>
              <input type="checkbox" checked={column.getIsVisible()} onChange={(event) => toggle(column, event.target.checked)} />
              {headerText(column)}
            </label>
          ))}
        </fieldset>
      </details>
      <button type="button" className="cskit-table__button" onClick={() => void exportCsv(table, name, paging)}>{t.exportCsv}</button>
      <span className="cskit-table__count" aria-live="polite">{t.rows(count, paging ? paging.count : totalRows)}</span>
    </div>
  );
}

/** The header row (sortable columns announce `aria-sort`) and the filter row. */
function GridHead<TData extends RowData>({ table, labels: t }: { table: Grid<TData>; labels: TableLabels }) {
  const sorting = table.state.sorting ?? [];
  return (
    <thead>
      <tr aria-rowindex={1}>
        {table.getHeaderGroups()[0]?.headers.filter((header) => header.column.getIsVisible()).map((header) => {
          const column = header.column;
          const meta = column.columnDef.meta as CskitColumnMeta | undefined;
          const canSort = column.getCanSort();
          const index = column.getSortIndex();
          const direction = sortDirection(column);
          return (
            <th key={header.id} scope="col" aria-sort={canSort ? direction : undefined} className={meta?.align === 'right' ? 'cskit-num' : undefined}>
              {header.isPlaceholder ? null : canSort ? (
                <button type="button" className="cskit-table__sort" onClick={column.getToggleSortingHandler()}>
                  <table.FlexRender header={header} />
                  <span aria-hidden="true" className="cskit-table__sort-mark">
                    {direction === 'ascending' ? ' ▲' : direction === 'descending' ? ' ▼' : ' ↕'}
                    {sorting.length > 1 && index >= 0 ? index + 1 : ''}
                  </span>
                </button>
              ) : <table.FlexRender header={header} />}
            </th>
          );
        })}
      </tr>
      <tr aria-rowindex={2} className="cskit-table__filters">
        {table.getVisibleLeafColumns().map((column) => (
          <td key={column.id}><ColumnFilter column={column} labels={t} /></td>
        ))}
      </tr>
    </thead>
  );
}

/** The totals row of the columns' `footer`s. */
function GridFoot<TData extends RowData>({ table, rowIndex }: { table: Grid<TData>; rowIndex: number }) {
  return (
    <tfoot>
      <tr aria-rowindex={rowIndex}>
        {table.getFooterGroups()[0]?.headers.filter((header) => header.column.getIsVisible()).map((header, i) => {
          const meta = header.column.columnDef.meta as CskitColumnMeta | undefined;
          const Cell = i === 0 ? 'th' : 'td';
          return (
            <Cell key={header.id} scope={i === 0 ? 'row' : undefined} className={meta?.align === 'right' ? 'cskit-num' : undefined}>
              <table.FlexRender footer={header} />
            </Cell>
          );
        })}
      </tr>
    </tfoot>
  );
}

/**
 * The shared table of every cskit table component: semantic `<table>` markup with `aria-rowcount`/`aria-rowindex`
 * (rows outside the viewport are virtualized away, so the DOM size does not grow with the row count), sortable
 * headers announcing `aria-sort`, global search, per-column filters, column visibility, and CSV export of the
 * rows and columns on screen.
 */
export function DataGrid<TData extends RowData>(props: DataGridProps<TData>) {
  const { table, labels: t, caption, name, height, notice, showFooter, totalRows, paging } = props;
  const id = useId();
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const rows = table.getRowModel().rows;
  // Paged, the table's rows are a window of the whole list, starting at `windowStart`.
  const count = paging ? paging.total : rows.length;
  const rowAt = (index: number) => (paging ? rows[index - paging.windowStart] : rows[index]);
  const { items, paddingTop, paddingBottom } = useRowWindow(count, height, scrollRef, paging?.onRange);
  const columns = table.getVisibleLeafColumns();
  const sorting = table.state.sorting ?? [];
  const sortAnnouncement = sorting.length === 0
    ? t.notSorted
    : t.sortedBy(sorting.map((s) => {
        const column = table.getColumn(s.id);
        return `${column ? headerText(column) : s.id} ${s.desc ? t.descending : t.ascending}`;
      }));
  const classes = ['cskit', 'cskit-table', props.theme === 'dark' ? 'cskit-dark' : '', props.className ?? ''].filter(Boolean).join(' ');
  const rootRef = useRef<HTMLDivElement | null>(null);
  const { hidden, toggle } = useFittedColumns(table, useElementWidth(rootRef), scrollRef);
  return (
    <div ref={rootRef} className={classes} data-table={name}>
      <GridToolbar table={table} labels={t} name={name} paging={paging} count={count} totalRows={totalRows} hidden={hidden} toggle={toggle} />
      {notice}
      <p id={`${id}-sort`} className="cskit-sr-only" aria-live="polite">{sortAnnouncement}</p>
      <div ref={scrollRef} className="cskit-table__scroll" style={{ height, overflow: 'auto' }} tabIndex={0} role="region" aria-label={t.scrollRegion(caption)}>
        <table aria-rowcount={count + 2 + (showFooter ? 1 : 0)} aria-describedby={`${id}-sort`} aria-busy={paging?.loading || undefined}>
          <caption className="cskit-sr-only">{`${caption}. ${t.sortHint}.`}</caption>
          <GridHead table={table} labels={t} />
          <tbody>
            {paddingTop > 0 ? <tr aria-hidden="true" style={{ height: paddingTop }} /> : null}
            {items.map((item) => {
              const row = rowAt(item.index);
              if (!row) {
                // A row whose page is on its way keeps its place.
                return (
                  <tr key={`pending-${item.index}`} aria-rowindex={item.index + 3} aria-busy="true" style={{ height: ROW_HEIGHT }}>
                    <td colSpan={columns.length} className="cskit-table__pending">{t.loadingRow}</td>
                  </tr>
                );
              }
              return (
                <tr key={row.id} aria-rowindex={item.index + 3} aria-selected={row.getIsSelected() || undefined} style={{ height: ROW_HEIGHT }}>
                  {row.getVisibleCells().map((cell) => {
                    const meta = cell.column.columnDef.meta as CskitColumnMeta | undefined;
                    return (
                      <td key={cell.id} className={meta?.align === 'right' ? 'cskit-num' : undefined}>
                        <table.FlexRender cell={cell} />
                      </td>
                    );
                  })}
                </tr>
              );
            })}
            {paddingBottom > 0 ? <tr aria-hidden="true" style={{ height: paddingBottom }} /> : null}
            {paging?.error ? (
              <tr>
                <td colSpan={columns.length} className="cskit-table__empty">
                  {/* A server's 400 names the request's field in its message (`view.period: ...`). */}
                  <span role="alert">{`${t.failed}: ${paging.error.message}`}</span>
                  {paging.retry ? <button type="button" className="cskit-table__button" onClick={paging.retry}>{t.retry}</button> : null}
                </td>
              </tr>
            ) : count === 0 && !paging?.loading ? (
              <tr><td colSpan={columns.length} className="cskit-table__empty" role="status">{t.noRows}</td></tr>
            ) : null}
          </tbody>
          {showFooter ? <GridFoot table={table} rowIndex={count + 3} /> : null}
        </table>
      </div>
    </div>
  );
}

function ColumnFilter<TData extends RowData>({ column, labels: t }: { column: Column<Features, TData, unknown>; labels: TableLabels }) {
  const meta = column.columnDef.meta as CskitColumnMeta | undefined;
  if (!meta?.filter || !column.getCanFilter()) return null;
  const label = t.filter(headerText(column));
  if (meta.filter === 'text') {
    return (
      <input
        type="text" aria-label={label} className="cskit-table__filter" value={(column.getFilterValue() as string | undefined) ?? ''}
        onChange={(event) => column.setFilterValue(event.target.value || undefined)}
      />
    );
  }
  if (meta.filter === 'select') {
    const value = (column.getFilterValue() as string | undefined) ?? '';
    return (
      <select aria-label={label} className="cskit-table__filter" value={value} onChange={(event) => column.setFilterValue(event.target.value || undefined)}>
        <option value="">{t.any}</option>
        {(meta.options ?? []).map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
      </select>
    );
  }
  const range = (column.getFilterValue() as [number | undefined, number | undefined] | undefined) ?? [undefined, undefined];
  const set = (position: 0 | 1, text: string) => {
    const next: [number | undefined, number | undefined] = [range[0], range[1]];
    next[position] = text === '' ? undefined : Number(text);
    column.setFilterValue(next[0] === undefined && next[1] === undefined ? undefined : next);
  };
  return (
    <span className="cskit-table__range">
      <input type="number" aria-label={`${label} (${t.min})`} placeholder={t.min} value={range[0] ?? ''} onChange={(event) => set(0, event.target.value)} />
      <input type="number" aria-label={`${label} (${t.max})`} placeholder={t.max} value={range[1] ?? ''} onChange={(event) => set(1, event.target.value)} />
    </span>
  );
}
