import { accountEvents, HEALTH_TIERS } from '@cskit/metrics';
import type { AccountEvent, AccountEventKind, AccountStory, HealthTier } from '@cskit/metrics';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '../internal/scales.js';
import { useMemo } from 'react';
import { Axis } from '../internal/Axis.js';
import { ChartFrame, frameProps, svgSize } from '../internal/ChartFrame.js';
import { defineChart } from '../internal/define-chart.js';
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
  data?: AccountStory | undefined;
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

/**
 * Draws the chart from `data`; its loading state while `data` is undefined, its error state with `error`.
 */
export const AccountStoryChart = defineChart<AccountStoryChartProps>({
  name: 'account-story',
  height: defaultHeight,
  Chart: AccountStoryPlot,
});

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

type Show = (x: number, y: number, text: string) => void;
type Text = ReturnType<typeof useChart>;

/** The key facts above the chart: ARR, tier, next renewal, early warning. */
function storyFacts(data: AccountStory, { f, t }: Text): Array<[string, string]> {
  const latest = data.months.at(-1);
  const scored = [...data.months].reverse().find((m) => m.tier !== null);
  const next = data.nextRenewal;
  const tierWord = (tier: HealthTier | null) => (tier === null ? t.tiers.unscored : t.tiers[tier]);
  return [
    [t.facts.arr, f.currency(latest?.arr ?? 0)],
    [t.facts.tier, scored ? `${tierWord(scored.tier)} (${f.number(scored.healthScore, 0)}, ${f.month(scored.month)})` : t.tiers.unscored],
    [t.facts.nextRenewal, next ? `${next.end ?? ''} · ${f.currency(next.arr)}${next.status ? ` · ${t.domain.statuses[next.status]}` : ''}` : '—'],
    [t.facts.earlyWarning, data.earlyWarning ? t.facts.yes : t.facts.no],
  ];
}

/** The table fallback: the months, and the events. */
function StoryTables({ data, events, title, text: { f, t } }: { data: AccountStory; events: AccountEvent[]; title: string; text: Text }) {
  const tierWord = (tier: HealthTier | null) => (tier === null ? t.tiers.unscored : t.tiers[tier]);
  return (
    <>
      <DataTable
        caption={`${title}: ${t.month}`}
        columns={[t.month, t.arr, t.movementsAxis, t.healthScore, t.facts.tier, t.outcome, t.experience, t.activityRate]}
        rows={data.months.map((m) => [
          f.month(m.month), f.currency(m.arr), m.movement ? t.movements[m.movement] : '—', f.number(m.healthScore, 0), tierWord(m.tier),
          f.number(m.outcome, 0), f.number(m.experience, 0), f.percent(m.activityRate, 0),
        ])}
      />
      <DataTable caption={`${title}: ${t.eventsWord}`} columns={[t.value]} rows={events.map((event) => [describeEvent(event, f, t)])} />
    </>
  );
}

/**
 * One account over its period: ARR by month (bars), the health score against the tier bands of the model, and its
 * events on a timeline (contracts, NPS, leads, advocacy, revenue), under its key facts.
 */
function AccountStoryPlot({ data, height = defaultHeight(), ...props }: Loaded<AccountStoryChartProps>) {
  const text = useChart(props);
  const { f, t } = text;
  const { tooltip, show, hide } = useTooltip();
  const events = useMemo(() => accountEvents(data), [data]);
  const months = data.months;
  const title = props.title ?? `${t.chartTitles.story}: ${data.account.name}`;
  const facts = storyFacts(data, text);
  const first = months[0];
  const latest = months.at(-1);
  const summary = first && latest
    ? `${title}, ${f.month(first.month)} – ${f.month(latest.month)}: ARR ${f.currency(first.arr)} → ${f.currency(latest.arr)}; ${facts.slice(1).map(([k, v]) => `${k} ${v}`).join('; ')}; ${events.length} ${t.eventsWord}.`
    : `${title}: ${t.noData}.`;
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
        empty={months.length === 0} emptyText={t.noData} table={<StoryTables data={data} events={events} title={title} text={text} />} tooltip={tooltip}
      >
        {({ width, inner, id }) => {
          const x = scaleBand<string>({ domain: months.map((m) => m.month), range: [0, inner.width], padding: 0.2 });
          const healthTop = ARR_HEIGHT + GAP;
          const lanesTop = healthTop + HEALTH_HEIGHT + GAP;
          const panel = { data, x, innerWidth: inner.width, text, show, hide };
          return (
            <svg {...svgSize(width, height)} className="cskit-svg">
              <TierPatterns prefix={id} />
              <Group left={MARGIN.left} top={MARGIN.top}>
                <ArrPanel {...panel} />
                <HealthPanel {...panel} top={healthTop} patternPrefix={id} />
                <EventsPanel {...panel} events={events} top={lanesTop} />
                <Axis
                  orientation="bottom" top={lanesTop + LANES.length * LANE_HEIGHT} scale={x}
                  tickValues={everyNth(months.map((m) => m.month), inner.width)} tickFormat={(month) => f.month(String(month))}
                />
              </Group>
            </svg>
          );
        }}
      </ChartFrame>
    </div>
  );
}

interface PanelProps {
  data: AccountStory;
  x: ReturnType<typeof scaleBand<string>>;
  innerWidth: number;
  text: Text;
  show: Show;
  hide: () => void;
}

/** ARR by month, a bar each. */
function ArrPanel({ data, x, text: { f, t }, show, hide }: PanelProps) {
  const yArr = scaleLinear<number>({ domain: [0, Math.max(1, ...data.months.map((m) => m.arr))], range: [ARR_HEIGHT, 0], nice: true });
  return (
    <g data-panel="arr">
      {data.months.map((m) => {
        if (m.arr <= 0) return null;
        const top = finite(yArr(m.arr));
        const label = `${f.month(m.month)}, ${t.arr}: ${f.currency(m.arr)}${m.movement ? ` (${t.movements[m.movement]})` : ''}`;
        const barX = finite(x(m.month) ?? 0);
        return (
          <rect
            key={m.month} x={barX} y={top} width={length(x.bandwidth())} height={length(ARR_HEIGHT - top)} rx={1}
            style={{ fill: COLORS.line }}
            {...markProps({ label, onShow: () => show(MARGIN.left + barX + x.bandwidth() / 2, MARGIN.top + top, label), onHide: hide })}
          />
        );
      })}
      <Axis orientation="left" scale={yArr} numTicks={3} label={t.arr} labelOffset={64} tickFormat={(v) => f.compactCurrency(Number(v))} />
    </g>
  );
}

/** The health score by month over the model's tier bands (color, pattern and name: never color alone). */
function HealthPanel({ data, x, innerWidth, text: { f, t }, show, hide, top: panelTop, patternPrefix }: PanelProps & { top: number; patternPrefix: string }) {
  const yHealth = scaleLinear<number>({ domain: [0, 100], range: [HEALTH_HEIGHT, 0] });
  const center = (month: string) => finite(x(month) ?? 0) + x.bandwidth() / 2;
  const bands = HEALTH_TIERS.map((tier) => {
    const low = bandLow(data, tier);
    const high = tier === 'green' ? 100 : bandLow(data, HEALTH_TIERS[HEALTH_TIERS.indexOf(tier) - 1] as HealthTier);
    return { tier, top: finite(yHealth(Math.max(low, high))), bottom: finite(yHealth(Math.min(low, high))) };
  });
  return (
    <Group top={panelTop} data-panel="health">
      {bands.map((band) => {
        if (band.bottom - band.top <= 0) return null;
        const pattern = tierPatternId(patternPrefix, band.tier);
        return (
          <g key={band.tier} aria-hidden="true" opacity={0.22}>
            <rect x={0} y={band.top} width={innerWidth} height={band.bottom - band.top} style={{ fill: TIER_COLORS[band.tier] }} />
            {pattern ? <rect x={0} y={band.top} width={innerWidth} height={band.bottom - band.top} fill={`url(#${pattern})`} /> : null}
          </g>
        );
      })}
      {bands.map((band) => (band.bottom - band.top < 10 ? null : (
        <text key={band.tier} x={innerWidth + 6} y={(band.top + band.bottom) / 2} dy="0.32em" fontSize={11} style={{ fill: COLORS.muted }} aria-hidden="true">
          {t.tiers[band.tier]}
        </text>
      )))}
      <path
        d={polyline(data.months.map((m) => (m.healthScore === null ? null : [center(m.month), yHealth(m.healthScore)])))}
        strokeWidth={2} fill="none" style={{ stroke: COLORS.fg }} aria-hidden="true"
      />
      {data.months.map((m) => {
        if (m.healthScore === null || m.tier === null) return null;
        const cx = center(m.month);
        const cy = finite(yHealth(m.healthScore));
        const label = `${f.month(m.month)}, ${t.healthScore}: ${f.number(m.healthScore, 0)} (${t.tiers[m.tier]}); ${t.outcome} ${f.number(m.outcome, 0)}, ${t.experience} ${f.number(m.experience, 0)}`;
        return (
          <g key={m.month} {...markProps({ label, onShow: () => show(MARGIN.left + cx, MARGIN.top + panelTop + cy, label), onHide: hide })}>
            <MarkerShape shape="circle" x={cx} y={cy} size={3.5} color={TIER_COLORS[m.tier]} />
          </g>
        );
      })}
      <Axis orientation="left" scale={yHealth} tickValues={[0, ...HEALTH_TIERS.map((tier) => bandLow(data, tier)).filter((v) => v > 0), 100]} label={t.healthScore} labelOffset={40} />
    </Group>
  );
}

/** A mark's color: a contract's end by its outcome, an NPS response by its category, else the foreground. */
function eventColor(event: AccountEvent): string {
  if (event.kind === 'contract-end') {
    if (event.status === 'churned') return TIER_COLORS.red;
    return event.status === 'renewed' || event.status === 'renewed-late' ? TIER_COLORS.green : TIER_COLORS.yellow;
  }
  if (event.kind === 'nps' && event.category !== null) {
    if (event.category === 'promoters') return TIER_COLORS.green;
    return event.category === 'detractors' ? TIER_COLORS.red : TIER_COLORS.yellow;
  }
  return COLORS.fg;
}

/** The events in lanes by kind; events of the same lane and month sit side by side inside the month's band. */
function EventsPanel({ x, innerWidth, text: { f, t }, show, hide, top: panelTop, events }: PanelProps & { top: number; events: AccountEvent[] }) {
  const slots = new Map<string, number>();
  const placed = events.map((event) => {
    const key = `${LANE_OF[event.kind]}|${event.month}`;
    const slot = slots.get(key) ?? 0;
    slots.set(key, slot + 1);
    return { event, slot };
  });
  return (
    <Group top={panelTop} data-panel="events">
      {LANES.map((lane, i) => (
        <g key={lane} aria-hidden="true">
          <line x1={0} x2={innerWidth} y1={i * LANE_HEIGHT + LANE_HEIGHT / 2} y2={i * LANE_HEIGHT + LANE_HEIGHT / 2} style={{ stroke: COLORS.grid }} />
          <text x={-8} y={i * LANE_HEIGHT + LANE_HEIGHT / 2} dy="0.32em" textAnchor="end" fontSize={11} style={{ fill: COLORS.muted }}>{t.lanes[lane]}</text>
        </g>
      ))}
      {placed.map(({ event, slot }) => {
        const count = slots.get(`${LANE_OF[event.kind]}|${event.month}`) ?? 1;
        const cx = finite(x(event.month) ?? 0) + (x.bandwidth() * (slot + 0.5)) / count;
        const cy = LANES.indexOf(LANE_OF[event.kind]) * LANE_HEIGHT + LANE_HEIGHT / 2;
        const label = describeEvent(event, f, t);
        return (
          <g key={`${event.kind}-${event.id}-${event.date}-${slot}`} {...markProps({ label, onShow: () => show(MARGIN.left + cx, MARGIN.top + panelTop + cy, label), onHide: hide })}>
            <MarkerShape shape={MARKER_OF[event.kind]} x={cx} y={cy} size={4.5} color={eventColor(event)} />
          </g>
        );
      })}
    </Group>
  );
}

function bandLow(data: AccountStory, tier: HealthTier): number {
  if (tier === 'green') return data.tiers.green;
  if (tier === 'green-yellow') return data.tiers.greenYellow;
  if (tier === 'yellow') return data.tiers.yellow;
  return 0;
}
