import { QUADRANTS, quadrantOf } from '@cskit/metrics';
import type { HealthQuadrants, HealthQuadrantsSummary, Quadrant, QuadrantAccount } from '@cskit/metrics';
import type { DrillDown } from '@cskit/react';
import { Group } from '@visx/group';
import { scaleLinear, scaleSqrt } from '../internal/scales.js';
import { Line } from '@visx/shape';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { MouseEvent, RefObject } from 'react';
import { Axis } from '../internal/Axis.js';
import { ChartFrame, frameProps, svgSize } from '../internal/ChartFrame.js';
import { defineChart } from '../internal/define-chart.js';
import type { Loaded } from '../internal/ChartLoading.js';
import { DataTable } from '../internal/DataTable.js';
import { Legend, useSeriesToggle } from '../internal/Legend.js';
import { markProps } from '../internal/marks.js';
import { finite, length } from '../internal/numbers.js';
import { COLORS, QUADRANT_COLORS, resolveColor } from '../internal/theme.js';
import { useTooltip } from '../internal/tooltip.js';
import { useChart } from '../internal/use-chart.js';
import type { ChartBaseProps } from '../internal/use-chart.js';

export interface HealthQuadrantProps extends ChartBaseProps {
  /** `healthQuadrants`' result, or a summary's quadrants with their largest accounts as points. */
  data?: HealthQuadrants | HealthQuadrantsSummary | undefined;
  /** Called with a quadrant's accounts, or one account when a point is clicked. */
  onSelect?: (drill: DrillDown) => void;
  /** Account names for tooltips; ids are shown without it. */
  accountName?: (accountId: string) => string;
  /**
   * Opens one account (its page in the host) when its point is clicked, in place of selecting it. Keyboard users
   * reach the same accounts through a quadrant (Enter selects its accounts) and the tables' account links.
   */
  onOpenAccount?: (accountId: string) => void;
  /**
   * Past this many points they are drawn on one canvas instead of one SVG element each, so 10k accounts stay
   * interactive; the quadrants stay keyboard-reachable SVG regions either way. Default 1500.
   */
  canvasThreshold?: number;
}

const MARGIN = { top: 16, right: 16, bottom: 44, left: 52 };


/**
 * Draws the chart from `data`; its loading state while `data` is undefined, its error state with `error`, and inside a
 * `CsKitProvider` without a `data` prop its own metric (`healthQuadrants`) from the Provider's source (`defineChart`).
 */
export const HealthQuadrant = defineChart<HealthQuadrantProps, 'healthQuadrants'>({
  name: 'health-quadrant',
  height: 360,
  Chart: HealthQuadrantChart,
  metric: 'healthQuadrants',
});

/** Outcome on x, experience on y, both 0..100, split at the model's thresholds into the four named quadrants. */
function HealthQuadrantChart({ data, onSelect, onOpenAccount, accountName, canvasThreshold = 1500, height = 360, ...props }: Loaded<HealthQuadrantProps>) {
  const { f, t } = useChart(props);
  const { tooltip, show, hide } = useTooltip();
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  // A full result plots every account; a summary its largest (`points`), and says how many there are in all.
  const points: ReadonlyArray<QuadrantAccount & { name?: string }> = 'accounts' in data ? data.accounts : data.points;
  const accountCount = 'accounts' in data ? data.accounts.length : data.accountCount;
  const useCanvas = points.length > canvasThreshold;
  // Legend toggles hide a quadrant's points (its region and count stay).
  const quadrantToggle = useSeriesToggle(QUADRANTS, (q) => t.quadrants[q], t.legendToggle);
  const { hidden } = quadrantToggle;
  const visible = useMemo(() => (hidden.size === 0 ? points : points.filter((a) => !hidden.has(a.quadrant))), [points, hidden]);
  const maxArr = useMemo(() => points.reduce((max, a) => Math.max(max, a.arr), 0), [points]);
  const empty = accountCount === 0;
  const names = useMemo(() => new Map(points.flatMap((a) => (a.name === undefined ? [] : [[a.accountId, a.name] as const]))), [points]);
  const name = (id: string) => accountName?.(id) ?? names.get(id) ?? id;
  const describeQuadrant = (q: Quadrant) =>
    `${t.quadrants[q]} (${t.quadrantHints[q]}): ${f.number(data.quadrants[q].count, 0)} ${t.accounts}, ${f.currency(data.quadrants[q].arr)}`;
  const describePoint = (a: QuadrantAccount) =>
    `${name(a.accountId)}: ${t.outcome} ${f.number(a.outcome)}, ${t.experience} ${f.number(a.experience)}, ${f.currency(a.arr)}, ${t.quadrants[a.quadrant]}`;
  const pickPoint = onOpenAccount
    ? (a: QuadrantAccount) => onOpenAccount(a.accountId)
    : onSelect
      ? (a: QuadrantAccount) => onSelect({ label: name(a.accountId), source: 'health-quadrant', target: { kind: 'accounts', accountIds: [a.accountId] } })
      : undefined;
  const shown = points.length < accountCount ? ` ${t.largestShown(f.number(points.length, 0), f.number(accountCount, 0))}` : '';
  const summary = `${props.title ?? t.chartTitles.quadrant}, ${f.month(data.month)}: ${QUADRANTS.map(describeQuadrant).join('; ')}.${shown}`;
  const table = (
    <DataTable
      caption={`${t.chartTitles.quadrant}, ${f.month(data.month)}`}
      columns={[t.group, t.count, t.arr]}
      rows={QUADRANTS.map((q) => [t.quadrants[q], f.number(data.quadrants[q].count, 0), f.currency(data.quadrants[q].arr)])}
    />
  );
  const legend = <Legend items={QUADRANTS.map((q) => ({ key: q, label: t.quadrants[q], color: QUADRANT_COLORS[q] }))} toggle={quadrantToggle.toggle} />;

  const width = props.width;
  return (
    <ChartFrame
      chart="health-quadrant" {...frameProps(props, t)} margin={MARGIN} summary={summary} width={width} height={height}
      empty={empty} emptyText={t.noData} table={table} legend={legend} tooltip={tooltip}
    >
      {({ width: drawWidth, inner }) => {
        const innerWidth = inner.width;
        const innerHeight = inner.height;
        const x = scaleLinear<number>({ domain: [0, 100], range: [0, innerWidth] });
        const y = scaleLinear<number>({ domain: [0, 100], range: [innerHeight, 0] });
        const radius = scaleSqrt<number>({ domain: [0, Math.max(1, maxArr)], range: [2, useCanvas ? 5 : 9] });
        const tx = finite(x(data.thresholds.outcome));
        const ty = finite(y(data.thresholds.experience));
        const regions: Record<Quadrant, { x: number; y: number; w: number; h: number }> = {
          loyal: { x: tx, y: 0, w: innerWidth - tx, h: ty },
          unrealized: { x: 0, y: 0, w: tx, h: ty },
          grudging: { x: tx, y: ty, w: innerWidth - tx, h: innerHeight - ty },
          critical: { x: 0, y: ty, w: tx, h: innerHeight - ty },
        };
        return (
          <>
            {useCanvas ? (
              <QuadrantCanvas
                canvasRef={canvasRef} accounts={visible} width={drawWidth} height={height} maxArr={maxArr}
                onHover={(a, px, py) => (a ? show(px, py, describePoint(a)) : hide())}
                onPick={pickPoint}
                onPickQuadrant={onSelect ? (q) => { if (data.quadrants[q].count > 0) onSelect({ label: t.quadrants[q], source: 'health-quadrant', target: { kind: 'quadrant', quadrant: q, month: data.month } }); } : undefined}
                thresholds={data.thresholds}
              />
            ) : null}
            <svg {...svgSize(drawWidth, height)} className="cskit-svg" style={useCanvas ? { position: 'absolute', left: 0, top: 0, pointerEvents: 'none' } : undefined}>
              <Group left={MARGIN.left} top={MARGIN.top}>
                {QUADRANTS.map((q) => {
                  const r = regions[q];
                  return (
                    <g key={q}>
                      <rect
                        x={r.x} y={r.y} width={length(r.w)} height={length(r.h)}
                        style={{ fill: QUADRANT_COLORS[q], fillOpacity: 0.08, pointerEvents: useCanvas ? 'none' : 'all' }}
                        {...markProps({
                          label: describeQuadrant(q),
                          onActivate: onSelect && data.quadrants[q].count > 0
                            ? () => onSelect({ label: `${t.quadrants[q]}`, source: 'health-quadrant', target: { kind: 'quadrant', quadrant: q, month: data.month } })
                            : undefined,
                          onShow: () => show(MARGIN.left + r.x + r.w / 2, MARGIN.top + r.y + 8, describeQuadrant(q)),
                          onHide: hide,
                        })}
                      />
                      <text pointerEvents="none"
                        x={q === 'loyal' || q === 'grudging' ? r.x + r.w - 6 : r.x + 6}
                        y={q === 'loyal' || q === 'unrealized' ? r.y + 16 : r.y + r.h - 8}
                        textAnchor={q === 'loyal' || q === 'grudging' ? 'end' : 'start'}
                        fontSize={12} fontWeight={600} style={{ fill: COLORS.fg }} aria-hidden="true"
                      >
                        {`${t.quadrants[q]} · ${f.number(data.quadrants[q].count, 0)}`}
                      </text>
                    </g>
                  );
                })}
                {useCanvas ? null : visible.map((a) => (
                  <circle
                    key={a.accountId} cx={finite(x(a.outcome))} cy={finite(y(a.experience))} r={finite(radius(a.arr), 2)}
                    style={{ fill: QUADRANT_COLORS[a.quadrant], fillOpacity: 0.75, stroke: COLORS.bg, strokeWidth: 0.5 }}
                    aria-hidden="true"
                    onMouseEnter={() => show(MARGIN.left + finite(x(a.outcome)), MARGIN.top + finite(y(a.experience)), describePoint(a))}
                    onMouseLeave={hide}
                    onClick={pickPoint ? (event) => {
                      event.stopPropagation();
                      pickPoint(a);
                    } : undefined}
                  />
                ))}
                <Line from={{ x: tx, y: 0 }} to={{ x: tx, y: innerHeight }} style={{ stroke: COLORS.muted }} strokeDasharray="4,3" aria-hidden="true" />
                <Line from={{ x: 0, y: ty }} to={{ x: innerWidth, y: ty }} style={{ stroke: COLORS.muted }} strokeDasharray="4,3" aria-hidden="true" />
                <Axis orientation="left" scale={y} numTicks={5} label={t.experience} />
                <Axis orientation="bottom" top={innerHeight} scale={x} numTicks={5} label={t.outcome} />
              </Group>
            </svg>
          </>
        );
      }}
    </ChartFrame>
  );
}

interface QuadrantCanvasProps {
  canvasRef: RefObject<HTMLCanvasElement | null>;
  accounts: readonly QuadrantAccount[];
  width: number;
  height: number;
  maxArr: number;
  onHover: (account: QuadrantAccount | null, x: number, y: number) => void;
  onPick: ((account: QuadrantAccount) => void) | undefined;
  /** A click away from every point picks the quadrant under it, as a click on the SVG region does. */
  onPickQuadrant: ((quadrant: Quadrant) => void) | undefined;
  thresholds: HealthQuadrants['thresholds'];
}

/** Every point in one canvas draw; hover and click find the nearest point within 8 px. */
function QuadrantCanvas({ canvasRef, accounts, width, height, maxArr, onHover, onPick, onPickQuadrant, thresholds }: QuadrantCanvasProps) {
  // Plain arithmetic versions of the SVG's scales, stable across renders so a tooltip update does not redraw.
  const innerWidth = length(width - MARGIN.left - MARGIN.right);
  const innerHeight = length(height - MARGIN.top - MARGIN.bottom);
  const x = useCallback((outcome: number) => (outcome / 100) * innerWidth, [innerWidth]);
  const y = useCallback((experience: number) => innerHeight - (experience / 100) * innerHeight, [innerHeight]);
  useEffect(() => {
    const radius = (arr: number) => 2 + 3 * Math.sqrt(maxArr > 0 ? Math.max(0, arr) / maxArr : 0);
    const canvas = canvasRef.current;
    const context = canvas?.getContext?.('2d');
    if (!canvas || !context) return;
    const ratio = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
    context.globalAlpha = 0.7;
    for (const quadrant of QUADRANTS) {
      // Canvas cannot use CSS variables: read the theme's value of each color at draw time.
      context.fillStyle = resolveColor(canvas, QUADRANT_COLORS[quadrant]);
      context.beginPath();
      for (const a of accounts) {
        if (a.quadrant !== quadrant) continue;
        const cx = MARGIN.left + finite(x(a.outcome));
        const cy = MARGIN.top + finite(y(a.experience));
        const r = finite(radius(a.arr), 2);
        context.moveTo(cx + r, cy);
        context.arc(cx, cy, r, 0, Math.PI * 2);
      }
      context.fill();
    }
  }, [canvasRef, accounts, width, height, x, y, maxArr]);

  const nearest = (event: MouseEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const px = event.clientX - box.left;
    const py = event.clientY - box.top;
    let best: QuadrantAccount | null = null;
    let bestDistance = 64;
    for (const a of accounts) {
      const dx = MARGIN.left + x(a.outcome) - px;
      const dy = MARGIN.top + y(a.experience) - py;
      const distance = dx * dx + dy * dy;
      if (distance < bestDistance) {
        bestDistance = distance;
        best = a;
      }
    }
    return { best, px, py };
  };

  return (
    <canvas
      ref={canvasRef} width={width} height={height} style={{ width: '100%', height, display: 'block' }} aria-hidden="true"
      onMouseMove={(event) => { const { best, px, py } = nearest(event); onHover(best, px, py); }}
      onMouseLeave={() => onHover(null, 0, 0)}
      onClick={(event) => {
        const { best, px, py } = nearest(event);
        if (best) {
          onPick?.(best);
          return;
        }
        const outcome = ((px - MARGIN.left) / Math.max(1, innerWidth)) * 100;
        const experience = ((innerHeight - (py - MARGIN.top)) / Math.max(1, innerHeight)) * 100;
        if (outcome >= 0 && outcome <= 100 && experience >= 0 && experience <= 100) onPickQuadrant?.(quadrantOf(outcome, experience, thresholds));
      }}
    />
  );
}
