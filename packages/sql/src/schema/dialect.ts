/**
 * The small table of what differs between the SQL dialects `@cskit/sql` runs on. Everything else is a portable
 * core (CTEs, window functions, CASE, integer arithmetic, `$n` placeholders).
 */
import type { ColumnKind } from './tables.js';

export type Dialect = 'duckdb' | 'postgres';

export const DIALECTS: readonly Dialect[] = ['duckdb', 'postgres'];

export interface DialectSpec {
  /** Column types by kind. */
  types: Record<ColumnKind | 'int', string>;
  /**
   * Rows inserted a batch at a time, one bound parameter per column (a statement of a placeholder per value is slow
   * to plan and bounded at 65,535 placeholders): the SELECT that turns column `i`'s parameter into rows, and the
   * parameter's value for a column's cells.
   */
  column(index: number, type: string): string;
  /** `zip`: the columns' SELECTs side by side (DuckDB unnests lists in one SELECT in step); `unnest`: one unnest of all. */
  rows(columns: readonly string[]): string;
  param(cells: unknown[]): unknown;
  /**
   * Whether reading a table back in pages of `seq` needs an index on it: PostgreSQL does (else every page scans and
   * sorts the table); DuckDB skips row groups by their min and max `seq` (written in order), so an index would only
   * cost memory.
   */
  indexSeq: boolean;
  /**
   * Whether the records are indexed by account (`account_seq`; the accounts by `id`): a page of accounts or a story
   * reads a few accounts' records, which PostgreSQL would otherwise find by scanning every table (a story at 100,000
   * accounts: 0.66 s); DuckDB scans its columns vectorised instead, and an index would cost memory.
   */
  indexAccounts: boolean;
  /**
   * The most accounts whose records are read as one point lookup each (`... WHERE account_seq = $1 UNION ALL ...`)
   * rather than one `IN` list: DuckDB prunes row groups by a lookup's zone map (at 1M accounts, 50 accounts' health
   * records in 25-30 ms this way, 62-66 ms as an `IN` list, whose zone-map check is only "optional"), but plans each
   * branch, so more than 200 accounts (a page is 100 by default) are read as one list: the bound keeps a statement
   * from having thousands of branches (only reads of 50 accounts were measured). PostgreSQL reads its index either way.
   */
  pointLookups: number;
  /**
   * Whether the ARR runs are indexed by ARR (`cskit_arr_runs_arr`) and a page of every account by ARR walks it
   * (metrics/accounts/accounts-rows.ts): PostgreSQL, whose join of every account with its runs takes 0.7 s at 1M
   * accounts against 6-10 ms by the index; DuckDB's hash join takes 0.14 s there, and its form of the walk 0.34 s.
   */
  arrIndex: boolean;
  /** Whether a client's `copyIn` (PostgreSQL's COPY text format) writes the tables when it has one. */
  copy: boolean;
  /**
   * Whether the tables are analyzed after a write: PostgreSQL plans from statistics a bulk write leaves empty until
   * autovacuum comes by (at 100,000 accounts a renewals query took 1.6 s on a fresh write); DuckDB keeps its own.
   */
  analyze: boolean;
  /**
   * The order a health facts table is written in (write/health-facts.ts; `ht` is the cells' CTE). PostgreSQL reads a view's accounts' cells
   * through its `(acct, k)` index an account at a time: written month by month, an account's ~40 cells lay on ~40 pages,
   * and at 1M accounts a filtered distribution read 7.6 M pages (29 s); written account by account, 0.5 M (6.5 s).
   * DuckDB scans the table, skipping row groups by their zone maps on `k`, which month-by-month order serves.
   */
  factsOrder: 'ht.acct, ht.k' | 'ht.k, ht.acct';
}

export const DIALECT: Record<Dialect, DialectSpec> = {
  // DuckDB binds a JSON text and reads it as a typed list (a JS array would need the driver's own list values).
  duckdb: {
    types: { text: 'VARCHAR', number: 'DOUBLE', day: 'INTEGER', month: 'INTEGER', int: 'INTEGER' },
    column: (index, type) => `unnest(from_json($${index + 1}, '["${type}"]'))`,
    rows: (columns) => `SELECT ${columns.join(', ')}`,
    param: (cells) => JSON.stringify(cells),
    indexSeq: false,
    indexAccounts: false,
    pointLookups: 200,
    arrIndex: false,
    copy: false,
    analyze: false,
    factsOrder: 'ht.k, ht.acct',
  },
  // PostgreSQL (pg, PGlite) binds a JS array as an array; unnest of several arrays zips them.
  postgres: {
    types: { text: 'text', number: 'double precision', day: 'integer', month: 'integer', int: 'integer' },
    column: (index, type) => `$${index + 1}::${type}[]`,
    rows: (columns) => `SELECT * FROM unnest(${columns.join(', ')})`,
    param: (cells) => cells,
    indexSeq: true,
    indexAccounts: true,
    pointLookups: 0,
    arrIndex: true,
    copy: true,
    analyze: true,
    factsOrder: 'ht.acct, ht.k',
  },
};

/** Rows per batch of `writeDataset`'s inserts. */
export const INSERT_BATCH_ROWS = 50_000;

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
