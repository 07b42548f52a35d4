import { HealthValidationChart } from '@cskit/charts/validation';
import { BUILT_IN_COMPONENTS, HEALTH_SIDES, resolveHealthModel } from '@cskit/metrics';
import type { HealthComponent, HealthModelInput, HealthSide } from '@cskit/metrics';
import { componentLabel, DOMAIN_LABELS, useCsActions, useCsStore, useFormatters, useHealthValidation } from '@cskit/react';
import { useState } from 'react';
import type { AppText } from '../i18n.js';

/** A draft model's components, or the error that makes it invalid (shown beside the fields, never applied). */
function checked(draft: HealthModelInput): { model: HealthModelInput | null; error: string | null } {
  try {
    resolveHealthModel(draft);
    return { model: draft, error: null };
  } catch (error) {
    return { model: null, error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Builds the health score from measures (SPEC 12): each side's components with weight, floor and target, a measure
 * added from those in the data, and beside them how the draft predicts renewals (renewal rate by tier and decile,
 * AUC) against the model in use, before it is applied.
 */
export function HealthModelEditor({ text, defaultModel }: { text: AppText; defaultModel: HealthModelInput }) {
  const applied = useCsStore((s) => s.model);
  const locale = useCsStore((s) => s.locale);
  const measureKeys = useCsStore((s) => s.info?.measureKeys);
  const actions = useCsActions();
  const f = useFormatters();
  // The editor owns the components; weights and tiers stay those of the model in use (the fields above).
  const [components, setDraftComponents] = useState<HealthModelInput['components']>(applied.components);
  const draft: HealthModelInput = { ...applied, components };
  const { model: valid, error } = checked(draft);
  const current = useHealthValidation();
  const candidate = useHealthValidation(valid ? { model: valid } : {});
  const d = DOMAIN_LABELS[locale];
  const componentsOf = (side: HealthSide): HealthComponent[] => components?.[side] ?? [];
  const setComponents = (side: HealthSide, list: HealthComponent[]) => setDraftComponents({ ...components, [side]: list });
  const used = new Set(HEALTH_SIDES.flatMap((side) => componentsOf(side).map((c) => c.key)));
  const available = [...BUILT_IN_COMPONENTS, ...(measureKeys ?? [])].filter((key) => !used.has(key));
  const auc = (value: number | null | undefined) => (value === null || value === undefined ? '—' : f.number(value, 2));
  const changed = JSON.stringify(components ?? null) !== JSON.stringify(applied.components ?? null);

  return (
    <div className="model-editor">
      <div className="model-editor__fields">
        {HEALTH_SIDES.map((side) => (
          <fieldset key={side}>
            <legend>{`${d.sides[side]}: ${text.components}`}</legend>
            {componentsOf(side).length === 0 ? <p className="hint">{text.fromSnapshots}</p> : null}
            <table className="model-editor__table">
              <thead>
                <tr><th scope="col">{text.component}</th><th scope="col">{text.weight}</th><th scope="col">{text.floor}</th><th scope="col">{text.target}</th><th><span className="sr-only">{text.remove}</span></th></tr>
              </thead>
              <tbody>
                {componentsOf(side).map((component, i) => {
                  const name = componentLabel(component.key, side, d);
                  const set = (patch: Partial<HealthComponent>) => setComponents(side, componentsOf(side).map((c, j) => (j === i ? { ...c, ...patch } : c)));
                  const numberInput = (field: 'weight' | 'floor' | 'target') => (
                    <input
                      type="number" step="any" aria-label={`${name}: ${text[field]}`} value={component[field]}
                      onChange={(event) => { const value = Number(event.target.value); if (event.target.value !== '' && Number.isFinite(value)) set({ [field]: value }); }}
                    />
                  );
                  return (
                    <tr key={component.key}>
                      <th scope="row">{name}</th>
                      <td>{numberInput('weight')}</td>
                      <td>{numberInput('floor')}</td>
                      <td>{numberInput('target')}</td>
                      <td><button type="button" aria-label={`${text.remove}: ${name}`} onClick={() => setComponents(side, componentsOf(side).filter((_, j) => j !== i))}>×</button></td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {available.length > 0 ? (
              <label className="inline">
                {text.addMeasure}
                <select
                  aria-label={`${text.addMeasure}: ${d.sides[side]}`} value=""
                  onChange={(event) => {
                    const key = event.target.value;
                    if (key) setComponents(side, [...componentsOf(side), { key, weight: 1, floor: 0, target: key === 'nps' ? 10 : 1 }]);
                  }}
                >
                  <option value="">—</option>
                  {available.map((key) => <option key={key} value={key}>{componentLabel(key, side, d)}</option>)}
                </select>
              </label>
            ) : null}
          </fieldset>
        ))}
        {error ? <p role="alert" className="error">{error}</p> : null}
        <div className="model-editor__actions">
          <button type="button" disabled={!valid || !changed} onClick={() => valid && actions.setModel(valid)}>{text.apply}</button>
          <button type="button" disabled={!changed} onClick={() => setDraftComponents(applied.components)}>{text.discard}</button>
          <button type="button" onClick={() => setDraftComponents(defaultModel.components)}>{text.reset}</button>
        </div>
      </div>
      <div className="model-editor__validation" aria-live="polite">
        <p className="model-editor__auc">
          {`${text.aucInUse} ${auc(current.data?.auc)} · ${text.aucDraft} ${valid ? auc(candidate.data?.auc) : '—'}`}
        </p>
        <HealthValidationChart data={valid ? candidate.data : undefined} title={text.draftAgainstRenewals} height={300} />
      </div>
    </div>
  );
}
