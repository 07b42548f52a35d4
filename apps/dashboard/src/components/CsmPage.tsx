/**
 * One CSM's page (`?csm=ID`, opened from the leaderboard; seed 000): their book's key figures, health mix, renewals
 * ahead, credit (CS-attributed revenue) and targets, and the book itself. The widgets are the dashboard's own under a
 * Provider of the same source whose view keeps this CSM's accounts (`filters: { csmId }`) and the dashboard's
 * settings when the page opened, so every figure is the engine's for that book.
 */
import { AttributionBars } from '@cskit/charts/attribution';
import { HealthDistribution } from '@cskit/charts/distribution';
import { RenewalsAheadChart } from '@cskit/charts/renewals-ahead';
import { CsKitProvider, useCsStore, useFilterOptions } from '@cskit/react';
import { AccountsTable } from '@cskit/table';
import { useEffect, useRef, useState } from 'react';
import type { MouseEvent, RefObject } from 'react';
import type { AppText } from '../i18n.js';
import type { Data } from '../sources.js';
import { useAccountNav } from './account-nav.js';
import { KpiHeader } from './KpiHeader.js';
import { Panel } from './Panel.js';
import { CreditTables } from './CreditTables.js';
import { TargetsPanel } from './TargetsPanel.js';

export interface CsmPageProps {
  csmId: string;
  text: AppText;
  theme: 'light' | 'dark';
  data: Data;
  /** The dashboard's address, for the back link. */
  dashboardHref: string;
  onBack: () => void;
}

export function CsmPage({ csmId, text, theme, data, dashboardHref, onBack }: CsmPageProps) {
  // The dashboard's settings as the page opens (period, comparison, model...), with this CSM's accounts only.
  const settings = useCsStore((s) => s);
  const [options] = useState(() => ({
    period: settings.period, comparison: settings.comparison, model: settings.model, graceMonths: settings.graceMonths,
    earlyWarning: settings.earlyWarning, lookbackMonths: settings.lookbackMonths, locale: settings.locale, filters: { csmId: [csmId] },
  }));
  const heading = useRef<HTMLHeadingElement | null>(null);
  useEffect(() => {
    heading.current?.focus();
  }, [csmId]);
  const back = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    onBack();
  };
  return (
    <main className="account-page" aria-labelledby="csm-title">
      <nav className="account-page__nav">
        <a href={dashboardHref} onClick={back}>{`← ${text.backToDashboard}`}</a>
      </nav>
      {/* A Provider of its own per CSM: the same source (no second worker), a view of this book. */}
      <CsKitProvider key={csmId} source={data.source} options={options}>
        <CsmHeading csmId={csmId} text={text} heading={heading} />
        <KpiHeader text={text} />
        <div className="grid">
          <Panel level={2} title={text.distribution}><HealthDistribution theme={theme} exportable={text.distribution} /></Panel>
          <Panel level={2} title={text.aheadChart}><RenewalsAheadChart theme={theme} exportable={text.aheadChart} height={260} /></Panel>
          <Panel level={2} title={text.csmCredit}><AttributionBars theme={theme} exportable={text.csmCredit} /></Panel>
          <Panel level={2} title={text.creditDetail} wide><CreditTables text={text} /></Panel>
          <Panel level={2} title={text.targets} wide><TargetsPanel text={text} csmId={csmId} /></Panel>
          <Panel level={2} title={text.csmBook} wide><Book /></Panel>
        </div>
      </CsKitProvider>
    </main>
  );
}

function CsmHeading({ csmId, text, heading }: { csmId: string; text: AppText; heading: RefObject<HTMLHeadingElement | null> }) {
  const options = useFilterOptions();
  const name = options?.csmId?.find((choice) => choice.value === csmId)?.label ?? csmId;
  return (
    <h1 id="csm-title" ref={heading} tabIndex={-1} className="account-page__title">
      <small>{text.csmPage}</small>
      {name}
    </h1>
  );
}

/** The CSM's accounts, their names opening account pages as on the dashboard. */
function Book() {
  const nav = useAccountNav();
  return <AccountsTable height={400} {...nav} />;
}
