import type { ReactNode } from 'react';

export interface DataTableProps {
  caption: string;
  columns: readonly string[];
  rows: ReadonlyArray<readonly ReactNode[]>;
}

/**
 * The chart's numbers as a table, visually hidden: the screen-reader fallback for the graphic. The wrapper does the
 * hiding, because a table never shrinks below its content's width and would widen the page.
 */
export function DataTable({ caption, columns, rows }: DataTableProps) {
  return (
    <div className="cskit-sr-only">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>{columns.map((column) => <th key={column} scope="col">{column}</th>)}</tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r}>{row.map((cell, c) => (c === 0 ? <th key={c} scope="row">{cell}</th> : <td key={c}>{cell}</td>))}</tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
