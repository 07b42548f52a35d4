import type { HealthTier, MovementKind } from '@cskit/metrics';
import { useId } from 'react';
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

/** Swatches with words; hidden from screen readers, which get the same facts from the summary and table. */
export function Legend({ items }: { items: readonly LegendItem[] }) {
  const prefix = `${useId().replace(/[^a-zA-Z0-9_-]/g, '')}-legend`;
  const tiers = items.some((item) => item.tier);
  const movements = items.some((item) => item.movement);
  return (
    <div className="cskit-legend" aria-hidden="true">
      {tiers || movements ? (
        <svg width="0" height="0" style={{ position: 'absolute' }} focusable="false">
          {tiers ? <TierPatterns prefix={prefix} /> : null}
          {movements ? <MovementPatterns prefix={prefix} /> : null}
        </svg>
      ) : null}
      <ul>
      {items.map((item) => {
        const pattern = item.tier ? tierPatternId(prefix, item.tier) : item.movement ? movementPatternId(prefix, item.movement) : undefined;
        return (
          <li key={item.key}>
            {item.line ? (
              <svg width="24" height="12" focusable="false">
                <line x1="0" x2="24" y1="6" y2="6" strokeWidth="2" strokeDasharray={item.line.dash} style={{ stroke: item.color }} />
                {item.line.marker ? <MarkerShape shape={item.line.marker} x={12} y={6} size={4} color={item.color} /> : null}
              </svg>
            ) : (
              <svg width="12" height="12" focusable="false">
                <rect width="12" height="12" rx="2" style={{ fill: item.color }} />
                {pattern ? <rect width="12" height="12" rx="2" fill={`url(#${pattern})`} /> : null}
              </svg>
            )}
            {item.label}
          </li>
        );
      })}
      </ul>
    </div>
  );
}
