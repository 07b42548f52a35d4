/**
 * The per-account lists of a view (row sets): their columns (what a paged table can sort, filter and search on) and
 * their rows as tables read by index (`RowTable`), built from the engine's results without copying them into
 * objects until a page asks for its rows.
 */
import { MOVEMENT_KINDS, type ArrMovement, type MovementKind, type WaterfallCore } from '../arr/arr-movements.js';
import type { AccountSummary } from '../accounts/account-summaries.js';
import { contractEnd, type DatasetIndex } from '../data/dataset-index.js';
import type { EarlyWarningItem, EarlyWarnings } from '../engagement/early-warnings.js';
import { healthScoreRow, quadrantRow, type AccountHealth, type HealthScoresCore, type QuadrantAccount, type QuadrantsCore } from '../health/health.js';
import { HEALTH_TIERS } from '../model/health-model.js';
import { transitionRow, type AccountTransition, type TransitionsCore } from '../health/health-transitions.js';
import { monthFromIndex } from '../core/dates.js';
import { RENEWAL_STATUSES, renewalItem, type RenewalCore, type RenewalItem } from '../renewals/renewals.js';
import type { RetentionAccount, RetentionCore } from '../arr/retention.js';
import { lazyTable, type Cell, type RowSetSpec, type RowTable } from '../core/rows.js';
import { renewalsAheadItem, riskReasonsOf, TIERS_AND_UNKNOWN, type RenewalsAheadCore, type RenewalsAheadItem, type TierOrUnknown } from '../renewals/renewals-ahead.js';

/** Per-account lists of a view, read in pages. */
export type RowSetName =
  | 'accounts' | 'movements' | 'renewals' | 'health-scores' | 'quadrant-accounts' | 'transitions' | 'early-warnings' | 'retention-accounts'
  | 'renewals-ahead';

export interface RowSetRows {
  accounts: AccountSummary;
  movements: ArrMovement & { name: string };
  renewals: RenewalItem & { name: string };
  'health-scores': AccountHealth & { name: string };
  'quadrant-accounts': QuadrantAccount & { name: string };
  transitions: AccountTransition & { name: string };
  'early-warnings': EarlyWarningItem & { name: string };
  'retention-accounts': RetentionAccount & { name: string };
  'renewals-ahead': RenewalsAheadItem & { name: string };
}


const TIER_ORDER: readonly string[] = HEALTH_TIERS;

/** The columns of each row set: what a paged table can sort, filter and search on. */
export const ROW_SETS: { [N in RowSetName]: RowSetSpec<RowSetRows[N]> } = {
  accounts: {
    name: 'accounts',
    columns: [
      { id: 'name', kind: 'text', value: (r) => r.name },
      { id: 'accountId', kind: 'text', value: (r) => r.accountId },
      { id: 'csm', kind: 'text', value: (r) => r.csmName },
      { id: 'segment', kind: 'enum', value: (r) => r.segment },
      { id: 'region', kind: 'enum', value: (r) => r.region },
      { id: 'industry', kind: 'enum', value: (r) => r.industry },
      { id: 'channel', kind: 'enum', value: (r) => r.channel },
      { id: 'arr', kind: 'number', value: (r) => r.arr },
      { id: 'score', kind: 'number', value: (r) => r.score },
      { id: 'tier', kind: 'rank', value: (r) => r.tier, order: TIER_ORDER },
      { id: 'quadrant', kind: 'enum', value: (r) => r.quadrant },
      { id: 'nps', kind: 'number', value: (r) => r.nps },
      { id: 'activityRate', kind: 'number', value: (r) => r.activityRate },
      { id: 'nextRenewal', kind: 'date', value: (r) => r.nextRenewal },
      { id: 'renewalStatus', kind: 'enum', value: (r) => r.renewalStatus },
      { id: 'healthChange', kind: 'number', value: (r) => r.healthChange },
      { id: 'driver', kind: 'enum', value: (r) => r.driver },
      { id: 'driverChange', kind: 'number', value: (r) => r.driverChange },
    ],
  },
  movements: {
    name: 'movements',
    columns: [
      { id: 'name', kind: 'text', value: (r) => r.name },
      { id: 'accountId', kind: 'text', value: (r) => r.accountId },
      { id: 'month', kind: 'date', value: (r) => r.month },
      { id: 'kind', kind: 'enum', value: (r) => r.kind },
      { id: 'amount', kind: 'number', value: (r) => r.amount },
    ],
  },
  renewals: {
    name: 'renewals',
    // Due contracts come in due order: by due date, then contract id.
    natural: [{ id: 'dueDate' }],
    columns: [
      { id: 'name', kind: 'text', value: (r) => r.name },
      { id: 'accountId', kind: 'text', value: (r) => r.accountId },
      { id: 'contractId', kind: 'text', value: (r) => r.contractId },
      { id: 'dueDate', kind: 'date', value: (r) => r.dueDate },
      { id: 'dueArr', kind: 'number', value: (r) => r.dueArr },
      { id: 'renewalArr', kind: 'number', value: (r) => r.renewalArr },
      { id: 'status', kind: 'rank', value: (r) => r.status, order: RENEWAL_STATUSES },
      { id: 'daysLate', kind: 'number', value: (r) => r.daysLate },
    ],
  },
  'health-scores': {
    name: 'health-scores',
    columns: [
      { id: 'name', kind: 'text', value: (r) => r.name },
      { id: 'accountId', kind: 'text', value: (r) => r.accountId },
      { id: 'score', kind: 'number', value: (r) => r.score },
      { id: 'tier', kind: 'rank', value: (r) => r.tier, order: TIER_ORDER },
      { id: 'outcome', kind: 'number', value: (r) => r.outcome },
      { id: 'experience', kind: 'number', value: (r) => r.experience },
    ],
  },
  'quadrant-accounts': {
    name: 'quadrant-accounts',
    columns: [
      { id: 'name', kind: 'text', value: (r) => r.name },
      { id: 'accountId', kind: 'text', value: (r) => r.accountId },
      { id: 'quadrant', kind: 'enum', value: (r) => r.quadrant },
      { id: 'outcome', kind: 'number', value: (r) => r.outcome },
      { id: 'experience', kind: 'number', value: (r) => r.experience },
      { id: 'arr', kind: 'number', value: (r) => r.arr },
    ],
  },
  transitions: {
    name: 'transitions',
    columns: [
      { id: 'name', kind: 'text', value: (r) => r.name },
      { id: 'accountId', kind: 'text', value: (r) => r.accountId },
      { id: 'fromTier', kind: 'rank', value: (r) => r.fromTier, order: TIER_ORDER },
      { id: 'toTier', kind: 'rank', value: (r) => r.toTier, order: TIER_ORDER },
      { id: 'kind', kind: 'enum', value: (r) => r.kind },
    ],
  },
  'early-warnings': {
    name: 'early-warnings',
    // Warnings come in the SPEC's order: ARR descending, then the nearest renewal.
    natural: [{ id: 'arr', desc: true }],
    columns: [
      { id: 'name', kind: 'text', value: (r) => r.name },
      { id: 'accountId', kind: 'text', value: (r) => r.accountId },
      { id: 'arr', kind: 'number', value: (r) => r.arr },
      { id: 'rates', kind: 'number', value: (r) => r.rates.reduce((sum, rate) => sum + rate, 0) / Math.max(1, r.rates.length) },
      { id: 'nextRenewal', kind: 'date', value: (r) => r.nextRenewal },
    ],
  },
  'retention-accounts': {
    name: 'retention-accounts',
    columns: [
      { id: 'name', kind: 'text', value: (r) => r.name },
      { id: 'accountId', kind: 'text', value: (r) => r.accountId },
      { id: 'startArr', kind: 'number', value: (r) => r.startArr },
      { id: 'endArr', kind: 'number', value: (r) => r.endArr },
    ],
  },
  'renewals-ahead': {
    name: 'renewals-ahead',
    // Items come in due order: by due date, then contract id.
    natural: [{ id: 'dueDate' }],
    columns: [
      { id: 'name', kind: 'text', value: (r) => r.name },
      { id: 'accountId', kind: 'text', value: (r) => r.accountId },
      { id: 'contractId', kind: 'text', value: (r) => r.contractId },
      { id: 'dueDate', kind: 'date', value: (r) => r.dueDate },
      { id: 'dueArr', kind: 'number', value: (r) => r.dueArr },
      { id: 'status', kind: 'rank', value: (r) => r.status, order: RENEWAL_STATUSES },
      { id: 'tier', kind: 'rank', value: (r) => r.tier, order: [...TIER_ORDER, 'unknown'] },
      { id: 'likelihood', kind: 'number', value: (r) => r.likelihood },
      { id: 'expectedArr', kind: 'number', value: (r) => r.expectedArr },
      { id: 'risk', kind: 'text', value: (r) => r.riskReasons.join(' ') },
      { id: 'atRisk', kind: 'enum', value: (r) => (r.riskReasons.length > 0 ? 'at-risk' : null) },
    ],
  },
};

const nameOf = (index: DatasetIndex, position: number) => (index.accounts[position] as { name: string }).name;
const idOf = (index: DatasetIndex, position: number) => (index.accounts[position] as { id: string }).id;

export function movementsTable(index: DatasetIndex, core: WaterfallCore): RowTable<RowSetRows['movements']> {
  const m = core.movementColumns;
  const position = (i: number) => m.position.at(i);
  const readers: Record<string, (i: number) => Cell> = {
    name: (i) => nameOf(index, position(i)),
    accountId: (i) => idOf(index, position(i)),
    month: (i) => monthFromIndex(m.month.at(i)),
    kind: (i) => MOVEMENT_KINDS[m.kind.at(i)],
    amount: (i) => m.amount.at(i),
  };
  return lazyTable(m.position.length, (i): ArrMovement & { name: string } => ({
    accountId: idOf(index, position(i)), month: monthFromIndex(m.month.at(i)), kind: MOVEMENT_KINDS[m.kind.at(i)] as MovementKind,
    amount: m.amount.at(i), name: nameOf(index, position(i)),
  }), position, (column) => readers[column]);
}

export function renewalsTable(index: DatasetIndex, core: RenewalCore): RowTable<RowSetRows['renewals']> {
  const c = index.contracts;
  const due = (i: number) => core.dueRows[i] as number;
  const position = (i: number) => c.account[due(i)] as number;
  const renewal = (i: number) => core.renewal[i] as number;
  const readers: Record<string, (i: number) => Cell> = {
    name: (i) => nameOf(index, position(i)),
    accountId: (i) => idOf(index, position(i)),
    contractId: (i) => c.ids.at(due(i)),
    dueDate: (i) => contractEnd(c, due(i)),
    dueArr: (i) => c.arr[due(i)] as number,
    renewalArr: (i) => (renewal(i) >= 0 ? (c.arr[renewal(i)] as number) : null),
    status: (i) => RENEWAL_STATUSES[core.status[i] as number],
    daysLate: (i) => (renewal(i) >= 0 ? Math.max(0, (c.startDay[renewal(i)] as number) - ((c.endDay[due(i)] as number) + 1)) : null),
  };
  return lazyTable(core.dueRows.length, (i): RenewalItem & { name: string } => ({
    ...renewalItem(index, due(i), renewal(i), core.status[i] as number), name: nameOf(index, position(i)),
  }), position, (column) => readers[column]);
}

export function healthScoresTable(index: DatasetIndex, core: HealthScoresCore): RowTable<RowSetRows['health-scores']> {
  const position = (i: number) => core.positions[i] as number;
  return lazyTable(core.positions.length, (i) => ({ ...healthScoreRow(index, core.matrix, position(i), core.cells[i] as number), name: nameOf(index, position(i)) }), position);
}

export function quadrantTable(index: DatasetIndex, core: QuadrantsCore): RowTable<RowSetRows['quadrant-accounts']> {
  const position = (i: number) => core.positions[i] as number;
  return lazyTable(core.positions.length, (i) => ({ ...quadrantRow(index, core, i), name: nameOf(index, position(i)) }), position);
}

export function transitionsTable(index: DatasetIndex, core: TransitionsCore): RowTable<RowSetRows['transitions']> {
  const position = (i: number) => core.positions[i] as number;
  return lazyTable(core.positions.length, (i) => ({ ...transitionRow(index, core, i), name: nameOf(index, position(i)) }), position);
}

export function warningsTable(index: DatasetIndex, warnings: EarlyWarnings): RowTable<RowSetRows['early-warnings']> {
  const position = (i: number) => index.positionOf.get((warnings.items[i] as EarlyWarningItem).accountId) as number;
  return lazyTable(warnings.items.length, (i) => ({ ...(warnings.items[i] as EarlyWarningItem), name: nameOf(index, position(i)) }), position);
}

export function retentionTable(index: DatasetIndex, core: RetentionCore): RowTable<RowSetRows['retention-accounts']> {
  const position = (i: number) => core.positions[i] as number;
  return lazyTable(core.positions.length, (i) => ({
    accountId: idOf(index, position(i)), startArr: core.startArr[i] as number, endArr: core.endArr[i] as number, name: nameOf(index, position(i)),
  }), position);
}

export function renewalsAheadTable(index: DatasetIndex, core: RenewalsAheadCore): RowTable<RowSetRows['renewals-ahead']> {
  const c = index.contracts;
  const row = (i: number) => core.rows[i] as number;
  const position = (i: number) => c.account[row(i)] as number;
  const tier = (i: number) => TIERS_AND_UNKNOWN[core.tier[i] as number] as TierOrUnknown;
  const expected = (i: number) => { const value = core.expected[i] as number; return Number.isNaN(value) ? null : value; };
  const readers: Record<string, (i: number) => Cell> = {
    name: (i) => nameOf(index, position(i)),
    accountId: (i) => idOf(index, position(i)),
    contractId: (i) => c.ids.at(row(i)),
    dueDate: (i) => contractEnd(c, row(i)),
    dueArr: (i) => c.arr[row(i)] as number,
    status: (i) => RENEWAL_STATUSES[core.status[i] as number],
    tier,
    likelihood: (i) => { const t = tier(i); return t === 'unknown' ? null : core.likelihood[t]; },
    expectedArr: expected,
    risk: (i) => riskReasonsOf(core.risk[i] as number).join(' '),
    atRisk: (i) => ((core.risk[i] as number) !== 0 ? 'at-risk' : null),
  };
  return lazyTable(core.rows.length, (i) => ({ ...renewalsAheadItem(index, core, i), name: nameOf(index, position(i)) }), position, (column) => readers[column]);
}
