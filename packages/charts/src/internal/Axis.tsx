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
  orientation: 'left' | 'right' | 'bottom';
  scale: LinearScale | BandScale<T>;
  /** Offset of the axis line: `top` for a bottom axis. */
  top?: number;
  /** Offset of the axis line: `left` for a right axis (the plot's width). */
  left?: number;
  numTicks?: number;
  tickValues?: readonly T[];
  tickFormat?: (value: T) => string;
  /** Axis title, centred along the axis. */
  label?: string;
  /** Distance of a side axis's title from the axis line, clear of the widest tick label. */
  labelOffset?: number;
  /**
   * A bottom band axis whose labels alternate between two rows, so each has two bands of room: for charts whose
   * every category must stay named (see `bandLabelLayout`).
   */
  stagger?: boolean;
}

const TICK = 4;
/** How far a staggered axis's second row of labels sits below the first. */
export const STAGGER_ROW = 14;

function isBand<T>(scale: LinearScale | BandScale<T>): scale is BandScale<T> {
  return 'bandwidth' in scale;
}

export function Axis<T>({ orientation, scale, top = 0, left: axisLeft = 0, numTicks = 5, tickValues, tickFormat, label, labelOffset, stagger = false }: AxisProps<T>) {
  if (orientation === 'right') return <RightAxis scale={scale as LinearScale} left={axisLeft} numTicks={numTicks} tickFormat={tickFormat as ((value: number) => string) | undefined} label={label} labelOffset={labelOffset ?? 44} />;
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
  const spacing = !left && band ? tickSpacing(values.map(position), Math.abs(end - start)) : 0;
  const fitted = !left && band ? fitBandLabels(values.map((value) => format(value)), stagger ? spacing * 2 : spacing) : null;
  return (
    <g className="cskit-axis" transform={left ? undefined : `translate(0, ${top})`} aria-hidden="true">
      {left
        ? <line x1={0} x2={0} y1={start} y2={end} style={{ stroke: COLORS.axis }} />
        : <line x1={start} x2={end} y1={0} y2={0} style={{ stroke: COLORS.axis }} />}
      {values.map((value, i) => {
        const at = position(value);
        if (at === null) return null;
        return left ? (
          <g key={i} transform={`translate(0, ${at})`}>
            <line x1={-TICK} x2={0} style={{ stroke: COLORS.axis }} />
            <text x={-TICK - 3} dy="0.32em" textAnchor="end" fontSize={11} style={{ fill: COLORS.muted }}>{format(value)}</text>
          </g>
        ) : (
          <g key={i} transform={`translate(${at}, 0)`}>
            <line y1={0} y2={TICK} style={{ stroke: COLORS.axis }} />
            {fitted ? (
              fitted[i] ? (
                <text y={TICK + 12 + (stagger && i % 2 === 1 ? STAGGER_ROW : 0)} textAnchor="middle" fontSize={11} style={{ fill: COLORS.muted }}>
                  {(fitted[i] as string[]).map((line, l) => <tspan key={l} x={0} dy={l === 0 ? 0 : 12}>{line}</tspan>)}
                </text>
              ) : null
            ) : (
              <text y={TICK + 12} textAnchor="middle" fontSize={11} style={{ fill: COLORS.muted }}>{format(value)}</text>
            )}
          </g>
        );
      })}
      {label ? (
        left ? (
          <text transform={`translate(${-(labelOffset ?? 38)}, ${(start + end) / 2}) rotate(-90)`} textAnchor="middle" fontSize={12} style={{ fill: COLORS.fg }}>{label}</text>
        ) : (
          <text x={(start + end) / 2} y={34} textAnchor="middle" fontSize={12} style={{ fill: COLORS.fg }}>{label}</text>
        )
      ) : null}
    </g>
  );
}

/** A value axis on the right of the plot (a second scale), ticks and labels pointing outwards. */
function RightAxis({ scale, left, numTicks, tickFormat, label, labelOffset }: { scale: LinearScale; left: number; numTicks: number; tickFormat: ((value: number) => string) | undefined; label: string | undefined; labelOffset: number }) {
  const [start = 0, end = 0] = scale.range();
  const format = tickFormat ?? ((value: number) => String(value));
  return (
    <g className="cskit-axis" transform={`translate(${left}, 0)`} aria-hidden="true">
      <line x1={0} x2={0} y1={start} y2={end} style={{ stroke: COLORS.axis }} />
      {scale.ticks(numTicks).map((value, i) => {
        const at = scale(value);
        if (at === undefined || !Number.isFinite(at)) return null;
        return (
          <g key={i} transform={`translate(0, ${at})`}>
            <line x1={0} x2={TICK} style={{ stroke: COLORS.axis }} />
            <text x={TICK + 3} dy="0.32em" textAnchor="start" fontSize={11} style={{ fill: COLORS.muted }}>{format(value)}</text>
          </g>
        );
      })}
      {label ? <text transform={`translate(${labelOffset}, ${(start + end) / 2}) rotate(90)`} textAnchor="middle" fontSize={12} style={{ fill: COLORS.fg }}>{label}</text> : null}
    </g>
  );
}

/** The least distance between consecutive ticks (the whole axis for one tick). */
function tickSpacing(positions: ReadonlyArray<number | null>, whole: number): number {
  const at = positions.filter((p): p is number => p !== null);
  let least = whole;
  for (let i = 1; i < at.length; i += 1) least = Math.min(least, Math.abs((at[i] as number) - (at[i - 1] as number)));
  return least;
}

const NARROW = new Set([...'iljtfr.,:;|!()[]\' ']);

/**
 * Estimated width of a label at `fontSize` px (default 11), on the wide side of common UI fonts (DejaVu Sans, the
 * Debian default, is among the widest): a full em per CJK character, 0.9 em for arrows and symbols, 0.7 em for
 * capitals, 0.35 em for narrow letters and punctuation, 0.63 em for the rest (digits, lowercase). Layout decisions
 * (thinning, wrapping, margins, dropping a value label) use it, so the server and the browser lay out alike.
 */
export function labelWidth(text: string, fontSize = 11): number {
  let em = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    em += code >= 0x2e80 ? 1 : code >= 0x2000 ? 0.9 : NARROW.has(char) ? 0.35 : char >= 'A' && char <= 'Z' ? 0.7 : 0.63;
  }
  return em * fontSize;
}

/**
 * The room a side axis takes beside the plot: its widest tick label, the tick and gaps, and its title when it has
 * one. Charts size their side margins with it, so long labels (`US$2000万`) never leave the chart or meet the title.
 */
export function sideAxisRoom(labels: readonly string[], titled = false): { margin: number; labelOffset: number } {
  const widest = Math.max(0, ...labels.map((label) => labelWidth(label)));
  const labelOffset = Math.ceil(widest + TICK + 3 + 10);
  return { margin: titled ? labelOffset + 10 : Math.ceil(widest + TICK + 3 + 6), labelOffset };
}

/** Whether a value label fits over its band (`step` px between band centres) without meeting its neighbours'. */
export function fitsBand(label: string, step: number): boolean {
  return labelWidth(label) <= step - 4;
}

/** A label in two lines, broken at the space or hyphen nearest its middle; null when it has none. */
function twoLines(text: string): [string, string] | null {
  let best = -1;
  for (let i = 0; i < text.length; i += 1) {
    if ((text[i] === ' ' || text[i] === '-') && (best < 0 || Math.abs(i - text.length / 2) < Math.abs(best - text.length / 2))) best = i;
  }
  if (best < 0) return null;
  return text[best] === '-' ? [text.slice(0, best + 1), text.slice(best + 1)] : [text.slice(0, best), text.slice(best + 1)];
}

/**
 * Band labels that never overlap: as they are when each fits its band (step px between centres), else broken in
 * two lines where they break, else every k-th label (null: not drawn) so the drawn ones fit with their neighbours'
 * space.
 */
export function fitBandLabels(labels: readonly string[], step: number): Array<string[] | null> {
  const room = step - 4;
  const widest = (lines: readonly string[][]) => Math.max(0, ...lines.flat().map((line) => labelWidth(line)));
  const single = labels.map((label) => [label]);
  if (widest(single) <= room) return single;
  const wrapped = labels.map((label) => twoLines(label) ?? [label]);
  if (widest(wrapped) <= room) return wrapped;
  const lines = widest(wrapped) < widest(single) ? wrapped : single;
  const every = Math.ceil((widest(lines) + 4) / Math.max(1, step));
  return lines.map((line, i) => (i % every === 0 ? line : null));
}

/**
 * How a band axis keeps every label (a chart whose categories must all stay named, such as the waterfall's): the
 * full labels when they fit (on one or two lines), else the short ones, else the short ones on two staggered rows.
 * `null` when even that does not fit: the caller's labels are then thinned as any band axis's are.
 */
export function bandLabelLayout(full: readonly string[], short: readonly string[], step: number): { labels: readonly string[]; stagger: boolean } | null {
  if (fitBandLabels(full, step).every((lines) => lines !== null)) return { labels: full, stagger: false };
  if (fitBandLabels(short, step).every((lines) => lines !== null)) return { labels: short, stagger: false };
  if (fitBandLabels(short, step * 2).every((lines) => lines !== null)) return { labels: short, stagger: true };
  return null;
}
