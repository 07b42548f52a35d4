import { resolveHealthModel } from '@cskit/metrics';
import type { HealthModelInput, Target } from '@cskit/metrics';
import { useCsActions, useCsStore } from '@cskit/react';
import type { AppText } from '../i18n.js';
import { HealthModelEditor } from './HealthModelEditor.js';
import { TargetsEditor } from './TargetsEditor.js';

function NumberField({ label, value, min, max, step, onChange }: {
  label: string; value: number; min: number; max: number; step: number; onChange: (value: number) => void;
}) {
  return (
    <label className="field">
      {label}
      <input
        type="number" value={value} min={min} max={max} step={step}
        onChange={(event) => {
          const next = Number(event.target.value);
          if (event.target.value !== '' && Number.isFinite(next) && next >= min && next <= max) onChange(next);
        }}
      />
    </label>
  );
}

/** Health model, grace months and early-warning settings; every change recomputes the whole dashboard. */
export function SettingsPanel({ text, defaultModel, setTargets }: { text: AppText; defaultModel: HealthModelInput; setTargets: ((targets: readonly Target[]) => void) | null }) {
  const modelInput = useCsStore((s) => s.model);
  const graceMonths = useCsStore((s) => s.graceMonths);
  const earlyWarning = useCsStore((s) => s.earlyWarning);
  const actions = useCsActions();
  const model = resolveHealthModel(modelInput);
  const setModel = (patch: Partial<typeof model>) => actions.setModel({ ...modelInput, ...patch });
  return (
    <div className="settings">
      <fieldset>
        <legend>{text.healthModel}</legend>
        <NumberField label={text.outcomeWeight} value={model.weights.outcome} min={0} max={1} step={0.05}
          onChange={(outcome) => setModel({ weights: { outcome, experience: Math.round((1 - outcome) * 100) / 100 } })} />
        <NumberField label={text.experienceWeight} value={model.weights.experience} min={0} max={1} step={0.05}
          onChange={(experience) => setModel({ weights: { experience, outcome: Math.round((1 - experience) * 100) / 100 } })} />
        <NumberField label={text.greenFrom} value={model.tiers.green} min={0} max={100} step={1} onChange={(green) => setModel({ tiers: { ...model.tiers, green } })} />
        <NumberField label={text.greenYellowFrom} value={model.tiers.greenYellow} min={0} max={100} step={1} onChange={(greenYellow) => setModel({ tiers: { ...model.tiers, greenYellow } })} />
        <NumberField label={text.yellowFrom} value={model.tiers.yellow} min={0} max={100} step={1} onChange={(yellow) => setModel({ tiers: { ...model.tiers, yellow } })} />
        <button type="button" onClick={() => actions.setModel(defaultModel)}>{text.reset}</button>
      </fieldset>
      <HealthModelEditor text={text} defaultModel={defaultModel} />
      {setTargets ? (
        <fieldset>
          <legend>{text.targetsEditor}</legend>
          <TargetsEditor text={text} setTargets={setTargets} />
        </fieldset>
      ) : null}
      <fieldset>
        <legend>{text.graceMonths}</legend>
        <NumberField label={text.graceMonths} value={graceMonths} min={0} max={12} step={1} onChange={actions.setGraceMonths} />
      </fieldset>
      <fieldset>
        <legend>{text.earlyWarning}</legend>
        <NumberField label={text.threshold} value={earlyWarning.threshold} min={0} max={1} step={0.05} onChange={(threshold) => actions.setEarlyWarning({ threshold })} />
        <NumberField label={text.months} value={earlyWarning.months} min={1} max={12} step={1} onChange={(months) => actions.setEarlyWarning({ months })} />
      </fieldset>
    </div>
  );
}
