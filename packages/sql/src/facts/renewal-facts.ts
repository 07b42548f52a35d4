/**
 * The renewals' pre-aggregated facts (issue 29, SPEC 3), written with the data in the same transaction:
 * `cskit_contract_facts (seq, account_seq, arr, start_day, end_day, end_month, next_month, next_dom, due_rank)`: every
 * contract with its ARR in the reporting currency (the JS engine's own number) and, for one with an end, the month of
 * its end, the month and day of the month of the day after it (a grace deadline is that day plus grace months) and its
 * place in the JS engine's due order (`byDue`: by end day, then id; ids are not compared in SQL, whose collations
 * differ by database);
 * `cskit_renewal_matches (due_seq, grace_from, grace_to, renewal_seq)`: each contract with an end and the contract that
 * renews it for each range of grace (`renewalFactsOf` of `@cskit/metrics/facts`: the JS matching itself, with claims,
 * run once per grace), `renewal_seq` NULL for none.
 */
import type { RenewalFacts } from '@cskit/metrics/facts';
import type { SqlClient } from '../client/clients.js';
import { DIALECT, tableName, type Dialect } from '../schema/dialect.js';
import { writeColumns } from './write-columns.js';

export const CONTRACT_FACTS_TABLE = 'cskit_contract_facts';
export const RENEWAL_MATCHES_TABLE = 'cskit_renewal_matches';

/** Creates the two tables (replacing earlier ones) and writes the facts (`renewalFactsOf` of the valid dataset). */
export async function writeRenewalFacts(session: SqlClient, f: RenewalFacts, dialect: Dialect, schema: string | undefined): Promise<void> {
  const seq = Int32Array.from({ length: f.arr.length }, (_, i) => i);
  const contracts = tableName(CONTRACT_FACTS_TABLE, schema);
  const matches = tableName(RENEWAL_MATCHES_TABLE, schema);
  await writeColumns(session, contracts, [
    ['seq', 'int', seq], ['account_seq', 'int', f.account], ['arr', 'number', f.arr], ['start_day', 'int', f.startDay], ['end_day', 'int', f.endDay, -1],
    ['end_month', 'int', f.endMonth, -1], ['next_month', 'int', f.nextMonth], ['next_dom', 'int', f.nextDayOfMonth], ['due_rank', 'int', f.dueRank, -1],
  ], dialect);
  await writeColumns(session, matches, [['due_seq', 'int', f.due], ['grace_from', 'int', f.graceFrom], ['grace_to', 'int', f.graceTo], ['renewal_seq', 'int', f.renewal, -1]], dialect);
  if (DIALECT[dialect].indexSeq) {
    await session.query(`CREATE UNIQUE INDEX ${CONTRACT_FACTS_TABLE}_seq ON ${contracts} (seq)`, []);
    await session.query(`CREATE INDEX ${RENEWAL_MATCHES_TABLE}_due ON ${matches} (due_seq)`, []);
  }
}
