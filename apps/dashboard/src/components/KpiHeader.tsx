import { KpiCard } from '@cskit/charts/kpi-card';
import type { KpiFormat } from '@cskit/charts/kpi-card';
import type { DashboardKpis } from '@cskit/metrics';
import { useArrWaterfall, useKpis } from '@cskit/react';
import type { AppText } from '../i18n.js';

const KPIS: ReadonlyArray<{ key: keyof DashboardKpis; label: keyof AppText; format: KpiFormat; good?: 'down' }> = [
  { key: 'arr', label: 'arr', format: 'currency' },
  { key: 'netNewArr', label: 'netNewArr', format: 'currency' },
  { key: 'nrr', label: 'nrr', format: 'percent' },
  { key: 'grr', label: 'grr', format: 'percent' },
  { key: 'logoRate', label: 'logoRate', format: 'percent' },
  { key: 'dollarRate', label: 'dollarRate', format: 'percent' },
  { key: 'arpa', label: 'arpa', format: 'currency' },
  { key: 'quickRatio', label: 'quickRatio', format: 'number' },
  { key: 'logoChurnRate', label: 'logoChurnRate', format: 'percent', good: 'down' },
  { key: 'nps', label: 'nps', format: 'score' },
  { key: 'atRiskAccounts', label: 'atRisk', format: 'score', good: 'down' },
];

/** The header KPIs, each with its change against the comparison period. */
export function KpiHeader({ text }: { text: AppText }) {
  const { kpis, comparisonKpis } = useKpis();
  const waterfall = useArrWaterfall();
  const series: Partial<Record<keyof DashboardKpis, number[]>> = waterfall ? {
    arr: waterfall.months.map((m) => m.closing),
    netNewArr: waterfall.months.map((m) => m.closing - m.opening),
  } : {};
  return (
    <section className="kpis" aria-labelledby="kpis-heading">
      {/* The cards' labels are level-3 headings: this level-2 heading keeps the page's outline in order. */}
      <h2 id="kpis-heading" className="sr-only">{text.kpis}</h2>
      {KPIS.map(({ key, label, format, good }) => (
        <KpiCard
          key={key} label={text[label] as string} format={format} goodDirection={good ?? 'up'}
          data={kpis ? { value: kpis[key], comparison: comparisonKpis ? comparisonKpis[key] : null, ...(series[key] ? { series: series[key] } : {}) } : undefined}
        />
      ))}
    </section>
  );
}
