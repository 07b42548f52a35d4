/**
 * The `nps` metric in SQL (SPEC 4): the responses dated in the view's months, of the view's accounts (and, for a view
 * of every account, those without an account), counted by category. The JS form is `npsOf` in
 * `metrics/src/engagement/nps.ts`, the categories `npsCategory` in `metrics/src/model/domain.ts` (9-10 promoters,
 * 7-8 passives, 0-6 detractors); the score is taken from the counts as `npsScore` takes it, so both give the same
 * number to the last bit.
 */
import { monthIndex, type NpsCategory, type NpsResult, type Period } from '@cskit/metrics';
import type { SqlClient } from '../../client/clients.js';
import { tableName } from '../../schema/dialect.js';
import type { Predicate } from '../../engine/scope-sql.js';

/** `npsCategory` in SQL, the one place it is written: whether the `score` column is in a category's band. */
export function npsBandSql(category: NpsCategory, score: string): string {
  if (category === 'promoters') return `${score} >= 9`;
  return category === 'passives' ? `${score} >= 7 AND ${score} < 9` : `${score} < 7`;
}

/** How many rows of a group are in a category's band (`npsBandSql`), as a SQL aggregate. */
export function npsCountSql(category: NpsCategory, score: string): string {
  return `sum(CASE WHEN ${npsBandSql(category, score)} THEN 1 ELSE 0 END)`;
}

/** `accounts`: the view's accounts, or null for every account (responses without an account count too). */
export async function npsInSql(client: SqlClient, accounts: Predicate | null, period: Period, schema: string | undefined): Promise<NpsResult> {
  const params = [...(accounts?.params ?? []), monthIndex(period.from), monthIndex(period.to)];
  const from = `$${params.length - 1}`;
  const to = `$${params.length}`;
  const whose = accounts === null ? '' : ` AND n.account_seq IN (SELECT a.seq ${accounts.accountsOnly})`;
  const [row = {}] = await client.query(`SELECT CAST(count(*) AS INTEGER) AS responses,
  CAST(COALESCE(${npsCountSql('promoters', 'n.score')}, 0) AS INTEGER) AS promoters,
  CAST(COALESCE(${npsCountSql('passives', 'n.score')}, 0) AS INTEGER) AS passives
FROM ${tableName('cskit_nps', schema)} n WHERE n.response_month >= ${from} AND n.response_month <= ${to}${whose}`, params);
  const responses = Number(row.responses);
  const promoters = Number(row.promoters);
  const passives = Number(row.passives);
  const detractors = responses - promoters - passives;
  return { responses, promoters, passives, detractors, score: responses === 0 ? null : (100 * (promoters - detractors)) / responses };
}
