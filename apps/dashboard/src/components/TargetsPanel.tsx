/**
 * Progress against targets (SPEC 14; seed 000: CSMs carry expansion quotas): each target's actual so far, where it
 * should be by the view's as-of date, attainment and whether it is on track, in words and a mark (never color only).
 * The figures are the engine's `targets` metric; a viewer's scope shows its CSMs' targets only.
 */
import type { TargetMetric, TargetProgressItem } from '@cskit/metrics';
import { isRateTarget } from '@cskit/metrics';
import { useFilterOptions, useFormatters, useMetricQuery } from '@cskit/react';
import { useState } from 'react';
import type { AppText } from '../i18n.js';

const COUNTS: ReadonlySet<TargetMetric> = new Set(['csqlCount', 'csqaCount']);
const NO_FILTERS = { filters: {} };
/** Rows drawn before "Show all": a company with a thousand CSMs has thousands of targets. */
const FIRST_ROWS = 60;

/** `csmId`: one CSM's own targets (their page), not the team's or company's read over their book. */
export function TargetsPanel({ text, csmId }: { text: AppText; csmId?: string }) {
  const f = useFormatters();
  // Targets do not depend on the view's filters (they are for their owners' accounts): asked without them, so a
  // filter change asks nothing again.
  const progress = useMetricQuery('targets', NO_FILTERS).data;
  const [all, setAll] = useState(false);
  const options = useFilterOptions();
  const csmNames = new Map((options?.csmId ?? []).map((choice) => [choice.value, choice.label ?? choice.value]));
  if (!progress) return <p role="status">{text.computing}</p>;
  const shown = csmId === undefined ? progress.items : progress.items.filter((item) => item.target.csmId === csmId);
  if (shown.length === 0) return <p>{text.noTargets}</p>;
  const owner = (item: TargetProgressItem) =>
    item.target.csmId !== undefined ? csmNames.get(item.target.csmId) ?? item.target.csmId : item.target.team !== undefined ? `${text.team} ${item.target.team}` : text.company;
  const value = (metric: TargetMetric, v: number | null) => (isRateTarget(metric) ? f.percent(v) : COUNTS.has(metric) ? f.number(v, 1) : f.compactCurrency(v));
  // The company's and the teams' targets first, then each CSM's (in the data's order).
  const rank = (item: TargetProgressItem) => (item.target.csmId !== undefined ? 2 : item.target.team !== undefined ? 1 : 0);
  const items = shown.map((item, i) => ({ item, i })).sort((a, b) => rank(a.item) - rank(b.item) || a.i - b.i);
  const status = (item: TargetProgressItem) => (item.onTrack === null ? '—' : item.onTrack ? `✓ ${text.onTrack}` : `✗ ${text.behind}`);
  return (
    // A scrolling region: focusable so a keyboard can scroll it, named by the table it holds.
    <div className="table-scroll targets__scroll" tabIndex={0} role="region" aria-label={`${text.targets} · ${text.asOfDate(progress.asOf)}`}>
      <table className="targets__table">
        <caption>{`${text.targets} · ${text.asOfDate(progress.asOf)}`}</caption>
        <thead>
          <tr>
            <th scope="col">{text.owner}</th><th scope="col">{text.targetMetric}</th><th scope="col">{text.period}</th><th scope="col">{text.target}</th>
            <th scope="col">{text.actual}</th><th scope="col">{text.expectedByNow}</th><th scope="col">{text.attainment}</th><th scope="col">{text.status}</th>
          </tr>
        </thead>
        <tbody>
          {(all ? items : items.slice(0, FIRST_ROWS)).map(({ item, i }) => (
            <tr key={item.target.id ?? i} data-on-track={item.onTrack === null ? undefined : String(item.onTrack)}>
              <th scope="row">{owner(item)}</th><td>{text.targetMetrics[item.target.metric]}</td><td>{f.period(item.target.period)}</td>
              <td>{value(item.target.metric, item.target.value)}</td><td>{value(item.target.metric, item.actual)}</td>
              <td>{value(item.target.metric, item.expected)}</td><td>{f.percent(item.attainment)}</td><td>{status(item)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!all && items.length > FIRST_ROWS ? (
        <button type="button" onClick={() => setAll(true)}>{text.showAllTargets(items.length)}</button>
      ) : null}
    </div>
  );
}
