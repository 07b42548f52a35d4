/**
 * Drill-downs whose accounts a predicate names (`drillDownPositions` of `@cskit/metrics`, engine/drill-down.ts): a
 * list of ids, a group of an account field, a signing cohort, the accounts with an NPS response of a category in the
 * view's months. Each is the view's accounts (scope, filters, ids) and the target's condition, in the data's order.
 * Targets read from metrics are answered beside their metrics (movements, funnel stages, the health family's marks)
 * or, for a CS attribution figure, by the prepared engine (null here).
 */
import { isValidMonth, monthIndex, REVENUE_FIELDS, type AttributionField, type DrillDownTarget, type Period } from '@cskit/metrics';
import type { SqlClient } from '../client/clients.js';
import { tableName, type Dialect } from '../schema/dialect.js';
import { groupKeySql, type Predicate } from './scope-sql.js';
import { npsBandSql } from '../metrics/engagement/nps.js';

/** A condition on account `a` for a target, its values appended to `params` (null: a target this module leaves). */
function targetCondition(target: DrillDownTarget, period: Period, params: unknown[], schema: string | undefined, dialect: Dialect): string | null {
  const bind = (value: unknown) => { params.push(value); return `$${params.length}`; };
  switch (target.kind) {
    case 'accounts': {
      const ids = [...new Set(target.accountIds)].filter((id) => dialect !== 'postgres' || !id.includes('\u0000'));
      return ids.length === 0 ? '1 = 0' : `a.id IN (${ids.map(bind).join(', ')})`;
    }
    case 'group':
      if (target.dimension === 'signedMonth') return isValidMonth(target.key) ? `a.signed_month = ${bind(monthIndex(target.key))}` : '1 = 0';
      return dialect === 'postgres' && target.key.includes('\u0000') ? '1 = 0' : `${groupKeySql(target.dimension)} = ${bind(target.key)}`;
    case 'cohort':
      return `a.signed_month = ${bind(monthIndex(target.cohort))}`;
    case 'nps': {
      const band = npsBandSql(target.category, 'n.score');
      return `a.seq IN (SELECT n.account_seq FROM ${tableName('cskit_nps', schema)} n WHERE n.response_month >= ${bind(monthIndex(period.from))}`
        + ` AND n.response_month <= ${bind(monthIndex(period.to))} AND ${band})`;
    }
    case 'attribution':
      return attributionCondition(target.field, period, bind, schema);
    default:
      return null;
  }
}

/**
 * The accounts with a record behind a CS attribution figure in the period (`attributionPositions`): revenue events
 * of the figure's sources (`REVENUE_FIELDS`), won leads closed, advocacy records, opt-outs with cover past them. The
 * saved and won figures read tiers: health-drill-downs.ts answers them (null here).
 */
function attributionCondition(field: AttributionField, period: Period, bind: (value: unknown) => string, schema: string | undefined): string | null {
  const within = (column: string) => `${column} >= ${bind(monthIndex(period.from))} AND ${column} <= ${bind(monthIndex(period.to))}`;
  // A semi-join as `IN` (node-sql-parser's Trino grammar reads no `EXISTS`).
  const exists = (table: string, alias: string, where: string) => `a.seq IN (SELECT ${alias}.account_seq FROM ${tableName(table, schema)} ${alias} WHERE ${where})`;
  if (Object.prototype.hasOwnProperty.call(REVENUE_FIELDS, field)) {
    const sources = REVENUE_FIELDS[field as keyof typeof REVENUE_FIELDS] as readonly string[];
    return exists('cskit_revenue', 'r', `${within('r.event_month')} AND r.source IN (${sources.map(bind).join(', ')})`);
  }
  switch (field) {
    case 'csqlArr':
      return exists('cskit_leads', 'l', `l.stage = 'won' AND ${within('l.closed_month')}`);
    case 'csqaCount':
      return exists('cskit_advocacy', 'v', within('v.record_month'));
    case 'optOutRetainedArr':
      return exists('cskit_contracts', 'k', `${within('k.opt_out_month')} AND (k.end_day IS NULL OR k.end_day > k.opt_out_day)`);
    default:
      return null;
  }
}

/** The ids of the view's accounts (`accounts`, with its parameters first) that the target names, or null. */
export async function drillDownInSql(
  client: SqlClient, accounts: Predicate, target: DrillDownTarget, period: Period, schema: string | undefined, dialect: Dialect,
): Promise<{ accountIds: string[] } | null> {
  const params = [...accounts.params];
  const condition = targetCondition(target, period, params, schema, dialect);
  if (condition === null) return null;
  const rows = await client.query(`SELECT a.id AS id ${accounts.sql} AND ${condition} ORDER BY a.seq`, params);
  return { accountIds: rows.map((row) => String(row.id)) };
}
