import { NONE_GROUP } from '@cskit/metrics';
import { useCsActions, useCsStore, useFilterOptions } from '@cskit/react';
import type { Comparison, FilterKey } from '@cskit/react';
import type { AppText } from '../i18n.js';

const FILTERS: ReadonlyArray<{ key: FilterKey; label: keyof AppText }> = [
  { key: 'segment', label: 'segment' }, { key: 'region', label: 'region' }, { key: 'industry', label: 'industry' }, { key: 'channel', label: 'channel' },
  { key: 'salesRepId', label: 'salesRep' }, { key: 'csmId', label: 'csm' }, { key: 'team', label: 'csmTeam' }, { key: 'stage', label: 'stage' },
  { key: 'signedMonth', label: 'signedMonth' },
];

/** Choices sorted by their label, `(none)` last. */
function byLabel(a: { value: string; label?: string }, b: { value: string; label?: string }): number {
  if (a.value === NONE_GROUP) return 1;
  if (b.value === NONE_GROUP) return -1;
  return (a.label ?? a.value).localeCompare(b.label ?? b.value);
}

/**
 * The choices of a field with its selected value among them, so a filter read from the URL shows at once, before
 * the source's choices arrive (and while they do not include it).
 */
function withSelected(choices: ReadonlyArray<{ value: string; label?: string }>, selected: string | undefined) {
  const list = [...choices];
  if (selected !== undefined && !list.some((choice) => choice.value === selected)) list.push({ value: selected });
  return list;
}

/**
 * Period, comparison and account filters, all held in the store (and mirrored in the URL by the app). Each field's
 * choices come from the source: the values present among the accounts the other filters keep.
 */
export function FiltersBar({ text }: { text: AppText }) {
  const period = useCsStore((s) => s.period);
  const comparison = useCsStore((s) => s.comparison);
  const filters = useCsStore((s) => s.filters);
  const actions = useCsActions();
  const choices = useFilterOptions();
  const comparisonValue = typeof comparison === 'string' ? comparison : 'previous';
  return (
    <form className="filters" aria-label={text.filters} onSubmit={(event) => event.preventDefault()}>
      <label>
        {text.from}
        <input type="month" aria-label={text.from} value={period.from} max={period.to} onChange={(e) => e.target.value && actions.setPeriod({ ...period, from: e.target.value })} />
      </label>
      <label>
        {text.to}
        <input type="month" aria-label={text.to} value={period.to} min={period.from} onChange={(e) => e.target.value && actions.setPeriod({ ...period, to: e.target.value })} />
      </label>
      <label>
        {text.comparison}
        <select aria-label={text.comparison} value={comparisonValue} onChange={(e) => actions.setComparison(e.target.value as Comparison)}>
          <option value="previous">{text.previous}</option>
          <option value="previous-year">{text.previousYear}</option>
          <option value="none">{text.none}</option>
        </select>
      </label>
      {FILTERS.map(({ key, label }) => (
        <label key={key}>
          {text[label] as string}
          <select aria-label={text[label] as string} value={filters[key]?.[0] ?? ''} onChange={(e) => actions.setFilter(key, e.target.value ? [e.target.value] : [])}>
            <option value="">{text.all}</option>
            {withSelected(choices?.[key] ?? [], filters[key]?.[0]).sort(byLabel).map((choice) => (
              <option key={choice.value} value={choice.value}>{choice.label ?? choice.value}</option>
            ))}
          </select>
        </label>
      ))}
      <button type="button" onClick={actions.clearFilters} disabled={Object.values(filters).every((v) => !v || v.length === 0)}>
        {text.clearFilters}
      </button>
    </form>
  );
}
