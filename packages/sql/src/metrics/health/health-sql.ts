/**
 * A health model's scores in SQL (SPEC 4, 12): each of the view's accounts' outcome, experience, score and tier in the
 * months a metric reads. The JS form is `data/monthly-records.ts` of `@cskit/metrics` (`healthScoreMatrix`) with the
 * model's rules in `model/health-model.ts`; each step below names the JS rule it mirrors, and both compute the same
 * doubles in the same order (a component's score, a side's weighted mean in component order, the score rounded to
 * 9 decimals), so a tier never differs by float noise.
 *
 * A side is read from `health` snapshots (the latest at or before the month) or built from components: the activity
 * rate (`activityRate`, `activityRate.<role>`: Σ active / Σ licensed of the month's records, 0 without one), NPS
 * (the mean score of the responses in the `NPS_WINDOW` months ending with the month), measures (the latest value at
 * or before the month), and tickets (figures over the account's tickets opened in the model's `ticketMonths` months
 * ending with the month: ticket-components.ts). The sums a value divides (users, NPS scores, CSAT, counts) are exact
 * in any order when they are whole numbers, as NPS scores must be and user counts and CSAT are in practice; fractional
 * ones may differ from the JS engine's in the last bit, which the 9-decimal rounding of the score absorbs unless it
 * lands exactly on a rounding boundary.
 */
import { DEFAULT_TICKET_MONTHS, HEALTH_SIDES, monthIndex, type HealthComponent, type HealthModel, type HealthSide, type HealthWeights } from '@cskit/metrics';
import { isTicketComponent, NPS_WINDOW, profileSides, roleOfComponent, sideComponents } from '@cskit/metrics/facts';
import { DIALECT, tableName, type Dialect } from '../../schema/dialect.js';
import type { Params } from '../arr/runs-sql.js';
import type { SqlClient } from '../../client/clients.js';
import type { Predicate } from '../../engine/scope-sql.js';
import { healthFactsOf, healthFactsTable, type HealthFactsEntry } from '../../facts/health-facts.js';

/** Every component key a model reads (its sides' and its profiles'), each once, in the order first met. */
function componentKeys(model: HealthModel): string[] {
  const keys = new Set<string>();
  for (const side of HEALTH_SIDES) {
    for (const { key } of sideComponents(model, side) ?? []) keys.add(key);
    for (const profile of profileSides(model, side)) for (const { key } of profile.components) keys.add(key);
  }
  return [...keys];
}

/**
 * The largest health model worked out in SQL: its distinct component keys (each a joined CTE) and its terms (every
 * side's, profile's and segment's component or weight: each a few CASE branches). The view's limits allow far larger
 * models (200 profiles of 32 components per side: a statement of thousands of joins and tens of thousands of bound
 * parameters); past these bounds the engine leaves the request to the compact engine, which does the same work in
 * time linear in the model (`modelFitsSql`). Real models use a handful of components and a few profiles.
 */
export const SQL_MODEL_BOUNDS = { componentKeys: 24, terms: 400 } as const;

/** Whether `model` is within `SQL_MODEL_BOUNDS` (a health metric of a larger one is answered by the compact engine). */
export function modelFitsSql(model: HealthModel): boolean {
  if (componentKeys(model).length > SQL_MODEL_BOUNDS.componentKeys) return false;
  let terms = Object.keys(model.segmentWeights ?? {}).length + Object.keys(model.profiles?.models ?? {}).length;
  for (const side of HEALTH_SIDES) {
    terms += sideComponents(model, side)?.length ?? 0;
    for (const profile of profileSides(model, side)) terms += profile.components.length;
  }
  return terms <= SQL_MODEL_BOUNDS.terms;
}

/** Whether a side of the model (or of one of its profiles) is read from snapshots. */
const readsSnapshots = (model: HealthModel) => HEALTH_SIDES.some((side) => !sideComponents(model, side));

/** What the health CTEs read: the bound parameters, the schema, the dialect and whether every account is in the view. */
export interface HealthSqlAt {
  p: Params;
  schema: string | undefined;
  dialect: Dialect;
  /** True when the records need no filter by account (`va` is every account, and every cell is read). */
  every: boolean;
  /** What the records are filtered by: `va`, or `hga` (the grid's accounts) when only some cells are read. */
  accounts: 'va' | 'hga';
  model: HealthModel;
  /** The names of the months read (`hm` by default), of the cells (`hg`) and of the health worked out (`ht`). */
  names: { hm: string; hg: string; ht: string };
}

/**
 * `v<i> (acct, k, v)`: component `key`'s value per account and month of `hm`, where it has one (SPEC 12;
 * `componentValuesWork` and `cellReader` in monthly-records.ts).
 */
function valueCte(at: HealthSqlAt, key: string, name: string): string {
  const { p, schema } = at;
  const { hm } = at.names;
  const scoped = (column: string) => (at.every ? '' : ` AND ${column} IN (SELECT acct FROM ${at.accounts})`);
  const role = roleOfComponent(key);
  if (key === 'activityRate' || role !== undefined) {
    // `activityRateAt`: Σ active / Σ licensed of the month's records (one per role), or of one role's records.
    const byRole = role === undefined ? '' : ` AND x.role = ${p.text(role)}`;
    return `${name} AS (SELECT x.account_seq AS acct, x.month AS k, sum(x.active_users) / sum(x.licensed_users) AS v
  FROM ${tableName('cskit_activity', schema)} x WHERE x.month IN (SELECT k FROM ${hm})${byRole}${scoped('x.account_seq')} GROUP BY x.account_seq, x.month)`;
  }
  if (isTicketComponent(key)) return ticketCte(at, key, name);
  if (key === 'nps') {
    // `npsValuesWork`: the mean score of the account's responses dated in the NPS_WINDOW months ending with m.
    return `${name} AS (SELECT n.account_seq AS acct, hm.k, sum(n.score) / count(*) AS v
  FROM ${tableName('cskit_nps', schema)} n JOIN ${hm} hm ON n.response_month <= hm.k AND n.response_month > hm.k - ${NPS_WINDOW}
  WHERE n.account_seq IS NOT NULL${scoped('n.account_seq')} GROUP BY n.account_seq, hm.k)`;
  }
  // A measure: its latest record at or before m (forward-filled in `componentValuesWork`); one per account, key and
  // month (`validateDataset` refuses a repeat), so a record holds until the account's next one.
  return `${name} AS (SELECT x.acct, hm.k, x.value AS v FROM (SELECT m.account_seq AS acct, m.month, m.value,
    LEAD(m.month) OVER (PARTITION BY m.account_seq ORDER BY m.month) AS nm
    FROM ${tableName('cskit_measures', schema)} m WHERE m.key = ${p.text(key)}${bounds(at, 'm').before}${scoped('m.account_seq')}) x
  JOIN ${hm} hm ON x.month <= hm.k AND (x.nm IS NULL OR x.nm > hm.k)${bounds(at, 'm').after})`;
}

/** The column a median ticket component reads (minutes), and the ticket type it keeps (a `resolutionHours.<type>`). */
function medianOf(key: string): { column: string; type?: string } | null {
  if (key === 'tickets.firstResponseHours') return { column: 'first_response_minutes' };
  if (key === 'tickets.resolutionHours') return { column: 'resolution_minutes' };
  const prefix = 'tickets.resolutionHours.';
  return key.startsWith(prefix) ? { column: 'resolution_minutes', type: key.slice(prefix.length) } : null;
}

/**
 * `v<i> (acct, k, v)` of a ticket component (`ticketValue`, `ticketValueAt`), over each account's tickets opened in
 * the window of months ending with k: a median of hours (the middle one, or the mean of the middle two: the rows whose
 * rank r has 2r = n, n + 1 or n + 2, whose least and greatest `(a + b) / 2` is the JS `median`'s sum in the same
 * order), the mean CSAT, the proactive share, or a complaint count (none here: 0 when the data has tickets at all,
 * `complaintValue`).
 */
function ticketCte(at: HealthSqlAt, key: string, name: string): string {
  const { p, schema } = at;
  const window = p.int(at.model.ticketMonths ?? DEFAULT_TICKET_MONTHS);
  const scoped = at.every ? '' : ` AND t.account_seq IN (SELECT acct FROM ${at.accounts})`;
  const from = `FROM ${tableName('cskit_tickets', schema)} t JOIN ${at.names.hm} hm ON t.opened_month <= hm.k AND t.opened_month > hm.k - ${window}`;
  const median = medianOf(key);
  if (median) {
    const type = median.type === undefined ? '' : ` AND t.type = ${p.text(median.type)}`;
    return `${name} AS (SELECT x.acct, x.k, (min(x.v) + max(x.v)) / 2 AS v FROM (SELECT t.account_seq AS acct, hm.k, t.${median.column} / 60 AS v,
    ROW_NUMBER() OVER (PARTITION BY t.account_seq, hm.k ORDER BY t.${median.column}) AS r, count(*) OVER (PARTITION BY t.account_seq, hm.k) AS n
    ${from} WHERE t.${median.column} IS NOT NULL${type}${scoped}) x
  WHERE 2 * x.r >= x.n AND 2 * x.r <= x.n + 2 GROUP BY x.acct, x.k)`;
  }
  const double = DIALECT[at.dialect].types.number;
  const figure = key === 'tickets.csat'
    ? 'sum(t.csat) / count(t.csat)'
    : key === 'tickets.proactiveShare'
      ? `CAST(sum(CASE WHEN t.origin = 'proactive' THEN 1 ELSE 0 END) AS ${double}) / count(t.origin)`
      : `CAST(sum(CASE WHEN t.complaint = ${p.text(key.slice('tickets.complaints.'.length))} THEN 1 ELSE 0 END) AS ${double})`;
  // A figure without a ticket to read has no value: csat and origin over the tickets that have them.
  const having = key === 'tickets.csat' ? ' HAVING count(t.csat) > 0' : key === 'tickets.proactiveShare' ? ' HAVING count(t.origin) > 0' : '';
  return `${name} AS (SELECT t.account_seq AS acct, hm.k, ${figure} AS v ${from} WHERE 1 = 1${scoped} GROUP BY t.account_seq, hm.k${having})`;
}

/** A complaint count's value: 0 in a month without tickets, when the data has tickets at all (else no value). */
function complaintValue(at: HealthSqlAt, column: string): string {
  return `CASE WHEN ${column} IS NOT NULL THEN ${column} WHEN (SELECT count(*) FROM (SELECT t.seq FROM ${tableName('cskit_tickets', at.schema)} t LIMIT 1) one) > 0 THEN 0 END`;
}

/**
 * On PostgreSQL, records held from month to month (snapshots, measures) are cut to the months read before they are
 * joined with them: a record after the last month read never holds in one, a run ending before the first is never
 * read (`hmr`). PostgreSQL joins the runs with the months row by row, and at 100,000 accounts this took a twelve-month
 * distribution from 2.7 to 2.1 s; DuckDB plans the same query 10-25% slower with the cut, so it is left out there.
 */
function bounds(at: HealthSqlAt, alias: string): { before: string; after: string } {
  if (at.dialect !== 'postgres') return { before: '', after: '' };
  return { before: ` AND ${alias}.month <= (SELECT hi FROM hmr)`, after: ' WHERE x.nm IS NULL OR x.nm > (SELECT lo FROM hmr)' };
}

/** `hsn (acct, k, outcome, experience)`: the latest health snapshot at or before each month (`snapshotSides`). */
function snapshotCte(at: HealthSqlAt): string {
  const scoped = at.every ? '' : ` AND h.account_seq IN (SELECT acct FROM ${at.accounts})`;
  return `hsn AS (SELECT x.acct, hm.k, x.outcome, x.experience FROM (SELECT h.account_seq AS acct, h.month, h.outcome, h.experience,
    LEAD(h.month) OVER (PARTITION BY h.account_seq ORDER BY h.month) AS nm FROM ${tableName('cskit_health', at.schema)} h
    WHERE 1 = 1${bounds(at, 'h').before}${scoped}) x
  JOIN ${at.names.hm} hm ON x.month <= hm.k AND (x.nm IS NULL OR x.nm > hm.k)${bounds(at, 'h').after})`;
}

/**
 * A side built from components (`buildSideWork`): Σ weight x score / Σ weight over the components with a value, the
 * sums taken in the components' order as the JS loop adds them (adding 0 for a component without a value changes
 * no bit); no value when that weight is 0. A component's score is `componentScore`: clamp(100 (value - floor) /
 * (target - floor), 0, 100).
 */
function builtSide(at: HealthSqlAt, components: readonly HealthComponent[], valueOf: (key: string) => string): string {
  const { p, dialect } = at;
  const numerator: string[] = [];
  const weights: string[] = [];
  for (const component of components) {
    const value = valueOf(component.key);
    const [weight, floor] = [p.double(component.weight, dialect), p.double(component.floor, dialect)];
    const raw = `(100 * (${value} - ${floor})) / (${p.double(component.target, dialect)} - ${floor})`;
    const score = `CASE WHEN ${raw} <= 0 THEN 0 WHEN ${raw} >= 100 THEN 100 ELSE ${raw} END`;
    numerator.push(`CASE WHEN ${value} IS NULL THEN 0 ELSE ${weight} * (${score}) END`);
    weights.push(`CASE WHEN ${value} IS NULL THEN 0 ELSE ${weight} END`);
  }
  const total = weights.join(' + ');
  return `CASE WHEN ${total} > 0 THEN (${numerator.join(' + ')}) / (${total}) END`;
}

/** A side's value for the account of `hg`: its profile's own components, else the model's, else its snapshot. */
function sideSql(at: HealthSqlAt, model: HealthModel, side: HealthSide, valueOf: (key: string) => string): string {
  const components = sideComponents(model, side);
  const base = components ? builtSide(at, components, valueOf) : `hsn.${side}`;
  const profiles = profileSides(model, side);
  if (profiles.length === 0) return base;
  const by = `${at.names.hg}.${model.profiles?.by === 'stage' ? 'stage' : 'segment'}`;
  const branches = profiles.map(({ value, components: own }) => `WHEN ${by} = ${at.p.text(value)} THEN ${builtSide(at, own, valueOf)}`);
  return `CASE ${branches.join(' ')} ELSE ${base} END`;
}

/**
 * The score of `hx`'s sides with an account's weights (`weightsFor`: its profile's, else its segment's, else the
 * model's), before rounding: `healthScore`'s (wo x outcome + we x experience) / (wo + we), the sum of the weights
 * bound as JS adds it.
 */
function rawScoreSql(at: HealthSqlAt, model: HealthModel): string {
  const { p, dialect } = at;
  const score = (weights: HealthWeights) => `(${p.double(weights.outcome, dialect)} * hx.outcome + ${p.double(weights.experience, dialect)} * hx.experience) / ${p.double(weights.outcome + weights.experience, dialect)}`;
  const branches: string[] = [];
  const models = model.profiles?.models;
  if (models) {
    const by = `hx.${model.profiles?.by === 'stage' ? 'stage' : 'segment'}`;
    for (const value of Object.keys(models)) {
      const weights = Object.prototype.hasOwnProperty.call(models, value) ? models[value]?.weights : undefined;
      if (weights) branches.push(`WHEN ${by} = ${p.text(value)} THEN ${score(weights)}`);
    }
  }
  const segments = model.segmentWeights ?? {};
  for (const segment of Object.keys(segments)) branches.push(`WHEN hx.segment = ${p.text(segment)} THEN ${score(segments[segment] as HealthWeights)}`);
  return branches.length === 0 ? score(model.weights) : `CASE ${branches.join(' ')} ELSE ${score(model.weights)} END`;
}

/** The cells whose health is worked out by default: every account of `va` in every month of `hm`. */
const EVERY_CELL = 'SELECT va.acct, va.segment, va.stage, hm.k FROM va CROSS JOIN hm';

/**
 * `hg` (the cells: `grid`, a query of `acct, segment, stage, k` over `va` and `hm`, by default all of them), the components' `v<i>`, `hsn`, `hx`, `hr` and `ht (acct, k, outcome, experience, score, tier)`: the health of
 * each account of `va (acct, segment, stage)` in each month of `hm (k)` (both defined by the caller) where it has
 * one. The score is rounded to 9 decimals as `healthScore` rounds it (Math.round: halves up), the tier a code of
 * `HEALTH_TIERS` (`healthTier`: at or above a bound is that tier).
 */
export function healthCtes(at: HealthSqlAt, grid = EVERY_CELL): string {
  const { p, dialect, model } = at;
  const { hm, hg, ht } = at.names;
  const keys = componentKeys(model);
  // `hmr`: the first and last month read (`bounds`).
  const ctes = [`${hg} AS (${grid})`, `hmr AS (SELECT min(k) AS lo, max(k) AS hi FROM ${hm})`];
  if (at.accounts === 'hga') ctes.push(`hga AS (SELECT DISTINCT ${hg}.acct FROM ${hg})`);
  const joins: string[] = [];
  const values = new Map<string, string>();
  keys.forEach((key, i) => {
    ctes.push(valueCte(at, key, `v${i}`));
    joins.push(`LEFT JOIN v${i} ON v${i}.acct = ${hg}.acct AND v${i}.k = ${hg}.k`);
    // An activity rate is 0 in a month without a record (SPEC 5; every account has one in every month).
    const isRate = key === 'activityRate' || roleOfComponent(key) !== undefined;
    values.set(key, isRate ? `COALESCE(v${i}.v, 0)` : key.startsWith('tickets.complaints.') ? complaintValue(at, `v${i}.v`) : `v${i}.v`);
  });
  if (readsSnapshots(model)) {
    ctes.push(snapshotCte(at));
    joins.push(`LEFT JOIN hsn ON hsn.acct = ${hg}.acct AND hsn.k = ${hg}.k`);
  }
  const valueOf = (key: string) => values.get(key) as string;
  const [outcome, experience] = HEALTH_SIDES.map((side) => sideSql(at, model, side, valueOf));
  ctes.push(`hx AS (SELECT ${hg}.acct, ${hg}.k, ${hg}.segment, ${hg}.stage, ${outcome} AS outcome, ${experience} AS experience FROM ${hg} ${joins.join(' ')})`);
  ctes.push(`hr AS (SELECT hx.acct, hx.k, hx.outcome, hx.experience, (${rawScoreSql(at, model)}) * 1000000000 AS x
  FROM hx WHERE hx.outcome IS NOT NULL AND hx.experience IS NOT NULL)`);
  const { green, greenYellow, yellow } = model.tiers;
  const score = '(FLOOR(hr.x) + CASE WHEN hr.x - FLOOR(hr.x) >= 0.5 THEN 1 ELSE 0 END) / 1000000000';
  ctes.push(`hq AS (SELECT hr.acct, hr.k, hr.outcome, hr.experience, ${score} AS score FROM hr)`);
  ctes.push(`${ht} AS (SELECT hq.acct, hq.k, hq.outcome, hq.experience, hq.score,
    CASE WHEN hq.score >= ${p.double(green, dialect)} THEN 0 WHEN hq.score >= ${p.double(greenYellow, dialect)} THEN 1
      WHEN hq.score >= ${p.double(yellow, dialect)} THEN 2 ELSE 3 END AS tier FROM hq)`);
  return ctes.join(',\n');
}

/**
 * `hm` of a period's first and last months (as `healthTransitions` reads tiers): the months for `withHealth`, and their
 * placeholders (`F`, `T`) once it has bound them.
 */
export function edgeMonths(period: { from: string; to: string }): { months: (p: Params) => string; F: () => string; T: () => string } {
  let [F, T] = ['', ''];
  return {
    months: (params: Params) => {
      [F, T] = [params.int(monthIndex(period.from)), params.int(monthIndex(period.to))];
      return `hm AS (SELECT ${F} AS k UNION SELECT ${T} AS k)`;
    },
    F: () => F,
    T: () => T,
  };
}

/**
 * `transitionCode` of two tier codes (NULL: no health) in SQL, the codes of `TRANSITION_KINDS`: 0 save (up from
 * red), 1 win (up from another tier), 2 decline, 3 steady, 4 unknown (no health at either end).
 */
export const transitionSql = (from: string, to: string): string =>
  `CASE WHEN ${from} IS NULL OR ${to} IS NULL THEN 4 WHEN ${to} > ${from} THEN 2 WHEN ${to} = ${from} THEN 3 WHEN ${from} = 3 THEN 0 ELSE 1 END`;

/**
 * `quadrantOf` of `ht`'s sides in SQL (the model's thresholds bound to `p`; at or above one is high), the codes of
 * `QUADRANTS`: 0 loyal (both high), 1 unrealized (experience only), 2 grudging (outcome only), 3 critical.
 */
export function quadrantSql(p: Params, dialect: Dialect, thresholds: { outcome: number; experience: number }): string {
  const [o, e] = [p.double(thresholds.outcome, dialect), p.double(thresholds.experience, dialect)];
  return `CASE WHEN ht.outcome >= ${o} THEN (CASE WHEN ht.experience >= ${e} THEN 0 ELSE 2 END) ELSE (CASE WHEN ht.experience >= ${e} THEN 1 ELSE 3 END) END`;
}

export interface HealthQuery {
  client: SqlClient;
  accounts: Predicate | null;
  schema: string | undefined;
  dialect: Dialect;
  /** The health facts written with the data version answered (facts/health-facts.ts); none: worked out from records. */
  facts?: readonly HealthFactsEntry[];
}

/**
 * Only some cells' health: CTEs the grid reads (defined after `va` and `hm`, given the parameters) and the grid, a
 * query of `acct, segment, stage, k` (an account's health in the month of a contract's end, not every month's).
 */
export interface HealthCells {
  ctes: (p: Params) => string;
  grid: string;
}

/**
 * `WITH va, hm, <health>`: the view's accounts (`accounts` null: every account) with the fields their weights read,
 * the months `months` names (given `p`), and their health.
 */
export function withHealth(q: HealthQuery, p: Params, model: HealthModel, months: (p: Params) => string, cells?: HealthCells): string {
  const va = q.accounts === null
    ? `va AS (SELECT a.seq AS acct, a.segment, a.stage FROM ${tableName('cskit_accounts', q.schema)} a)`
    : `va AS (SELECT a.seq AS acct, a.segment, a.stage ${q.accounts.accountsOnly})`;
  const before = cells ? `${cells.ctes(p)},\n` : '';
  const at: HealthSqlAt = { p, schema: q.schema, dialect: q.dialect, every: q.accounts === null && !cells, accounts: cells ? 'hga' : 'va', model, names: { hm: 'hm', hg: 'hg', ht: 'ht' } };
  const facts = healthFactsOf(q.facts, model);
  const health = facts ? fromFacts(at, facts, cells?.grid) : healthCtes(at, cells?.grid);
  return `WITH ${va},\n${months(p)},\n${before}${health}`;
}

/**
 * `hg` and `ht` as `healthCtes` defines them, read from the model's facts for the cells in the months they cover, and
 * worked out from the records (`healthCtes` over the other cells: `hmo`, `hgo`, `hto`) for the rest.
 */
function fromFacts(at: HealthSqlAt, facts: HealthFactsEntry, grid: string | undefined): string {
  const [lo, hi] = [at.p.int(facts.from), at.p.int(facts.to)];
  const outside = (k: string) => `(${k} < ${lo} OR ${k} > ${hi})`;
  const rest = healthCtes({ ...at, every: false, accounts: 'hga', names: { hm: 'hmo', hg: 'hgo', ht: 'hto' } }, `SELECT hg.acct, hg.segment, hg.stage, hg.k FROM hg WHERE ${outside('hg.k')}`);
  // Every account of `va` in every month of `hm`: two semi-joins, which DuckDB runs ~10x faster at 1M accounts than
  // the join with the grid (the facts scanned once, filtered by both); some cells only: the join with them.
  // (A view of every account needs the months alone.)
  const accounts = at.every ? '' : 'h.acct IN (SELECT va.acct FROM va) AND ';
  const cells = grid === undefined ? `WHERE ${accounts}h.k IN (SELECT hm.k FROM hm) AND` : 'JOIN hg ON hg.acct = h.acct AND hg.k = h.k WHERE';
  return `hg AS (${grid ?? EVERY_CELL}),
hmo AS (SELECT hm.k FROM hm WHERE ${outside('hm.k')}),
${rest},
ht AS (SELECT h.acct, h.k, h.outcome, h.experience, h.score, h.tier FROM ${healthFactsTable(facts.key, at.schema)} h
  ${cells} h.k >= ${lo} AND h.k <= ${hi}
  UNION ALL SELECT hto.acct, hto.k, hto.outcome, hto.experience, hto.score, hto.tier FROM hto)`;
}
