import { COLORS } from './theme.js';

/**
 * Shared axis styling. Presentation attributes cannot hold CSS variables, so the attributes carry light-theme
 * colors and `.cskit-axis` rules in styles.css (which outrank attributes) apply the theme's variables.
 */
export const AXIS_PROPS = {
  axisClassName: 'cskit-axis',
  stroke: '#d1d5db',
  tickStroke: '#d1d5db',
  tickLabelProps: { fontSize: 11, style: { fill: COLORS.muted } },
} as const;
