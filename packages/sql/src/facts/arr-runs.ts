/**
 * The pre-aggregated ARR facts (issue 29, SPEC 15): each account's recorded ARR as runs of months with the same ARR
 * > 0 (`arrRunsOf` of `@cskit/metrics/facts`, the JS engine's own matrix, so both engines compare and sum the same
 * numbers), written with the data in the same transaction: a reader never sees runs of another version. With a
 * contract a year, three years are ~3 runs per account instead of 36 monthly rows.
 *
 * `cskit_arr_runs (account_seq, month_from, month_to, arr)`: `account_seq` is the account's `seq` in
 * `cskit_accounts`, `month_to` NULL for a run that never ends (open-ended contracts past every dated month).
 */
import { OPEN_RUN, type ArrRuns } from '@cskit/metrics/facts';
import type { SqlClient } from '../client/clients.js';
import { DIALECT, tableName, type Dialect } from '../schema/dialect.js';
import { writeColumns } from './write-columns.js';

export const ARR_RUNS_TABLE = 'cskit_arr_runs';

/** Creates the runs' table (replacing an earlier one) and writes the runs (`arrRunsOf` of the valid dataset). */
export async function writeArrRuns(session: SqlClient, runs: ArrRuns, dialect: Dialect, schema: string | undefined): Promise<void> {
  const table = tableName(ARR_RUNS_TABLE, schema);
  await writeColumns(session, table, [['account_seq', 'int', runs.account], ['month_from', 'int', runs.from], ['month_to', 'int', runs.to, OPEN_RUN], ['arr', 'number', runs.arr]], dialect);
  // PostgreSQL joins a scope's accounts to their runs by this index; DuckDB scans (its indexes serve point lookups).
  if (DIALECT[dialect].indexSeq) await session.query(`CREATE INDEX ${ARR_RUNS_TABLE}_account ON ${table} (account_seq, month_from)`, []);
  // A page of every account by ARR walks this one from the largest and stops at the page's end (accounts-rows.ts).
  if (DIALECT[dialect].arrIndex) await session.query(`CREATE INDEX ${ARR_RUNS_TABLE}_arr ON ${table} (arr DESC, account_seq)`, []);
}
