import type { HealthTier } from '@cskit/metrics';

const TIER_COLORS: Record<HealthTier, string> = {
  green: 'var(--cskit-tier-green, #009e73)',
  'green-yellow': 'var(--cskit-tier-green-yellow, #f0e442)',
  yellow: 'var(--cskit-tier-yellow, #e69f00)',
  red: 'var(--cskit-tier-red, #d55e00)',
};
/** A shape per tier, so the badge does not rely on color: ● ◆ ▲ ■ from healthy to at risk. */
const TIER_SHAPES: Record<HealthTier, string> = { green: '●', 'green-yellow': '◆', yellow: '▲', red: '■' };

/** A tier as a colored shape plus its name; the name alone carries the meaning. */
export function TierBadge({ tier, label }: { tier: HealthTier | null; label: string }) {
  if (!tier) return <span className="cskit-muted">{label}</span>;
  return (
    <span className="cskit-tier">
      <span aria-hidden="true" style={{ color: TIER_COLORS[tier] }}>{TIER_SHAPES[tier]}</span> {label}
    </span>
  );
}
