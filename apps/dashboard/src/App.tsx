import { ArrWaterfall } from '@cskit/charts/waterfall';
import { AttributionBars } from '@cskit/charts/attribution';
import { CohortHeatmap } from '@cskit/charts/cohort-heatmap';
import { HealthDistribution } from '@cskit/charts/distribution';
import { RenewalFunnel } from '@cskit/charts/funnel';
import { NpsBreakdown } from '@cskit/charts/nps';
import { HealthQuadrant } from '@cskit/charts/quadrant';
import { SegmentBars } from '@cskit/charts/segment-bars';
import { HealthTransitions } from '@cskit/charts/transitions';
import type { CohortMeasure, GroupSummary, HealthModelInput, ValidationResult } from '@cskit/metrics';
import { validateDataset } from '@cskit/metrics';
import { CsKitProvider, createCsStore, useCsActions, useCsStore, useCsStoreApi } from '@cskit/react';
import type { CsStore, DrillDown } from '@cskit/react';
import { generateDataset, SAMPLE_HEALTH_MODEL } from '@cskit/sample-data';
import { AccountsTable, CsmLeaderboard, EarlyWarningTable, RenewalsTable } from '@cskit/table';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Breadcrumb } from './components/Breadcrumb.js';
import { FiltersBar } from './components/FiltersBar.js';
import { ImportPanel } from './components/ImportPanel.js';
import { KpiHeader } from './components/KpiHeader.js';
import { Panel } from './components/Panel.js';
import { SettingsPanel } from './components/SettingsPanel.js';
import { MAIN_THREAD_LIMIT } from './compute.js';
import type { WorkerMessage, WorkerReply } from './compute.worker.js';
import { TEXT } from './i18n.js';
import { joinLongArrays } from './transfer.js';
import type { Part } from './transfer.js';
import { useDashboardDrill } from './use-drill.js';
import { useResults } from './use-results.js';
import { readView, writeView } from './url-state.js';
import type { UrlView } from './url-state.js';

const DEFAULT_MODEL: HealthModelInput = SAMPLE_HEALTH_MODEL;

const CAN_USE_WORKER = typeof Worker !== 'undefined';

function createWorker(): Worker | null {
  return !CAN_USE_WORKER ? null : new Worker(new URL('./compute.worker.ts', import.meta.url), { type: 'module' });
}

/** Loads the sample (in the worker when it is large), then mounts the dashboard with its own store. */
export function App() {
  const [view] = useState<UrlView>(() => readView(window.location.search));
  // The worker lives with the component (an effect, so React's StrictMode remount in `vite dev` gets a live one).
  const [worker, setWorker] = useState<Worker | null>(null);
  useEffect(() => {
    const created = createWorker();
    // The worker is an external resource owned by this effect; its handle has to reach render.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setWorker(created);
    return () => created?.terminate();
  }, []);
  const [validated, setValidated] = useState<ValidationResult | null>(() =>
    view.accounts <= MAIN_THREAD_LIMIT || !CAN_USE_WORKER ? validateDataset(generateDataset({ seed: view.seed, accounts: view.accounts })) : null);
  useEffect(() => {
    if (validated || !worker) return undefined;
    const parts: Part[] = [];
    const onMessage = (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
      if (reply.type === 'generated-part') parts.push(reply.part);
      if (reply.type === 'generated') setValidated(joinLongArrays(reply.validated, parts));
    };
    worker.addEventListener('message', onMessage);
    worker.postMessage({ type: 'generate', seed: view.seed, accounts: view.accounts } satisfies WorkerMessage);
    return () => worker.removeEventListener('message', onMessage);
  }, [validated, worker, view]);

  const text = TEXT[view.locale];
  if (!validated) {
    return (
      <div className={view.theme === 'dark' ? 'app cskit-dark' : 'app'}>
        <p className="loading" role="status"><span className="spinner" aria-hidden="true" />{text.generating(view.accounts)}</p>
      </div>
    );
  }
  return <Loaded view={view} validated={validated} worker={worker} inWorker={view.accounts > MAIN_THREAD_LIMIT && worker !== null} />;
}

/** `inWorker`: the worker generated the sample and holds it whole; the page has only its accounts and CSMs. */
function Loaded({ view, validated, worker, inWorker }: { view: UrlView; validated: ValidationResult; worker: Worker | null; inWorker: boolean }) {
  const [store] = useState<CsStore>(() => createCsStore({
    validated, period: view.period, comparison: view.comparison, filters: view.filters, locale: view.locale, model: DEFAULT_MODEL, graceMonths: 1,
  }));
  const [theme, setTheme] = useState(view.theme);
  const workerDataset = inWorker ? validated.dataset : null;
  return (
    <CsKitProvider store={store}>
      <UrlSync view={view} theme={theme} />
      <Dashboard theme={theme} setTheme={setTheme} worker={worker} workerDataset={workerDataset} sample={validated} />
    </CsKitProvider>
  );
}

/** Mirrors the store's view into the URL (replaceState: filters are not history entries). */
function UrlSync({ view, theme }: { view: UrlView; theme: 'light' | 'dark' }) {
  const period = useCsStore((s) => s.period);
  const comparison = useCsStore((s) => s.comparison);
  const filters = useCsStore((s) => s.filters);
  const locale = useCsStore((s) => s.locale);
  useEffect(() => {
    const search = writeView({ ...view, period, comparison, filters, locale, theme });
    if (search !== window.location.search) window.history.replaceState(null, '', `${window.location.pathname}${search}`);
    document.documentElement.lang = locale;
  }, [view, period, comparison, filters, locale, theme]);
  return null;
}

function Dashboard({ theme, setTheme, worker, workerDataset, sample }: {
  theme: 'light' | 'dark'; setTheme: (theme: 'light' | 'dark') => void; worker: Worker | null; workerDataset: ValidationResult['dataset'] | null;
  sample: ValidationResult;
}) {
  const store = useCsStoreApi();
  const locale = useCsStore((s) => s.locale);
  const dataset = useCsStore((s) => s.dataset);
  const actions = useCsActions();
  const text = TEXT[locale];
  const { result, pending, error } = useResults(worker, workerDataset);
  const drill = useDashboardDrill(worker, workerDataset);
  const accountsRef = useRef<HTMLDivElement | null>(null);
  const [panel, setPanel] = useState<'settings' | 'import' | null>(null);
  const [cohortMeasure, setCohortMeasure] = useState<CohortMeasure>('logo');
  const names = useMemo(() => new Map(dataset.accounts.map((a) => [a.id, a.name])), [dataset]);
  const csmNames = useMemo(() => new Map((dataset.csms ?? []).map((c) => [c.id, c.name])), [dataset]);
  const accountName = useCallback((id: string) => names.get(id) ?? id, [names]);

  // A drill-down selects the accounts and brings the accounts table into view.
  const onSelect = useCallback((selection: DrillDown) => {
    drill(selection);
    accountsRef.current?.scrollIntoView({ block: 'start' });
    accountsRef.current?.focus({ preventScroll: true });
  }, [drill]);

  const useSample = () => {
    store.setState({ dataset: sample.dataset, issues: sample.issues, selection: null });
    setPanel(null);
  };

  const dashboard = result?.dashboard;
  const segment = (g: GroupSummary) => g.nrr;
  return (
    <div className={theme === 'dark' ? 'app cskit-dark' : 'app'} data-pending={pending || undefined}>
      <header className="app__header">
        <div>
          <h1>{text.title}</h1>
          <p className="app__subtitle">{text.subtitle(dataset.accounts.length)}</p>
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
          <button type="button" aria-expanded={panel === 'import'} onClick={() => setPanel(panel === 'import' ? null : 'import')}>{text.importData}</button>
        </div>
      </header>
      {panel === 'settings' ? <section className="drawer" aria-label={text.settings}><SettingsPanel text={text} defaultModel={DEFAULT_MODEL} /></section> : null}
      {panel === 'import' ? <section className="drawer" aria-label={text.importTitle}><h2>{text.importTitle}</h2><ImportPanel text={text} onUseSample={useSample} /></section> : null}
      <FiltersBar text={text} />
      <div className="status" role="status" aria-live="polite">
        {pending ? <span className="computing"><span className="spinner" aria-hidden="true" />{text.computing}</span> : null}
        {error ? <span className="error">{`${text.computeError}: ${error}`}</span> : null}
      </div>
      {dashboard && result ? (
        <main>
          <KpiHeader dashboard={dashboard} text={text} />
          <h2 className="section-title">{text.retain}<small>{text.retainHint}</small></h2>
          <div className="grid">
            <Panel title={text.waterfall}><ArrWaterfall data={dashboard.waterfall} onSelect={onSelect} theme={theme} /></Panel>
            <Panel title={text.funnel}><RenewalFunnel data={dashboard.renewalFunnel} onSelect={onSelect} theme={theme} /></Panel>
            <Panel title={text.quadrant}><HealthQuadrant data={dashboard.healthQuadrants} onSelect={onSelect} accountName={accountName} theme={theme} /></Panel>
            <Panel title={text.distribution}><HealthDistribution data={dashboard.healthDistribution} onSelect={onSelect} theme={theme} /></Panel>
            <Panel title={text.transitions}><HealthTransitions data={dashboard.healthTransitions} onSelect={onSelect} theme={theme} /></Panel>
            <Panel title={text.earlyWarnings}><EarlyWarningTable data={dashboard.earlyWarnings} accountName={accountName} height={300} theme={theme} /></Panel>
            <Panel title={text.renewals} wide><RenewalsTable data={dashboard.renewals} accountName={accountName} height={320} theme={theme} /></Panel>
          </div>
          <h2 className="section-title">{text.expand}<small>{text.expandHint}</small></h2>
          <div className="grid">
            <Panel title={text.attribution}><AttributionBars data={dashboard.csAttribution} onSelect={onSelect} theme={theme} /></Panel>
            <Panel title={text.npsTitle}><NpsBreakdown data={dashboard.nps} onSelect={onSelect} theme={theme} /></Panel>
            <Panel title={text.nrrBySegment}>
              <SegmentBars data={{ dimension: 'segment', groups: dashboard.breakdowns.segment ?? [] }} value={segment} valueLabel={text.nrr} format="percent" onSelect={onSelect} theme={theme} />
            </Panel>
            <Panel title={text.netNewByRegion}>
              <SegmentBars data={{ dimension: 'region', groups: dashboard.breakdowns.region ?? [] }} value={(g) => g.netNew} valueLabel={text.netNewArr} format="currency" onSelect={onSelect} theme={theme} />
            </Panel>
            <Panel title={text.arrByChannel}>
              <SegmentBars data={{ dimension: 'channel', groups: dashboard.breakdowns.channel ?? [] }} value={(g) => g.arr} valueLabel={text.arr} format="currency" onSelect={onSelect} theme={theme} />
            </Panel>
          </div>
          <h2 className="section-title">{text.land}<small>{text.landHint}</small></h2>
          <div className="grid">
            <Panel title={text.cohorts} wide>
              <label className="inline">
                {text.cohortMeasure}
                <select value={cohortMeasure} onChange={(e) => setCohortMeasure(e.target.value as CohortMeasure)}>
                  <option value="logo">{text.logo}</option>
                  <option value="arr">{text.arrKept}</option>
                  <option value="activity">{text.activity}</option>
                </select>
              </label>
              <CohortHeatmap data={dashboard.cohorts[cohortMeasure]} onSelect={onSelect} theme={theme} />
            </Panel>
            <Panel title={text.leaderboard} wide>
              <CsmLeaderboard data={{ ...dashboard.csmScorecard, csms: dashboard.csmScorecard.csms.map((row) => ({ ...row, name: row.csmId ? csmNames.get(row.csmId) ?? row.name : row.name })) }} height={360} theme={theme} />
            </Panel>
          </div>
          <div ref={accountsRef} tabIndex={-1} className="accounts-anchor">
            <h2 className="section-title" id="accounts">{text.accounts}</h2>
            <Breadcrumb text={text} />
            <AccountsTable data={result.accounts} height={520} theme={theme} />
          </div>
        </main>
      ) : null}
    </div>
  );
}
