'use client';
/**
 * A client component: the Provider's source is the route handler (created once, outside render, so every render
 * asks the same source), and each widget asks it for its own part.
 */
import { ArrWaterfall } from '@cskit/charts/waterfall';
import { KpiCard } from '@cskit/charts/kpi-card';
import { CsKitProvider, remoteSource, useArrWaterfall, useKpis } from '@cskit/react';
import { AccountsTable } from '@cskit/table';

const source = remoteSource({ url: '/api/cskit' });

function Kpis() {
  const { kpis, comparisonKpis } = useKpis();
  return <KpiCard label="ARR" format="currency" data={kpis ? { value: kpis.arr, comparison: comparisonKpis?.arr ?? null } : undefined} />;
}

function Waterfall() {
  return <ArrWaterfall data={useArrWaterfall()} title="ARR waterfall" />;
}

export function LiveDashboard() {
  return (
    <CsKitProvider source={source} options={{ period: { from: '2025-01', to: '2025-12' }, graceMonths: 1 }}>
      <div className="kpis"><Kpis /></div>
      <section className="card" aria-label="ARR waterfall"><Waterfall /></section>
      <section className="card" aria-label="Accounts"><AccountsTable /></section>
    </CsKitProvider>
  );
}
