/**
 * Drill-down: the accounts behind one mark of a chart, so a click on a bar, a cell or a segment can list them.
 * Each function answers with the same accounts its metric counted for that mark, in dataset order, once each.
 * `DrillDownTarget` names a mark in plain data, so a worker or a server can resolve it where the data is.
 */
import { MOVEMENT_KINDS, resolveAsOf, waterfallOf, type MovementKind } from '../arr/arr-movements.js';
import { isValidMonth, monthInRange, monthIndex, monthIndexOfDayNumber } from '../core/dates.js';
import { leadColumns, recordColumns, REVENUE_FIELD_NAMES, revenueFieldColumn } from '../data/dataset-index.js';
import { dimensionColumn, isSelected, wholeDataset, type Selection } from '../data/selection.js';
import { BREAKDOWN_DIMENSIONS, groupKey, teamsOf, type BreakdownDimension } from '../data/dimensions.js';
import { FUNNEL_STAGES, inFunnelStage, NPS_CATEGORIES, npsCategory, REVENUE_FIELDS, type FunnelStageName, type NpsCategory, type RevenueField } from '../model/domain.js';
import { healthScoresOf, healthQuadrantsOf, QUADRANTS, quadrantOf, type HealthOptions, type Quadrant } from '../health/health.js';
import { checkOneOf, checkStrings, checkText, describeValue, VIEW_LIMITS, ViewError } from '../core/limits.js';
import { HEALTH_TIERS, resolveHealthModel, type HealthModel, type HealthModelInput, type HealthTier } from '../model/health-model.js';
import { TRANSITION_KINDS, transitionsOf, type TransitionKind } from '../health/health-transitions.js';
import { dueContracts, isRenewed, isRenewedCode, renewalsOf, type RenewalSummary } from '../renewals/renewals.js';
import { healthScoreMatrix, tierCodeAt } from '../data/monthly-records.js';
import type { Dataset, DateString, Month, Period } from '../core/types.js';

export type { NpsCategory } from '../model/domain.js';

export type DrillDownTarget =
  | { kind: 'accounts'; accountIds: readonly string[] }
  | { kind: 'tier'; month: Month; tier: HealthTier }
  | { kind: 'transition'; transition: TransitionKind }
  /** One cell of the transition matrix: accounts whose tier went from `fromTier` to `toTier` over the period. */
  | { kind: 'tier-change'; fromTier: HealthTier; toTier: HealthTier }
  | { kind: 'group'; dimension: BreakdownDimension; key: string }
  | { kind: 'cohort'; cohort: Month }
  | { kind: 'nps'; category: NpsCategory }
  | { kind: 'renewal-stage'; stage: FunnelStageName }
  | { kind: 'attribution'; field: AttributionField }
  /** Accounts with a movement of this kind in the period (or in one month of it). */
  | { kind: 'movement'; movement: MovementKind; month?: Month }
  /** Accounts with a contract due in a month (of the renewals ahead), of a tier at `asOf` (`'unknown'`: without one). */
  | { kind: 'due'; month: Month; tier?: HealthTier | 'unknown' }
  | { kind: 'quadrant'; quadrant: Quadrant; month?: Month };

/** The settings a drill-down is resolved with: those of the view the mark was drawn in. */
export interface DrillDownContext {
  period: Period;
  model: HealthModelInput;
  graceMonths: number;
  asOf?: DateString;
}

export type AttributionField =
  | 'savedRenewalArr' | 'wonRenewalArr' | 'optOutRetainedArr' | 'csqlArr' | 'savedWonExpansionArr' | 'pocArr'
  | 'csqaCount' | 'referralArr' | 'premiumServicesArr' | 'assistedSalesArr';

function inRange(month: number, period: Period): boolean {
  return monthInRange(month, monthIndex(period.from), monthIndex(period.to));
}

/** Selected positions for which `keep` holds, in dataset order. */
function positionsWhere(selection: Selection, keep: (position: number) => boolean): number[] {
  const kept: number[] = [];
  for (const position of selection.positions) if (keep(position)) kept.push(position);
  return kept;
}

/** Distinct account positions of records, kept in dataset order of the accounts. */
function accountsOfRecords(selection: Selection, positions: Iterable<number>): number[] {
  const marked = new Uint8Array(selection.index.accounts.length);
  for (const position of positions) if (position >= 0 && isSelected(selection, position)) marked[position] = 1;
  return positionsWhere(selection, (position) => marked[position] === 1);
}

function transitionPositions(selection: Selection, period: Period, model: HealthModel, kinds: readonly TransitionKind[]): number[] {
  const core = transitionsOf(selection, period, model);
  const codes = new Set(kinds.map((kind) => TRANSITION_KINDS.indexOf(kind)));
  return Array.from(core.positions).filter((_, i) => codes.has(core.kindCodes[i] as number));
}

/** Accounts of the records (rows of a dated collection's columns) for which `keep` holds. */
function recordPositions(selection: Selection, name: 'nps' | 'leads' | 'advocacy' | 'revenue', keep: (row: number, month: number) => boolean): number[] {
  const columns = recordColumns(selection.index, name);
  const positions: number[] = [];
  for (let row = 0; row < columns.records.length; row += 1) if (keep(row, columns.month[row] as number)) positions.push(columns.account[row] as number);
  return accountsOfRecords(selection, positions);
}

export const ATTRIBUTION_FIELDS: readonly AttributionField[] = [
  'savedRenewalArr', 'wonRenewalArr', 'optOutRetainedArr', 'csqlArr', 'savedWonExpansionArr', 'pocArr', 'csqaCount', 'referralArr',
  'premiumServicesArr', 'assistedSalesArr',
];

type FieldCheck = (value: unknown, field: string) => unknown;
const month: FieldCheck = (value, field) => {
  if (!isValidMonth(value)) throw new ViewError(field, `must be a month 'YYYY-MM', got ${describeValue(value)}`);
  return value;
};
const optional = (check: FieldCheck): FieldCheck => (value, field) => (value === undefined ? undefined : check(value, field));
const oneOf = (values: readonly string[]): FieldCheck => (value, field) => checkOneOf(value, field, values);

/** Each target kind's fields and what each must hold: every enum value is checked, so an unknown one is an error. */
const TARGET_FIELDS: Record<DrillDownTarget['kind'], Record<string, FieldCheck>> = {
  accounts: { accountIds: (value, field) => checkStrings(value, field, VIEW_LIMITS.accountIds) },
  tier: { month, tier: oneOf(HEALTH_TIERS) },
  transition: { transition: oneOf(TRANSITION_KINDS) },
  'tier-change': { fromTier: oneOf(HEALTH_TIERS), toTier: oneOf(HEALTH_TIERS) },
  group: { dimension: oneOf(BREAKDOWN_DIMENSIONS), key: (value, field) => checkText(value, field) },
  cohort: { cohort: month },
  nps: { category: oneOf(NPS_CATEGORIES) },
  'renewal-stage': { stage: oneOf(FUNNEL_STAGES) },
  attribution: { field: oneOf(ATTRIBUTION_FIELDS) },
  movement: { movement: oneOf(MOVEMENT_KINDS), month: optional(month) },
  due: { month, tier: optional(oneOf([...HEALTH_TIERS, 'unknown'])) },
  quadrant: { quadrant: oneOf(QUADRANTS), month: optional(month) },
};

/**
 * Checks a drill-down target from outside (a page, the network): its kind and every field that kind reads, enum
 * values included. What is wrong is a `ViewError` naming `target.<field>`; the target is returned as it is.
 */
export function checkTarget(target: DrillDownTarget): DrillDownTarget {
  if (typeof target !== 'object' || target === null || Array.isArray(target)) throw new ViewError('target', `must be a drill-down target { kind, ... }, got ${describeValue(target)}`);
  const kind = (target as { kind?: unknown }).kind;
  if (typeof kind !== 'string' || !Object.prototype.hasOwnProperty.call(TARGET_FIELDS, kind)) {
    throw new ViewError('target.kind', `must be one of ${Object.keys(TARGET_FIELDS).join(', ')}, got ${describeValue(kind)}`);
  }
  const fields = TARGET_FIELDS[kind as DrillDownTarget['kind']];
  for (const [field, check] of Object.entries(fields)) check((target as unknown as Record<string, unknown>)[field], `target.${field}`);
  return target;
}

/** The positions behind a drill-down target among the selected accounts. */
export function drillDownPositions(selection: Selection, target: DrillDownTarget, context: DrillDownContext): number[] {
  checkTarget(target);
  const { index } = selection;
  const { period, graceMonths } = context;
  const model = resolveHealthModel(context.model);
  const asOf = resolveAsOf(period, context.asOf);
  switch (target.kind) {
    case 'accounts': {
      const wanted = new Set(target.accountIds);
      return positionsWhere(selection, (position) => wanted.has((index.accounts[position] as { id: string }).id));
    }
    case 'tier': {
      const core = healthScoresOf(selection, target.month, { model });
      const code = HEALTH_TIERS.indexOf(target.tier);
      return Array.from(core.positions).filter((_, i) => core.matrix.tier[core.cells[i] as number] === code);
    }
    case 'transition':
      return transitionPositions(selection, period, model, [target.transition]);
    case 'tier-change': {
      const core = transitionsOf(selection, period, model);
      const from = HEALTH_TIERS.indexOf(target.fromTier);
      const to = HEALTH_TIERS.indexOf(target.toTier);
      return Array.from(core.positions).filter((_, i) => core.fromCodes[i] === from && core.toCodes[i] === to);
    }
    case 'group': {
      const column = dimensionColumn(index, target.dimension);
      const code = column.codeOf.get(target.key);
      return code === undefined ? [] : positionsWhere(selection, (position) => column.codes[position] === code);
    }
    case 'cohort': {
      const cohort = monthIndex(target.cohort);
      return positionsWhere(selection, (position) => monthIndex((index.accounts[position] as { signedAt: string }).signedAt) === cohort);
    }
    case 'nps': {
      const scores = recordColumns(index, 'nps').value;
      return recordPositions(selection, 'nps', (row, month) => npsCategory(scores[row] as number) === target.category && inRange(month, period));
    }
    case 'renewal-stage': {
      const core = renewalsOf(selection, { period, graceMonths, asOf });
      const c = index.contracts;
      const positions: number[] = [];
      core.dueRows.forEach((row, i) => {
        const renewal = core.renewal[i] as number;
        if (inFunnelStage(target.stage, isRenewedCode(core.status[i] as number), c.arr[row] as number, renewal >= 0 ? (c.arr[renewal] as number) : null)) {
          positions.push(c.account[row] as number);
        }
      });
      return accountsOfRecords(selection, positions);
    }
    case 'attribution':
      return attributionPositions(selection, period, model, target.field);
    case 'movement': {
      const core = waterfallOf(selection, { period, graceMonths, asOf });
      const code = MOVEMENT_KINDS.indexOf(target.movement);
      const month = target.month === undefined ? null : monthIndex(target.month);
      const positions: number[] = [];
      const m = core.movementColumns;
      for (let row = 0; row < m.position.length; row += 1) {
        if (m.kind.at(row) === code && (month === null || m.month.at(row) === month)) positions.push(m.position.at(row));
      }
      return accountsOfRecords(selection, positions);
    }
    case 'due': {
      const month = monthIndex(target.month);
      const asOfMonth = monthIndex(asOf.slice(0, 7));
      const health = healthScoreMatrix(index, model);
      const tierCode = target.tier === undefined ? null : target.tier === 'unknown' ? -1 : HEALTH_TIERS.indexOf(target.tier);
      const positions: number[] = [];
      for (const row of dueContracts(selection, month, month)) {
        const position = index.contracts.account[row] as number;
        if (tierCode === null || tierCodeAt(health, position, asOfMonth) === tierCode) positions.push(position);
      }
      return accountsOfRecords(selection, positions);
    }
    case 'quadrant': {
      const core = healthQuadrantsOf(selection, target.month ?? period.to, { model });
      return Array.from(core.positions).filter((_, i) => {
        const cell = core.cells[i] as number;
        return quadrantOf(core.matrix.sides.outcome[cell] as number, core.matrix.sides.experience[cell] as number, core.thresholds) === target.quadrant;
      });
    }
  }
}


/**
 * Accounts with a record behind one figure of `csAttribution` in the period: the revenue events of its sources,
 * the leads won, the advocacy given, the opt-outs passed, or the accounts saved or won over the period (for the
 * save/win figures, a superset of the accounts whose renewals or expansions were counted).
 */
function attributionPositions(selection: Selection, period: Period, model: HealthModel, field: AttributionField): number[] {
  if (Object.prototype.hasOwnProperty.call(REVENUE_FIELDS, field)) {
    const code = REVENUE_FIELD_NAMES.indexOf(field as RevenueField);
    const fieldOf = revenueFieldColumn(selection.index);
    return recordPositions(selection, 'revenue', (row, month) => fieldOf[row] === code && inRange(month, period));
  }
  switch (field) {
    case 'csqlArr':
    {
      const { won, closedMonth } = leadColumns(selection.index);
      return recordPositions(selection, 'leads', (row) => won[row] === 1 && closedMonth[row] !== -1 && inRange(closedMonth[row] as number, period));
    }
    case 'csqaCount':
      return recordPositions(selection, 'advocacy', (_, month) => inRange(month, period));
    case 'optOutRetainedArr': {
      const c = selection.index.contracts;
      const positions: number[] = [];
      // Dataset order; an open end (OPEN_END) is after any opt-out day.
      for (const row of c.withOptOut) {
        const optOut = c.optOutDay[row] as number;
        if (inRange(monthIndexOfDayNumber(optOut), period) && (c.endDay[row] as number) > optOut) positions.push(c.account[row] as number);
      }
      return accountsOfRecords(selection, positions);
    }
    case 'savedRenewalArr':
      return transitionPositions(selection, period, model, ['save']);
    case 'wonRenewalArr':
      return transitionPositions(selection, period, model, ['win']);
    case 'savedWonExpansionArr': {
      // Saved first, then won, as the two lists read one after the other.
      const saved = transitionPositions(selection, period, model, ['save']);
      const won = transitionPositions(selection, period, model, ['win']);
      return [...saved, ...won];
    }
    default:
      // The revenue figures were answered above; `checkTarget` refuses any other name.
      return [];
  }
}

function ids(selection: Selection, positions: readonly number[]): string[] {
  return positions.map((position) => (selection.index.accounts[position] as { id: string }).id);
}

/** The accounts behind a drill-down target, as its metric counted them, in dataset order. */
export function drillDownAccountIds(dataset: Dataset, target: DrillDownTarget, context: DrillDownContext): string[] {
  const selection = wholeDataset(dataset);
  return ids(selection, drillDownPositions(selection, target, context));
}

/** Accounts whose tier in `month` is `tier`: one cell of `healthDistribution` run with the same options. */
export function tierAccountIds(dataset: Dataset, options: HealthOptions & { month: Month }, tier: HealthTier): string[] {
  const selection = wholeDataset(dataset);
  const core = healthScoresOf(selection, options.month, { model: resolveHealthModel(options.model), activeOnly: options.activeOnly });
  const code = HEALTH_TIERS.indexOf(tier);
  return ids(selection, Array.from(core.positions).filter((_, i) => core.matrix.tier[core.cells[i] as number] === code));
}

/** Accounts in one group of a breakdown (`'(none)'` for accounts without the field). */
export function groupAccountIds(dataset: Dataset, dimension: BreakdownDimension, key: string): string[] {
  const teamOf = teamsOf(dataset.csms);
  return dataset.accounts.filter((account) => groupKey(account, dimension, teamOf) === key).map((account) => account.id);
}

/** Accounts signed in `cohort` (a row of `cohorts`). */
export function cohortAccountIds(dataset: Dataset, cohort: Month): string[] {
  return drillDownAccountIds(dataset, { kind: 'cohort', cohort }, { period: { from: cohort, to: cohort }, model: {}, graceMonths: 0 });
}

/** Accounts with a response of `category` in the period; responses without an account have none to list. */
export function npsAccountIds(dataset: Dataset, options: { period?: Period }, category: NpsCategory): string[] {
  const period = options.period ?? { from: '0000-01', to: '9999-12' };
  return drillDownAccountIds(dataset, { kind: 'nps', category }, { period, model: {}, graceMonths: 0 });
}

/** Accounts of the contracts in one stage of `renewalFunnel(summary)`. */
export function funnelStageAccountIds(summary: RenewalSummary, stage: FunnelStageName): string[] {
  const found: string[] = [];
  for (const item of summary.items) if (inFunnelStage(stage, isRenewed(item.status), item.dueArr, item.renewalArr)) found.push(item.accountId);
  return [...new Set(found)];
}

/** Accounts whose health transition over the period is `kind`. */
export function transitionAccountIds(dataset: Dataset, options: { period: Period; model?: HealthModelInput }, kind: TransitionKind): string[] {
  const selection = wholeDataset(dataset);
  return ids(selection, transitionPositions(selection, options.period, resolveHealthModel(options.model), [kind]));
}

export function attributionAccountIds(dataset: Dataset, options: { period: Period; model?: HealthModelInput }, field: AttributionField): string[] {
  const selection = wholeDataset(dataset);
  return ids(selection, attributionPositions(selection, options.period, resolveHealthModel(options.model), field));
}

