/**
 * Colors as CSS variables on the chart's own wrapper (`--cskit-*`), each with a light-theme fallback so a chart
 * renders correctly before the host loads `@cskit/charts/styles.css`. Dark mode is the `cskit-dark` class.
 *
 * Tier, quadrant and movement colors come from the Okabe-Ito palette, which stays distinguishable under the common
 * color-vision deficiencies; tiers also carry a pattern and a text label, so color is never the only cue.
 */
import type { HealthTier, MovementKind, Quadrant, TransitionKind } from '@cskit/metrics';

export const cssVar = (name: string, fallback: string): string => `var(--cskit-${name}, ${fallback})`;

/**
 * The color a `cssVar(...)` value stands for on `element`, for drawing where CSS variables do not apply (canvas,
 * exported images): the variable's computed value when the host or the stylesheet sets it, else its fallback.
 */
export function resolveColor(element: Element | null, color: string): string {
  const match = /^var\((--[\w-]+),\s*([^)]+)\)$/.exec(color);
  if (!match) return color;
  const [, name = '', fallback = ''] = match;
  const view = element?.ownerDocument?.defaultView;
  const value = element && view ? view.getComputedStyle(element).getPropertyValue(name).trim() : '';
  return value || fallback.trim();
}

export const COLORS = {
  fg: cssVar('fg', '#1f2937'),
  muted: cssVar('muted', '#4b5563'),
  grid: cssVar('grid', '#d1d5db'),
  axis: cssVar('axis', '#d1d5db'),
  bg: cssVar('bg', '#ffffff'),
  total: cssVar('total', '#4b5563'),
  focus: cssVar('focus', '#1d4ed8'),
  empty: cssVar('empty', '#f3f4f6'),
  line: cssVar('line', '#0072b2'),
  /** The texture drawn over tier and movement colors (patterns). */
  patternInk: cssVar('pattern-ink', 'rgba(0, 0, 0, 0.45)'),
} as const;

export const TIER_COLORS: Record<HealthTier | 'unscored', string> = {
  green: cssVar('tier-green', '#009e73'),
  'green-yellow': cssVar('tier-green-yellow', '#f0e442'),
  yellow: cssVar('tier-yellow', '#e69f00'),
  red: cssVar('tier-red', '#d55e00'),
  unscored: cssVar('tier-unscored', '#9ca3af'),
};

export const QUADRANT_COLORS: Record<Quadrant, string> = {
  loyal: cssVar('quadrant-loyal', '#009e73'),
  unrealized: cssVar('quadrant-unrealized', '#56b4e9'),
  grudging: cssVar('quadrant-grudging', '#e69f00'),
  critical: cssVar('quadrant-critical', '#d55e00'),
};

export const MOVEMENT_COLORS: Record<MovementKind, string> = {
  new: cssVar('movement-new', '#0072b2'),
  expansion: cssVar('movement-expansion', '#56b4e9'),
  reactivation: cssVar('movement-reactivation', '#009e73'),
  contraction: cssVar('movement-contraction', '#e69f00'),
  churn: cssVar('movement-churn', '#d55e00'),
};

/** Rate series of the rate-trend chart (Okabe-Ito blue, reddish purple, vermillion); each also has a dash and a marker. */
export const RATE_COLORS = {
  nrr12: cssVar('rate-nrr', '#0072b2'),
  grr12: cssVar('rate-grr', '#aa4a86'),
  logoChurnRate: cssVar('rate-logo-churn', '#c24e00'),
  target: cssVar('target', '#4b5563'),
} as const;

export const TRANSITION_COLORS: Record<TransitionKind, string> = {
  save: cssVar('transition-save', '#009e73'),
  win: cssVar('transition-win', '#56b4e9'),
  decline: cssVar('transition-decline', '#d55e00'),
  steady: cssVar('transition-steady', '#9ca3af'),
  unknown: cssVar('transition-unknown', '#d1d5db'),
};

/** A sequential ramp (light to dark blue) for heatmaps: readable in every color-vision type. */
export function rampColor(share: number): string {
  const t = Math.max(0, Math.min(1, Number.isFinite(share) ? share : 0));
  const from = [239, 243, 255];
  const to = [8, 69, 148];
  const channel = (i: number) => Math.round((from[i] ?? 0) + ((to[i] ?? 0) - (from[i] ?? 0)) * t);
  return `rgb(${channel(0)}, ${channel(1)}, ${channel(2)})`;
}

/** Text color that stays legible on `rampColor(share)`. */
export function rampTextColor(share: number): string {
  return share > 0.55 ? '#ffffff' : '#111827';
}

export type ChartTheme = 'light' | 'dark';
