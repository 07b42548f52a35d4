import { ArrWaterfall } from '@cskit/charts/waterfall';
import { AttributionBars } from '@cskit/charts/attribution';
import { CohortHeatmap } from '@cskit/charts/cohort-heatmap';
import { HealthDistribution } from '@cskit/charts/distribution';
import { RenewalFunnel } from '@cskit/charts/funnel';
import { NpsBreakdown } from '@cskit/charts/nps';
import { HealthQuadrant } from '@cskit/charts/quadrant';
import { SegmentBars } from '@cskit/charts/segment-bars';
import { HealthTransitions } from '@cskit/charts/transitions';
import { HealthValidationChart } from '@cskit/charts/validation';
import { ArrTrend } from '@cskit/charts/trend';
import { RateTrend } from '@cskit/charts/rate-trend';
import { RenewalsAheadChart } from '@cskit/charts/renewals-ahead';
import type { CohortMeasure, DatasetInfo, HealthModelInput } from '@cskit/metrics';
import { validateDataset } from '@cskit/metrics';
import {
  CsKitProvider, createCsStore, localSource, remoteSource, useArrWaterfall, useBreakdown, useCohorts, useCsActions, useCsAttribution, useCsError,
  useCsmScorecard, useCsBusy, useCsStore, useDrillDown, useHealthDistribution, useHealthQuadrants, useHealthTransitions, useNps,
  useRenewalFunnel, useArrTrend, useHealthValidation, useRenewalsAhead, workerSource,
} from '@cskit/react';
import type { CsSource, CsStore, DrillDown } from '@cskit/react';
import { generateDataset, SAMPLE_HEALTH_MODEL } from '@cskit/sample-data';
import { AccountsTable, CsmLeaderboard, EarlyWarningTable, RenewalsAheadTable, RenewalsTable } from '@cskit/table';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode, RefObject } from 'react';
import { AccountPage } from './components/AccountPage.js';
import { AccountNavContext, useAccountNav } from './components/account-nav.js';
import type { AccountNav } from './components/account-nav.js';
import { Breadcrumb } from './components/Breadcrumb.js';
import { FiltersBar } from './components/FiltersBar.js';
import { ImportPanel } from './components/ImportPanel.js';
import { KpiHeader } from './components/KpiHeader.js';
import { Panel } from './components/Panel.js';
import { SettingsPanel } from './components/SettingsPanel.js';
import type { DataMessage, DataReply } from './data.worker.js';
import { TEXT } from './i18n.js';
import type { AppText } from './i18n.js';
import { localImporter, workerImporter } from './import/importer.js';
import type { Importer } from './import/importer.js';
import { readView, withAccount, writeView } from './url-state.js';
import type { UrlView } from './url-state.js';

const DEFAULT_MODEL: HealthModelInput = SAMPLE_HEALTH_MODEL;

const CAN_USE_WORKER = typeof Worker !== 'undefined';

/** The data's current source: the worker's (named by its data version) or, without workers, the page's own. */
interface Data {
  source: CsSource;
  info: DatasetInfo | null;
  /** Switches back to the generated sample. */
  useSample: () => void;
  /** Reads, validates and (when asked) loads imported files, where the data is; null in server mode (the server owns the data). */
  importer: Importer | null;
  /** Server mode: the demo viewers and the one whose scope the server applies. */
  remote?: { viewers: DemoViewer[]; viewer: string; setViewer: (viewer: string) => void } | undefined;
}

interface DemoViewer {
  id: string;
  label: string;
}

/**
 * Without workers: the sample and any import live in the page, through the same engine and import steps;
 * `setSource` shows an imported dataset (null: the sample again).
 */
function localData(view: UrlView, setSource: (source: CsSource | null) => void): Data {
  const sample = localSource(validateDataset(generateDataset({ seed: view.seed, accounts: view.accounts })).dataset);
  return {
    source: sample, info: null,
    useSample: () => setSource(null),
    importer: localImporter((dataset) => setSource(localSource(dataset))),
  };
}

/** Bytes of answers the page received: read by `pnpm bench:dashboard` (`?bench`). */
declare global {
  interface Window {
    __cskitAnswerBytes?: number;
    __cskitComputeMs?: () => Promise<number>;
    /** With `bench`: the requests the worker answered before the last `__cskitComputeMs` call, with their ms. */
    __cskitComputeLog?: Array<[string, number]>;
  }
}

function countAnswer(_request: unknown, result: unknown): void {
  window.__cskitAnswerBytes = (window.__cskitAnswerBytes ?? 0) + JSON.stringify(result).length;
}

/**
 * Generates the sample in a Web Worker, which keeps it and answers every widget's requests; the page holds no
 * records. Without worker support the sample is computed in the page through the same engine.
 */
export function App() {
  const [view] = useState<UrlView>(() => readView(window.location.search));
  return view.remote ? <RemoteApp view={view} remote={view.remote} /> : <BrowserApp view={view} />;
}

/**
 * Server mode: every widget asks a `@cskit/server` handler (`remoteSource`); the page never holds records, and the
 * server answers for the picked demo viewer's scope only.
 */
function RemoteApp({ view, remote }: { view: UrlView; remote: string }) {
  const [viewer, setViewer] = useState(view.viewer ?? 'admin');
  const [viewers, setViewers] = useState<DemoViewer[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    fetch('/api/demo/viewers', { signal: controller.signal }).then((r) => (r.ok ? r.json() : []), () => []).then((list: DemoViewer[]) => setViewers(list), () => undefined);
    return () => controller.abort();
  }, []);
  // A new source per viewer: answers of one viewer are never shown to another (caches are per source).
  const source = useMemo(() => remoteSource({ url: remote, headers: { 'x-cskit-viewer': viewer } }), [remote, viewer]);
  const data: Data = { source, info: null, useSample: () => undefined, importer: null, remote: { viewers, viewer, setViewer } };
  return <Loaded view={view} data={data} />;
}

function BrowserApp({ view }: { view: UrlView }) {
  const [workerData, setData] = useState<Data | null>(null);
  const [localImport, setLocalImport] = useState<CsSource | null>(null);
  const [local] = useState<Data | null>(() => (CAN_USE_WORKER ? null : localData(view, setLocalImport)));
  const data = workerData ?? (local && { ...local, source: localImport ?? local.source });
  // The worker lives with the component (an effect, so React's StrictMode remount in `vite dev` gets a live one).
  useEffect(() => {
    if (!CAN_USE_WORKER) return undefined;
    const worker = new Worker(new URL('./data.worker.ts', import.meta.url), { type: 'module' });
    const bench = new URLSearchParams(window.location.search).has('bench');
    const post = (message: DataMessage) => worker.postMessage(message);
    const importer = workerImporter(worker);
    worker.addEventListener('message', (event: MessageEvent<DataReply>) => {
      const reply = event.data;
      if (reply.type !== 'ready') return;
      setData({
        source: workerSource(worker, `worker-${reply.version}`, bench ? { onAnswer: countAnswer } : {}),
        info: reply.info,
        useSample: () => post({ type: 'sample' }),
        importer,
      });
    });
    post({ type: 'generate', seed: view.seed, accounts: view.accounts, bench });
    if (bench) {
      // `pnpm bench:dashboard` asks how long the worker computed since it last asked.
      window.__cskitComputeMs = () => new Promise<number>((resolve) => {
        const onMessage = (event: MessageEvent<{ type: string; ms?: number; log?: Array<[string, number]> }>) => {
          if (event.data.type !== 'compute-ms') return;
          worker.removeEventListener('message', onMessage);
          window.__cskitComputeLog = event.data.log ?? [];
          resolve(event.data.ms ?? 0);
        };
        worker.addEventListener('message', onMessage);
        worker.postMessage({ type: 'compute-ms' });
      });
    }
    return () => worker.terminate();
  }, [view]);

  const text = TEXT[view.locale];
  if (!data) {
    return (
      <div className={view.theme === 'dark' ? 'app cskit-dark' : 'app'}>
        <p className="loading" role="status"><span className="spinner" aria-hidden="true" />{text.generating(view.accounts)}</p>
      </div>
    );
  }
  return <Loaded view={view} data={data} />;
}

function Loaded({ view, data }: { view: UrlView; data: Data }) {
  const [store] = useState<CsStore>(() => createCsStore({
    source: data.source, ...(data.info ? { info: data.info } : {}),
    period: view.period, comparison: view.comparison, filters: view.filters, locale: view.locale, model: DEFAULT_MODEL, graceMonths: 1,
  }));
  const [theme, setTheme] = useState(view.theme);
  const { account, nav, back } = useAccountPage(view.account);
  const text = TEXT[useStoreLocale(store)];
  return (
    <CsKitProvider store={store} source={data.source}>
      <UrlSync view={view} theme={theme} account={account} viewer={data.remote?.viewer ?? null} />
      <AccountNavContext.Provider value={nav}>
        {/* The dashboard stays mounted under an account page, so Back finds it as it was (scroll, tables, panels). */}
        <div hidden={account !== null}>
          <Dashboard theme={theme} setTheme={setTheme} data={data} />
        </div>
        {account !== null ? (
          <div className={theme === 'dark' ? 'app cskit-dark' : 'app'}>
            <AccountPage accountId={account} text={text} theme={theme} dashboardHref={withAccount(window.location.search, null)} onBack={back} />
          </div>
        ) : null}
      </AccountNavContext.Provider>
    </CsKitProvider>
  );
}

function useStoreLocale(store: CsStore) {
  const [locale, setLocale] = useState(store.getState().locale);
  useEffect(() => store.subscribe((state) => setLocale(state.locale)), [store]);
  return locale;
}

/**
 * The account page in the history: opening one pushes `?account=ID` (Back returns to the dashboard where it was:
 * scroll position and the element that opened it); Back and Forward move between them.
 */
function useAccountPage(initial: string | null) {
  const [account, setAccount] = useState<string | null>(initial);
  const returnTo = useRef<{ scrollY: number; focus: Element | null } | null>(null);
  useEffect(() => {
    const onPop = () => setAccount(readView(window.location.search).account);
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  // Back on the dashboard: restore its scroll and focus before the frame paints.
  useLayoutEffect(() => {
    if (account !== null || !returnTo.current) return;
    const { scrollY, focus } = returnTo.current;
    returnTo.current = null;
    window.scrollTo(0, scrollY);
    if (focus instanceof HTMLElement && focus.isConnected) focus.focus({ preventScroll: true });
  }, [account]);
  const nav = useMemo<AccountNav>(() => ({
    accountHref: (id) => withAccount(window.location.search, id),
    onOpenAccount: (id) => {
      returnTo.current = { scrollY: window.scrollY, focus: document.activeElement };
      window.history.pushState({ account: id }, '', withAccount(window.location.search, id));
      setAccount(id);
      window.scrollTo(0, 0);
    },
  }), []);
  const back = useCallback(() => {
    // Opened from the dashboard: go back in the history. Opened by a link (a fresh tab): replace it with the dashboard.
    if (returnTo.current) window.history.back();
    else {
      window.history.replaceState(null, '', withAccount(window.location.search, null));
      setAccount(null);
    }
  }, []);
  return { account, nav, back };
}

/**
 * Renders its child with what `hook` returns, so an answer redraws the one widget that reads it, not the whole
 * dashboard (a hook called in the dashboard's own body would re-render every panel on each answer).
 */
const Live = memo(function Live<T>({ hook, children }: { hook: () => T; children: (value: T) => ReactNode }) {
  const value = hook();
  // While a new answer is on its way the hook returns the previous one: the same element, so the chart is not redrawn.
  return useMemo(() => children(value), [children, value]);
}) as <T>(props: { hook: () => T; children: (value: T) => ReactNode }) => ReactNode;

const useHealthValidationData = () => useHealthValidation().data;

/**
 * The busy mark (the root's `data-pending` and the status line) in a component of its own, so the dashboard does
 * not re-render, and redraw every panel, each time a view starts or finishes computing.
 */
function BusyStatus({ root, text }: { root: RefObject<HTMLDivElement | null>; text: AppText }) {
  const pending = useCsBusy();
  const error = useCsError();
  useLayoutEffect(() => {
    root.current?.toggleAttribute('data-pending', pending);
  }, [root, pending]);
  return (
    <div className="status" role="status" aria-live="polite">
      {pending ? <span className="computing"><span className="spinner" aria-hidden="true" />{text.computing}</span> : null}
      {error ? <span className="error">{`${text.computeError}: ${error.message}`}</span> : null}
    </div>
  );
}

const useSegments = () => useBreakdown('segment');
const useRegions = () => useBreakdown('region');
const useChannels = () => useBreakdown('channel');

function CohortPanel({ text, onSelect, theme }: { text: AppText; onSelect: (selection: DrillDown) => void; theme: 'light' | 'dark' }) {
  const [cohortMeasure, setCohortMeasure] = useState<CohortMeasure>('logo');
  const cohorts = useCohorts(cohortMeasure);
  return (
    <>
      <label className="inline">
        {text.cohortMeasure}
        <select value={cohortMeasure} onChange={(e) => setCohortMeasure(e.target.value as CohortMeasure)}>
          <option value="logo">{text.logo}</option>
          <option value="arr">{text.arrKept}</option>
          <option value="activity">{text.activity}</option>
        </select>
      </label>
      <CohortHeatmap data={cohorts} onSelect={onSelect} theme={theme} exportable={text.cohorts} />
    </>
  );
}

/** Mirrors the store's view into the URL (replaceState: filters are not history entries). */
function UrlSync({ view, theme, account, viewer }: { view: UrlView; theme: 'light' | 'dark'; account: string | null; viewer: string | null }) {
  const period = useCsStore((s) => s.period);
  const comparison = useCsStore((s) => s.comparison);
  const filters = useCsStore((s) => s.filters);
  const locale = useCsStore((s) => s.locale);
  useEffect(() => {
    const search = writeView({ ...view, period, comparison, filters, locale, theme, account, viewer });
    if (search !== window.location.search) window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}`);
    document.documentElement.lang = locale;
  }, [view, period, comparison, filters, locale, theme, account, viewer]);
  return null;
}

function Dashboard({ theme, setTheme, data }: { theme: 'light' | 'dark'; setTheme: (theme: 'light' | 'dark') => void; data: Data }) {
  const locale = useCsStore((s) => s.locale);
  const accountCount = useCsStore((s) => s.info?.accountCount ?? s.dataset?.accounts.length ?? 0);
  const actions = useCsActions();
  const text = TEXT[locale];
  const rootRef = useRef<HTMLDivElement | null>(null);
  const drill = useDrillDown();
  const accountsRef = useRef<HTMLDivElement | null>(null);
  const [panel, setPanel] = useState<'settings' | 'import' | null>(null);
  const nav = useAccountNav();

  // A drill-down selects the accounts and brings the accounts table into view.
  const onSelect = useCallback((selection: DrillDown) => {
    drill(selection);
    accountsRef.current?.scrollIntoView({ block: 'start' });
    accountsRef.current?.focus({ preventScroll: true });
  }, [drill]);

  const backToSample = () => {
    data.useSample();
    setPanel(null);
  };

  return (
    <div ref={rootRef} className={theme === 'dark' ? 'app cskit-dark' : 'app'}>
      <header className="app__header">
        <div>
          <h1>{text.title}</h1>
          <p className="app__subtitle">{text.subtitle(accountCount)}</p>
        </div>
        <div className="app__actions">
          <label>
            {text.language}
            <select aria-label={text.language} value={locale} onChange={(e) => actions.setLocale(e.target.value === 'zh-CN' ? 'zh-CN' : 'en-US')}>
              <option value="en-US">English</option>
              <option value="zh-CN">中文</option>
            </select>
          </label>
          <button type="button" aria-pressed={theme === 'dark'} onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}>
            {`${text.theme}: ${theme === 'dark' ? text.dark : text.light}`}
          </button>
          <button type="button" aria-expanded={panel === 'settings'} onClick={() => setPanel(panel === 'settings' ? null : 'settings')}>{text.settings}</button>
          {data.importer ? (
            <button type="button" aria-expanded={panel === 'import'} onClick={() => setPanel(panel === 'import' ? null : 'import')}>{text.importData}</button>
          ) : null}
          {data.remote ? (
            <label>
              {text.viewer}
              <select aria-label={text.viewer} value={data.remote.viewer} onChange={(e) => data.remote?.setViewer(e.target.value)}>
                {(data.remote.viewers.some((v) => v.id === data.remote?.viewer) ? data.remote.viewers : [{ id: data.remote.viewer, label: data.remote.viewer }, ...data.remote.viewers])
                  .map((v) => <option key={v.id} value={v.id}>{v.label}</option>)}
              </select>
            </label>
          ) : null}
        </div>
      </header>
      {panel === 'settings' ? <section className="drawer" aria-label={text.settings}><SettingsPanel text={text} defaultModel={DEFAULT_MODEL} /></section> : null}
      {panel === 'import' && data.importer ? (
        <section className="drawer" aria-label={text.importTitle}>
          <h2>{text.importTitle}</h2>
          <ImportPanel text={text} importer={data.importer} onUseSample={backToSample} />
        </section>
      ) : null}
      <FiltersBar text={text} />
      <BusyStatus root={rootRef} text={text} />
      <main>
        <KpiHeader text={text} />
        <h2 className="section-title">{text.trends}<small>{text.trendsHint}</small></h2>
        <div className="grid">
          <Panel title={text.arrTrend}><Live hook={useArrTrend}>{(trend) => <ArrTrend data={trend} onSelect={onSelect} theme={theme} exportable={text.arrTrend} />}</Live></Panel>
          <Panel title={text.rateTrend}><Live hook={useArrTrend}>{(trend) => <RateTrend data={trend} target={1} targetLabel={text.nrrTarget} theme={theme} exportable={text.rateTrend} />}</Live></Panel>
        </div>
        <h2 className="section-title">{text.ahead}<small>{text.aheadHint}</small></h2>
        <div className="grid">
          <Panel title={text.aheadChart} wide><Live hook={useRenewalsAhead}>{(data) => <RenewalsAheadChart data={data} onSelect={onSelect} theme={theme} exportable={text.aheadChart} height={280} />}</Live></Panel>
          <Panel title={text.aheadTable} wide><RenewalsAheadTable height={320} theme={theme} {...nav} /></Panel>
        </div>
        <h2 className="section-title">{text.retain}<small>{text.retainHint}</small></h2>
        <div className="grid">
          <Panel title={text.waterfall}><Live hook={useArrWaterfall}>{(data) => <ArrWaterfall data={data} onSelect={onSelect} theme={theme} exportable={text.waterfall} />}</Live></Panel>
          <Panel title={text.funnel}><Live hook={useRenewalFunnel}>{(data) => <RenewalFunnel data={data} onSelect={onSelect} theme={theme} exportable={text.funnel} />}</Live></Panel>
          <Panel title={text.quadrant}><Live hook={useHealthQuadrants}>{(data) => <HealthQuadrant data={data} onSelect={onSelect} onOpenAccount={nav.onOpenAccount} theme={theme} exportable={text.quadrant} />}</Live></Panel>
          <Panel title={text.distribution}><Live hook={useHealthDistribution}>{(data) => <HealthDistribution data={data} onSelect={onSelect} theme={theme} exportable={text.distribution} />}</Live></Panel>
          <Panel title={text.transitions}><Live hook={useHealthTransitions}>{(data) => <HealthTransitions data={data} onSelect={onSelect} theme={theme} exportable={text.transitions} />}</Live></Panel>
          <Panel title={text.validation}><Live hook={useHealthValidationData}>{(validation) => <HealthValidationChart data={validation} theme={theme} exportable={text.validation} />}</Live></Panel>
          <Panel title={text.earlyWarnings}><EarlyWarningTable height={300} theme={theme} {...nav} /></Panel>
          <Panel title={text.renewals} wide><RenewalsTable height={320} theme={theme} {...nav} /></Panel>
        </div>
        <h2 className="section-title">{text.expand}<small>{text.expandHint}</small></h2>
        <div className="grid">
          <Panel title={text.attribution}><Live hook={useCsAttribution}>{(data) => <AttributionBars data={data} onSelect={onSelect} theme={theme} exportable={text.attribution} />}</Live></Panel>
          <Panel title={text.npsTitle}><Live hook={useNps}>{(data) => <NpsBreakdown data={data} onSelect={onSelect} theme={theme} exportable={text.npsTitle} />}</Live></Panel>
          <Panel title={text.nrrBySegment}>
            <Live hook={useSegments}>{(segments) => <SegmentBars data={segments} value={(g) => g.result.nrr} valueLabel={text.nrr} format="percent" onSelect={onSelect} theme={theme} exportable={text.nrrBySegment} />}</Live>
          </Panel>
          <Panel title={text.netNewByRegion}>
            <Live hook={useRegions}>{(regions) => <SegmentBars data={regions} value={(g) => g.result.netNew} valueLabel={text.netNewArr} format="currency" onSelect={onSelect} theme={theme} exportable={text.netNewByRegion} />}</Live>
          </Panel>
          <Panel title={text.arrByChannel}>
            <Live hook={useChannels}>{(channels) => <SegmentBars data={channels} value={(g) => g.result.arr} valueLabel={text.arr} format="currency" onSelect={onSelect} theme={theme} exportable={text.arrByChannel} />}</Live>
          </Panel>
        </div>
        <h2 className="section-title">{text.land}<small>{text.landHint}</small></h2>
        <div className="grid">
          <Panel title={text.cohorts} wide>
            <CohortPanel text={text} onSelect={onSelect} theme={theme} />
          </Panel>
          <Panel title={text.leaderboard} wide>
            <Live hook={useCsmScorecard}>{(scorecard) => (scorecard ? <CsmLeaderboard data={scorecard} height={360} theme={theme} /> : <p role="status">{text.computing}</p>)}</Live>
          </Panel>
        </div>
        <div ref={accountsRef} tabIndex={-1} className="accounts-anchor">
          <h2 className="section-title" id="accounts">{text.accounts}</h2>
          <Breadcrumb text={text} />
          <AccountsTable height={520} theme={theme} {...nav} />
        </div>
      </main>
    </div>
  );
}
