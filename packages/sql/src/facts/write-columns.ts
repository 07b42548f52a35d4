/**
 * A facts table written from number columns (typed arrays): created (replacing an earlier one), then its rows written
 * as `writeDataset` writes the records (`writeRows`: COPY where the session and dialect can, else batches of bound
 * columns). A column with `nullWhen` stores that value as NULL; the others are NOT NULL.
 */
import type { SqlClient } from '../client/clients.js';
import { DIALECT, type Dialect } from '../schema/dialect.js';
import { writeRows } from '../write/write-rows.js';

export type FactColumn =
  | readonly [name: string, kind: 'int' | 'number', values: ArrayLike<number>, nullWhen?: number]
  | readonly [name: string, kind: 'text', values: ArrayLike<string>];

export async function writeColumns(session: SqlClient, table: string, columns: readonly FactColumn[], dialect: Dialect): Promise<void> {
  const { types } = DIALECT[dialect];
  await session.query(`DROP TABLE IF EXISTS ${table}`, []);
  const definitions = columns.map(([name, kind, , nullWhen]) => `${name} ${types[kind]}${nullWhen === undefined ? ' NOT NULL' : ''}`);
  await session.query(`CREATE TABLE ${table} (${definitions.join(', ')})`, []);
  const cell = (row: number, c: number) => {
    const [, , values, nullWhen] = columns[c] as FactColumn;
    const value = values[row] as number | string;
    return value === nullWhen ? null : value;
  };
  await writeRows(session, table, { names: columns.map(([name]) => name), kinds: columns.map(([, kind]) => kind) }, columns[0]?.[2].length ?? 0, cell, dialect);
}
