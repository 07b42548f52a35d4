import type { HealthTier } from '@cskit/metrics';
import { useId } from 'react';
import { TierPatterns, tierPatternId } from './patterns.js';

export interface LegendItem {
  key: string;
  label: string;
  color: string;
  /** The tier whose pattern is drawn over the swatch: the second cue besides color. */
  tier?: HealthTier | 'unscored' | undefined;
}

/** Swatches with words; hidden from screen readers, which get the same facts from the summary and table. */
export function Legend({ items }: { items: readonly LegendItem[] }) {
  const prefix = `${useId().replace(/[^a-zA-Z0-9_-]/g, '')}-legend`;
  return (
    <div className="cskit-legend" aria-hidden="true">
      {items.some((item) => item.tier) ? (
        <svg width="0" height="0" style={{ position: 'absolute' }} focusable="false"><TierPatterns prefix={prefix} /></svg>
      ) : null}
      <ul>
      {items.map((item) => {
        const pattern = item.tier ? tierPatternId(prefix, item.tier) : undefined;
        return (
          <li key={item.key}>
            <svg width="12" height="12" focusable="false">
              <rect width="12" height="12" rx="2" style={{ fill: item.color }} />
              {pattern ? <rect width="12" height="12" rx="2" fill={`url(#${pattern})`} /> : null}
            </svg>
            {item.label}
          </li>
        );
      })}
      </ul>
    </div>
  );
}
