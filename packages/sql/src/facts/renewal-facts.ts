/**
 * The renewals' pre-aggregated facts (issue 29, SPEC 3), written with the data in the same transaction:
 * `cskit_contract_facts (seq, account_seq, arr, start_day, end_day, end_month, next_month, next_dom)`: every contract
 * with its ARR in the reporting currency (the JS engine's own number) and, for one with an end, the month of its end
 * and the month and day of the month of the day after it (a grace deadline is that day plus grace months);
 * `cskit_renewal_matches (due_seq, grace_from, grace_to, renewal_seq)`: each contract with an end and the contract that
 * renews it for each range of grace (`renewalFactsOf` of `@cskit/metrics/facts`: the JS matching itself, with claims,
 * run once per grace), `renewal_seq` NULL for none.
 */
import type { RenewalFacts } from '@cskit/metrics/facts';
import type { SqlClient } from '../client/clients.js';
import { DIALECT, INSERT_BATCH_ROWS, tableName, type Dialect } from '../schema/dialect.js';

export const CONTRACT_FACTS_TABLE = 'cskit_contract_facts';
export const RENEWAL_MATCHES_TABLE = 'cskit_renewal_matches';

type Column = readonly [name: string, kind: 'int' | 'number', values: ArrayLike<number>, nullWhen?: number];

/** A table of number columns (replacing an earlier one), its rows inserted a batch at a time, a column per parameter. */
async function writeColumns(session: SqlClient, table: string, columns: readonly Column[], dialect: Dialect): Promise<void> {
  const { types, column, rows, param } = DIALECT[dialect];
  await session.query(`DROP TABLE IF EXISTS ${table}`, []);
  await session.query(`CREATE TABLE ${table} (${columns.map(([name, kind]) => `${name} ${types[kind]}`).join(', ')})`, []);
  const sql = `INSERT INTO ${table} (${columns.map(([name]) => name).join(', ')}) ${rows(columns.map(([, kind], i) => column(i, types[kind])))}`;
  const length = columns[0]?.[2].length ?? 0;
  for (let start = 0; start < length; start += INSERT_BATCH_ROWS) {
    const end = Math.min(length, start + INSERT_BATCH_ROWS);
    const cells = columns.map(([, , values, nullWhen]) => Array.from({ length: end - start }, (_, i) => {
      const value = values[start + i] as number;
      return value === nullWhen ? null : value;
    }));
    await session.query(sql, cells.map(param));
  }
}

/** Creates the two tables (replacing earlier ones) and writes the facts (`renewalFactsOf` of the valid dataset). */
export async function writeRenewalFacts(session: SqlClient, f: RenewalFacts, dialect: Dialect, schema: string | undefined): Promise<void> {
  const seq = Int32Array.from({ length: f.arr.length }, (_, i) => i);
  const contracts = tableName(CONTRACT_FACTS_TABLE, schema);
  const matches = tableName(RENEWAL_MATCHES_TABLE, schema);
  await writeColumns(session, contracts, [
    ['seq', 'int', seq], ['account_seq', 'int', f.account], ['arr', 'number', f.arr], ['start_day', 'int', f.startDay], ['end_day', 'int', f.endDay, -1],
    ['end_month', 'int', f.endMonth.map((m, i) => (f.endDay[i] === -1 ? -1 : m)), -1], ['next_month', 'int', f.nextMonth], ['next_dom', 'int', f.nextDayOfMonth],
  ], dialect);
  await writeColumns(session, matches, [['due_seq', 'int', f.due], ['grace_from', 'int', f.graceFrom], ['grace_to', 'int', f.graceTo], ['renewal_seq', 'int', f.renewal, -1]], dialect);
  if (DIALECT[dialect].indexSeq) {
    await session.query(`CREATE UNIQUE INDEX ${CONTRACT_FACTS_TABLE}_seq ON ${contracts} (seq)`, []);
    await session.query(`CREATE INDEX ${RENEWAL_MATCHES_TABLE}_due ON ${matches} (due_seq)`, []);
  }
}
