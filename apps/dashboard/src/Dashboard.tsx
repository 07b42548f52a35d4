/**
 * The dashboard's layout: header and settings, filters, the KPIs, and one panel per widget. Charts and tables read
 * their own numbers from the Provider (a chart given no `data` reads its metric), so an answer redraws the one widget
 * it is for; the dark theme is the root's `cskit-dark` class, which every widget inherits.
 */
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
import type { CohortMeasure } from '@cskit/metrics';
import { useCsActions, useCsBusy, useCsError, useCsmScorecard, useCsStore, useDrillDown } from '@cskit/react';
import type { DrillDown } from '@cskit/react';
import { SAMPLE_HEALTH_MODEL } from '@cskit/sample-data';
import { AccountsTable, CsmLeaderboard, EarlyWarningTable, RenewalsAheadTable, RenewalsTable } from '@cskit/table';
import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import { useAccountNav, useCsmNav } from './components/account-nav.js';
import { Breadcrumb } from './components/Breadcrumb.js';
import { FiltersBar } from './components/FiltersBar.js';
import { ImportPanel } from './components/ImportPanel.js';
import { KpiHeader } from './components/KpiHeader.js';
import { Panel } from './components/Panel.js';
import { SettingsPanel } from './components/SettingsPanel.js';
import { ComparePanel } from './components/ComparePanel.js';
import { TargetsPanel } from './components/TargetsPanel.js';
import { TEXT } from './i18n.js';
import type { AppText } from './i18n.js';
import type { Data } from './sources.js';

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

function CohortPanel({ text, onSelect }: { text: AppText; onSelect: (selection: DrillDown) => void }) {
  const [cohortMeasure, setCohortMeasure] = useState<CohortMeasure>('logo');
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
      <CohortHeatmap measure={cohortMeasure} onSelect={onSelect} exportable={text.cohorts} />
    </>
  );
}

/** The CSM leaderboard: a table of the scorecard metric; a CSM's name opens their page. */
function Leaderboard({ text }: { text: AppText }) {
  const scorecard = useCsmScorecard();
  const csmNav = useCsmNav();
  if (!scorecard) return <p role="status">{text.computing}</p>;
  return (
    <>
      <CsmLeaderboard data={scorecard} height={360} {...csmNav} />
      {/* Team rows (SPEC 6 figures summed over each team's CSMs), the same columns. */}
      {scorecard.teams.length > 0 ? (
        <>
          <h4 className="panel__subtitle">{text.teams}</h4>
          <CsmLeaderboard data={{ ...scorecard, csms: scorecard.teams }} height={230} caption={text.teams} nameHeader={text.team} />
        </>
      ) : null}
    </>
  );
}

export function Dashboard({ theme, setTheme, data }: { theme: 'light' | 'dark'; setTheme: (theme: 'light' | 'dark') => void; data: Data }) {
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
          <p className="app__subtitle">{data.imported ? text.subtitleImported(accountCount, data.imported) : text.subtitle(accountCount)}</p>
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
      {panel === 'settings' ? <section className="drawer" aria-label={text.settings}><SettingsPanel text={text} defaultModel={SAMPLE_HEALTH_MODEL} setTargets={data.setTargets} /></section> : null}
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
          <Panel title={text.arrTrend}><ArrTrend onSelect={onSelect} exportable={text.arrTrend} /></Panel>
          <Panel title={text.rateTrend}><RateTrend target={1} targetLabel={text.nrrTarget} exportable={text.rateTrend} /></Panel>
        </div>
        <h2 className="section-title">{text.ahead}<small>{text.aheadHint}</small></h2>
        <div className="grid">
          <Panel title={text.aheadChart} wide><RenewalsAheadChart onSelect={onSelect} exportable={text.aheadChart} height={280} /></Panel>
          <Panel title={text.aheadTable} wide><RenewalsAheadTable height={320} {...nav} /></Panel>
        </div>
        <h2 className="section-title">{text.retain}<small>{text.retainHint}</small></h2>
        <div className="grid">
          <Panel title={text.waterfall}><ArrWaterfall onSelect={onSelect} exportable={text.waterfall} /></Panel>
          <Panel title={text.funnel}><RenewalFunnel onSelect={onSelect} exportable={text.funnel} /></Panel>
          <Panel title={text.quadrant}><HealthQuadrant onSelect={onSelect} onOpenAccount={nav.onOpenAccount} exportable={text.quadrant} /></Panel>
          <Panel title={text.distribution}><HealthDistribution onSelect={onSelect} exportable={text.distribution} /></Panel>
          <Panel title={text.transitions}><HealthTransitions onSelect={onSelect} exportable={text.transitions} /></Panel>
          <Panel title={text.validation}><HealthValidationChart exportable={text.validation} /></Panel>
          <Panel title={text.earlyWarnings}><EarlyWarningTable height={300} {...nav} /></Panel>
          <Panel title={text.renewals} wide><RenewalsTable height={320} {...nav} /></Panel>
        </div>
        <h2 className="section-title">{text.expand}<small>{text.expandHint}</small></h2>
        <div className="grid">
          <Panel title={text.attribution}><AttributionBars onSelect={onSelect} exportable={text.attribution} /></Panel>
          <Panel title={text.npsTitle}><NpsBreakdown onSelect={onSelect} exportable={text.npsTitle} /></Panel>
          <Panel title={text.nrrBySegment}>
            <SegmentBars dimension="segment" value={(g) => g.result.nrr} valueLabel={text.nrr} format="percent" onSelect={onSelect} exportable={text.nrrBySegment} />
          </Panel>
          <Panel title={text.netNewByRegion}>
            <SegmentBars dimension="region" value={(g) => g.result.netNew} valueLabel={text.netNewArr} format="currency" onSelect={onSelect} exportable={text.netNewByRegion} />
          </Panel>
          <Panel title={text.arrByChannel}>
            <SegmentBars dimension="channel" value={(g) => g.result.arr} valueLabel={text.arr} format="currency" onSelect={onSelect} exportable={text.arrByChannel} />
          </Panel>
        </div>
        <h2 className="section-title">{text.land}<small>{text.landHint}</small></h2>
        <div className="grid">
          <Panel title={text.cohorts} wide>
            <CohortPanel text={text} onSelect={onSelect} />
          </Panel>
          <Panel title={text.leaderboard} wide>
            <Leaderboard text={text} />
          </Panel>
          <Panel title={text.targets} wide>
            <TargetsPanel text={text} />
          </Panel>
        </div>
        <h2 className="section-title">{text.compareSection}<small>{text.compareSectionHint}</small></h2>
        <div className="grid">
          <Panel title={text.compare} wide>
            <ComparePanel text={text} onSelect={onSelect} />
          </Panel>
        </div>
        <div ref={accountsRef} tabIndex={-1} className="accounts-anchor">
          <h2 className="section-title" id="accounts">{text.accounts}</h2>
          <Breadcrumb text={text} />
          <AccountsTable height={520} {...nav} />
        </div>
      </main>
    </div>
  );
}
