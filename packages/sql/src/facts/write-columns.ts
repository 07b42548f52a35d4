/**
 * A facts table written from number columns (typed arrays): created (replacing an earlier one), then its rows
 * inserted a batch at a time, each column one bound parameter (`DIALECT[...].column`, as `writeDataset` writes the
 * records), or copied (`copyIn`) where the session can. A column with `nullWhen` stores that value as NULL; the others are NOT NULL.
 */
import type { SqlClient } from '../client/clients.js';
import { DIALECT, INSERT_BATCH_ROWS, type Dialect } from '../schema/dialect.js';
import { copyChunks } from '../write/copy-text.js';

export type FactColumn = readonly [name: string, kind: 'int' | 'number', values: ArrayLike<number>, nullWhen?: number];

export async function writeColumns(session: SqlClient, table: string, columns: readonly FactColumn[], dialect: Dialect): Promise<void> {
  const { types, column, rows, param } = DIALECT[dialect];
  await session.query(`DROP TABLE IF EXISTS ${table}`, []);
  const definitions = columns.map(([name, kind, , nullWhen]) => `${name} ${types[kind]}${nullWhen === undefined ? ' NOT NULL' : ''}`);
  await session.query(`CREATE TABLE ${table} (${definitions.join(', ')})`, []);
  const length = columns[0]?.[2].length ?? 0;
  if (session.copyIn && DIALECT[dialect].copy) {
    const cell = (row: number, c: number) => {
      const [, , values, nullWhen] = columns[c] as FactColumn;
      const value = values[row] as number;
      return value === nullWhen ? null : value;
    };
    await session.copyIn(table, columns.map(([name]) => name), copyChunks(length, columns.length, cell));
    return;
  }
  const sql = `INSERT INTO ${table} (${columns.map(([name]) => name).join(', ')}) ${rows(columns.map(([, kind], i) => column(i, types[kind])))}`;
  for (let start = 0; start < length; start += INSERT_BATCH_ROWS) {
    const end = Math.min(length, start + INSERT_BATCH_ROWS);
    const cells = columns.map(([, , values, nullWhen]) => Array.from({ length: end - start }, (_, i) => {
      const value = values[start + i] as number;
      return value === nullWhen ? null : value;
    }));
    await session.query(sql, cells.map(param));
  }
}
