/**
 * The engine's loop over computations (core/part.ts): each value cached by the computation's name, the accounts the
 * view covers and the settings and arguments the computation declares; values a narrowed view can sum from the facts
 * of every account's view taken from those facts, kept apart so a view's many entries never push them out.
 */
import { LruCache } from '../core/cache.js';
import type { Computation, EngineScope, EngineView, FactsStep, PartContext, Scoping, Setting, SettingsOf } from '../core/metric.js';
import { activeFilters } from '../data/dimensions.js';
import type { DatasetIndex } from '../data/dataset-index.js';
import { filterMask, selectMask, type Selection } from '../data/selection.js';

/**
 * Results kept: about one view's parts, cores and row orders. More would keep more garbage-collected objects alive
 * and slow every view down (measured on the 100k demo's requests: 128 entries cost 10-15% more than 64).
 */
const MAX_CACHED = 64;
/**
 * Facts kept for views of every account, which narrowed views of the same settings are summed from: a view keeps up
 * to seven (its period's and its comparison's waterfall and renewals, its account totals, the renewals ahead, the
 * health validation), and every view shares the targets' progress (asked of the owners' view whatever the filters),
 * so about two views' worth and the targets. (At 12, a period change pushed the targets out: 170 ms at 100,000.)
 */
const MAX_FACTS = 16;
/**
 * Bytes of typed arrays the results and the facts may hold each: what bounds an engine's memory however many viewers,
 * scopes and settings it answers (at 100,000 accounts a view's facts take about 40 MB, its results less).
 */
const MAX_CACHED_BYTES = 128 * 2 ** 20;
/** A selection of fewer than a sixteenth of the accounts is computed for itself rather than summed from facts. */
const SMALL_SELECTION = 16;

type AnyComputation = Computation<Setting, readonly unknown[], unknown>;

export interface Computer {
  readonly ctx: PartContext;
  /** The result cache, for entries keyed by a whole view (parts, row tables, orders, stories). */
  readonly cache: LruCache;
  /** Keeps the facts of a step for the view of every account with `view`'s settings (`prefetch`). */
  keepFacts(view: EngineView, step: FactsStep): void;
  /** The key of a step's facts: steps with one key are one step. */
  factsKey(view: EngineView, step: FactsStep): string;
}

/**
 * The computations of an index. `keepCompact`: this engine keeps the facts computations keep only in a compact
 * engine (`keep: 'compact'`), else only when prefetched. `scopeCsms` lists the CSMs a scope's accounts name.
 */
export function createComputer(
  index: DatasetIndex, keepCompact: boolean, scopeCsms: (scope: EngineScope) => ReadonlySet<string | undefined>,
): Computer {
  const cache = new LruCache(MAX_CACHED, MAX_CACHED_BYTES);
  const facts = new LruCache(MAX_FACTS, MAX_CACHED_BYTES);
  const keys = viewKeys();

  const selection = (view: Scoping): Selection =>
    cache.get(`selection|${keys.selection(view)}`, () => {
      const mask = filterMask(index, view.filters, view.accountIds);
      const scope = view.scope?.mask;
      if (!scope) return selectMask(index, mask);
      if (!mask) return selectMask(index, scope);
      for (let p = 0; p < mask.length; p += 1) mask[p] = (mask[p] as number) & (scope[p] as number);
      return selectMask(index, mask);
    });
  /** Whether a view sees fewer than all accounts: it then sums from the facts every account's view keeps. */
  const narrowed = (view: Scoping) => view.scope !== null || view.accountIds !== null || activeFilters(view.filters).length > 0;
  /**
   * A view of few accounts (a CSM's book) is computed for them alone: summing them from every account's facts walks
   * every account's rows, which costs more than their own (the result is the same either way).
   */
  const small = (view: Scoping) => selection(view).positions.length * SMALL_SELECTION < index.accounts.length;

  /** The key of a computation's facts: its name and settings (facts are of every account, so no selection). */
  const factsKeyOf = (c: AnyComputation, view: SettingsOf<Setting>, args: readonly unknown[]) => `${c.name}|${keys.settings(c, view, args)}`;
  /** The facts of a view of every account, kept (a computation without their own `of` keeps its own value). */
  const keptFacts = (c: AnyComputation, view: SettingsOf<Setting>, args: readonly unknown[]): unknown =>
    facts.get(factsKeyOf(c, view, args), () => (c.facts?.of ?? c.of)(ctx, view, ...args));

  const use = (c: AnyComputation, view: SettingsOf<Setting>, args: readonly unknown[]): unknown => {
    const key = () => `${c.name}|${keys.selection(view)}|${keys.settings(c, view, args)}`;
    const way = c.facts;
    if (!way) return cache.get(key(), () => c.of(ctx, view, ...args));
    const factsKey = factsKeyOf(c, view, args);
    const result = way.result ?? ((kept: unknown) => kept);
    if (!narrowed(view)) {
      if (way.keep === 'always' || keepCompact) return result(keptFacts(c, view, args));
      const found = facts.peek(factsKey);
      return found === undefined ? cache.get(key(), () => c.of(ctx, view, ...args)) : result(found);
    }
    const found = small(view) ? undefined : facts.peek(factsKey);
    const derive = way.derive;
    if (found !== undefined && !derive) return found;
    return cache.get(key(), () => (found === undefined || !derive ? c.of(ctx, view, ...args) : derive(ctx, view, found, ...args)));
  };

  const ctx: PartContext = {
    index,
    selection,
    use: (c, view, ...args) => use(c as unknown as AnyComputation, view as SettingsOf<Setting>, args) as never,
    scopeCsms: (view) => (view.scope ? scopeCsms(view.scope) : null),
    name: (position) => (index.accounts[position] as { name: string }).name,
  };
  /** The view of every account with the same settings: what narrowed views sum from. */
  const unfiltered = (view: EngineView): EngineView => ({ ...view, filters: {}, accountIds: null, scope: null, selection: null });
  return {
    ctx,
    cache,
    keepFacts(view, { computation: c, args }) {
      if (c.facts) keptFacts(c, unfiltered(view), args);
    },
    factsKey: (view, { computation: c, args }) => factsKeyOf(c, view, args),
  };
}

/**
 * Cache keys of views, computed once per view object: the accounts a view covers (its engine's scope, its account
 * ids, its filters) and each setting's JSON.
 */
function viewKeys() {
  const selections = new WeakMap<Scoping, string>();
  const settingsOf = new WeakMap<object, Map<Setting, string>>();
  const setting = (view: SettingsOf<Setting>, name: Setting): string => {
    let known = settingsOf.get(view);
    if (!known) settingsOf.set(view, (known = new Map()));
    let json = known.get(name);
    if (json === undefined) known.set(name, (json = JSON.stringify(view[name]) ?? 'undefined'));
    return json;
  };
  return {
    selection(view: Scoping): string {
      let key = selections.get(view);
      if (key === undefined) {
        key = `${JSON.stringify(view.filters)}|${view.scope?.key ?? '*'}|${view.accountIds === null ? '*' : JSON.stringify(view.accountIds)}`;
        selections.set(view, key);
      }
      return key;
    },
    settings(c: AnyComputation, view: SettingsOf<Setting>, args: readonly unknown[]): string {
      let key = '';
      for (const name of c.reads) key += `${setting(view, name)}|`;
      return args.length === 0 ? key : key + JSON.stringify(args);
    },
  };
}
