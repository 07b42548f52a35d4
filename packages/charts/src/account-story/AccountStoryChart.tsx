import { accountEvents, HEALTH_TIERS } from '@cskit/metrics';
import type { AccountEvent, AccountEventKind, AccountStory, HealthTier } from '@cskit/metrics';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '../internal/scales.js';
import { useMemo } from 'react';
import { Axis } from '../internal/Axis.js';
import { ChartFrame, frameProps, svgSize } from '../internal/ChartFrame.js';
import { ChartLoading } from '../internal/ChartLoading.js';
import type { Loaded } from '../internal/ChartLoading.js';
import { DataTable } from '../internal/DataTable.js';
import type { ChartLabels } from '../internal/labels.js';
import { MarkerShape, type Marker } from '../internal/markers.js';
import { markProps } from '../internal/marks.js';
import { polyline } from '../internal/polyline.js';
import { finite, length } from '../internal/numbers.js';
import { TierPatterns, tierPatternId } from '../internal/patterns.js';
import { COLORS, TIER_COLORS } from '../internal/theme.js';
import { everyNth } from '../internal/ticks.js';
import { useTooltip } from '../internal/tooltip.js';
import { useChart } from '../internal/use-chart.js';
import type { ChartBaseProps } from '../internal/use-chart.js';
import type { Formatters } from '@cskit/react';

export interface AccountStoryChartProps extends ChartBaseProps {
  /** `accountStory`'s result (`useAccountStory`). */
  data: AccountStory | undefined;
}

type Lane = keyof ChartLabels['lanes'];
const LANES: readonly Lane[] = ['contracts', 'nps', 'leads', 'advocacy', 'revenue'];
const LANE_OF: Record<AccountEventKind, Lane> = {
  'contract-start': 'contracts', 'contract-end': 'contracts', nps: 'nps', lead: 'leads', advocacy: 'advocacy', revenue: 'revenue',
};
const MARKER_OF: Record<AccountEventKind, Marker> = {
  'contract-start': 'square', 'contract-end': 'diamond', nps: 'circle', lead: 'triangle', advocacy: 'circle', revenue: 'square',
};
const MARGIN = { top: 12, right: 96, bottom: 30, left: 84 };
const ARR_HEIGHT = 96;
const HEALTH_HEIGHT = 110;
const GAP = 26;
const LANE_HEIGHT = 18;

/** Draws the story, or its loading state while `data` is undefined (a hook of an asynchronous source). */
export function AccountStoryChart(props: AccountStoryChartProps) {
  if (props.data === undefined) return <ChartLoading chart="account-story" {...props} height={props.height ?? defaultHeight()} />;
  return <AccountStoryPlot {...props} data={props.data} />;
}

function defaultHeight(): number {
  return MARGIN.top + ARR_HEIGHT + GAP + HEALTH_HEIGHT + GAP + LANES.length * LANE_HEIGHT + MARGIN.bottom;
}

/** An event in words: what happened, with its amount, status or score. */
function describeEvent(event: AccountEvent, f: Formatters, t: ChartLabels): string {
  const parts = [t.domain.events[event.kind]];
  if (event.kind === 'contract-end') parts.push(event.status === null ? t.domain.statuses.open : t.domain.statuses[event.status]);
  if (event.kind === 'nps' && event.score !== null) parts.push(`${event.score}/10`);
  if (event.kind === 'lead' && event.detail !== null) parts.push(t.domain.leadStages[event.detail as keyof typeof t.domain.leadStages] ?? event.detail);
  if (event.kind === 'advocacy' && event.detail !== null) parts.push(t.domain.advocacyKinds[event.detail as keyof typeof t.domain.advocacyKinds] ?? event.detail);
  if (event.kind === 'revenue' && event.detail !== null) parts.push(t.domain.revenueSources[event.detail as keyof typeof t.domain.revenueSources] ?? event.detail);
  if (event.arr !== null) parts.push(f.currency(event.arr));
  return `${event.date}, ${parts.join(', ')}`;
}

/**
 * One account over its period: ARR by month (bars), the health score against the tier bands of the model, and its
 * events on a timeline (contracts, NPS, leads, advocacy, revenue), under its key facts.
 */
function AccountStoryPlot({ data, height = defaultHeight(), ...props }: Loaded<AccountStoryChartProps>) {
  const { f, t } = useChart(props);
  const { tooltip, show, hide } = useTooltip();
  const events = useMemo(() => accountEvents(data), [data]);
  const months = data.months;
  const title = props.title ?? `${t.chartTitles.story}: ${data.account.name}`;
  const latest = months.at(-1);
  const scored = [...months].reverse().find((m) => m.tier !== null);
  const next = data.nextRenewal;
  const tierWord = (tier: HealthTier | null) => (tier === null ? t.tiers.unscored : t.tiers[tier]);
  const facts: Array<[string, string]> = [
    [t.facts.arr, f.currency(latest?.arr ?? 0)],
    [t.facts.tier, scored ? `${tierWord(scored.tier)} (${f.number(scored.healthScore, 0)}, ${f.month(scored.month)})` : t.tiers.unscored],
    [t.facts.nextRenewal, next ? `${next.end ?? ''} · ${f.currency(next.arr)}${next.status ? ` · ${t.domain.statuses[next.status]}` : ''}` : '—'],
    [t.facts.earlyWarning, data.earlyWarning ? t.facts.yes : t.facts.no],
  ];
  const first = months[0];
  const summary = first && latest
    ? `${title}, ${f.month(first.month)} – ${f.month(latest.month)}: ARR ${f.currency(first.arr)} → ${f.currency(latest.arr)}; ${facts.slice(1).map(([k, v]) => `${k} ${v}`).join('; ')}; ${events.length} ${t.eventsWord}.`
    : `${title}: ${t.noData}.`;
  const table = (
    <>
      <DataTable
        caption={`${title}: ${t.month}`}
        columns={[t.month, t.arr, t.movementsAxis, t.healthScore, t.facts.tier, t.outcome, t.experience, t.activityRate]}
        rows={months.map((m) => [
          f.month(m.month), f.currency(m.arr), m.movement ? t.movements[m.movement] : '—', f.number(m.healthScore, 0), tierWord(m.tier),
          f.number(m.outcome, 0), f.number(m.experience, 0), f.percent(m.activityRate, 0),
        ])}
      />
      <DataTable caption={`${title}: ${t.eventsWord}`} columns={[t.value]} rows={events.map((event) => [describeEvent(event, f, t)])} />
    </>
  );
  const empty = months.length === 0;
  return (
    <div className="cskit cskit-story" data-story={data.account.id}>
      <dl className="cskit-facts">
        {facts.map(([term, value]) => (
          <div key={term} className="cskit-facts__item">
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <ChartFrame
        chart="account-story" {...frameProps(props, t)} margin={MARGIN} summary={summary} height={height}
        empty={empty} emptyText={t.noData} table={table} tooltip={tooltip}
      >
        {({ width, inner, id }) => {
          const innerWidth = inner.width;
          const x = scaleBand<string>({ domain: months.map((m) => m.month), range: [0, innerWidth], padding: 0.2 });
          const center = (month: string) => finite(x(month) ?? 0) + x.bandwidth() / 2;
          const arrTop = 0;
          const healthTop = ARR_HEIGHT + GAP;
          const lanesTop = healthTop + HEALTH_HEIGHT + GAP;
          const axisTop = lanesTop + LANES.length * LANE_HEIGHT;
          const yArr = scaleLinear<number>({ domain: [0, Math.max(1, ...months.map((m) => m.arr))], range: [ARR_HEIGHT, 0], nice: true });
          const yHealth = scaleLinear<number>({ domain: [0, 100], range: [HEALTH_HEIGHT, 0] });
          const bands: Array<{ tier: HealthTier; low: number; high: number }> = [
            { tier: 'green', low: data.tiers.green, high: 100 },
            { tier: 'green-yellow', low: data.tiers.greenYellow, high: data.tiers.green },
            { tier: 'yellow', low: data.tiers.yellow, high: data.tiers.greenYellow },
            { tier: 'red', low: 0, high: data.tiers.yellow },
          ];
          // Events of the same lane and month sit side by side inside the month's band.
          const slots = new Map<string, number>();
          const placed = events.map((event) => {
            const key = `${LANE_OF[event.kind]}|${event.month}`;
            const slot = slots.get(key) ?? 0;
            slots.set(key, slot + 1);
            return { event, slot };
          });
          const countIn = (event: AccountEvent) => slots.get(`${LANE_OF[event.kind]}|${event.month}`) ?? 1;
          return (
            <svg {...svgSize(width, height)} className="cskit-svg">
              <TierPatterns prefix={id} />
              <Group left={MARGIN.left} top={MARGIN.top}>
                <g data-panel="arr">
                  {months.map((m) => {
                    if (m.arr <= 0) return null;
                    const top = finite(yArr(m.arr));
                    const text = `${f.month(m.month)}, ${t.arr}: ${f.currency(m.arr)}${m.movement ? ` (${t.movements[m.movement]})` : ''}`;
                    const barX = finite(x(m.month) ?? 0);
                    return (
                      <rect
                        key={m.month} x={barX} y={arrTop + top} width={length(x.bandwidth())} height={length(ARR_HEIGHT - top)} rx={1}
                        style={{ fill: COLORS.line }}
                        {...markProps({ label: text, onShow: () => show(MARGIN.left + barX + x.bandwidth() / 2, MARGIN.top + top, text), onHide: hide })}
                      />
                    );
                  })}
                  <Axis orientation="left" scale={yArr} numTicks={3} label={t.arr} labelOffset={64} tickFormat={(v) => f.compactCurrency(Number(v))} />
                </g>
                <Group top={healthTop} data-panel="health">
                  {bands.map((band) => {
                    const top = finite(yHealth(Math.max(band.low, band.high)));
                    const bottom = finite(yHealth(Math.min(band.low, band.high)));
                    if (bottom - top <= 0) return null;
                    const pattern = tierPatternId(id, band.tier);
                    return (
                      <g key={band.tier} aria-hidden="true" opacity={0.22}>
                        <rect x={0} y={top} width={innerWidth} height={bottom - top} style={{ fill: TIER_COLORS[band.tier] }} />
                        {pattern ? <rect x={0} y={top} width={innerWidth} height={bottom - top} fill={`url(#${pattern})`} /> : null}
                      </g>
                    );
                  })}
                  {bands.map((band) => {
                    const top = finite(yHealth(Math.max(band.low, band.high)));
                    const bottom = finite(yHealth(Math.min(band.low, band.high)));
                    if (bottom - top < 10) return null;
                    return (
                      <text key={band.tier} x={innerWidth + 6} y={(top + bottom) / 2} dy="0.32em" fontSize={11} style={{ fill: COLORS.muted }} aria-hidden="true">
                        {t.tiers[band.tier]}
                      </text>
                    );
                  })}
                  <path
                    d={polyline(months.map((m) => (m.healthScore === null ? null : [center(m.month), yHealth(m.healthScore)])))}
                    strokeWidth={2} fill="none" style={{ stroke: COLORS.fg }} aria-hidden="true"
                  />
                  {months.map((m) => {
                    if (m.healthScore === null || m.tier === null) return null;
                    const cx = center(m.month);
                    const cy = finite(yHealth(m.healthScore));
                    const text = `${f.month(m.month)}, ${t.healthScore}: ${f.number(m.healthScore, 0)} (${t.tiers[m.tier]}); ${t.outcome} ${f.number(m.outcome, 0)}, ${t.experience} ${f.number(m.experience, 0)}`;
                    return (
                      <g key={m.month} {...markProps({ label: text, onShow: () => show(MARGIN.left + cx, MARGIN.top + healthTop + cy, text), onHide: hide })}>
                        <MarkerShape shape="circle" x={cx} y={cy} size={3.5} color={TIER_COLORS[m.tier]} />
                      </g>
                    );
                  })}
                  <Axis orientation="left" scale={yHealth} tickValues={[0, ...HEALTH_TIERS.map((tier) => bandLow(data, tier)).filter((v) => v > 0), 100]} label={t.healthScore} labelOffset={40} />
                </Group>
                <Group top={lanesTop} data-panel="events">
                  {LANES.map((lane, i) => (
                    <g key={lane} aria-hidden="true">
                      <line x1={0} x2={innerWidth} y1={i * LANE_HEIGHT + LANE_HEIGHT / 2} y2={i * LANE_HEIGHT + LANE_HEIGHT / 2} style={{ stroke: COLORS.grid }} />
                      <text x={-8} y={i * LANE_HEIGHT + LANE_HEIGHT / 2} dy="0.32em" textAnchor="end" fontSize={11} style={{ fill: COLORS.muted }}>{t.lanes[lane]}</text>
                    </g>
                  ))}
                  {placed.map(({ event, slot }) => {
                    const lane = LANES.indexOf(LANE_OF[event.kind]);
                    const count = countIn(event);
                    const band = x.bandwidth();
                    const cx = finite(x(event.month) ?? 0) + (band * (slot + 0.5)) / count;
                    const cy = lane * LANE_HEIGHT + LANE_HEIGHT / 2;
                    const text = describeEvent(event, f, t);
                    const color = event.kind === 'contract-end'
                      ? (event.status === 'churned' ? TIER_COLORS.red : event.status === 'renewed' || event.status === 'renewed-late' ? TIER_COLORS.green : TIER_COLORS.yellow)
                      : event.kind === 'nps' && event.category !== null
                        ? (event.category === 'promoters' ? TIER_COLORS.green : event.category === 'detractors' ? TIER_COLORS.red : TIER_COLORS.yellow)
                        : COLORS.fg;
                    return (
                      <g key={`${event.kind}-${event.id}-${event.date}-${slot}`} {...markProps({ label: text, onShow: () => show(MARGIN.left + cx, MARGIN.top + lanesTop + cy, text), onHide: hide })}>
                        <MarkerShape shape={MARKER_OF[event.kind]} x={cx} y={cy} size={4.5} color={color} />
                      </g>
                    );
                  })}
                </Group>
                <Axis orientation="bottom" top={axisTop} scale={x} tickValues={everyNth(months.map((m) => m.month), innerWidth)} tickFormat={(month) => f.month(String(month))} />
              </Group>
            </svg>
          );
        }}
      </ChartFrame>
    </div>
  );
}

function bandLow(data: AccountStory, tier: HealthTier): number {
  if (tier === 'green') return data.tiers.green;
  if (tier === 'green-yellow') return data.tiers.greenYellow;
  if (tier === 'yellow') return data.tiers.yellow;
  return 0;
}
