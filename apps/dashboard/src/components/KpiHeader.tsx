import { KpiCard } from '@cskit/charts/kpi-card';
import type { KpiFormat } from '@cskit/charts/kpi-card';
import type { Dashboard, DashboardKpis } from '@cskit/metrics';
import type { AppText } from '../i18n.js';

const KPIS: ReadonlyArray<{ key: keyof DashboardKpis; label: keyof AppText; format: KpiFormat; good?: 'down' }> = [
  { key: 'arr', label: 'arr', format: 'currency' },
  { key: 'netNewArr', label: 'netNewArr', format: 'currency' },
  { key: 'nrr', label: 'nrr', format: 'percent' },
  { key: 'grr', label: 'grr', format: 'percent' },
  { key: 'logoRate', label: 'logoRate', format: 'percent' },
  { key: 'dollarRate', label: 'dollarRate', format: 'percent' },
  { key: 'nps', label: 'nps', format: 'score' },
  { key: 'atRiskAccounts', label: 'atRisk', format: 'score', good: 'down' },
];

/** The header KPIs, each with its change against the comparison period. */
export function KpiHeader({ dashboard, text }: { dashboard: Dashboard; text: AppText }) {
  const series: Partial<Record<keyof DashboardKpis, number[]>> = {
    arr: dashboard.waterfall.months.map((m) => m.closing),
    netNewArr: dashboard.waterfall.months.map((m) => m.closing - m.opening),
  };
  return (
    <section className="kpis" aria-label={text.kpis}>
      {KPIS.map(({ key, label, format, good }) => (
        <KpiCard
          key={key} label={text[label] as string} format={format} goodDirection={good ?? 'up'}
          data={{ value: dashboard.kpis[key], comparison: dashboard.comparisonKpis ? dashboard.comparisonKpis[key] : null, ...(series[key] ? { series: series[key] } : {}) }}
        />
      ))}
    </section>
  );
}
