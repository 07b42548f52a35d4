import type { HealthTier } from '@cskit/metrics';

/**
 * Tier patterns: green is plain, green-yellow has sparse diagonals, yellow dots, red dense cross-hatching, so tiers
 * differ in texture as well as color (for print, grayscale and color-vision deficiencies). Ids are made unique per
 * chart instance with `prefix`.
 */
export function tierPatternId(prefix: string, tier: HealthTier | 'unscored'): string | undefined {
  return tier === 'green' || tier === 'unscored' ? undefined : `${prefix}-${tier}`;
}

export function TierPatterns({ prefix }: { prefix: string }) {
  const ink = 'rgba(0, 0, 0, 0.45)';
  return (
    <defs>
      <pattern id={`${prefix}-green-yellow`} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <line x1="0" y1="0" x2="0" y2="8" stroke={ink} strokeWidth="1.5" />
      </pattern>
      <pattern id={`${prefix}-yellow`} width="6" height="6" patternUnits="userSpaceOnUse">
        <circle cx="3" cy="3" r="1.2" fill={ink} />
      </pattern>
      <pattern id={`${prefix}-red`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <line x1="0" y1="0" x2="0" y2="6" stroke={ink} strokeWidth="1.5" />
        <line x1="0" y1="0" x2="6" y2="0" stroke={ink} strokeWidth="1.5" />
      </pattern>
    </defs>
  );
}
