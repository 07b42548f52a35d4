// A host app as a new embedding team writes it, against the packed packages (test/install, scripts/install-check.mjs).
import { KpiCard } from '@cskit/charts/kpi-card';
import { ArrWaterfall } from '@cskit/charts/waterfall';
import type { DatasetInput } from '@cskit/metrics';
import { CsKitProvider, useKpis } from '@cskit/react';
import { workerSource } from '@cskit/react/worker';
import { AccountsTable } from '@cskit/table';
import { CsIssues } from '@cskit/table/issues';
import { createRoot } from 'react-dom/client';
import '@cskit/charts/styles.css';
import '@cskit/table/styles.css';

function Arr() {
  const { kpis, comparisonKpis } = useKpis();
  return <KpiCard label="ARR" format="currency" data={kpis && { value: kpis.arr, comparison: comparisonKpis?.arr ?? null }} />;
}

const small: DatasetInput = { accounts: [{ id: 'a', name: 'Acme', signedAt: '2025-02-30' }] };
const period = { from: '2025-01', to: '2025-12' };

createRoot(document.getElementById('root') as HTMLElement).render(
  <>
    <CsKitProvider source={workerSource(new Worker(new URL('./data.worker.ts', import.meta.url), { type: 'module' }), 'v1')} options={{ period }}>
      <Arr />
      <ArrWaterfall title="ARR waterfall" />
      <AccountsTable />
    </CsKitProvider>
    <CsKitProvider dataset={small} options={{ period }}>
      <CsIssues />
    </CsKitProvider>
  </>,
);
