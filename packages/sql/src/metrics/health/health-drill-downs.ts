/**
 * The drill-downs to the health family's marks in SQL (`drillDownPositions` of `@cskit/metrics`,
 * engine/drill-down.ts): the view's accounts of a tier in a month, of a transition kind or a pair of tiers over the
 * period, of a quadrant in a month, and those with a contract due in a month (of a tier as of `asOf`'s month, or with
 * no health then: `'unknown'`), each over the health of health-sql.ts, in the data's order.
 */
import { HEALTH_TIERS, monthIndex, monthOf, QUADRANTS, TRANSITION_KINDS, type AttributionField, type DateString, type DrillDownTarget, type HealthModel, type Period, type TransitionKind } from '@cskit/metrics';
import { tableName } from '../../schema/dialect.js';
import { CONTRACT_FACTS_TABLE } from '../../facts/renewal-facts.js';
import { Params } from '../arr/runs-sql.js';
import { edgeMonths, quadrantSql, transitionSql, withHealth, type HealthQuery } from './health-sql.js';
import { oneMonth } from './health-metrics.js';

export const HEALTH_DRILL_DOWNS = ['tier', 'transition', 'tier-change', 'quadrant', 'due'] as const;
type HealthTarget = Extract<DrillDownTarget, { kind: (typeof HEALTH_DRILL_DOWNS)[number] }>;

export const isHealthDrillDown = (target: DrillDownTarget): target is HealthTarget => (HEALTH_DRILL_DOWNS as readonly string[]).includes(target.kind);

export interface HealthDrillView {
  period: Period;
  model: HealthModel;
  asOf: DateString;
}

/** The statement's head and the condition on its rows `x (acct)`, given the target. */
function targetQuery(q: HealthQuery, p: Params, view: HealthDrillView, target: HealthTarget): string {
  switch (target.kind) {
    case 'tier': {
      const head = withHealth(q, p, view.model, oneMonth(monthIndex(target.month)));
      return `${head},\nx AS (SELECT ht.acct FROM ht WHERE ht.tier = ${p.int(HEALTH_TIERS.indexOf(target.tier))})`;
    }
    case 'transition':
    case 'tier-change': {
      const edges = edgeMonths(view.period);
      const head = withHealth(q, p, view.model, edges.months);
      const join = `FROM va LEFT JOIN ht f ON f.acct = va.acct AND f.k = ${edges.F()} LEFT JOIN ht t ON t.acct = va.acct AND t.k = ${edges.T()}`;
      const where = target.kind === 'transition'
        ? `${transitionSql('f.tier', 't.tier')} = ${p.int(TRANSITION_KINDS.indexOf(target.transition))}`
        : `f.tier = ${p.int(HEALTH_TIERS.indexOf(target.fromTier))} AND t.tier = ${p.int(HEALTH_TIERS.indexOf(target.toTier))}`;
      return `${head},\nx AS (SELECT va.acct ${join} WHERE ${where})`;
    }
    case 'quadrant': {
      const head = withHealth(q, p, view.model, oneMonth(monthIndex(target.month ?? view.period.to)));
      const quad = quadrantSql(p, q.dialect, view.model.quadrant);
      return `${head},\nx AS (SELECT ht.acct FROM ht WHERE ${quad} = ${p.int(QUADRANTS.indexOf(target.quadrant))})`;
    }
    case 'due': {
      const head = withHealth(q, p, view.model, oneMonth(monthIndex(monthOf(view.asOf))));
      const due = `SELECT k.account_seq AS acct FROM ${tableName(CONTRACT_FACTS_TABLE, q.schema)} k WHERE k.end_month = ${p.int(monthIndex(target.month))} AND k.account_seq IN (SELECT acct FROM va)`;
      if (target.tier === undefined) return `${head},\nx AS (${due})`;
      const code = target.tier === 'unknown' ? -1 : HEALTH_TIERS.indexOf(target.tier);
      return `${head},\nd0 AS (${due}),\nx AS (SELECT d0.acct FROM d0 LEFT JOIN ht ON ht.acct = d0.acct WHERE COALESCE(ht.tier, -1) = ${p.int(code)})`;
    }
  }
}

/** CS attribution's figures that read tiers (`attributionPositions`): the accounts saved, or won, over the period. */
const RETAINED: Partial<Record<AttributionField, readonly TransitionKind[]>> = { savedRenewalArr: ['save'], wonRenewalArr: ['win'], savedWonExpansionArr: ['save', 'win'] };

/**
 * The drill-down to a CS attribution figure that reads tiers: the view's accounts saved over the period, or won, or
 * (the expansion of both) the saved ones and then the won ones; null for another figure (engine/drill-down.ts).
 */
export async function retainedDrillDownInSql(q: HealthQuery, view: HealthDrillView, field: AttributionField): Promise<{ accountIds: string[] } | null> {
  const kinds = RETAINED[field];
  if (!kinds) return null;
  const accountIds: string[] = [];
  for (const transition of kinds) accountIds.push(...(await healthDrillDownInSql(q, view, { kind: 'transition', transition })).accountIds);
  return { accountIds };
}

/** The ids of the view's accounts (`q.accounts` null: every account) behind a health mark, in the data's order. */
export async function healthDrillDownInSql(q: HealthQuery, view: HealthDrillView, target: HealthTarget): Promise<{ accountIds: string[] }> {
  const p = new Params(q.accounts?.params);
  const rows = await q.client.query(`${targetQuery(q, p, view, target)}
SELECT a.id AS id FROM ${tableName('cskit_accounts', q.schema)} a WHERE a.seq IN (SELECT x.acct FROM x) ORDER BY a.seq`, p.values);
  return { accountIds: rows.map((row) => String(row.id)) };
}
