/**
 * `prepareDataset` (SPEC 11): index a dataset once, then answer any view from the index. A filter or a set of
 * account ids is a mask over account positions, never a copy of the data; each result is cached by exactly the
 * settings it reads (declared by its computation, engine/computer.ts), so a settings change recomputes only what reads
 * that setting, and two views that share a period and filters share their work.
 *
 * Results come two ways: `dashboard(view)` returns every SPEC result with its per-account lists (what
 * `computeDashboard` returns), and `summary(view)` the same figures without them, with each list readable in pages
 * through `rows(view, rowSet, query)`. Both are plain JSON, so a Web Worker or a server can answer them. What each
 * holds is the list of metrics (engine/registry.ts): the engine is a loop over it.
 */
import { accountStoryAt, UnknownAccountError, type AccountStory } from '../accounts/account-story.js';
import { monthFromIndex, monthIndex, periodEndingIn } from '../core/dates.js';
import type { EngineScope, EngineView, FactsStep, PartContext } from '../core/metric.js';
import { checkQuery, narrowTable, orderKey, pageOf, queryOrder, type RowPage, type RowQuery, type RowSetSpec, type RowTable } from '../core/rows.js';
import type { Dataset, Period } from '../core/types.js';
import type { Work } from '../core/work.js';
import { arrThroughWork, compactIndex, indexDataset, indexMemory, indexWithTargets, type DatasetIndex } from '../data/dataset-index.js';
import { validateDataset } from '../data/validate.js';
import { ticketColumns } from '../data/ticket-components.js';
import type { DataIssue } from '../core/types.js';
import { activityMatrix, activityRoles, snapshotSides, warmHealthModelWork } from '../data/monthly-records.js';
import { isSelected } from '../data/selection.js';
import { kpisMetric, type DashboardKpis } from '../kpis/metrics.js';
import { createComputer, type Computer } from './computer.js';
import { drillDownPositions, type DrillDownTarget } from './drill-down.js';
import { filterOptionsOf, type FilterOptions } from './filter-options.js';
import { METRICS, ROW_TABLES, SUMMARY_PARTS, type DashboardParts, type SummaryPart, type SummaryParts, type ViewHeader } from './registry.js';
import { ROW_SETS, type RowSetName, type RowSetRows } from './row-sets.js';
import { engineScope, measureKeysOf, scopeCsms, scopeDataPeriod, scopeDataset, scopeFreshestMonth } from './scope.js';
import { resolveView, type View as ResolvedView, type ViewOptions } from './view.js';

export type { ArrWaterfallSummary } from '../arr/metrics.js';
export type { HealthQuadrantsSummary } from '../health/metrics.js';
export { QUADRANT_POINTS } from '../health/metrics.js';
export type { DashboardKpis } from '../kpis/metrics.js';
export type { FilterOptions } from './filter-options.js';
export { SUMMARY_PARTS } from './registry.js';
export type { MetricName, MetricResults, SummaryPart, SummaryParts } from './registry.js';
export { METRIC_NAMES } from './registry.js';

/** Every result of `computeDashboard` for a view: its settings, its KPIs and each metric with its per-account lists. */
export interface Dashboard extends ViewHeader, Omit<DashboardParts, 'kpis'> {
  kpis: DashboardKpis;
  comparisonKpis: DashboardKpis | null;
}

/** Every figure of a dashboard without its per-account lists: those are row sets, read with `rows`. */
export interface DashboardSummary extends ViewHeader, Omit<SummaryParts, 'kpis'> {
  /** Accounts the view covers (after filters and account ids). */
  accountCount: number;
  kpis: DashboardKpis;
  comparisonKpis: DashboardKpis | null;
}

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
  /** One metric of `summary(view)`: what a single widget shows. */
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
  /**
   * This data with other targets (SPEC 14; a host's or the demo's targets editor): `targets` is validated as
   * `validateDataset` validates the collection (its issues returned, bad records left out), and the new engine shares
   * this one's index (columns, matrices, health models), so no record is read again. Not on a scoped engine.
   */
  withTargets(targets: unknown): { engine: PreparedDataset; issues: DataIssue[] };
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
    if (options.compact) compactIndex(index, (i) => { activityMatrix(i); activityRoles(i); snapshotSides(i); ticketColumns(i); });
    engine = createEngine(index, options.compact === true);
    engines.set(dataset, engine);
  }
  return engine;
}

/** The engine of an index built elsewhere (a `datasetBuilder`'s compact index): it keeps the facts of every view. */
export function engineOfIndex(index: DatasetIndex): PreparedDataset {
  const engine = createEngine(index, true);
  // The cache's keys as prepared, before answers add views' results: what a snapshot of the load holds
  // (engine/snapshot.ts). Keys, not values: an entry an answer replaced (the ARR matrix grown to a later month) is not
  // kept alive twice.
  asPrepared.set(engine, { index, keys: new Set(index.cache.keys()) });
  return engine;
}

const asPrepared = new WeakMap<PreparedDataset, { index: DatasetIndex; keys: ReadonlySet<string> }>();

/**
 * The index an engine of `engineOfIndex` answers from, with the entries of its cache that preparation made (as they
 * are now); null for other engines.
 */
export function preparedIndexOf(engine: PreparedDataset): { index: DatasetIndex; cache: ReadonlyMap<string, unknown> } | null {
  const prepared = asPrepared.get(engine);
  if (!prepared) return null;
  const { index, keys } = prepared;
  return { index, cache: new Map([...index.cache].filter(([key]) => keys.has(key))) };
}

function createEngine(index: DatasetIndex, keepFacts: boolean): PreparedDataset {
  const computer = createComputer(index, keepFacts, (scope) => scopeCsms(index, scope));
  return engineFor(index, computer, null);
}

/** Each metric's summary or dashboard entry for a view, under its name or spread at the top (the KPIs). */
function partsOf(ctx: PartContext, view: EngineView, which: 'summary' | 'dashboard'): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const metric of METRICS) {
    const make = (metric as { [K in typeof which]?: (ctx: PartContext, view: EngineView) => unknown })[which];
    if (!make) continue;
    const value = make(ctx, view);
    if (metric.spread) Object.assign(result, value);
    else result[metric.name] = value;
  }
  return result;
}

/**
 * A summary from the view's header, its accounts' count and each metric's entry (`partOf`, asked in summary order):
 * how an engine that answers each metric itself (`@cskit/sql`) assembles one, as `summary(view)` does.
 */
export async function summaryFromParts(header: ViewHeader, accountCount: number, partOf: (metric: SummaryPart) => Promise<unknown>): Promise<DashboardSummary> {
  const result: Record<string, unknown> = { ...header, accountCount };
  for (const metric of METRICS) {
    const value = await partOf(metric.name);
    if (metric.spread) Object.assign(result, value);
    else result[metric.name] = value;
  }
  return result as unknown as DashboardSummary;
}

/** What a summary opens with: the view's resolved settings. */
export const headerOf = (view: Pick<EngineView, 'period' | 'comparisonPeriod' | 'asOf' | 'graceMonths' | 'model'>): ViewHeader => ({
  period: view.period, comparisonPeriod: view.comparisonPeriod, asOf: view.asOf, graceMonths: view.graceMonths, model: view.model,
});

/** The facts steps of every metric for a view of every account with its settings, each once. */
function prefetchSteps(computer: Computer, view: EngineView): Array<() => void> {
  const steps = new Map<string, FactsStep>();
  for (const metric of METRICS) {
    const prefetch = (metric as { prefetch?: (view: EngineView) => FactsStep[] }).prefetch;
    for (const step of prefetch?.(view) ?? []) {
      const key = computer.factsKey(view, step);
      if (!steps.has(key)) steps.set(key, step);
    }
  }
  return [...steps.values()].map((step) => () => computer.keepFacts(view, step));
}

/** A row set's rows for a view, as a table (narrowed to a drill-down's accounts), cached until evicted. */
function tableOf<N extends RowSetName>(computer: Computer, view: EngineView, rowSet: N): RowTable<RowSetRows[N]> {
  const { cache, ctx } = computer;
  const all = cache.get(`rows|${rowSet}|${JSON.stringify({ ...view, selection: null })}`, () => ROW_TABLES[rowSet](ctx, view));
  const target = view.selection;
  if (!target) return all;
  return cache.get(`rows|${rowSet}|${JSON.stringify(view)}`, () => {
    const keep = new Uint8Array(ctx.index.accounts.length);
    for (const position of drillDownPositions(ctx.selection(view), target, view)) keep[position] = 1;
    return narrowTable(all, (position) => keep[position] === 1);
  });
}

/** A page of a row set: `count` is the view's rows before a drill-down, filters and search narrow them ("12 of 2,000"). */
function rowPage<N extends RowSetName>(computer: Computer, view: EngineView, rowSet: N, query: RowQuery): RowPage<RowSetRows[N]> {
  const spec = ROW_SETS[rowSet] as unknown as RowSetSpec<RowSetRows[N]> | undefined;
  if (!spec || !Object.prototype.hasOwnProperty.call(ROW_SETS, rowSet)) {
    throw new RangeError(`rowSet must be one of ${Object.keys(ROW_SETS).join(', ')}, got ${JSON.stringify(rowSet)}`);
  }
  const { offset, limit } = checkQuery(spec, query);
  const table = tableOf(computer, view, rowSet);
  const order = computer.cache.get(`order|${rowSet}|${JSON.stringify(view)}|${orderKey(query)}`, () => queryOrder(spec, table, query));
  return { ...pageOf(spec, table, order, offset, limit), count: view.selection ? tableOf(computer, { ...view, selection: null }, rowSet).length : table.length };
}

/** The views' answers of an engine, or of a scope of it (sharing its index, caches and facts). */
function engineFor(indexOf: DatasetIndex, computer: Computer, scope: EngineScope | null): PreparedDataset {
  const { cache, ctx } = computer;
  const resolve = (options: ViewOptions): EngineView => ({ ...resolveView(options), scope });
  const selectionOf = (options: ViewOptions) => ctx.selection(resolve(options));
  const idsOf = (positions: Iterable<number>) => Array.from(positions, (position) => (indexOf.accounts[position] as { id: string }).id);
  const once = scopeFacts(indexOf, scope);
  return {
    get dataset() { return once.dataset(); },
    accountCount: scope ? scope.count : indexOf.accounts.length,
    view: (options) => { const { scope: _scope, ...view } = resolve(options); return view; },
    scoped: (accountIds) => engineFor(indexOf, computer, engineScope(indexOf, accountIds, scope)),
    withTargets: (targets) => {
      if (scope) throw new Error('withTargets: a scoped engine cannot replace the data\'s targets; call it on the whole engine');
      const { currency, fxRates, csms } = indexOf.dataset;
      const checked = validateDataset({ currency, ...(fxRates ? { fxRates } : {}), accounts: [], ...(csms ? { csms } : {}), targets });
      const issues = checked.issues.filter((issue) => issue.collection === 'targets');
      return { engine: createEngine(indexWithTargets(indexOf, checked.dataset.targets ?? []), true), issues };
    },
    dashboard(options) {
      const view = resolve(options);
      return { ...headerOf(view), ...partsOf(ctx, view, 'dashboard') } as unknown as Dashboard;
    },
    summary(options) {
      const view = resolve(options);
      return { ...headerOf(view), accountCount: ctx.selection(view).positions.length, ...partsOf(ctx, view, 'summary') } as unknown as DashboardSummary;
    },
    metric(options, part) {
      const found = typeof part === 'string' ? METRICS.find((p) => p.name === part) : undefined;
      if (!found) throw new RangeError(`metric must be one of ${SUMMARY_PARTS.join(', ')}, got ${JSON.stringify(part)}`);
      const view = resolve(options);
      return cache.get(`metric|${part}|${JSON.stringify(view)}`, () => found.summary(ctx, view)) as SummaryParts[typeof part];
    },
    kpis: (options) => kpisMetric.summary(ctx, resolve(options)),
    prefetch: (options) => prefetchSteps(computer, resolve(options)),
    *warm(options) {
      const view = resolve(options);
      const months = [view.period.to, view.comparisonPeriod?.to ?? view.period.to, view.asOf.slice(0, 7)].map(monthIndex);
      yield* arrThroughWork(indexOf, Math.max(...months));
      yield* warmHealthModelWork(indexOf, view.model);
    },
    rowsAll: (options, rowSet) => {
      const table = tableOf(computer, resolve(options), rowSet);
      return Array.from({ length: table.length }, (_, i) => table.row(i));
    },
    rows: (options, rowSet, query = {}) => rowPage(computer, resolve(options), rowSet, query),
    drillDown(options, target) {
      const view = resolve(options);
      return idsOf(drillDownPositions(ctx.selection(view), target, view));
    },
    accountIds: (options) => idsOf(selectionOf(options).positions),
    memory: () => indexMemory(indexOf),
    measureKeys: () => once.measureKeys().slice(),
    defaultPeriod: () => {
      const freshest = scope ? scopeFreshestMonth(indexOf, scope) : indexOf.freshestMonth;
      return periodEndingIn(freshest === null ? null : monthFromIndex(freshest));
    },
    accountStory(options, accountId) {
      const view = resolve(options);
      const selection = ctx.selection(view);
      const position = typeof accountId === 'string' ? indexOf.positionOf.get(accountId) : undefined;
      // An account outside the view's accounts (a viewer's scope) is answered as one that does not exist.
      if (position === undefined || !isSelected(selection, position)) throw new UnknownAccountError(accountId);
      return cache.get(`story|${accountId}|${JSON.stringify({ ...view, selection: null })}`, () => accountStoryAt(selection, position, view));
    },
    dataPeriod: () => {
      const period = once.dataPeriod();
      return period === null ? null : { ...period };
    },
    filterOptions: (options = {}) => filterOptionsOf(indexOf, options, scope, ctx.selection),
  };
}

/** What an engine says about its own data, computed once (a scope's from the mask over the shared index). */
function scopeFacts(index: DatasetIndex, scope: EngineScope | null) {
  let dataset: Dataset | null = null;
  let keys: string[] | null = null;
  let period: Period | null | undefined;
  return {
    dataset: () => (scope ? (dataset ??= scopeDataset(index, scope)) : index.dataset),
    measureKeys: () => (keys ??= measureKeysOf(index, scope)),
    dataPeriod(): Period | null {
      if (index.arrLast < index.arrStart) return null;
      if (!scope) return { from: monthFromIndex(index.arrStart), to: monthFromIndex(index.arrLast) };
      if (period === undefined) period = scopeDataPeriod(index, scope);
      return period;
    },
  };
}
