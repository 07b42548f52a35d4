/**
 * The ARR waterfall in DuckDB (`@duckdb/node-api`): the peer for the engine benchmark. Each account's ARR by month
 * (dense: one row per account and month of the data, contracts active on the month's last day) is loaded into a
 * table once; a waterfall is one SQL query with window functions (`LAG` for last month's ARR, a running `MAX` for
 * whether the account ever paid before), grouped by month. Grace 0, as the query has no gap bridging.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { isLastDayOfMonth, monthIndex, type Dataset, type Period } from '@cskit/metrics';

export interface DuckPeer {
  connection: DuckDBConnection;
  close(): void;
}

/** Loads the monthly ARR rows of `dataset` into an in-memory DuckDB table `arr_rows(account, month, arr)`. */
export async function prepareDuckDb(dataset: Dataset): Promise<DuckPeer> {
  const position = new Map(dataset.accounts.map((account, i) => [account.id, i]));
  const contracts = dataset.contracts ?? [];
  let first = Infinity;
  let last = -Infinity;
  for (const contract of contracts) {
    first = Math.min(first, monthIndex(contract.start));
    last = Math.max(last, monthIndex(contract.start));
  }
  const months = last - first + 1;
  const values = new Float64Array(dataset.accounts.length * months);
  for (const contract of contracts) {
    const p = position.get(contract.accountId);
    const end = contract.end as string;
    if (p === undefined) continue;
    const rate = contract.currency === undefined || contract.currency === dataset.currency ? 1 : dataset.fxRates?.[contract.currency] ?? 1;
    const to = Math.min(last, isLastDayOfMonth(end) ? monthIndex(end) : monthIndex(end) - 1);
    for (let m = monthIndex(contract.start); m <= to; m += 1) values[p * months + m - first] = (values[p * months + m - first] as number) + contract.arr * rate;
  }
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run('CREATE TABLE arr_rows (account INTEGER, month INTEGER, arr DOUBLE)');
  const appender = await connection.createAppender('arr_rows');
  for (let p = 0; p < dataset.accounts.length; p += 1) {
    for (let k = 0; k < months; k += 1) {
      appender.appendInteger(p);
      appender.appendInteger(first + k);
      appender.appendDouble(values[p * months + k] as number);
      appender.endRow();
    }
  }
  appender.closeSync();
  return { connection, close: () => { connection.closeSync(); instance.closeSync(); } };
}

export interface DuckWaterfall {
  opening: number;
  closing: number;
  movements: Record<'new' | 'expansion' | 'contraction' | 'churn' | 'reactivation', number>;
}

/** The waterfall of `period` (SPEC 2, grace 0), by one query over the loaded rows. */
export async function duckWaterfall(peer: DuckPeer, period: Period): Promise<DuckWaterfall> {
  const from = monthIndex(period.from);
  const to = monthIndex(period.to);
  const reader = await peer.connection.runAndReadAll(`
    WITH steps AS (
      SELECT month, arr,
        LAG(arr, 1, 0) OVER w AS prev,
        COALESCE(MAX(CASE WHEN arr > 0 THEN 1 ELSE 0 END) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS paid_before
      FROM arr_rows
      WINDOW w AS (PARTITION BY account ORDER BY month)
    )
    SELECT
      SUM(CASE WHEN month = ${from} THEN prev ELSE 0 END) AS opening,
      SUM(CASE WHEN month = ${to} THEN arr ELSE 0 END) AS closing,
      SUM(CASE WHEN prev <= 0 AND arr > 0 AND paid_before = 0 THEN arr ELSE 0 END) AS new,
      SUM(CASE WHEN prev <= 0 AND arr > 0 AND paid_before = 1 THEN arr ELSE 0 END) AS reactivation,
      SUM(CASE WHEN prev > 0 AND arr <= 0 THEN -prev ELSE 0 END) AS churn,
      SUM(CASE WHEN prev > 0 AND arr > prev THEN arr - prev ELSE 0 END) AS expansion,
      SUM(CASE WHEN prev > 0 AND arr > 0 AND arr < prev THEN arr - prev ELSE 0 END) AS contraction
    FROM steps WHERE month BETWEEN ${from} AND ${to}`);
  const [row] = reader.getRowObjects() as Array<Record<string, number>>;
  const value = (name: string) => Number(row?.[name] ?? 0);
  return {
    opening: value('opening'), closing: value('closing'),
    movements: { new: value('new'), expansion: value('expansion'), contraction: value('contraction'), churn: value('churn'), reactivation: value('reactivation') },
  };
}
