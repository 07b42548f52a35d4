/**
 * A Server Component: the numbers are computed here, on the server, with @cskit/metrics; the charts and the table
 * (client components of @cskit/charts and @cskit/table) render them, on the server first and then in the browser.
 * Only the results cross to the client, never the records.
 */
import { AccountStoryChart } from '@cskit/charts/account-story';
import { AttributionBars } from '@cskit/charts/attribution';
import { CohortHeatmap } from '@cskit/charts/cohort-heatmap';
import { HealthDistribution } from '@cskit/charts/distribution';
import { HealthDriversChart } from '@cskit/charts/drivers';
import { RenewalFunnel } from '@cskit/charts/funnel';
import { KpiCard } from '@cskit/charts/kpi-card';
import { NpsBreakdown } from '@cskit/charts/nps';
import { HealthQuadrant } from '@cskit/charts/quadrant';
import { RateTrend } from '@cskit/charts/rate-trend';
import { RenewalsAheadChart } from '@cskit/charts/renewals-ahead';
import { HealthTransitions } from '@cskit/charts/transitions';
import { ArrTrend } from '@cskit/charts/trend';
import { HealthValidationChart } from '@cskit/charts/validation';
import { ArrWaterfall } from '@cskit/charts/waterfall';
import { prepareDataset, validateDataset } from '@cskit/metrics';
import type { ViewOptions } from '@cskit/metrics';
import { createFormatters } from '@cskit/react/formatters';
import { generateDataset, SAMPLE_HEALTH_MODEL } from '@cskit/sample-data';
import { AccountsTable } from '@cskit/table';
import { NrrBySegment } from './breakdown';

// Rendered at build time from the sample (a host would read its database here). Validated before it is prepared, as
// any data from outside must be: records with errors are left out and listed (here, logged at build time).
export const dynamic = 'force-static';

export default function Page() {
  const { dataset, issues } = validateDataset(generateDataset({ seed: 2025, accounts: 300 }));
  if (issues.some((issue) => issue.severity === 'error')) console.warn(`cskit: ${issues.length} data issues`, issues.slice(0, 5));
  const engine = prepareDataset(dataset);
  const view: ViewOptions = { period: { from: '2025-01', to: '2025-12' }, graceMonths: 1, model: SAMPLE_HEALTH_MODEL, breakdownDimensions: ['segment'] };
  const summary = engine.summary(view);
  const accounts = engine.rowsAll(view, 'accounts');
  const story = engine.accountStory(view, accounts[0]?.accountId ?? '');
  const f = createFormatters({ locale: 'en-US', currency: 'USD' });
  const card = (title: string, chart: React.ReactNode) => <section className="card" aria-label={title}>{chart}</section>;
  return (
    <main>
      <h1>cskit on Next.js</h1>
      <p id="arr-line">{`ARR ${f.currency(summary.kpis.arr)}, NRR ${f.percent(summary.kpis.nrr)}, ${f.number(summary.accountCount, 0)} accounts`}</p>
      <div className="kpis">
        <KpiCard label="ARR" format="currency" data={{ value: summary.kpis.arr, comparison: summary.comparisonKpis?.arr ?? null }} />
        <KpiCard label="NRR" format="percent" data={{ value: summary.kpis.nrr, comparison: summary.comparisonKpis?.nrr ?? null }} />
      </div>
      <div className="grid">
        {card('ARR waterfall', <ArrWaterfall data={summary.waterfall} title="ARR waterfall" />)}
        {card('ARR trend', <ArrTrend data={summary.arrTrend} title="ARR trend" />)}
        {card('Retention', <RateTrend data={summary.arrTrend} target={1} title="Retention" />)}
        {card('Renewal funnel', <RenewalFunnel data={summary.renewalFunnel} title="Renewal funnel" />)}
        {card('Renewals ahead', <RenewalsAheadChart data={summary.renewalsAhead} title="Renewals ahead" />)}
        {card('Health quadrant', <HealthQuadrant data={summary.healthQuadrants} title="Health quadrant" />)}
        {card('Health tiers', <HealthDistribution data={summary.healthDistribution} title="Health tiers" />)}
        {card('Transitions', <HealthTransitions data={summary.healthTransitions} title="Transitions" />)}
        {card('Validation', <HealthValidationChart data={summary.healthValidation} title="Health against renewals" />)}
        {card('NPS', <NpsBreakdown data={summary.nps} title="NPS" />)}
        {card('Cohorts', <CohortHeatmap data={summary.cohorts.logo} title="Cohorts" />)}
        {card('Attribution', <AttributionBars data={summary.csAttribution} title="CS-attributed revenue" />)}
        {card('By segment', <NrrBySegment data={{ dimension: 'segment', groups: summary.breakdowns.segment ?? [] }} />)}
        {card('Drivers', <HealthDriversChart data={story.drivers} title="Health drivers" />)}
      </div>
      <section className="card" aria-label="Account story"><AccountStoryChart data={story} /></section>
      <section className="card" aria-label="Accounts"><AccountsTable data={accounts} height={360} /></section>
    </main>
  );
}
