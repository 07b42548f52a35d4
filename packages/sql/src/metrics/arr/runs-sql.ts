/**
 * What the ARR family's queries share: their bound parameters, the view's accounts and their ARR runs
 * (`cskit_arr_runs`, facts/arr-runs.ts), the runs after the grace rule, and a month series. Month arithmetic is on
 * month indexes (integers), so no dialect's date functions are needed.
 */
import { DIALECT, tableName, type Dialect } from '../../schema/dialect.js';
import type { Predicate } from '../../engine/scope-sql.js';
import { ARR_RUNS_TABLE } from '../../facts/arr-runs.js';

/** An open run's last month in queries: past any month a view may read (VIEW_LIMITS), far from integer overflow. */
export const OPEN_MONTH = 1_000_000;

/** A statement's parameters: the accounts' predicate's first, then each value `bind` adds as an integer. */
export class Params {
  readonly values: unknown[];
  constructor(first: readonly unknown[] = []) {
    this.values = [...first];
  }

  /** A whole number as a bound parameter, typed (PostgreSQL infers no type for a parameter compared with another). */
  int(value: number): string {
    if (!Number.isSafeInteger(value)) throw new RangeError(`@cskit/sql: ${value} is not a whole number`);
    this.values.push(value);
    return `CAST($${this.values.length} AS INTEGER)`;
  }

  /**
   * A finite number as a bound parameter, typed as the dialect's double (its `number` column type): PostgreSQL infers
   * no type for a parameter alone in a `CASE` branch, and a number must stay a double (not a numeric) for both
   * engines to compute the same bits.
   */
  double(value: number, dialect: Dialect): string {
    if (!Number.isFinite(value)) throw new RangeError(`@cskit/sql: ${value} is not a finite number`);
    this.values.push(value);
    return `CAST($${this.values.length} AS ${DIALECT[dialect].types.number})`;
  }

  /** A text as a bound parameter (compared with a text column, which types it). */
  text(value: string): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /**
   * A count of rows (`LIMIT`, `OFFSET`) as a bound parameter, untyped: its place types it in every dialect, and a CAST
   * there is outside the SQL grammars (BigQuery's, Snowflake's...) the dialect tests parse with.
   */
  rows(value: number): string {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`@cskit/sql: ${value} is not a count of rows`);
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * `r (acct, mf, mt, arr, nf)`: the recorded ARR runs of the view's accounts (`accounts` null: every account; or a
 * query of their `seq`s), `mt` `OPEN_MONTH` for an open run, `nf` the first month of the account's next run (NULL for
 * its last).
 */
export function runsCte(accounts: Predicate | { seqs: string } | null, schema: string | undefined): string {
  const runs = tableName(ARR_RUNS_TABLE, schema);
  const seqs = accounts === null ? null : 'seqs' in accounts ? accounts.seqs : `SELECT a.seq ${accounts.accountsOnly}`;
  const scoped = seqs === null ? '' : ` WHERE f.account_seq IN (${seqs})`;
  return `r AS (SELECT f.account_seq AS acct, f.month_from AS mf, COALESCE(f.month_to, ${OPEN_MONTH}) AS mt, f.arr AS arr,
    LEAD(f.month_from) OVER (PARTITION BY f.account_seq ORDER BY f.month_from) AS nf
  FROM ${runs} f${scoped})`;
}

/**
 * `g` and `b (acct, mf, mt, arr)`: the runs after the grace rule of SPEC 2 as known at `asOf` (`ArrSeries.at` of
 * `@cskit/metrics`, data/dataset-index.ts, is the JS form). A gap after a run ending in month b, before the next run
 * starting in n (or none), is bridged at the run's ARR for its months up to asOf when the gap is closed by asOf
 * within `graceMonths` (n <= asOf and n - b - 1 <= grace), or is still open at asOf and no longer than grace so far
 * (asOf - b <= grace). Recorded ARR > 0 is never bridged; months after asOf never are.
 */
export function bridgedCte(asOf: string, grace: string): string {
  const closed = `(nf IS NOT NULL AND nf <= ${asOf} AND nf - mt - 1 <= ${grace})`;
  return `g AS (SELECT acct, mt + 1 AS mf, CASE WHEN ${closed} THEN nf - 1 ELSE ${asOf} END AS mt, arr
  FROM r WHERE mt < ${asOf} AND (nf IS NULL OR nf > mt + 1) AND (${closed} OR ${asOf} - mt <= ${grace})),
b AS (SELECT acct, mf, mt, arr FROM r UNION ALL SELECT acct, mf, mt, arr FROM g)`;
}

/** `<name> (acct, arr)`, after `bridgedCte`: each account's ARR in `month` after the grace rule (no row without ARR). */
export const arrAtCte = (name: string, month: string): string => `${name} AS (SELECT acct, sum(arr) AS arr FROM b WHERE mf <= ${month} AND ${month} <= mt GROUP BY acct)`;

/** Months a month series can hold: three digits' worth (a period is at most `VIEW_LIMITS.periodMonths`, 120). */
export const MAX_SERIES_MONTHS = 1000;

/**
 * `digits` and `months (k)`: the month indexes `from..to` (at most `MAX_SERIES_MONTHS`), from a cross join of digits
 * rather than a recursive CTE, which BigQuery's grammar in node-sql-parser (the dialect check) does not read.
 */
export function monthsCte(from: string, to: string): string {
  const digits = Array.from({ length: 10 }, (_, d) => (d === 0 ? 'SELECT 0 AS d' : `SELECT ${d}`)).join(' UNION ALL ');
  const offset = 'u.d + 10 * t.d + 100 * h.d';
  return `digits AS (${digits}),
months AS (SELECT ${from} + ${offset} AS k FROM digits u CROSS JOIN digits t CROSS JOIN digits h WHERE ${offset} <= ${to} - ${from})`;
}

/**
 * Whether the stored run `alias` of `cskit_arr_runs` (NULL `month_to`: open) covers month `month` (an expression):
 * the account's recorded ARR then (`arrThrough`), at most one run per account and month.
 */
export const runCovers = (alias: string, month: string): string => `${alias}.month_from <= ${month} AND (${alias}.month_to IS NULL OR ${alias}.month_to >= ${month})`;

/** The number a driver gives for a count or sum (`pg` gives 64-bit integers as text; NULL sums are 0). */
export const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));
