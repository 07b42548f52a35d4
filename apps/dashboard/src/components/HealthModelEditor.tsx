import { HealthValidationChart } from '@cskit/charts/validation';
import { BUILT_IN_COMPONENTS, HEALTH_SIDES, resolveHealthModel } from '@cskit/metrics';
import type { HealthComponent, HealthModelInput, HealthProfile, HealthSide, HealthWeights } from '@cskit/metrics';
import { componentLabel, DOMAIN_LABELS, useCsActions, useCsStore, useFilterOptions, useFormatters, useHealthValidation } from '@cskit/react';
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

/** A profile of the draft (or an empty one), and the draft with that profile replaced. */
function profileIn(draft: HealthModelInput, segment: string): HealthProfile {
  return draft.profiles?.models && Object.hasOwn(draft.profiles.models, segment) ? draft.profiles.models[segment] as HealthProfile : {};
}

function withProfile(draft: HealthModelInput, segment: string, profile: HealthProfile): HealthModelInput {
  const models = { ...(draft.profiles?.models ?? {}), [segment]: profile };
  return { ...draft, profiles: { by: 'segment', models } };
}

/**
 * Builds the health score from measures (SPEC 12): each side's components with weight, floor and target, a measure
 * added from those in the data, and beside them how the draft predicts renewals (renewal rate by tier and decile,
 * AUC) against the model in use, before it is applied. "Scorecard for" edits a segment's profile instead (seed 004:
 * key accounts 70/30, on their own measures): its weights and the sides it builds its own way, validated on that
 * segment's accounts.
 */
export function HealthModelEditor({ text, defaultModel }: { text: AppText; defaultModel: HealthModelInput }) {
  const applied = useCsStore((s) => s.model);
  const locale = useCsStore((s) => s.locale);
  const measureKeys = useCsStore((s) => s.info?.measureKeys);
  const actions = useCsActions();
  const f = useFormatters();
  const segments = (useFilterOptions()?.segment ?? []).map((choice) => choice.value).filter((value) => value !== '(none)');
  // The editor owns the components and profiles; the model's weights and tiers are the fields above.
  const [edited, setEdited] = useState<Pick<HealthModelInput, 'components' | 'profiles'>>({ components: applied.components, profiles: applied.profiles });
  const [scope, setScope] = useState('');
  const draft: HealthModelInput = { ...applied, ...edited };
  const { model: valid, error } = checked(draft);
  const filters = scope ? { segment: [scope] } : undefined;
  const current = useHealthValidation(filters ? { filters } : {});
  const candidate = useHealthValidation(valid ? { model: valid, ...(filters ? { filters } : {}) } : {});
  const d = DOMAIN_LABELS[locale];
  const profile = scope ? profileIn(draft, scope) : null;
  const ownSide = (side: HealthSide) => !profile || (profile.components?.[side]?.length ?? 0) > 0;
  const componentsOf = (side: HealthSide): HealthComponent[] => (profile && ownSide(side) ? profile.components?.[side] ?? [] : draft.components?.[side] ?? []);
  const setComponents = (side: HealthSide, list: HealthComponent[]) => {
    if (!profile) setEdited({ ...edited, components: { ...edited.components, [side]: list } });
    else setEdited({ ...edited, profiles: withProfile(edited, scope, { ...profile, components: { ...profile.components, [side]: list } }).profiles });
  };
  const setProfileWeights = (weights: HealthWeights) => profile && setEdited({ ...edited, profiles: withProfile(edited, scope, { ...profile, weights }).profiles });
  // A profile's weights: its own, else the model's for the segment (`segmentWeights`), else the model's.
  const base = resolveHealthModel(applied);
  const segmentWeights = base.segmentWeights && Object.hasOwn(base.segmentWeights, scope) ? base.segmentWeights[scope] : undefined;
  const profileWeights = profile ? profile.weights ?? segmentWeights ?? base.weights : null;
  const used = new Set(HEALTH_SIDES.flatMap((side) => componentsOf(side).map((c) => c.key)));
  const available = [...BUILT_IN_COMPONENTS, ...(measureKeys ?? [])].filter((key) => !used.has(key));
  const auc = (value: number | null | undefined) => (value === null || value === undefined ? '—' : f.number(value, 2));
  const changed = JSON.stringify(edited) !== JSON.stringify({ components: applied.components, profiles: applied.profiles });
  const reset = () => setEdited({ components: defaultModel.components, profiles: defaultModel.profiles });

  return (
    <div className="model-editor">
      <div className="model-editor__fields">
        <label className="inline">
          {text.scorecardFor}
          <select value={scope} onChange={(event) => setScope(event.target.value)}>
            <option value="">{text.allAccounts}</option>
            {segments.map((segment) => <option key={segment} value={segment}>{`${text.segment} ${segment}`}</option>)}
          </select>
        </label>
        {profile && profileWeights ? (
          <fieldset>
            <legend>{`${text.segment} ${scope}: ${text.profileWeights}`}</legend>
            {(['outcome', 'experience'] as const).map((side) => (
              <label key={side} className="field">
                {d.sides[side]}
                <input
                  type="number" min={0} max={1} step={0.05} value={profileWeights[side]}
                  onChange={(event) => {
                    const value = Number(event.target.value);
                    if (event.target.value === '' || !Number.isFinite(value) || value < 0 || value > 1) return;
                    const rest = Math.round((1 - value) * 100) / 100;
                    setProfileWeights(side === 'outcome' ? { outcome: value, experience: rest } : { outcome: rest, experience: value });
                  }}
                />
              </label>
            ))}
          </fieldset>
        ) : null}
        {HEALTH_SIDES.map((side) => (
          <fieldset key={side}>
            <legend>{`${d.sides[side]}: ${text.components}`}</legend>
            {profile && !ownSide(side) ? (
              <p className="hint">
                {text.asTheModel}
                {' '}
                <button type="button" onClick={() => setComponents(side, [...(draft.components?.[side] ?? [])])}>{text.ownComponents}</button>
              </p>
            ) : null}
            {ownSide(side) && componentsOf(side).length === 0 ? <p className="hint">{text.fromSnapshots}</p> : null}
            {ownSide(side) ? (
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
            ) : null}
            {ownSide(side) && available.length > 0 ? (
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
          <button type="button" disabled={!changed} onClick={() => setEdited({ components: applied.components, profiles: applied.profiles })}>{text.discard}</button>
          <button type="button" onClick={reset}>{text.reset}</button>
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
