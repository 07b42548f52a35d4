/**
 * The `d` of a straight-segment line through points in order; a null point breaks the line (a gap, e.g. a month
 * without a value). visx's LinePath does this through d3-shape, whose curve machinery (about 3 kB gzipped) a
 * straight line does not need, against a 25 kB budget per chart.
 */
export function polyline(points: ReadonlyArray<readonly [number, number] | null>): string {
  let d = '';
  let open = false;
  for (const point of points) {
    if (point === null || !Number.isFinite(point[0]) || !Number.isFinite(point[1])) {
      open = false;
      continue;
    }
    d += `${open ? 'L' : 'M'}${round(point[0])},${round(point[1])}`;
    open = true;
  }
  return d;
}

/** Two decimals; coordinates far off-canvas are clamped, so no value overflows into Infinity. */
const round = (value: number) => Math.round(Math.max(-1e9, Math.min(1e9, value)) * 100) / 100;
