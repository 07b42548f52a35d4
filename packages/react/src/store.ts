/**
 * The per-Provider state of a cskit widget tree: a zustand vanilla store, created once per `CsKitProvider`
 * (never a module-level singleton), so two widget trees on one page never share filters or selections.
 */
import { addMonthsToMonth, previousPeriod, validateDataset } from '@cskit/metrics';
import type { BreakdownDimension, DataIssue, Dataset, HealthModelInput, Period, ValidationResult } from '@cskit/metrics';
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';

export type CsLocale = 'zh-CN' | 'en-US';
export type CurrencyDisplay = 'symbol' | 'narrowSymbol' | 'code' | 'name';

/** The account fields a dashboard filters on. */
export type FilterKey = Extract<BreakdownDimension, 'segment' | 'region' | 'industry' | 'channel' | 'csmId' | 'salesRepId'>;
export const FILTER_KEYS: readonly FilterKey[] = ['segment', 'region', 'industry', 'channel', 'csmId', 'salesRepId'];

/** Per field, the values to keep (`'(none)'` keeps accounts without the field); an absent or empty list keeps all. */
export type CsFilters = Partial<Record<FilterKey, readonly string[]>>;

/** A drill-down: the accounts behind a chart mark, and a label saying where they came from. */
export interface CsSelection {
  accountIds: ReadonlySet<string>;
  /** Shown in breadcrumbs, e.g. "Quadrant: critical". */
  label: string;
  /** The widget that made the selection, e.g. `'health-quadrant'`. */
  source?: string;
}

export interface EarlyWarningSettings {
  threshold: number;
  months: number;
}

/**
 * What KPIs are compared with: the period of the same length just before, the same months a year earlier, none,
 * or a fixed period.
 */
export type Comparison = 'previous' | 'previous-year' | 'none' | Period;

/** What a store starts with when `createCsStore` is not told otherwise is noted on each field. */
export interface CsSettings {
  /** Default: the twelve months ending where the data is freshest (see `defaultPeriod`). */
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
  /** Validates `raw` once and keeps the valid records; the issues are in `issues`. */
  setDataset(raw: unknown): void;
  setPeriod(period: Period): void;
  setComparison(comparison: Comparison): void;
  setFilter(key: FilterKey, values: readonly string[]): void;
  setFilters(filters: CsFilters): void;
  clearFilters(): void;
  select(selection: { accountIds: Iterable<string>; label: string; source?: string }): void;
  clearSelection(): void;
  setModel(model: HealthModelInput): void;
  setGraceMonths(graceMonths: number): void;
  setEarlyWarning(settings: Partial<EarlyWarningSettings>): void;
  setLookbackMonths(months: number): void;
  setLocale(locale: CsLocale): void;
  setCurrencyDisplay(display: CurrencyDisplay): void;
}

export interface CsState extends CsSettings {
  /** The valid records of the last dataset given. */
  dataset: Dataset;
  /** What validation rejected or warned about; nothing is dropped without an entry here. */
  issues: DataIssue[];
  selection: CsSelection | null;
  actions: CsActions;
}

/**
 * Raw records to validate, or the result of a `validateDataset` already run elsewhere (a Web Worker, a server),
 * so a large dataset is not validated twice on the main thread.
 */
export type CsStoreInit = ({ dataset: unknown } | { validated: ValidationResult }) & Partial<CsSettings>;
export type CsStore = StoreApi<CsState>;

export const DEFAULT_EARLY_WARNING: EarlyWarningSettings = { threshold: 0.3, months: 3 };

/** The comparison period a setting stands for, or null for none. */
export function comparisonPeriodOf(period: Period, comparison: Comparison): Period | null {
  if (comparison === 'none') return null;
  if (comparison === 'previous') return previousPeriod(period);
  if (comparison === 'previous-year') return { from: addMonthsToMonth(period.from, -12), to: addMonthsToMonth(period.to, -12) };
  return comparison;
}

/** Twelve months ending at the month of the latest contract start or ARR snapshot: where the data is freshest. */
function defaultPeriod(dataset: Dataset): Period {
  let latest = '';
  for (const contract of dataset.contracts ?? []) if (contract.start > latest) latest = contract.start;
  for (const snapshot of dataset.arr ?? []) if (snapshot.month > latest) latest = snapshot.month;
  if (latest === '') return { from: '2025-01', to: '2025-12' };
  const year = Number(latest.slice(0, 4));
  const month = Number(latest.slice(5, 7));
  const to = `${year}-${String(month).padStart(2, '0')}`;
  const from = `${month === 12 ? year : year - 1}-${String((month % 12) + 1).padStart(2, '0')}`;
  return { from, to };
}

export function createCsStore(init: CsStoreInit): CsStore {
  const validated = 'validated' in init ? init.validated : validateDataset(init.dataset);
  return createStore<CsState>()((set) => ({
    dataset: validated.dataset,
    issues: validated.issues,
    period: init.period ?? defaultPeriod(validated.dataset),
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
        const next = validateDataset(raw);
        set({ dataset: next.dataset, issues: next.issues, selection: null });
      },
      setPeriod: (period) => set({ period }),
      setComparison: (comparison) => set({ comparison }),
      setFilter: (key, values) => set((state) => ({ filters: { ...state.filters, [key]: [...values] } })),
      setFilters: (filters) => set({ filters }),
      clearFilters: () => set({ filters: {} }),
      select: ({ accountIds, label, source }) =>
        set({ selection: { accountIds: new Set(accountIds), label, ...(source === undefined ? {} : { source }) } }),
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
