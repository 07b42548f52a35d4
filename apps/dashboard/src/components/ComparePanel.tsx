/**
 * Groups compared (SPEC 14; seed 001): one metric by any account field or by user role, the whole's value marked,
 * and a table of each group's figures beside the chart. The figures are the engine's (`breakdowns`, `roles`,
 * `kpis`); this component only picks them.
 */
import { SegmentBars } from '@cskit/charts/segment-bars';
import type { KpiFormat } from '@cskit/charts/kpi-card';
import type { BreakdownDimension, DashboardKpis, GroupSummary } from '@cskit/metrics';
import { useFilterOptions, useFormatters, useKpis, useMetric, useMetricQuery } from '@cskit/react';
import type { DrillDown } from '@cskit/react';
import { useState } from 'react';
import type { AppText } from '../i18n.js';

type CompareMetric = 'nrr' | 'grr' | 'logoRate' | 'dollarRate' | 'activityRate' | 'npsScore' | 'netNew' | 'arr';
type CompareDimension = BreakdownDimension | 'role';

/** Each metric: its group figure, the KPI that is its whole, and how it reads. */
const METRICS: ReadonlyArray<{ key: CompareMetric; kpi: keyof DashboardKpis; format: KpiFormat; byRole?: true }> = [
  { key: 'nrr', kpi: 'nrr', format: 'percent' }, { key: 'grr', kpi: 'grr', format: 'percent' },
  { key: 'logoRate', kpi: 'logoRate', format: 'percent' }, { key: 'dollarRate', kpi: 'dollarRate', format: 'percent' },
  { key: 'activityRate', kpi: 'activityRate', format: 'percent', byRole: true }, { key: 'npsScore', kpi: 'nps', format: 'number', byRole: true },
  { key: 'netNew', kpi: 'netNewArr', format: 'currency' }, { key: 'arr', kpi: 'arr', format: 'currency' },
];
const DIMENSIONS: readonly CompareDimension[] = ['segment', 'region', 'industry', 'channel', 'salesRepId', 'csmId', 'team', 'stage', 'signedMonth', 'role'];
const TIERS = ['green', 'green-yellow', 'yellow', 'red', 'unknown'] as const;

export function ComparePanel({ text, onSelect }: { text: AppText; onSelect: (drill: DrillDown) => void }) {
  const [metric, setMetric] = useState<CompareMetric>('nrr');
  const [dimension, setDimension] = useState<CompareDimension>('segment');
  const byRole = dimension === 'role';
  // Roles have activity and NPS only: another metric falls back to the activity rate.
  const chosen = METRICS.find((m) => m.key === metric && (!byRole || m.byRole)) ?? (METRICS.find((m) => m.key === 'activityRate') as (typeof METRICS)[number]);
  const { kpis } = useKpis();
  const options = useFilterOptions();
  const labels = new Map((options?.csmId ?? []).map((choice) => [choice.value, choice.label ?? choice.value]));
  const groupLabel = dimension === 'csmId' ? (key: string) => labels.get(key) ?? key : undefined;
  const overall = kpis ? kpis[chosen.kpi] : null;
  const value = (g: { key: string; result: GroupSummary }) => g.result[chosen.key];
  return (
    <>
      <div className="compare__controls">
        <label className="inline">
          {text.compareMetric}
          <select value={chosen.key} onChange={(e) => setMetric(e.target.value as CompareMetric)}>
            {METRICS.filter((m) => !byRole || m.byRole).map((m) => <option key={m.key} value={m.key}>{text.compareMetrics[m.key]}</option>)}
          </select>
        </label>
        <label className="inline">
          {text.compareBy}
          <select value={dimension} onChange={(e) => setDimension(e.target.value as CompareDimension)}>
            {DIMENSIONS.map((d) => <option key={d} value={d}>{text.dimensions[d]}</option>)}
          </select>
        </label>
      </div>
      <div className="compare__body">
        {byRole ? (
          <RoleBars text={text} value={value} valueLabel={text.compareMetrics[chosen.key]} format={chosen.format} overall={overall} />
        ) : (
          <SegmentBars
            dimension={dimension} value={value} valueLabel={text.compareMetrics[chosen.key]} format={chosen.format} overall={overall}
            onSelect={onSelect} exportable={text.compare} {...(groupLabel ? { groupLabel } : {})}
          />
        )}
        <CompareTable text={text} dimension={dimension} groupLabel={groupLabel} />
      </div>
    </>
  );
}

function RoleBars(props: { text: AppText; value: (g: { key: string; result: GroupSummary }) => number | null; valueLabel: string; format: KpiFormat; overall: number | null }) {
  const roles = useMetric('roles');
  const data = roles && { dimension: 'role' as const, groups: roles.map((group) => ({ key: group.key, result: group })) };
  return <SegmentBars data={data} value={props.value} valueLabel={props.valueLabel} format={props.format} overall={props.overall} exportable={props.text.compare} />;
}

/** Each group's figures side by side: accounts, ARR, the rates, activity, NPS and the health mix (words, not colors). */
function CompareTable({ text, dimension, groupLabel }: { text: AppText; dimension: CompareDimension; groupLabel: ((key: string) => string) | undefined }) {
  const f = useFormatters();
  const breakdowns = useMetricQuery('breakdowns', { breakdownDimensions: dimension === 'role' ? [] : [dimension] }).data;
  const roles = useMetric('roles');
  const groups = dimension === 'role' ? roles : breakdowns?.[dimension];
  if (!groups) return <p role="status">{text.computing}</p>;
  const label = (key: string) => groupLabel?.(key) ?? key;
  if (dimension === 'role') {
    return (
      <div className="table-scroll" tabIndex={0} role="region" aria-label={`${text.compare}: ${text.dimensions.role}`}><table className="compare__table">
        <caption>{`${text.compare}: ${text.dimensions.role}`}</caption>
        <thead><tr><th scope="col">{text.dimensions.role}</th><th scope="col">{text.compareMetrics.activityRate}</th><th scope="col">{text.compareMetrics.npsScore}</th></tr></thead>
        <tbody>{groups.map((g) => <tr key={g.key}><th scope="row">{g.key}</th><td>{f.percent(g.activityRate)}</td><td>{f.number(g.npsScore, 1)}</td></tr>)}</tbody>
      </table></div>
    );
  }
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={`${text.compare}: ${text.dimensions[dimension]}`}><table className="compare__table">
      <caption>{`${text.compare}: ${text.dimensions[dimension]}`}</caption>
      <thead>
        <tr>
          <th scope="col">{text.dimensions[dimension]}</th><th scope="col">{text.customers}</th><th scope="col">{text.arr}</th><th scope="col">{text.nrr}</th>
          <th scope="col">{text.logoRate}</th><th scope="col">{text.compareMetrics.activityRate}</th><th scope="col">{text.nps}</th><th scope="col">{text.healthMix}</th>
        </tr>
      </thead>
      <tbody>
        {groups.map((g) => (
          <tr key={g.key}>
            <th scope="row">{label(g.key)}</th><td>{f.score(g.accounts)}</td><td>{f.compactCurrency(g.arr)}</td><td>{f.percent(g.nrr)}</td>
            <td>{f.percent(g.logoRate)}</td><td>{f.percent(g.activityRate)}</td><td>{f.number(g.npsScore, 1)}</td>
            <td>{TIERS.filter((tier) => g.healthMix[tier] > 0).map((tier) => `${text.tiers[tier]} ${g.healthMix[tier]}`).join(' · ') || '—'}</td>
          </tr>
        ))}
      </tbody>
    </table></div>
  );
}
