import type { HealthTier, MovementKind } from '@cskit/metrics';
import { useId, useState } from 'react';
import type { ChartLabels } from './labels.js';
import { MarkerShape, type Marker } from './markers.js';
import { MovementPatterns, TierPatterns, movementPatternId, tierPatternId } from './patterns.js';

export interface LegendItem {
  key: string;
  label: string;
  color: string;
  /** The tier whose pattern is drawn over the swatch: the second cue besides color. */
  tier?: HealthTier | 'unscored' | undefined;
  /** The movement whose pattern is drawn over the swatch. */
  movement?: MovementKind | undefined;
  /** A series drawn as a line: the swatch is a short line with its dash and point marker instead of a square. */
  line?: { dash?: string | undefined; marker?: Marker | undefined } | undefined;
}

export interface LegendToggle {
  /** Keys of the series shown; items with `toggle` off (a target line) are always shown. */
  shown: ReadonlySet<string>;
  onToggle: (key: string) => void;
  /** The group's name ("Series shown") and the words announced after a toggle ("GRR hidden"). */
  labels: { group: string; shown: (name: string) => string; hidden: (name: string) => string };
  /** The last change, announced in a polite live region. */
  announcement: string;
}

/**
 * Series a legend can hide: `shown` keeps `keys`' order; the last series shown cannot be hidden; each change is
 * announced with the series' `name`. `toggle` goes to `<Legend toggle>` (undefined for fewer than two series).
 */
export function useSeriesToggle<K extends string>(keys: readonly K[], name: (key: K) => string, labels: ChartLabels['legendToggle']) {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [announcement, setAnnouncement] = useState('');
  const shown = keys.filter((key) => !hidden.has(key));
  const onToggle = (key: string) => {
    const series = keys.find((k) => k === key);
    if (series === undefined) return;
    const next = new Set(hidden);
    if (next.has(series)) next.delete(series);
    else if (shown.length > 1) next.add(series);
    else return;
    setHidden(next);
    setAnnouncement(next.has(series) ? labels.hidden(name(series)) : labels.shown(name(series)));
  };
  const toggle: LegendToggle | undefined = keys.length > 1 ? { shown: new Set<string>(shown), onToggle, labels, announcement } : undefined;
  // `hidden` keeps its identity until a toggle, so charts may memoise on it.
  return { shown, hidden, isShown: (key: K) => !hidden.has(key), toggle };
}

/**
 * Swatches with words. Without `toggle` it is hidden from screen readers, which get the same facts from the summary
 * and table. With `toggle`, each series' item is a toggle button (`aria-pressed`, Tab and Space or Enter), and each
 * change is announced.
 */
export function Legend({ items, toggle }: { items: readonly (LegendItem & { toggle?: boolean })[]; toggle?: LegendToggle | undefined }) {
  const prefix = `${useId().replace(/[^a-zA-Z0-9_-]/g, '')}-legend`;
  const tiers = items.some((item) => item.tier);
  const movements = items.some((item) => item.movement);
  return (
    <div
      className={toggle ? 'cskit-legend cskit-legend--toggles' : 'cskit-legend'} aria-hidden={toggle ? undefined : true}
      role={toggle ? 'group' : undefined} aria-label={toggle?.labels.group}
    >
      {tiers || movements ? (
        <svg width="0" height="0" style={{ position: 'absolute' }} focusable="false">
          {tiers ? <TierPatterns prefix={prefix} /> : null}
          {movements ? <MovementPatterns prefix={prefix} /> : null}
        </svg>
      ) : null}
      <ul>
      {items.map((item) => {
        const pattern = item.tier ? tierPatternId(prefix, item.tier) : item.movement ? movementPatternId(prefix, item.movement) : undefined;
        const swatch = (
          <>
            {item.line ? (
              <svg width="24" height="12" focusable="false" aria-hidden="true">
                <line x1="0" x2="24" y1="6" y2="6" strokeWidth="2" strokeDasharray={item.line.dash} style={{ stroke: item.color }} />
                {item.line.marker ? <MarkerShape shape={item.line.marker} x={12} y={6} size={4} color={item.color} /> : null}
              </svg>
            ) : (
              <svg width="12" height="12" focusable="false" aria-hidden="true">
                <rect width="12" height="12" rx="2" style={{ fill: item.color }} />
                {pattern ? <rect width="12" height="12" rx="2" fill={`url(#${pattern})`} /> : null}
              </svg>
            )}
            {item.label}
          </>
        );
        const pressed = toggle ? toggle.shown.has(item.key) : true;
        return (
          <li key={item.key} className={pressed ? undefined : 'cskit-legend__off'}>
            {toggle && item.toggle !== false ? (
              <button type="button" aria-pressed={pressed} onClick={() => toggle.onToggle(item.key)}>{swatch}</button>
            ) : swatch}
          </li>
        );
      })}
      </ul>
      {toggle ? <span className="cskit-sr-only" role="status">{toggle.announcement}</span> : null}
    </div>
  );
}
