import type { HealthTier, MovementKind } from '@cskit/metrics';
import { COLORS } from './theme.js';

/** The texture's strokes and dots, in the theme's pattern ink. */
const ink = { stroke: COLORS.patternInk };
const dot = { fill: COLORS.patternInk };

/**
 * Tier patterns: green is plain, green-yellow has sparse diagonals, yellow dots, red dense cross-hatching, so tiers
 * differ in texture as well as color (for print, grayscale and color-vision deficiencies). Ids are made unique per
 * chart instance with `prefix`.
 */
export function tierPatternId(prefix: string, tier: HealthTier | 'unscored'): string | undefined {
  return tier === 'green' || tier === 'unscored' ? undefined : `${prefix}-${tier}`;
}

export function TierPatterns({ prefix }: { prefix: string }) {
  return (
    <defs>
      <pattern id={`${prefix}-green-yellow`} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <line x1="0" y1="0" x2="0" y2="8" style={ink} strokeWidth="1.5" />
      </pattern>
      <pattern id={`${prefix}-yellow`} width="6" height="6" patternUnits="userSpaceOnUse">
        <circle cx="3" cy="3" r="1.2" style={dot} />
      </pattern>
      <pattern id={`${prefix}-red`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <line x1="0" y1="0" x2="0" y2="6" style={ink} strokeWidth="1.5" />
        <line x1="0" y1="0" x2="6" y2="0" style={ink} strokeWidth="1.5" />
      </pattern>
    </defs>
  );
}

/**
 * Movement patterns, so gains and losses differ in texture as well as color: new is plain, expansion has sparse
 * diagonals, reactivation vertical stripes, contraction dots and churn dense cross-hatching.
 */
export function movementPatternId(prefix: string, kind: MovementKind): string | undefined {
  return kind === 'new' ? undefined : `${prefix}-m-${kind}`;
}

export function MovementPatterns({ prefix }: { prefix: string }) {
  return (
    <defs>
      <pattern id={`${prefix}-m-expansion`} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <line x1="0" y1="0" x2="0" y2="8" style={ink} strokeWidth="1.5" />
      </pattern>
      <pattern id={`${prefix}-m-reactivation`} width="5" height="5" patternUnits="userSpaceOnUse">
        <line x1="2.5" y1="0" x2="2.5" y2="5" style={ink} strokeWidth="1.2" />
      </pattern>
      <pattern id={`${prefix}-m-contraction`} width="6" height="6" patternUnits="userSpaceOnUse">
        <circle cx="3" cy="3" r="1.2" style={dot} />
      </pattern>
      <pattern id={`${prefix}-m-churn`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <line x1="0" y1="0" x2="0" y2="6" style={ink} strokeWidth="1.5" />
        <line x1="0" y1="0" x2="6" y2="0" style={ink} strokeWidth="1.5" />
      </pattern>
    </defs>
  );
}
