/** A finite number for SVG attributes: NaN and infinities become `fallback`, so no chart ever writes "NaN". */
export function finite(value: number, fallback = 0): number {
  return Number.isFinite(value) ? value : fallback;
}

/** A non-negative finite length. */
export function length(value: number): number {
  return Math.max(0, finite(value));
}
