/**
 * The small table of what differs between the SQL dialects `@cskit/sql` runs on. Everything else is a portable
 * core (CTEs, window functions, CASE, integer arithmetic, `$n` placeholders).
 */
import type { ColumnKind } from './tables.js';

export type Dialect = 'duckdb' | 'postgres';

export const DIALECTS: readonly Dialect[] = ['duckdb', 'postgres'];

interface DialectSpec {
  /** Column types by kind. */
  types: Record<ColumnKind | 'int', string>;
  /** Rows per multi-row INSERT statement at most, by placeholders (PostgreSQL's wire protocol takes 65,535). */
  maxParams: number;
}

export const DIALECT: Record<Dialect, DialectSpec> = {
  duckdb: { types: { text: 'VARCHAR', number: 'DOUBLE', day: 'INTEGER', month: 'INTEGER', int: 'INTEGER' }, maxParams: 30_000 },
  postgres: { types: { text: 'text', number: 'double precision', day: 'integer', month: 'integer', int: 'integer' }, maxParams: 60_000 },
};

/** Checks a dialect named by a host (a `TypeError` naming the option otherwise). */
export function checkDialect(dialect: unknown, where: string): Dialect {
  if (dialect === 'duckdb' || dialect === 'postgres') return dialect;
  throw new TypeError(`${where}: dialect must be one of ${DIALECTS.join(', ')}, got ${JSON.stringify(dialect)?.slice(0, 60) ?? String(dialect)}`);
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * A table's name, qualified by the host's `schema` when given. The schema is the only name a host passes in; it must
 * be a plain identifier (letters, digits, underscores), and is quoted as well, so it can never carry SQL.
 */
export function tableName(table: string, schema: string | undefined): string {
  if (schema === undefined) return table;
  if (!IDENTIFIER.test(schema)) throw new TypeError(`schema must be a plain SQL identifier (letters, digits and _; at most 63), got ${JSON.stringify(schema).slice(0, 80)}`);
  return `"${schema}".${table}`;
}
