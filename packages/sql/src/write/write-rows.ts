/**
 * Rows written into a created table, the one way `writeDataset` writes anything (the contract's records and the
 * facts): through the session's `appendRows` (DuckDB's appender) or `copyIn` (PostgreSQL's COPY, text format) where
 * the dialect reads it, else a batch
 * of `INSERT_BATCH_ROWS` rows per statement with one bound parameter per column (`DIALECT[...].column`).
 */
import type { SqlClient } from '../client/clients.js';
import { DIALECT, INSERT_BATCH_ROWS, type Dialect, type DialectSpec } from '../schema/dialect.js';
import { copyChunks } from './copy-text.js';

export interface RowColumns {
  names: readonly string[];
  /** Each column's type in the dialect's table (`DIALECT[...].types`). */
  kinds: ReadonlyArray<keyof DialectSpec['types']>;
}

/** `count` rows of `columns` into `table`, the cell of a row and column given by `cell` (null or undefined: NULL). */
export async function writeRows(
  session: SqlClient, table: string, columns: RowColumns, count: number, cell: (row: number, column: number) => unknown, dialect: Dialect,
): Promise<void> {
  const { types, column, rows, param, copy } = DIALECT[dialect];
  if (session.appendRows) {
    await session.appendRows(table, columns.kinds.map((kind) => (kind === 'text' ? 'text' : kind === 'number' ? 'number' : 'int')), count, cell);
    return;
  }
  if (session.copyIn && copy) {
    await session.copyIn(table, columns.names, copyChunks(count, columns.names.length, cell));
    return;
  }
  const sql = `INSERT INTO ${table} (${columns.names.join(', ')}) ${rows(columns.kinds.map((kind, i) => column(i, types[kind])))}`;
  for (let start = 0; start < count; start += INSERT_BATCH_ROWS) {
    const length = Math.min(count, start + INSERT_BATCH_ROWS) - start;
    const cells = columns.kinds.map((_, c) => Array.from({ length }, (__, i) => cell(start + i, c) ?? null));
    await session.query(sql, cells.map(param));
  }
}
