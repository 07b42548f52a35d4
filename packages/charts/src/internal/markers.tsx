import { COLORS } from './theme.js';

/** Point shapes of line series: each series has its own, so lines differ by shape and dash as well as color. */
export type Marker = 'circle' | 'square' | 'triangle' | 'diamond';

export interface MarkerShapeProps {
  shape: Marker;
  x: number;
  y: number;
  /** Half the marker's width. */
  size: number;
  color: string;
}

/** One point marker, centred on (x, y), filled with the series color and outlined in the background color. */
export function MarkerShape({ shape, x, y, size, color }: MarkerShapeProps) {
  const style = { fill: color, stroke: COLORS.bg, strokeWidth: 1 };
  if (shape === 'circle') return <circle cx={x} cy={y} r={size} style={style} />;
  if (shape === 'square') return <rect x={x - size} y={y - size} width={size * 2} height={size * 2} style={style} />;
  const points = shape === 'triangle'
    ? [[x, y - size * 1.15], [x + size * 1.15, y + size * 0.85], [x - size * 1.15, y + size * 0.85]]
    : [[x, y - size * 1.3], [x + size * 1.3, y], [x, y + size * 1.3], [x - size * 1.3, y]];
  return <polygon points={points.map((p) => p.join(',')).join(' ')} style={style} />;
}
