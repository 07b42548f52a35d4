/** The embedded databases the package's tests run on: DuckDB in memory and PGlite (PostgreSQL in WebAssembly). */
import { DuckDBInstance } from '@duckdb/node-api';
import { PGlite } from '@electric-sql/pglite';
import { duckdbClient, postgresClient, type SqlClient } from '../client/clients.js';
import type { Dialect } from '../schema/dialect.js';

export interface TestDatabase {
  dialect: Dialect;
  client: SqlClient;
  close(): Promise<void>;
}

export async function openDatabase(dialect: Dialect): Promise<TestDatabase> {
  if (dialect === 'duckdb') {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    return { dialect, client: duckdbClient(connection), close: async () => { connection.closeSync(); instance.closeSync(); } };
  }
  const db = new PGlite();
  return { dialect, client: postgresClient(db), close: () => db.close() };
}
