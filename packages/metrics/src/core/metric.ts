/**
 * The contract of a metric, which every metric family states once and the engine (`prepareDataset`) runs as a
 * loop. Two kinds of entries:
 *
 * - A `Computation` is a cached step over a view's accounts (a waterfall's core, the renewals due, the accounts' health
 *   scores). It declares the view settings it reads: the engine derives its cache key from them (with the accounts
 *   the view covers and the computation's arguments), never from a key written by hand. Its `of` receives the view
 *   typed to those settings only, so reading an undeclared one, or asking another computation that reads one, fails
 *   to compile. A computation may also say how a narrowed view (filters, account ids, a viewer's scope) derives it
 *   from the facts of every account's view (`facts`): the engine keeps those facts and sums from them.
 * - A metric (`defineMetric`) is one entry of a summary (`summary(view)`, `metric(view, name)`): how its figures are shaped from
 *   computations, its entry in `dashboard(view)` with per-account lists where the dashboard has one, and the facts a
 *   host prefetches for it. `SUMMARY_PARTS`, the summary and dashboard types and `prefetch` all derive from the one
 *   list of metrics (engine/registry.ts).
 *
 * A second backend (the SQL engine) provides other `of` functions for the same computation names; the metrics, which
 * only shape results, are shared. This module holds types and two identity functions (for inference) only.
 */
import type { DatasetIndex } from '../data/dataset-index.js';
import type { Selection } from '../data/selection.js';
import type { View as ResolvedView } from '../engine/view.js';

/** The accounts a scoped engine answers for (`engine.scoped(ids)`), keyed uniquely. */
export interface EngineScope {
  readonly key: string;
  readonly mask: Uint8Array;
  readonly count: number;
  /** The CSMs its accounts and their records name (its scorecard's rows, its dataset's `csms`), once asked. */
  csms?: ReadonlySet<string | undefined>;
  toJSON(): string;
}

/** A resolved view inside an engine: the client's view and the scope of the engine it was asked of. */
export type EngineView = ResolvedView & { scope: EngineScope | null };

/** The settings of a view a computation can read (the accounts it covers are always part of its key). */
export type Setting = 'period' | 'comparisonPeriod' | 'asOf' | 'graceMonths' | 'model' | 'earlyWarning' | 'lookbackMonths' | 'ahead' | 'breakdownDimensions';

/** Which accounts a view covers: its filters, its account ids and its engine's scope. */
export type Scoping = Pick<EngineView, 'filters' | 'accountIds' | 'scope'>;

/** A view as a computation that reads the settings `R` sees it. */
export type SettingsOf<R extends Setting> = Scoping & Pick<EngineView, R>;

/** What the engine gives a computation or a metric. */
export interface PartContext {
  readonly index: DatasetIndex;
  /** The accounts a view covers (its scope, account ids and filters), cached. */
  selection(view: Scoping): Selection;
  /** Another computation's value for a view, cached by the settings that computation reads. */
  use<R extends Setting, A extends readonly unknown[], T>(computation: Computation<R, A, T>, view: SettingsOf<R>, ...args: A): T;
  /** The CSMs a scoped view's accounts name (a scope's scorecard rows), or null for a view of every account. */
  scopeCsms(view: Scoping): ReadonlySet<string | undefined> | null;
  /** An account's name by position. */
  name(position: number): string;
}

/**
 * How a narrowed view derives a computation from the facts of every account's view with the same settings. The
 * result is the same either way, to the last bit (property tested).
 */
export interface FactsWay<R extends Setting, A extends readonly unknown[], T, F> {
  /** `'always'`: every engine keeps them for views of every account; `'compact'`: a compact engine, or `prefetch`. */
  readonly keep: 'always' | 'compact';
  /** The facts, over every account of `view` (absent: the computation's own value over every account). */
  of?(ctx: PartContext, view: SettingsOf<R>, ...args: A): F;
  /** The value for every account from the facts (absent: the facts are the value). */
  result?(facts: F): T;
  /** A narrowed view's value from every account's facts (absent: the facts serve it as they are). */
  derive?(ctx: PartContext, view: SettingsOf<R>, facts: F, ...args: A): T;
}

export interface Computation<R extends Setting, A extends readonly unknown[], T, F = unknown> {
  /** Unique among computations: the first part of its cache keys, and what a second backend implements. */
  readonly name: string;
  /** The settings it reads, its own and those of the computations it uses. */
  readonly reads: readonly R[];
  /** Its value over the view's accounts (`ctx.selection(view)`). */
  of(ctx: PartContext, view: SettingsOf<R>, ...args: A): T;
  readonly facts?: FactsWay<R, A, T, F>;
}

/** A computation and arguments whose facts `prefetch` keeps. */
export interface FactsStep {
  readonly computation: Computation<Setting, readonly unknown[], unknown>;
  readonly args: readonly unknown[];
}

export interface MetricDefinition<K extends string, S, D = never> {
  /** Its name in a summary, in `metric(view, name)` and in the protocol. */
  readonly name: K;
  /** Its figures without per-account lists (those are row sets). */
  summary(ctx: PartContext, view: EngineView): S;
  /** Its entry in `dashboard(view)`, per-account lists included; absent where the dashboard has none. */
  dashboard?(ctx: PartContext, view: EngineView): D;
  /** Its fields sit at the top of a summary and a dashboard instead of under its name (the KPIs). */
  readonly spread?: boolean;
  /** The facts of every account's view that filtered views of these settings sum this metric from. */
  prefetch?(view: EngineView): FactsStep[];
}

/** A computation, its settings and arguments inferred (an identity function). */
export function computation<const R extends Setting, A extends readonly unknown[], T, F = T>(definition: Computation<R, A, T, F>): Computation<R, A, T, F> {
  return definition;
}

/** A metric, its types inferred (an identity function). */
export function defineMetric<const K extends string, S, D = never>(definition: MetricDefinition<K, S, D>): MetricDefinition<K, S, D> {
  return definition;
}

/** A prefetch step for a computation. */
export function factsStep<R extends Setting, A extends readonly unknown[], T>(computation: Computation<R, A, T>, ...args: A): FactsStep {
  return { computation: computation as unknown as FactsStep['computation'], args };
}
