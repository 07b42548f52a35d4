/**
 * `prepareDataset` (SPEC 11): index a dataset once, then answer any view from the index. A filter or a set of
 * account ids is a mask over account positions, never a copy of the data; each result is cached by exactly the
 * parts of the view it depends on, so a settings change recomputes only what reads that setting, and two views
 * that share a period and filters share their work.
 *
 * Results come two ways: `dashboard(view)` returns every SPEC result with its per-account lists (what
 * `computeDashboard` returns), and `summary(view)` the same figures without them, with each list readable in pages
 * through `rows(view, rowSet, query)`. Both are plain JSON, so a Web Worker or a server can answer them.
 */
import { accountSummaryTable } from './account-summaries.js';
import { LruCache } from './cache.js';
import { stableNumberOrder } from './sort.js';
import { waterfallFactsOf, waterfallFromFacts, waterfallOf, waterfallResult, type ArrWaterfall, type MovementKind, type WaterfallCore, type WaterfallFacts } from './arr-movements.js';
import { cohortsAllOf, type CohortMeasure, type Cohorts } from './cohorts.js';
import { csAttributionOf, type CsAttribution } from './cs-attribution.js';
import { csmScorecardOf, type CsmScorecard } from './csm-scorecard.js';
import { lastDayOfMonth, monthFromIndex, monthIndex } from './dates.js';
import {
  accountSpans, arrThroughWork, compactIndex, csmCodes, indexDataset, indexMemory, measureColumns, NO_MONTH, recordColumns, type DatasetIndex,
} from './dataset-index.js';
import type { Work } from './work.js';
import { activityMatrix, snapshotSides, warmHealthModelWork } from './monthly-records.js';
import { activeFilters, BREAKDOWN_DIMENSIONS, type BreakdownDimension } from './dimensions.js';
import { drillDownPositions, type DrillDownTarget } from './drill-down.js';
import { earlyWarningsOf, warningTotalsOf, type EarlyWarnings } from './early-warnings.js';
import { accountTotalsFrom, accountTotalsOf, groupSummariesOf, type AccountTotals, type GroupSummary } from './group-summary.js';
import {
  healthDistributionOf, healthQuadrantsOf, healthScoresOf, quadrantRow, quadrantsResult, healthScoresResult,
  type HealthDistribution, type HealthQuadrants, type HealthScoresCore, type QuadrantAccount, type QuadrantsCore, type HealthScores,
} from './health.js';
import type { HealthModel, HealthTier } from './health-model.js';
import { transitionsOf, transitionsResult, type HealthTransitions, type TransitionsCore } from './health-transitions.js';
import { npsOf, type NpsResult } from './nps.js';
import { ratio } from './ratio.js';
import { funnelOfCore, renewalFigures, renewalsFrom, renewalsOf, renewalSummary, type RenewalCore, type RenewalFunnel, type RenewalSummary } from './renewals.js';
import { retentionOf, retentionResult, type RetentionCore, type RetentionResult } from './retention.js';
import { checkQuery, narrowTable, orderKey, pageOf, queryOrder, type RowPage, type RowQuery, type RowSetSpec, type RowTable } from './rows.js';
import {
  healthScoresTable, movementsTable, quadrantTable, renewalsAheadTable, renewalsTable, retentionTable, ROW_SETS, transitionsTable, warningsTable,
  type RowSetName, type RowSetRows,
} from './row-sets.js';
import { dimensionColumn, filterMask, isSelected, selectMask, type Selection } from './selection.js';
import { accountStoryAt, UnknownAccountError, type AccountStory } from './account-story.js';
import { arrTrendOf, type ArrTrend } from './arr-trend.js';
import { renewalsAheadCoreOf, renewalsAheadFactsOf, type RenewalsAhead, type RenewalsAheadSettings } from './renewals-ahead.js';
import { healthValidationFactsOf, healthValidationOf, type HealthValidation } from './health-validation.js';
import type { Dataset, DateString, Month, Period } from './types.js';
import { checkAccountIds, resolveView, type View as ResolvedView, type ViewOptions } from './view.js';
import { addMonthsToMonth, periodEndingIn } from './dates.js';

/**
 * The accounts a scoped engine (`engine.scoped(ids)`: a viewer's scope) answers for: every selection of its views is
 * cut to this mask before anything is computed. Its JSON form is its key, so cache keys name it without the mask.
 */
interface EngineScope {
  readonly key: string;
  readonly mask: Uint8Array;
  readonly count: number;
  /** The CSMs its accounts and their records name (its scorecard's rows, its dataset's `csms`), once asked. */
  csms?: ReadonlySet<string | undefined>;
  toJSON(): string;
}

/** A resolved view inside an engine: the client's view and the scope of the engine it was asked of. */
type View = ResolvedView & { scope: EngineScope | null };

export interface DashboardKpis {
  /** ARR at the end of the period (the waterfall's closing). */
  arr: number;
  netNewArr: number;
  nrr: number | null;
  grr: number | null;
  logoRate: number | null;
  dollarRate: number | null;
  nps: number | null;
  atRiskAccounts: number;
  atRiskArr: number;
  /** Accounts with ARR > 0 at the end of the period (after grace). */
  customers: number;
  /** ARR per account: arr / customers. */
  arpa: number | null;
  /** Over the period: (new + expansion + reactivation) / -(churn + contraction); null when nothing was lost. */
  quickRatio: number | null;
  /** Accounts that churned in the period / accounts with ARR > 0 at its start. */
  logoChurnRate: number | null;
}

export interface Dashboard {
  period: Period;
  comparisonPeriod: Period | null;
  asOf: DateString;
  graceMonths: number;
  model: HealthModel;
  kpis: DashboardKpis;
  comparisonKpis: DashboardKpis | null;
  waterfall: ArrWaterfall;
  retention: RetentionResult;
  renewals: RenewalSummary;
  renewalFunnel: RenewalFunnel;
  healthScores: HealthScores;
  healthDistribution: HealthDistribution;
  healthTransitions: HealthTransitions;
  healthQuadrants: HealthQuadrants;
  nps: NpsResult;
  earlyWarnings: EarlyWarnings;
  cohorts: { logo: Cohorts; arr: Cohorts; activity: Cohorts };
  csmScorecard: CsmScorecard;
  csAttribution: CsAttribution;
  breakdowns: Partial<Record<BreakdownDimension, GroupSummary[]>>;
}

/** The waterfall without its movement list; `accountsByKind` counts the distinct accounts behind each bar. */
export interface ArrWaterfallSummary extends Omit<ArrWaterfall, 'movements'> {
  accountsByKind: Record<MovementKind, number>;
}

/** Quadrants with the largest accounts as points (`points`, ARR descending, with names) and how many in all. */
export interface HealthQuadrantsSummary extends Omit<HealthQuadrants, 'accounts'> {
  points: Array<QuadrantAccount & { name: string }>;
  accountCount: number;
}

/** Every figure of a dashboard without its per-account lists: those are row sets, read with `rows`. */
export interface DashboardSummary {
  period: Period;
  comparisonPeriod: Period | null;
  asOf: DateString;
  graceMonths: number;
  model: HealthModel;
  /** Accounts the view covers (after filters and account ids). */
  accountCount: number;
  kpis: DashboardKpis;
  comparisonKpis: DashboardKpis | null;
  waterfall: ArrWaterfallSummary;
  retention: Omit<RetentionResult, 'accounts'> & { accountCount: number };
  renewals: Omit<RenewalSummary, 'items'>;
  renewalFunnel: RenewalFunnel;
  healthScores: { month: Month; accountCount: number; tiers: Record<HealthTier, number> };
  healthDistribution: HealthDistribution;
  healthTransitions: Omit<HealthTransitions, 'accounts'>;
  healthQuadrants: HealthQuadrantsSummary;
  nps: NpsResult;
  earlyWarnings: Omit<EarlyWarnings, 'items'> & { count: number; arr: number };
  cohorts: { logo: Cohorts; arr: Cohorts; activity: Cohorts };
  csmScorecard: CsmScorecard;
  csAttribution: CsAttribution;
  breakdowns: Partial<Record<BreakdownDimension, GroupSummary[]>>;
  arrTrend: ArrTrend;
  renewalsAhead: Omit<RenewalsAhead, 'items'>;
  healthValidation: HealthValidation;
}

/** The parts of a summary, each answerable on its own (`metric`). */
export interface SummaryParts {
  kpis: { kpis: DashboardKpis; comparisonKpis: DashboardKpis | null };
  waterfall: DashboardSummary['waterfall'];
  retention: DashboardSummary['retention'];
  renewals: DashboardSummary['renewals'];
  renewalFunnel: RenewalFunnel;
  healthScores: DashboardSummary['healthScores'];
  healthDistribution: HealthDistribution;
  healthTransitions: DashboardSummary['healthTransitions'];
  healthQuadrants: HealthQuadrantsSummary;
  nps: NpsResult;
  earlyWarnings: DashboardSummary['earlyWarnings'];
  cohorts: DashboardSummary['cohorts'];
  csmScorecard: CsmScorecard;
  csAttribution: CsAttribution;
  breakdowns: DashboardSummary['breakdowns'];
  arrTrend: ArrTrend;
  /** The renewals ahead of the view's `asOf`, without their items (the `renewals-ahead` row set). */
  renewalsAhead: Omit<RenewalsAhead, 'items'>;
  /** The view's health model tested on the contracts due in its period and decided by `asOf` (SPEC 12). */
  healthValidation: HealthValidation;
}

export type SummaryPart = keyof SummaryParts;

export const SUMMARY_PARTS: readonly SummaryPart[] = [
  'kpis', 'waterfall', 'retention', 'renewals', 'renewalFunnel', 'healthScores', 'healthDistribution', 'healthTransitions', 'healthQuadrants',
  'nps', 'earlyWarnings', 'cohorts', 'csmScorecard', 'csAttribution', 'breakdowns', 'arrTrend', 'renewalsAhead', 'healthValidation',
];

/** Points a quadrant summary carries at most. */
export const QUADRANT_POINTS = 2_000;

/**
 * The distinct values of each account field within a view's accounts, with how many accounts have each; CSM ids
 * carry the CSM's name as `label`.
 */
export type FilterOptions = Record<BreakdownDimension, Array<{ value: string; count: number; label?: string }>>;

export interface PreparedDataset {
  readonly dataset: Dataset;
  /** Accounts in the dataset. */
  readonly accountCount: number;
  /** The view with its defaults filled in; throws for a malformed one. */
  view(options: ViewOptions): ResolvedView;
  /** Every result of `computeDashboard`, per-account lists included. */
  dashboard(options: ViewOptions): Dashboard;
  /** Every figure without per-account lists (small enough to send on every view change). */
  summary(options: ViewOptions): DashboardSummary;
  /** One part of `summary(view)`: what a single widget shows. */
  metric<K extends SummaryPart>(options: ViewOptions, part: K): SummaryParts[K];
  /** The KPIs of the view's period and of its comparison period. */
  kpis(options: ViewOptions): { kpis: DashboardKpis; comparisonKpis: DashboardKpis | null };
  /** Every row of one per-account list of the view, in the row set's order: for in-process use (not a page). */
  rowsAll<N extends RowSetName>(options: ViewOptions, rowSet: N): Array<RowSetRows[N]>;
  /** A page of one per-account list of the view; `count` is the list's length before a drill-down and filters. */
  rows<N extends RowSetName>(options: ViewOptions, rowSet: N, query?: RowQuery): RowPage<RowSetRows[N]>;
  /** The accounts behind a chart mark within the view's accounts, in dataset order. */
  drillDown(options: ViewOptions, target: DrillDownTarget): string[];
  /** The accounts the view covers, in dataset order. */
  accountIds(options: ViewOptions): string[];
  /** Distinct account field values within the view's accounts (its filters apply to other fields, not their own). */
  filterOptions(options?: Partial<ViewOptions>): FilterOptions;
  /** The first and last month the ARR data decides (later months only follow from it); null without ARR data. */
  dataPeriod(): Period | null;
  /** One account's story (SPEC 10) with the view's settings; an account outside the view is unknown (RangeError). */
  accountStory(options: ViewOptions, accountId: string): AccountStory;
  /** Keys of the dataset's measures (SPEC 12), sorted. */
  measureKeys(): string[];
  /**
   * The same engine limited to these accounts (a viewer's scope; unknown ids select nothing): every answer is
   * computed over them alone, as a prepared dataset of their records would answer (its account count, data period,
   * filter options, CSMs, calibrations and errors included), sharing this engine's index, caches and facts, so a
   * scope costs a mask over the accounts, not a copy of their data.
   */
  scoped(accountIds: Iterable<string>): PreparedDataset;
  /** Twelve months ending at the month of the latest contract start or ARR snapshot (`defaultPeriod`). */
  defaultPeriod(): Period;
  /** Bytes the index holds in typed arrays: the ARR matrix, and everything (matrices, columns) built so far. */
  memory(): { arrMatrixBytes: number; indexBytes: number };
  /**
   * What any filtered view of these settings is summed from, as steps for a host to run while it is idle (a worker
   * between views, `serveCsRequests` does): the view's unfiltered facts (its period's and comparison's waterfall and
   * renewals, its account totals, the renewals ahead and the health validation facts). Each step takes tens of
   * milliseconds at 100,000 accounts, nothing when already done; a filter change afterwards sums its accounts from
   * them instead of passing over the index again. Results are the same either way.
   */
  prefetch(options: ViewOptions): Array<() => void>;
  /**
   * What a view's first answers need that can be built in slices: the monthly ARR through its months, and its health
   * model's sides, scores and tiers (seconds at 100,000 accounts for a model built from measures), kept once built.
   * A server warms a new engine with the views its viewers asked of the old one before it swaps the new one in.
   */
  warm(options: ViewOptions): Work<void>;
}

/**
 * Results kept: about one view's parts, cores and row orders. More would keep more garbage-collected objects alive
 * and slow every view down (measured on the 100k demo's requests: 128 entries cost 10-15% more than 64).
 */
const MAX_CACHED = 64;
/**
 * Facts kept for unfiltered views, which filtered views of the same settings are summed from: an unfiltered view
 * keeps up to seven (its period's and its comparison's waterfall and renewals, its account totals, the renewals
 * ahead, the health validation), so about two views' worth.
 */
const MAX_FACTS = 12;
/**
 * Bytes of typed arrays the results and the facts may hold: what bounds an engine's memory however many viewers,
 * scopes and settings it answers (at 100,000 accounts an unfiltered view's facts take about 40 MB, its results less).
 */
const MAX_CACHED_BYTES = 128 * 2 ** 20;
/** A selection of fewer than a sixteenth of the accounts is computed for itself rather than summed from facts. */
const SMALL_SELECTION = 16;
const MAX_FACTS_BYTES = 128 * 2 ** 20;

function kpisOf(waterfall: WaterfallCore, retention: RetentionCore, renewals: RenewalCore, nps: NpsResult, warnings: { count: number; arr: number }): DashboardKpis {
  // Accounts with ARR > 0 at the end of the period and in the month before it.
  const customers = waterfall.customers[waterfall.customers.length - 1] as number;
  const openingCustomers = waterfall.customers[0] as number;
  return {
    arr: waterfall.closing,
    netNewArr: waterfall.netNew,
    nrr: retention.nrr,
    grr: retention.grr,
    logoRate: renewals.logoRate,
    dollarRate: renewals.dollarRate,
    nps: nps.score,
    atRiskAccounts: warnings.count,
    atRiskArr: warnings.arr,
    customers,
    arpa: ratio(waterfall.closing, customers),
    quickRatio: ratio(waterfall.new + waterfall.expansion + waterfall.reactivation, -(waterfall.churn + waterfall.contraction)),
    logoChurnRate: ratio(waterfall.accountsByKind.churn, openingCustomers),
  };
}

/** Indexes of the `limit` largest values, largest first (ties in index order). */
function largestFirst(values: Float64Array, limit: number): Int32Array {
  return stableNumberOrder(values, true).subarray(0, limit);
}

const engines = new WeakMap<Dataset, PreparedDataset>();

/** Indexes `dataset` once (a validated dataset: run `validateDataset` on raw input first) and answers views from it. */
export interface PrepareOptions {
  /**
   * Build every index up front and let go of the records only the index needs (ARR snapshots, health snapshots,
   * activity), and pack the dated records (NPS, leads, advocacy, revenue): millions of small objects that a
   * long-lived engine (a worker, a server) would otherwise keep alive and make every garbage collection walk. The
   * engine's `dataset` then lacks those collections. A compact engine also keeps the facts of every unfiltered
   * view's waterfall, so filter changes are summed from them (another engine keeps them when `prefetch`ed).
   */
  compact?: boolean;
}

export function prepareDataset(dataset: Dataset, options: PrepareOptions = {}): PreparedDataset {
  let engine = engines.get(dataset);
  if (!engine) {
    const index = indexDataset(dataset);
    if (options.compact) compactIndex(index, (i) => { activityMatrix(i); snapshotSides(i); });
    engine = createEngine(index, options.compact === true);
    engines.set(dataset, engine);
  }
  return engine;
}

let scopeCount = 0;

/** A scope over an index: the mask of the accounts with these ids, keyed uniquely. */
function engineScope(index: DatasetIndex, accountIds: Iterable<string>, within: EngineScope | null): EngineScope {
  const mask = filterMask(index, undefined, accountIds) ?? new Uint8Array(index.accounts.length).fill(1);
  if (within) for (let p = 0; p < mask.length; p += 1) mask[p] = (mask[p] as number) & (within.mask[p] as number);
  let count = 0;
  for (let p = 0; p < mask.length; p += 1) count += mask[p] as number;
  scopeCount += 1;
  const key = `scope-${scopeCount}`;
  return { key, mask, count, toJSON: () => key };
}

/** The engine of an index built elsewhere (a `datasetBuilder`'s compact index): it keeps the facts of every view. */
export function engineOfIndex(index: DatasetIndex): PreparedDataset {
  return createEngine(index, true);
}

function createEngine(index: DatasetIndex, keepFacts: boolean): PreparedDataset {

  const cache = new LruCache(MAX_CACHED, MAX_CACHED_BYTES);
  const facts = new LruCache(MAX_FACTS, MAX_FACTS_BYTES);
  const names = (position: number) => (index.accounts[position] as { name: string }).name;

  /** The accounts a view may see (its engine's scope, its `accountIds`), and those after its filters, as cache keys. */
  const scopeKey = (view: Pick<View, 'accountIds' | 'scope'>) => `${view.scope?.key ?? '*'}|${view.accountIds === null ? '*' : JSON.stringify(view.accountIds)}`;
  const selectionKey = (view: Pick<View, 'filters' | 'accountIds' | 'scope'>) => `${JSON.stringify(view.filters)}|${scopeKey(view)}`;
  const selectionOf = (view: Pick<View, 'filters' | 'accountIds' | 'scope'>): Selection =>
    cache.get(`selection|${selectionKey(view)}`, () => {
      const mask = filterMask(index, view.filters, view.accountIds);
      const scope = view.scope?.mask;
      if (!scope) return selectMask(index, mask);
      if (!mask) return selectMask(index, scope);
      for (let p = 0; p < mask.length; p += 1) mask[p] = (mask[p] as number) & (scope[p] as number);
      return selectMask(index, mask);
    });
  /** Whether a view sees fewer than all accounts: it then sums from the facts every account's view keeps. */
  const narrowed = (view: View) => view.scope !== null || view.accountIds !== null || activeFilters(view.filters).length > 0;
  /**
   * Per-row facts (statuses, tiers, score orders) of every account's view, kept apart from the results so a view's
   * many entries never push them out: a narrowed view of the same settings then sums over the rows of its accounts.
   * A view of every account computes and keeps them; a narrowed one uses them when kept, else computes its own (a
   * period changed under a filter costs what it did, not a pass over every account).
   */
  const scopeFacts = <T>(view: View, key: string, build: (selection: Selection) => T): T => {
    if (!narrowed(view)) return facts.get(key, () => build(selectionOf(view)));
    const found = small(view) ? undefined : facts.peek<T>(key);
    return found ?? cache.get(`facts|${key}|${selectionKey(view)}`, () => build(selectionOf(view)));
  };
  /**
   * A view of few accounts (a CSM's book) is computed for them alone: summing them from every account's facts walks
   * every account's rows, which costs more than their own (the result is the same either way).
   */
  const small = (view: View) => selectionOf(view).positions.length * SMALL_SELECTION < index.accounts.length;
  const modelKey = (model: HealthModel) => JSON.stringify(model);

  /**
   * A part a narrowed view (filters, account ids, a scope) can sum from the facts of every account's view with the
   * same settings: a view of every account computes the facts and keeps them (with `keep` false it only uses facts
   * already kept, by `prefetch`); a narrowed view derives its result from them when kept, else computes it for its
   * own accounts. Either way the result is the same, to the last bit (property tested).
   */
  const viaFacts = <F, T>(view: View, key: string, how: {
    facts: (all: Selection) => F; result: (facts: F) => T; derive: (selection: Selection, facts: F) => T;
    direct: (selection: Selection) => T; keep?: boolean;
  }): T => {
    const found = facts.peek<F>(key);
    if (narrowed(view)) return found === undefined || small(view) ? how.direct(selectionOf(view)) : how.derive(selectionOf(view), found);
    if (how.keep === false) return found === undefined ? how.direct(selectionOf(view)) : how.result(found);
    return how.result(facts.get(key, () => how.facts(selectionOf(view))));
  };
  /** The view of every account with the same settings: what narrowed views sum from. */
  const unfiltered = (view: View): View => ({ ...view, filters: {}, accountIds: null, scope: null, selection: null });

  /**
   * The waterfall's facts are each account's ARR by month and its movements (10 MB at 100,000 accounts and a year):
   * a long-lived (compact) engine keeps them for every view without filters, another only when prefetched.
   */
  const waterfallHow = (view: View, period: Period, asOf: DateString) => ({
    facts: (all: Selection) => waterfallFactsOf(all, { period, graceMonths: view.graceMonths, asOf }),
    result: (kept: WaterfallFacts) => kept.core,
    derive: (selection: Selection, kept: WaterfallFacts) => waterfallFromFacts(selection, kept, period),
    direct: (selection: Selection) => waterfallOf(selection, { period, graceMonths: view.graceMonths, asOf }),
  });
  const waterfallKey = (view: View, period: Period, asOf: DateString) => `waterfall|${period.from}|${period.to}|${view.graceMonths}|${asOf}`;
  const waterfall = (view: View, period: Period, asOf: DateString) =>
    cache.get(`waterfall|${selectionKey(view)}|${period.from}|${period.to}|${view.graceMonths}|${asOf}`,
      () => viaFacts(view, waterfallKey(view, period, asOf), { ...waterfallHow(view, period, asOf), keep: keepFacts }));
  /** The facts of the waterfall of `view` without its filters, kept. */
  const waterfallFacts = (view: View, period: Period, asOf: DateString) =>
    viaFacts(unfiltered(view), waterfallKey(view, period, asOf), { ...waterfallHow(view, period, asOf), keep: true });
  const retention = (view: View, period: Period) => {
    const start = addMonthsToMonth(period.from, -1);
    return cache.get(`retention|${selectionKey(view)}|${period.from}|${period.to}`,
      () => retentionOf(selectionOf(view), monthIndex(period.from) - 1, monthIndex(period.to), start, period.to));
  };
  /** A filtered view takes its accounts' due contracts, statuses and renewals from the unfiltered view's. */
  const renewals = (view: View, period: Period, asOf: DateString) => {
    const settings = `${period.from}|${period.to}|${view.graceMonths}|${asOf}`;
    const direct = (selection: Selection) => renewalsOf(selection, { period, graceMonths: view.graceMonths, asOf });
    return cache.get(`renewals|${selectionKey(view)}|${settings}`,
      () => viaFacts(view, `renewals|${settings}`, { facts: direct, result: (all) => all, derive: renewalsFrom, direct }));
  };
  const nps = (view: View, period: Period) =>
    cache.get(`nps|${selectionKey(view)}|${period.from}|${period.to}`, () => npsOf(selectionOf(view), period));
  const warnings = (view: View, month: Month) =>
    cache.get(`warnings|${selectionKey(view)}|${month}|${view.earlyWarning.threshold}|${view.earlyWarning.months}`,
      () => earlyWarningsOf(selectionOf(view), { asOf: month, ...view.earlyWarning }));
  // The KPIs need only how many are warned and their ARR: no items for the comparison period.
  const warningTotals = (view: View, month: Month) =>
    cache.get(`warning-totals|${selectionKey(view)}|${month}|${view.earlyWarning.threshold}|${view.earlyWarning.months}`,
      () => warningTotalsOf(selectionOf(view), { asOf: month, ...view.earlyWarning }));
  const healthScores = (view: View): HealthScoresCore =>
    cache.get(`health-scores|${selectionKey(view)}|${view.period.to}|${modelKey(view.model)}`,
      () => healthScoresOf(selectionOf(view), view.period.to, { model: view.model }));
  const quadrants = (view: View): QuadrantsCore =>
    cache.get(`quadrants|${selectionKey(view)}|${view.period.to}|${modelKey(view.model)}`,
      () => healthQuadrantsOf(selectionOf(view), view.period.to, { model: view.model }, healthScores(view)));
  const transitions = (view: View): TransitionsCore =>
    cache.get(`transitions|${selectionKey(view)}|${view.period.from}|${view.period.to}|${modelKey(view.model)}`,
      () => transitionsOf(selectionOf(view), view.period, view.model));
  const distribution = (view: View) =>
    cache.get(`distribution|${selectionKey(view)}|${view.period.from}|${view.period.to}|${modelKey(view.model)}`,
      () => healthDistributionOf(selectionOf(view), view.period, { model: view.model }));
  const allCohorts = (view: View): Record<CohortMeasure, Cohorts> =>
    cache.get(`cohorts|${selectionKey(view)}|${view.period.from}|${view.period.to}`,
      () => cohortsAllOf(selectionOf(view), view.period.from, view.period.to));
  const scorecard = (view: View) =>
    cache.get(`scorecard|${selectionKey(view)}|${view.period.from}|${view.period.to}|${view.graceMonths}|${view.asOf}|${modelKey(view.model)}`,
      () => csmScorecardOf(selectionOf(view), {
        ...view, onlySelectedCsms: view.accountIds !== null, ...(view.scope && view.accountIds === null ? { onlyCsms: scopeCsms(view.scope) } : {}),
      }, {
        waterfall: waterfall(view, view.period, view.asOf), renewals: renewals(view, view.period, view.asOf),
      }));
  const attribution = (view: View) =>
    cache.get(`attribution|${selectionKey(view)}|${view.period.from}|${view.period.to}|${view.graceMonths}|${view.asOf}|${view.lookbackMonths}|${modelKey(view.model)}`,
      () => csAttributionOf(selectionOf(view), view, {
        waterfall: waterfall(view, view.period, view.asOf), renewals: renewals(view, view.period, view.asOf),
      }));
  const breakdown = (view: View, dimension: BreakdownDimension) =>
    cache.get(`breakdown|${selectionKey(view)}|${dimension}|${view.period.from}|${view.period.to}|${view.graceMonths}|${view.asOf}`,
      () => groupSummariesOf(selectionOf(view), dimension, accountTotals(view)));
  const accountTotals = (view: View) =>
    cache.get(`totals|${selectionKey(view)}|${view.period.from}|${view.period.to}|${view.graceMonths}|${view.asOf}`,
      // Each account's share is the same in any view of these settings: a filtered view picks its accounts'.
      () => {
        const direct = (selection: Selection) => accountTotalsOf(selection, {
          waterfall: waterfall(view, view.period, view.asOf), retention: retention(view, view.period), renewals: renewals(view, view.period, view.asOf),
          graceMonths: view.graceMonths, asOf: view.asOf,
        });
        return viaFacts(view, `totals|${view.period.from}|${view.period.to}|${view.graceMonths}|${view.asOf}`, {
          facts: (all) => ({ all, totals: direct(all) }),
          result: (kept: { all: Selection; totals: AccountTotals }) => kept.totals,
          derive: (selection, kept) => accountTotalsFrom(selection, kept.all, kept.totals, waterfall(view, view.period, view.asOf)),
          direct,
        });
      });
  const kpis = (view: View) => {
    const main = kpisOf(waterfall(view, view.period, view.asOf), retention(view, view.period), renewals(view, view.period, view.asOf),
      nps(view, view.period), warningTotals(view, view.period.to));
    const compare = view.comparisonPeriod;
    if (!compare) return { kpis: main, comparisonKpis: null };
    const asOf = lastDayOfMonth(compare.to);
    return {
      kpis: main,
      comparisonKpis: kpisOf(waterfall(view, compare, asOf), retention(view, compare), renewals(view, compare, asOf), nps(view, compare), warningTotals(view, compare.to)),
    };
  };
  const trend = (view: View) =>
    cache.get(`trend|${selectionKey(view)}|${view.period.from}|${view.period.to}|${view.graceMonths}|${view.asOf}`,
      () => arrTrendOf(selectionOf(view), view, waterfall(view, view.period, view.asOf)));
  const aheadSettings = (view: View): RenewalsAheadSettings => ({
    asOf: view.asOf, months: view.ahead.months, model: view.model, graceMonths: view.graceMonths, likelihood: view.ahead.likelihood,
    lookbackMonths: Math.max(1, view.lookbackMonths), earlyWarning: view.earlyWarning,
  });
  const aheadFacts = (view: View) => scopeFacts(view,
    `ahead|${view.asOf}|${view.graceMonths}|${modelKey(view.model)}|${view.ahead.months}|${view.lookbackMonths}|${JSON.stringify(view.earlyWarning)}`,
    (selection) => renewalsAheadFactsOf(selection, aheadSettings(view)));
  const ahead = (view: View) =>
    cache.get(`ahead|${selectionKey(view)}|${view.asOf}|${view.graceMonths}|${modelKey(view.model)}|${JSON.stringify(view.ahead)}|${view.lookbackMonths}|${JSON.stringify(view.earlyWarning)}`,
      () => renewalsAheadCoreOf(selectionOf(view), aheadSettings(view), aheadFacts(view)));
  const validation = (view: View) =>
    cache.get(`validation|${selectionKey(view)}|${view.period.from}|${view.period.to}|${view.graceMonths}|${view.asOf}|${modelKey(view.model)}`,
      () => healthValidationOf(selectionOf(view), view, validationFacts(view)));
  const validationFacts = (view: View) => scopeFacts(view,
    `validation|${view.period.from}|${view.period.to}|${view.graceMonths}|${view.asOf}|${modelKey(view.model)}`,
    (selection) => healthValidationFactsOf(selection, view, renewals(view, view.period, view.asOf)));
  const breakdowns = (view: View) => {
    const result: Partial<Record<BreakdownDimension, GroupSummary[]>> = {};
    for (const dimension of view.breakdownDimensions) result[dimension] = breakdown(view, dimension);
    return result;
  };

  /** A row set's rows for a view, as a table (narrowed to a drill-down's accounts), cached until evicted. */
  const tableOf = <N extends RowSetName>(view: View, rowSet: N): RowTable<RowSetRows[N]> => {
    const all = cache.get(`rows|${rowSet}|${JSON.stringify({ ...view, selection: null })}`, () => buildTable(view, rowSet)) as RowTable<RowSetRows[N]>;
    const { selection } = view;
    if (!selection) return all;
    return cache.get(`rows|${rowSet}|${JSON.stringify(view)}`, () => {
      const keep = new Uint8Array(index.accounts.length);
      for (const position of drillDownPositions(selectionOf(view), selection, view)) keep[position] = 1;
      return narrowTable(all, (position) => keep[position] === 1);
    });
  };

  const buildTable = (view: View, rowSet: RowSetName): RowTable<unknown> => {
    switch (rowSet) {
      case 'accounts':
        return accountSummaryTable(selectionOf(view), view, { renewals: renewals(view, view.period, view.asOf) });
      case 'movements':
        return movementsTable(index, waterfall(view, view.period, view.asOf));
      case 'renewals':
        return renewalsTable(index, renewals(view, view.period, view.asOf));
      case 'health-scores':
        return healthScoresTable(index, healthScores(view));
      case 'quadrant-accounts':
        return quadrantTable(index, quadrants(view));
      case 'transitions':
        return transitionsTable(index, transitions(view));
      case 'early-warnings':
        return warningsTable(index, warnings(view, view.period.to));
      case 'retention-accounts':
        return retentionTable(index, retention(view, view.period));
      case 'renewals-ahead':
        return renewalsAheadTable(index, ahead(view));
    }
  };

  /** Each part of a summary on its own, so a widget can ask for just the one it shows. */
  const parts: { [K in SummaryPart]: (view: View) => SummaryParts[K] } = {
    kpis,
    waterfall: (view) => {
      const { movementColumns: _movements, openingAt: _openingAt, closingAt: _closingAt, customers: _customers, ...figures } = waterfall(view, view.period, view.asOf);
      return figures;
    },
    retention: (view) => {
      const { positions, startArr: _startArr, endArr: _endArr, ...figures } = retention(view, view.period);
      return { ...figures, accountCount: positions.length };
    },
    renewals: (view) => renewalFigures(renewals(view, view.period, view.asOf)),
    renewalFunnel: (view) => funnelOfCore(index, renewals(view, view.period, view.asOf)),
    healthScores: (view) => {
      const scores = healthScores(view);
      return { month: scores.month, accountCount: scores.positions.length, tiers: scores.tierCounts };
    },
    healthDistribution: distribution,
    healthTransitions: (view) => {
      const { positions: _p, fromCodes: _f, toCodes: _t, kindCodes: _k, ...figures } = transitions(view);
      return figures;
    },
    healthQuadrants: (view) => {
      const quad = quadrants(view);
      const { matrix: _m, positions, cells: _c, arr, ...figures } = quad;
      const largest = largestFirst(arr, QUADRANT_POINTS);
      return { ...figures, points: Array.from(largest, (i) => ({ ...quadrantRow(index, quad, i), name: names(positions[i] as number) })), accountCount: positions.length };
    },
    nps: (view) => nps(view, view.period),
    earlyWarnings: (view) => {
      const { items, ...figures } = warnings(view, view.period.to);
      return { ...figures, count: items.length, arr: items.reduce((sum, item) => sum + item.arr, 0) };
    },
    cohorts: allCohorts,
    csmScorecard: scorecard,
    csAttribution: attribution,
    breakdowns,
    arrTrend: (view) => trend(view),
    renewalsAhead: (view) => {
      const { rows: _rows, renewal: _renewal, status: _status, tier: _tier, risk: _risk, expected: _expected, ...figures } = ahead(view);
      return figures;
    },
    healthValidation: validation,
  };

  const summaryOf = (view: View): DashboardSummary => {
    const { kpis: kpiPair, ...rest } = Object.fromEntries(SUMMARY_PARTS.map((part) => [part, parts[part](view)])) as unknown as SummaryParts;
    return {
      period: view.period,
      comparisonPeriod: view.comparisonPeriod,
      asOf: view.asOf,
      graceMonths: view.graceMonths,
      model: view.model,
      accountCount: selectionOf(view).positions.length,
      ...kpiPair,
      ...rest,
    };
  };

  /**
   * The CSMs a scope's accounts name, and those its accounts' leads, advocacy and revenue credit: what a dataset of
   * the scope's own records lists as `csms` (`accountSubsets`).
   */
  function scopeCsms(scope: EngineScope): ReadonlySet<string | undefined> {
    if (scope.csms) return scope.csms;
    const named = new Set<string | undefined>();
    index.accounts.forEach((account, position) => { if (scope.mask[position] === 1 && account.csmId !== undefined) named.add(account.csmId); });
    const codes = csmCodes(index);
    const leads = recordColumns(index, 'leads');
    for (let row = 0; row < leads.account.length; row += 1) {
      const code = codes.leads[row] as number;
      if (code >= 0 && scope.mask[leads.account[row] as number] === 1) named.add(codes.ids[code]);
    }
    for (const name of ['advocacy', 'revenue'] as const) {
      const columns = recordColumns<{ accountId?: string; csmId?: string }>(index, name);
      for (let row = 0; row < columns.account.length; row += 1) {
        if (scope.mask[columns.account[row] as number] !== 1) continue;
        const csmId = columns.records.at(row)?.csmId;
        if (csmId !== undefined) named.add(csmId);
      }
    }
    scope.csms = named;
    return named;
  }

  const measureKeysOf = (scope: EngineScope | null): string[] => {
    const measures = measureColumns(index);
    if (!scope) return [...measures.keys].sort();
    const seen = new Uint8Array(measures.keys.length);
    for (let row = 0; row < measures.key.length; row += 1) if (scope.mask[measures.account[row] as number] === 1) seen[measures.key[row] as number] = 1;
    return measures.keys.filter((_, code) => seen[code] === 1).sort();
  };
  /** The scope's accounts and the CSMs they name, with the dataset's currency: what a scoped engine's `dataset` holds. */
  const scopeDataset = (scope: EngineScope): Dataset => {
    const accounts = index.accounts.filter((_, position) => scope.mask[position] === 1);
    const named = scopeCsms(scope);
    const { csms, ...rest } = index.dataset;
    return { ...rest, accounts, ...(csms ? { csms: csms.filter((csm) => named.has(csm.id)) } : {}) };
  };

  const api = (scope: EngineScope | null): PreparedDataset => {
    const resolve = (options: ViewOptions): View => ({ ...resolveView(options), scope });
    let scopeData: Dataset | null = null;
    let scopeKeys: string[] | null = null;
    let scopePeriod: Period | null | undefined;
    const spans = scope ? accountSpans(index) : null;
    const engine: PreparedDataset = {
      get dataset() {
        return scope ? (scopeData ??= scopeDataset(scope)) : index.dataset;
      },
      accountCount: scope ? scope.count : index.accounts.length,
      view: (options) => { const { scope: _scope, ...view } = resolve(options); return view; },
      scoped: (accountIds) => api(engineScope(index, accountIds, scope)),
      dashboard(options) {
        const view = resolve(options);
        const ren = renewals(view, view.period, view.asOf);
        return {
          period: view.period,
          comparisonPeriod: view.comparisonPeriod,
          asOf: view.asOf,
          graceMonths: view.graceMonths,
          model: view.model,
          ...kpis(view),
          waterfall: waterfallResult(index, waterfall(view, view.period, view.asOf)),
          retention: retentionResult(selectionOf(view), retention(view, view.period)),
          renewals: renewalSummary(index, ren),
          nps: nps(view, view.period),
          earlyWarnings: warnings(view, view.period.to),
          renewalFunnel: funnelOfCore(index, ren),
          healthScores: healthScoresResult(index, healthScores(view)),
          healthDistribution: distribution(view),
          healthTransitions: transitionsResult(index, transitions(view)),
          healthQuadrants: quadrantsResult(index, quadrants(view)),
          cohorts: allCohorts(view),
          csmScorecard: scorecard(view),
          csAttribution: attribution(view),
          breakdowns: breakdowns(view),
        };
      },
      summary: (options) => summaryOf(resolve(options)),
      metric(options, part) {
        if (typeof part !== 'string' || !Object.prototype.hasOwnProperty.call(parts, part)) {
          throw new RangeError(`metric must be one of ${SUMMARY_PARTS.join(', ')}, got ${JSON.stringify(part)}`);
        }
        const view = resolve(options);
        return cache.get(`metric|${part}|${JSON.stringify(view)}`, () => parts[part](view));
      },
      kpis: (options) => kpis(resolve(options)),
      prefetch(options) {
        const all = unfiltered(resolve(options));
        const compare = all.comparisonPeriod;
        const compareAsOf = compare ? lastDayOfMonth(compare.to) : all.asOf;
        return [
          () => { waterfallFacts(all, all.period, all.asOf); }, () => { renewals(all, all.period, all.asOf); },
          ...(compare ? [() => { waterfallFacts(all, compare, compareAsOf); }, () => { renewals(all, compare, compareAsOf); }] : []),
          () => { accountTotals(all); }, () => { aheadFacts(all); }, () => { validationFacts(all); },
        ];
      },
      *warm(options) {
        const view = resolve(options);
        const months = [view.period.to, view.comparisonPeriod?.to ?? view.period.to, view.asOf.slice(0, 7)].map(monthIndex);
        yield* arrThroughWork(index, Math.max(...months));
        yield* warmHealthModelWork(index, view.model);
      },
      rowsAll: (options, rowSet) => {
        const table = tableOf(resolve(options), rowSet);
        return Array.from({ length: table.length }, (_, i) => table.row(i));
      },
      rows(options, rowSet, query = {}) {
        const view = resolve(options);
        const spec = ROW_SETS[rowSet] as unknown as RowSetSpec<RowSetRows[typeof rowSet]> | undefined;
        if (!spec || !Object.prototype.hasOwnProperty.call(ROW_SETS, rowSet)) {
          throw new RangeError(`rowSet must be one of ${Object.keys(ROW_SETS).join(', ')}, got ${JSON.stringify(rowSet)}`);
        }
        const { offset, limit } = checkQuery(spec, query);
        const table = tableOf(view, rowSet);
        const order = cache.get(`order|${rowSet}|${JSON.stringify(view)}|${orderKey(query)}`, () => queryOrder(spec, table, query));
        // `count` is the view's rows before a drill-down, filters and search narrow them: "12 of 2,000 rows".
        return { ...pageOf(spec, table, order, offset, limit), count: view.selection ? tableOf({ ...view, selection: null }, rowSet).length : table.length };
      },
      drillDown(options, target) {
        const view = resolve(options);
        return drillDownPositions(selectionOf(view), target, view).map((position) => (index.accounts[position] as { id: string }).id);
      },
      accountIds(options) {
        const selection = selectionOf(resolve(options));
        return Array.from(selection.positions, (position) => (index.accounts[position] as { id: string }).id);
      },
      memory: () => indexMemory(index),
      measureKeys: () => (scopeKeys ??= measureKeysOf(scope)).slice(),
      defaultPeriod: () => {
        const freshest = spans && scope ? spanOver(spans.freshest, scope.mask, Math.max) : index.freshestMonth;
        return periodEndingIn(freshest === null ? null : monthFromIndex(freshest));
      },
      accountStory(options, accountId) {
        const view = resolve(options);
        const selection = selectionOf(view);
        const position = typeof accountId === 'string' ? index.positionOf.get(accountId) : undefined;
        // An account outside the view's accounts (a viewer's scope) is answered as one that does not exist.
        if (position === undefined || !isSelected(selection, position)) throw new UnknownAccountError(accountId);
        return cache.get(`story|${accountId}|${JSON.stringify({ ...view, selection: null })}`, () => accountStoryAt(selection, position, view));
      },
      dataPeriod: () => {
        if (index.arrLast < index.arrStart) return null;
        if (!spans || !scope) return { from: monthFromIndex(index.arrStart), to: monthFromIndex(index.arrLast) };
        if (scopePeriod === undefined) {
          const first = spanOver(spans.arrFirst, scope.mask, Math.min);
          const last = spanOver(spans.arrLast, scope.mask, Math.max);
          scopePeriod = first === null || last === null ? null : { from: monthFromIndex(first), to: monthFromIndex(last) };
        }
        return scopePeriod === null ? null : { ...scopePeriod };
      },
      filterOptions(options = {}) {
        const filters = options.filters ?? {};
        activeFilters(filters);
        const accountIds = checkAccountIds(options.accountIds);
        const result = {} as FilterOptions;
        const csmNames = new Map((index.dataset.csms ?? []).map((csm) => [csm.id, csm.name]));
        for (const dimension of BREAKDOWN_DIMENSIONS) {
          // Each field's choices come from the accounts the other filters keep, so a chosen value never hides its siblings.
          const { [dimension]: _own, ...others } = filters;
          const selection = selectionOf({ filters: others, accountIds, scope });
          const column = dimensionColumn(index, dimension);
          const counts = new Int32Array(column.values.length);
          for (const position of selection.positions) counts[column.codes[position] as number] = (counts[column.codes[position] as number] as number) + 1;
          result[dimension] = column.values.flatMap((value, code) => {
            if ((counts[code] as number) === 0) return [];
            const label = dimension === 'csmId' ? csmNames.get(value) : undefined;
            return [{ value, count: counts[code] as number, ...(label === undefined ? {} : { label }) }];
          });
        }
        return result;
      },
    };
    return engine;
  };
  return api(null);
}

/** The smallest or largest value of a per-account column over a scope's accounts (null where none has one). */
function spanOver(values: Int32Array, mask: Uint8Array, pick: (a: number, b: number) => number): number | null {
  let found: number | null = null;
  for (let p = 0; p < mask.length; p += 1) {
    const value = values[p] as number;
    if (mask[p] === 1 && value !== NO_MONTH) found = found === null ? value : pick(found, value);
  }
  return found;
}
