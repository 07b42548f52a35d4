/**
 * The peer for the metrics benchmark: the core dashboard metrics written with Arquero, the way an analyst would
 * with a dataframe library: tables from the dataset's records, contract terms unrolled to months, joins and
 * grouped rollups. Same inputs and the same rules as @cskit/metrics with `graceMonths: 0` (waterfall, retention,
 * renewals, health scores and tiers over the period, quadrants, NPS, early warnings).
 */
import * as aq from 'arquero';
import { dayNumber, isLastDayOfMonth, monthIndex, type Dataset, type Period } from '@cskit/metrics';

const { op } = aq;
/**
 * A row or the parameters inside an Arquero expression. Arquero parses these functions from their source text,
 * so they stay untyped at run time; the annotation only tells the compiler so (types are stripped before run).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type R = Record<string, any>;

export interface PeerResult {
  opening: number;
  closing: number;
  movements: Record<string, number>;
  nrr: number | null;
  grr: number | null;
  due: number;
  logoRate: number | null;
  dollarRate: number | null;
  tierCounts: Array<Record<string, number>>;
  quadrants: Record<string, number>;
  nps: number | null;
  atRisk: number;
}

function contractsTable(dataset: Dataset) {
  const contracts = dataset.contracts ?? [];
  const rate = (currency: string | undefined) => (currency === undefined || currency === dataset.currency ? 1 : dataset.fxRates?.[currency] ?? 1);
  return aq.table({
    id: contracts.map((c) => c.id),
    accountId: contracts.map((c) => c.accountId),
    arr: contracts.map((c) => c.arr * rate(c.currency)),
    startDay: contracts.map((c) => dayNumber(c.start)),
    endDay: contracts.map((c) => dayNumber(c.end as string)),
    m0: contracts.map((c) => monthIndex(c.start)),
    m1: contracts.map((c) => (isLastDayOfMonth(c.end as string) ? monthIndex(c.end as string) : monthIndex(c.end as string) - 1)),
    endMonth: contracts.map((c) => monthIndex(c.end as string)),
  });
}

export function arqueroDashboard(dataset: Dataset, period: Period): PeerResult {
  const from = monthIndex(period.from);
  const to = monthIndex(period.to);
  const asOfDay = dayNumber(`${period.to}-28`) + 3;
  const accounts = aq.table({
    accountId: dataset.accounts.map((a) => a.id),
    segment: dataset.accounts.map((a) => a.segment ?? null),
  });
  const contracts = contractsTable(dataset);

  // ARR by account and month: each contract counts in the months whose last day it covers.
  const monthly = contracts
    .filter((d: R) => d.m1 >= d.m0)
    .derive({ mi: (d: R) => op.sequence(d.m0, d.m1 + 1) })
    .unroll('mi')
    .groupby('accountId', 'mi')
    .rollup({ arr: (d: R) => op.sum(d.arr) });
  const firstPositive = monthly.filter((d: R) => d.arr > 0).groupby('accountId').rollup({ firstMi: (d: R) => op.min(d.mi) });
  const months = aq.table({ mi: Array.from({ length: to - from + 2 }, (_, k) => from - 1 + k) });
  const grid = accounts.select('accountId').cross(months)
    .join_left(monthly.params({ from, to }).filter((d: R, $: R) => d.mi >= $.from - 1 && d.mi <= $.to), [['accountId', 'mi'], ['accountId', 'mi']], [aq.all(), ['arr']])
    .impute({ arr: () => 0 })
    .groupby('accountId')
    .orderby('mi')
    .derive({ prev: (d: R) => op.lag(d.arr, 1, 0) })
    .ungroup()
    .join_left(firstPositive, 'accountId', [aq.all(), ['firstMi']]);
  const moves = grid
    .params({ from })
    .filter((d: R, $: R) => d.mi >= $.from)
    .derive({
      kind: (d: R) => (d.prev <= 0
        ? (d.arr > 0 ? (d.firstMi < d.mi ? 'reactivation' : 'new') : null)
        : d.arr <= 0 ? 'churn' : d.arr > d.prev ? 'expansion' : d.arr < d.prev ? 'contraction' : null),
      amount: (d: R) => d.arr - d.prev,
    })
    .filter((d: R) => d.kind != null)
    .groupby('kind')
    .rollup({ amount: (d: R) => op.sum(d.amount) })
    .objects() as Array<{ kind: string; amount: number }>;
  const totals = grid.groupby('mi').rollup({ arr: (d: R) => op.sum(d.arr) }).objects() as Array<{ mi: number; arr: number }>;
  const totalAt = (mi: number) => totals.find((t) => t.mi === mi)?.arr ?? 0;

  // Retention from the month before the period to its end.
  const kept = grid
    .params({ start: from - 1, end: to })
    .filter((d: R, $: R) => d.mi === $.start || d.mi === $.end)
    .groupby('accountId')
    .pivot('mi', 'arr')
    .objects() as Array<Record<string, number>>;
  let startingArr = 0;
  let endingArr = 0;
  let keptArr = 0;
  for (const row of kept) {
    const start = row[String(from - 1)] ?? 0;
    const end = row[String(to)] ?? 0;
    if (start <= 0) continue;
    startingArr += start;
    endingArr += end;
    keptArr += Math.min(start, end);
  }

  // Renewals: the earliest later contract of the account starting by the day after the due one ends.
  const due = contracts.params({ from, to }).filter((d: R, $: R) => d.endMonth >= $.from && d.endMonth <= $.to);
  const renewal = due
    .join(contracts, 'accountId', [['id', 'accountId', 'arr', 'startDay', 'endDay'], ['startDay']], { suffix: ['', '_r'] })
    .filter((d: R) => d.startDay_r > d.startDay && d.startDay_r <= d.endDay + 1)
    .groupby('id', 'accountId')
    .rollup({ startDay: (d: R) => op.min(d.startDay_r) })
    .join(contracts.select('accountId', 'startDay', { arr: 'renewalArr' }), [['accountId', 'startDay'], ['accountId', 'startDay']], [aq.all(), ['renewalArr']])
    .select('id', 'renewalArr');
  const dueRows = due.join_left(renewal, 'id', [aq.all(), ['renewalArr']]).params({ asOfDay })
    .derive({ status: (d: R, $: R) => (d.renewalArr != null ? 'renewed' : $.asOfDay <= d.endDay ? 'open' : 'churned') });
  const dueSummary = dueRows.rollup({ count: op.count(), dueArr: (d: R) => op.sum(d.arr), renewalArr: (d: R) => op.sum(d.renewalArr) }).object() as Record<string, number>;
  const logo = dueRows.groupby('accountId').rollup({ renewed: (d: R) => op.max(d.status === 'renewed' ? 1 : 0) })
    .rollup({ accounts: op.count(), renewed: (d: R) => op.sum(d.renewed) }).object() as Record<string, number>;

  // Health: the latest snapshot at or before each month, scored with the default (and KA) weights.
  const health = aq.table({
    accountId: (dataset.health ?? []).map((h) => h.accountId),
    mi: (dataset.health ?? []).map((h) => monthIndex(h.month)),
    outcome: (dataset.health ?? []).map((h) => h.outcome),
    experience: (dataset.health ?? []).map((h) => h.experience),
  });
  const healthAt = (mi: number) => health
    .params({ mi })
    .filter((d: R, $: R) => d.mi <= $.mi)
    .groupby('accountId')
    .rollup({ mi: (d: R) => op.max(d.mi) })
    .join(health, [['accountId', 'mi'], ['accountId', 'mi']], [aq.all(), ['outcome', 'experience']])
    .join(accounts, 'accountId', [aq.all(), ['segment']])
    .derive({
      score: (d: R) => (d.segment === 'KA' ? 0.7 * d.outcome + 0.3 * d.experience : 0.8 * d.outcome + 0.2 * d.experience),
    })
    .derive({ tier: (d: R) => (d.score >= 75 ? 'green' : d.score >= 60 ? 'green-yellow' : d.score >= 40 ? 'yellow' : 'red') });
  const tierCounts: Array<Record<string, number>> = [];
  let latest = healthAt(to);
  for (let mi = from; mi <= to; mi += 1) {
    const scored = mi === to ? latest : healthAt(mi);
    tierCounts.push(Object.fromEntries((scored.groupby('tier').count().objects() as Array<{ tier: string; count: number }>).map((r) => [r.tier, r.count])));
  }
  latest = latest.derive({
    quadrant: (d: R) => (d.outcome >= 60 ? (d.experience >= 60 ? 'loyal' : 'grudging') : d.experience >= 60 ? 'unrealized' : 'critical'),
  });
  const quadrants = Object.fromEntries((latest.groupby('quadrant').count().objects() as Array<{ quadrant: string; count: number }>).map((r) => [r.quadrant, r.count]));

  // NPS over the period.
  const npsRows = aq.table({ mi: (dataset.nps ?? []).map((r) => monthIndex(r.date)), score: (dataset.nps ?? []).map((r) => r.score) })
    .params({ from, to })
    .filter((d: R, $: R) => d.mi >= $.from && d.mi <= $.to)
    .rollup({
      responses: op.count(),
      promoters: (d: R) => op.sum(d.score >= 9 ? 1 : 0),
      detractors: (d: R) => op.sum(d.score <= 6 ? 1 : 0),
    })
    .object() as Record<string, number>;

  // Early warnings: paying accounts whose activity rate stayed below 0.3 for the last three months.
  const activity = aq.table({
    accountId: (dataset.activity ?? []).map((r) => r.accountId),
    mi: (dataset.activity ?? []).map((r) => monthIndex(r.month)),
    rate: (dataset.activity ?? []).map((r) => r.activeUsers / r.licensedUsers),
  });
  const peakRate = activity.params({ to }).filter((d: R, $: R) => d.mi > $.to - 3 && d.mi <= $.to).groupby('accountId').rollup({ peak: (d: R) => op.max(d.rate) });
  const atRisk = grid.params({ to }).filter((d: R, $: R) => d.mi === $.to && d.arr > 0)
    .join_left(peakRate, 'accountId', [aq.all(), ['peak']])
    .filter((d: R) => d.peak == null || d.peak < 0.3)
    .orderby(aq.desc('arr'))
    .numRows();

  const movements = Object.fromEntries(moves.map((m) => [m.kind, m.amount]));
  return {
    opening: totalAt(from - 1),
    closing: totalAt(to),
    movements,
    nrr: startingArr === 0 ? null : endingArr / startingArr,
    grr: startingArr === 0 ? null : keptArr / startingArr,
    due: dueSummary.count ?? 0,
    logoRate: logo.accounts ? (logo.renewed ?? 0) / logo.accounts : null,
    dollarRate: dueSummary.dueArr ? (dueSummary.renewalArr ?? 0) / dueSummary.dueArr : null,
    tierCounts,
    quadrants,
    nps: npsRows.responses ? (100 * ((npsRows.promoters ?? 0) - (npsRows.detractors ?? 0))) / npsRows.responses : null,
    atRisk,
  };
}
