/**
 * A small axis for linear and band scales: the line, ticks and labels. (@visx/axis would pull @visx/text and its
 * dependencies into every chart, which the per-chart size budget cannot afford.)
 */
import { COLORS } from './theme.js';

interface LinearScale {
  (value: number): number | undefined;
  ticks(count?: number): number[];
  range(): number[];
}

interface BandScale<T> {
  (value: T): number | undefined;
  bandwidth(): number;
  domain(): T[];
  range(): number[];
}

export interface AxisProps<T> {
  orientation: 'left' | 'bottom';
  scale: LinearScale | BandScale<T>;
  /** Offset of the axis line: `top` for a bottom axis. */
  top?: number;
  numTicks?: number;
  tickValues?: readonly T[];
  tickFormat?: (value: T) => string;
  /** Axis title, centred along the axis. */
  label?: string;
}

const TICK = 4;

function isBand<T>(scale: LinearScale | BandScale<T>): scale is BandScale<T> {
  return 'bandwidth' in scale;
}

export function Axis<T>({ orientation, scale, top = 0, numTicks = 5, tickValues, tickFormat, label }: AxisProps<T>) {
  const band = isBand(scale);
  const values: readonly T[] = tickValues ?? (band ? (scale as BandScale<T>).domain() : ((scale as LinearScale).ticks(numTicks) as unknown as T[]));
  const offset = band ? (scale as BandScale<T>).bandwidth() / 2 : 0;
  const position = (value: T) => {
    const at = (scale as (value: T) => number | undefined)(value);
    return at === undefined || !Number.isFinite(at) ? null : at + offset;
  };
  const [start = 0, end = 0] = scale.range();
  const format = tickFormat ?? ((value: T) => String(value));
  const left = orientation === 'left';
  return (
    <g className="cskit-axis" transform={left ? undefined : `translate(0, ${top})`} aria-hidden="true">
      {left
        ? <line x1={0} x2={0} y1={start} y2={end} stroke="#d1d5db" />
        : <line x1={start} x2={end} y1={0} y2={0} stroke="#d1d5db" />}
      {values.map((value, i) => {
        const at = position(value);
        if (at === null) return null;
        return left ? (
          <g key={i} transform={`translate(0, ${at})`}>
            <line x1={-TICK} x2={0} stroke="#d1d5db" />
            <text x={-TICK - 3} dy="0.32em" textAnchor="end" fontSize={11} style={{ fill: COLORS.muted }}>{format(value)}</text>
          </g>
        ) : (
          <g key={i} transform={`translate(${at}, 0)`}>
            <line y1={0} y2={TICK} stroke="#d1d5db" />
            <text y={TICK + 12} textAnchor="middle" fontSize={11} style={{ fill: COLORS.muted }}>{format(value)}</text>
          </g>
        );
      })}
      {label ? (
        left ? (
          <text transform={`translate(-38, ${(start + end) / 2}) rotate(-90)`} textAnchor="middle" fontSize={12} style={{ fill: COLORS.fg }}>{label}</text>
        ) : (
          <text x={(start + end) / 2} y={34} textAnchor="middle" fontSize={12} style={{ fill: COLORS.fg }}>{label}</text>
        )
      ) : null}
    </g>
  );
}
