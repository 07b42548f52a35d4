/**
 * The per-Provider state of a cskit widget tree: a zustand vanilla store, created once per `CsKitProvider`
 * (never a module-level singleton), so two widget trees on one page never share filters or selections. It holds
 * the view's settings, the drill-down selection and the source the numbers come from.
 */
import { defaultPeriod, validateDataset, viewOf } from '@cskit/metrics';
import type {
  AccountFilters, BreakdownDimension, Comparison, DataIssue, Dataset, DatasetInfo, DatasetInput, DrillDownTarget, HealthModelInput, Period, ValidationResult,
  ViewOptions,
} from '@cskit/metrics';
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import { localSource } from './source.js';
import type { CsSource } from './source.js';

export type CsLocale = 'zh-CN' | 'en-US';
export type CurrencyDisplay = 'symbol' | 'narrowSymbol' | 'code' | 'name';

/** The account fields a dashboard filters on: every dimension of `@cskit/metrics` (SPEC 6). */
export type FilterKey = BreakdownDimension;
export const FILTER_KEYS: readonly FilterKey[] = ['segment', 'region', 'industry', 'channel', 'csmId', 'team', 'salesRepId', 'stage', 'signedMonth'];

/** Per field, the values to keep (`'(none)'` keeps accounts without the field); an absent or empty list keeps all. */
export type CsFilters = AccountFilters;

/** A drill-down: the accounts behind a chart mark (as a target the source resolves), and where they came from. */
export interface CsSelection {
  target: DrillDownTarget;
  /** Shown in breadcrumbs, e.g. "Quadrant: critical". */
  label: string;
  /** The widget that made the selection, e.g. `'health-quadrant'`. */
  source?: string;
}

export interface EarlyWarningSettings {
  threshold: number;
  months: number;
}

/** What a store starts with when `createCsStore` is not told otherwise is noted on each field. */
export interface CsSettings {
  /** Default: the twelve months ending where the data is freshest (`defaultPeriod`). */
  period: Period;
  /** Default `'previous'`. */
  comparison: Comparison;
  /** Default none. */
  filters: CsFilters;
  /** Default `{}`: the SPEC's default model. */
  model: HealthModelInput;
  /** Default 0, as in @cskit/metrics. */
  graceMonths: number;
  /** Default threshold 0.3 over 3 months (SPEC 5). */
  earlyWarning: EarlyWarningSettings;
  /** Default 12 (SPEC 6). */
  lookbackMonths: number;
  /** Default `'en-US'`. */
  locale: CsLocale;
  /** Default `'symbol'`. */
  currencyDisplay: CurrencyDisplay;
}

export interface CsActions {
  /**
   * Validates `raw` once and answers from it in the page; the issues are in `issues`. Typed `DatasetInput` so a
   * misspelled field is a compile error; data from outside is validated all the same (input that is not an object
   * at all is an error issue, not a throw).
   */
  setDataset(raw: DatasetInput): void;
  /** Answers from another source (a worker with new data, a server). */
  setSource(source: CsSource, info?: DatasetInfo | null): void;
  setPeriod(period: Period): void;
  setComparison(comparison: Comparison): void;
  setFilter(key: FilterKey, values: readonly string[]): void;
  setFilters(filters: CsFilters): void;
  clearFilters(): void;
  /** A drill-down: a target the source resolves, or a plain list of account ids. */
  select(selection: { target: DrillDownTarget; label: string; source?: string } | { accountIds: Iterable<string>; label: string; source?: string }): void;
  clearSelection(): void;
  setModel(model: HealthModelInput): void;
  setGraceMonths(graceMonths: number): void;
  setEarlyWarning(settings: Partial<EarlyWarningSettings>): void;
  setLookbackMonths(months: number): void;
  setLocale(locale: CsLocale): void;
  setCurrencyDisplay(display: CurrencyDisplay): void;
  /** What the source says of its data (remote sources send it once): currency, and the default period. */
  setInfo(info: DatasetInfo): void;
}

export interface CsState extends CsSettings {
  source: CsSource;
  /** The valid records when the data is in the page (a local source); null otherwise. */
  dataset: Dataset | null;
  /** What validation rejected or warned about; nothing is dropped without an entry here. */
  issues: DataIssue[];
  /** The reporting currency of the data. */
  currency: string;
  /** The source's description of its data, once known. */
  info: DatasetInfo | null;
  /** The period came from the data, not from the host: a source's `info` may still move it. */
  periodFromData: boolean;
  selection: CsSelection | null;
  actions: CsActions;
}

/**
 * Raw records to validate, the result of a `validateDataset` already run elsewhere, or a source (a worker, a
 * server), with any settings.
 */
export type CsStoreInit = ({ dataset: DatasetInput | undefined } | { validated: ValidationResult } | { source: CsSource; info?: DatasetInfo }) & Partial<CsSettings>;
export type CsStore = StoreApi<CsState>;

export const DEFAULT_EARLY_WARNING: EarlyWarningSettings = { threshold: 0.3, months: 3 };

/** A period until an asynchronous source says where its data is. */
const PLACEHOLDER_PERIOD: Period = { from: '2025-01', to: '2025-12' };

/**
 * The view of a store's settings (`viewOf` of `@cskit/metrics`): what every hook asks its source for. The
 * drill-down selection is left out (it narrows row sets, which add it themselves), so a drill-down never
 * recomputes a chart.
 */
export function viewOfState(state: CsSettings, extra: Partial<ViewOptions> = {}): ViewOptions {
  return viewOf({ ...state, selection: undefined }, extra);
}

/**
 * `validateDataset`, with input that is not a dataset object at all (`null`, an array, a string from a failed fetch)
 * reported as an error issue of an empty dataset instead of thrown: a Provider given such input renders empty
 * widgets and reports why (`useCsIssues`, `onIssues`), never a thrown render that unmounts the page.
 */
export function validateSafely(raw: unknown): ValidationResult {
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) return validateDataset(raw);
  const got = raw === null ? 'null' : Array.isArray(raw) ? 'an array' : typeof raw;
  return {
    dataset: { accounts: [] },
    issues: [{ severity: 'error', collection: 'dataset', index: -1, message: `expected a dataset object such as { accounts: [...] }, got ${got}` }],
  };
}

function dataOf(init: CsStoreInit): { source: CsSource; dataset: Dataset | null; issues: DataIssue[]; info: DatasetInfo | null } {
  if ('source' in init) return { source: init.source, dataset: init.source.dataset ?? null, issues: [], info: init.info ?? null };
  const validated = 'validated' in init ? init.validated : validateSafely(init.dataset);
  return { source: localSource(validated.dataset), dataset: validated.dataset, issues: validated.issues, info: null };
}

export function createCsStore(init: CsStoreInit): CsStore {
  const data = dataOf(init);
  const fromData = data.dataset ? defaultPeriod(data.dataset) : data.info?.defaultPeriod ?? null;
  return createStore<CsState>()((set, get) => ({
    ...data,
    currency: data.dataset?.currency ?? data.info?.currency ?? 'USD',
    period: init.period ?? fromData ?? PLACEHOLDER_PERIOD,
    periodFromData: init.period === undefined && fromData === null,
    comparison: init.comparison ?? 'previous',
    filters: init.filters ?? {},
    selection: null,
    model: init.model ?? {},
    graceMonths: init.graceMonths ?? 0,
    earlyWarning: { ...DEFAULT_EARLY_WARNING, ...init.earlyWarning },
    lookbackMonths: init.lookbackMonths ?? 12,
    locale: init.locale ?? 'en-US',
    currencyDisplay: init.currencyDisplay ?? 'symbol',
    actions: {
      setDataset: (raw) => {
        const next = validateSafely(raw);
        set({
          source: localSource(next.dataset), dataset: next.dataset, issues: next.issues, info: null,
          currency: next.dataset.currency ?? 'USD', selection: null,
        });
      },
      setSource: (source, info = null) => set({
        source, dataset: source.dataset ?? null, issues: [], info, selection: null,
        currency: source.dataset?.currency ?? info?.currency ?? get().currency,
      }),
      setInfo: (info) => set((state) => ({
        info,
        currency: state.dataset?.currency ?? info.currency,
        ...(state.periodFromData ? { period: info.defaultPeriod, periodFromData: false } : {}),
      })),
      setPeriod: (period) => set({ period, periodFromData: false }),
      setComparison: (comparison) => set({ comparison }),
      setFilter: (key, values) => set((state) => ({ filters: { ...state.filters, [key]: [...values] } })),
      setFilters: (filters) => set({ filters }),
      clearFilters: () => set({ filters: {} }),
      select: (selection) => set({
        selection: 'target' in selection
          ? { target: selection.target, label: selection.label, ...(selection.source === undefined ? {} : { source: selection.source }) }
          : { target: { kind: 'accounts', accountIds: [...selection.accountIds] }, label: selection.label, ...(selection.source === undefined ? {} : { source: selection.source }) },
      }),
      clearSelection: () => set({ selection: null }),
      setModel: (model) => set({ model }),
      setGraceMonths: (graceMonths) => set({ graceMonths }),
      setEarlyWarning: (settings) => set((state) => ({ earlyWarning: { ...state.earlyWarning, ...settings } })),
      setLookbackMonths: (lookbackMonths) => set({ lookbackMonths }),
      setLocale: (locale) => set({ locale }),
      setCurrencyDisplay: (currencyDisplay) => set({ currencyDisplay }),
    },
  }));
}
