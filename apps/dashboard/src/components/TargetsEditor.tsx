/**
 * The targets editor of the demo's settings (SPEC 14; seed 000): each target's value, who it is for, its metric and
 * period, added or removed, then applied where the data is (the worker validates them; a bad one is reported and
 * left out). The targets are the data's: applying makes a new version of the same data, no record read again.
 */
import { isRateTarget, TARGET_METRICS, validateDataset } from '@cskit/metrics';
import type { Target, TargetMetric } from '@cskit/metrics';
import { useFilterOptions, useMetricQuery } from '@cskit/react';
import { useState } from 'react';
import type { AppText } from '../i18n.js';

const NO_FILTERS = { filters: {} };

/** Who a target is for, as one select value: the company, a team or a CSM. */
const ownerOf = (target: Target) => (target.csmId !== undefined ? `csm:${target.csmId}` : target.team !== undefined ? `team:${target.team}` : 'company');
function withOwner(target: Target, owner: string): Target {
  const { csmId: _csm, team: _team, ...rest } = target;
  if (owner.startsWith('csm:')) return { ...rest, csmId: owner.slice(4) };
  if (owner.startsWith('team:')) return { ...rest, team: owner.slice(5) };
  return rest;
}

export function TargetsEditor({ text, setTargets }: { text: AppText; setTargets: (targets: readonly Target[]) => void }) {
  const progress = useMetricQuery('targets', NO_FILTERS).data;
  const options = useFilterOptions();
  const period = progress?.items[0]?.target.period ?? { from: '2025-01', to: '2025-12' };
  const [draft, setDraft] = useState<Target[] | null>(null);
  if (!progress) return <p role="status">{text.computing}</p>;
  const rows = draft ?? progress.items.map((item) => item.target);
  const set = (i: number, target: Target) => setDraft(rows.map((row, j) => (j === i ? target : row)));
  const owners = [
    { value: 'company', label: text.company },
    ...(options?.team ?? []).filter((o) => o.value !== '(none)').map((o) => ({ value: `team:${o.value}`, label: `${text.team} ${o.value}` })),
    ...(options?.csmId ?? []).filter((o) => o.value !== '(none)').map((o) => ({ value: `csm:${o.value}`, label: o.label ?? o.value })),
  ];
  const label = (i: number, field: string) => `${text.targets} ${i + 1}: ${field}`;
  // The draft checked as the data's validation checks it (CSM references against the CSMs the data names), so a bad
  // target is named here and never applied (the worker would leave it out).
  const csms = (options?.csmId ?? []).filter((o) => o.value !== '(none)').map((o) => ({ id: o.value, name: o.label ?? o.value }));
  const errors = draft ? validateDataset({ accounts: [], csms, targets: draft }).issues.filter((issue) => issue.collection === 'targets' && issue.severity === 'error') : [];
  return (
    <div className="targets-editor">
      <div className="table-scroll targets__scroll" tabIndex={0} role="region" aria-label={text.targetsToEdit}>
        <table className="model-editor__table">
          <thead>
            <tr>
              <th scope="col">{text.owner}</th><th scope="col">{text.targetMetric}</th><th scope="col">{text.from}</th><th scope="col">{text.to}</th>
              <th scope="col">{text.target}</th><th><span className="sr-only">{text.remove}</span></th>
            </tr>
          </thead>
          <tbody>
            {rows.map((target, i) => (
              <tr key={target.id ?? i}>
                <td>
                  <select aria-label={label(i, text.owner)} value={ownerOf(target)} onChange={(e) => set(i, withOwner(target, e.target.value))}>
                    {owners.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
                  </select>
                </td>
                <td>
                  <select aria-label={label(i, text.targetMetric)} value={target.metric} onChange={(e) => set(i, { ...target, metric: e.target.value as TargetMetric })}>
                    {TARGET_METRICS.map((m) => <option key={m} value={m}>{text.targetMetrics[m]}</option>)}
                  </select>
                </td>
                <td><input type="month" aria-label={label(i, text.from)} value={target.period.from} onChange={(e) => e.target.value && set(i, { ...target, period: { ...target.period, from: e.target.value } })} /></td>
                <td><input type="month" aria-label={label(i, text.to)} value={target.period.to} onChange={(e) => e.target.value && set(i, { ...target, period: { ...target.period, to: e.target.value } })} /></td>
                <td>
                  <input
                    type="number" step="any" aria-label={label(i, text.target)} value={target.value}
                    title={isRateTarget(target.metric) ? text.rateHint : undefined}
                    onChange={(e) => { const value = Number(e.target.value); if (e.target.value !== '' && Number.isFinite(value)) set(i, { ...target, value }); }}
                  />
                </td>
                <td><button type="button" aria-label={`${text.remove}: ${text.targets} ${i + 1}`} onClick={() => setDraft(rows.filter((_, j) => j !== i))}>×</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {errors.length > 0 ? (
        <ul role="alert" className="error">{errors.slice(0, 5).map((issue) => <li key={`${issue.index}-${issue.field}`}>{`${text.targets} ${issue.index + 1}: ${issue.field ?? ''} ${issue.message}`}</li>)}</ul>
      ) : null}
      <div className="model-editor__actions">
        <button type="button" onClick={() => setDraft([...rows, { id: `tgt-new-${rows.length + 1}`, period, metric: 'netNewArr', value: 0 }])}>{text.addTarget}</button>
        <button type="button" disabled={draft === null || errors.length > 0} onClick={() => { if (draft) setTargets(draft); setDraft(null); }}>{text.apply}</button>
        <button type="button" disabled={draft === null} onClick={() => setDraft(null)}>{text.discard}</button>
      </div>
    </div>
  );
}
