/**
 * The `roles` metric (SPEC 14) in SQL: per user role, the activity rate of its records in the period's last month and
 * the NPS of its responses dated in the period, over the view's accounts (a view of every account counts the
 * responses without an account too); a record without a role (or with an empty one) is in `'(none)'`. The JS form is
 * `roleSummariesOf` in `metrics/src/accounts/group-summary.ts`; `roleSummariesFromSums` finishes both alike (the
 * other figures of a group are 0 or null, roles in key order, `'(none)'` last).
 */
import { monthIndex, NONE_GROUP, type Period } from '@cskit/metrics';
import { roleSummariesFromSums, type RoleSums } from '@cskit/metrics/facts';
import type { SqlClient } from '../../client/clients.js';
import type { Predicate } from '../../engine/scope-sql.js';
import { tableName } from '../../schema/dialect.js';
import { num, Params } from '../arr/runs-sql.js';
import { npsCountSql } from '../engagement/nps.js';

/** `roles` of the view's accounts (`accounts` null: every account). */
export async function rolesInSql(client: SqlClient, accounts: Predicate | null, period: Period, schema: string | undefined) {
  const p = new Params(accounts?.params);
  const [from, to] = [p.int(monthIndex(period.from)), p.int(monthIndex(period.to))];
  const none = p.text(NONE_GROUP);
  const role = (column: string) => `CASE WHEN ${column} IS NULL OR ${column} = '' THEN ${none} ELSE ${column} END`;
  const scoped = (column: string) => (accounts === null ? '' : ` AND ${column} IN (SELECT a.seq ${accounts.accountsOnly})`);
  const rows = await client.query(`SELECT 'a' AS part, ${role('x.role')} AS role, sum(x.active_users) AS active, sum(x.licensed_users) AS licensed,
  0 AS responses, 0 AS promoters, 0 AS passives
FROM ${tableName('cskit_activity', schema)} x WHERE x.month = ${to}${scoped('x.account_seq')} GROUP BY ${role('x.role')}
UNION ALL SELECT 'n' AS part, ${role('n.role')} AS role, 0 AS active, 0 AS licensed, count(*) AS responses,
  ${npsCountSql('promoters', 'n.score')} AS promoters, ${npsCountSql('passives', 'n.score')} AS passives
FROM ${tableName('cskit_nps', schema)} n WHERE n.response_month >= ${from} AND n.response_month <= ${to}${scoped('n.account_seq')} GROUP BY ${role('n.role')}`, p.values);
  const sums = new Map<string, RoleSums>();
  const of = (key: string) => {
    let found = sums.get(key);
    if (!found) sums.set(key, (found = { key, users: [0, 0], nps: { responses: 0, promoters: 0, passives: 0, detractors: 0 } }));
    return found;
  };
  for (const row of rows) {
    const sum = of(String(row.role));
    if (row.part === 'a') sum.users = [num(row.active), num(row.licensed)];
    else {
      const [responses, promoters, passives] = [num(row.responses), num(row.promoters), num(row.passives)];
      sum.nps = { responses, promoters, passives, detractors: responses - promoters - passives };
    }
  }
  return roleSummariesFromSums([...sums.values()]);
}
