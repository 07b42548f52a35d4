/**
 * CSM scorecards (SPEC 6): one row per CSM and a team total.
 *
 * Rules the SPEC leaves open, decided here:
 * - A CSM's book is the accounts assigned to them (`account.csmId`); `accounts` counts those with ARR > 0 in
 *   `period.to` (after grace, as in the waterfall's closing), and `arr` is their ARR then.
 * - A lead counts for its own `csmId`, or for its account's CSM when it has none. `csqlCount` counts leads created in
 *   the period; `csqlWonArr` sums the ARR of leads won (`closedAt`) in the period.
 * - Mean health is over book accounts with health at `period.to`; NPS over responses in the period.
 * - Accounts with no CSM get a row with `csmId: null`, so the rows add up to the totals.
 */
import { arrMovements, assertGrace, movementArr, resolveAsOf, type ArrWaterfall } from './arr-movements.js';
import { assertPeriod, monthIndex } from './dates.js';
import { indexDataset, valueAt } from './dataset-index.js';
import { scoreAt } from './health.js';
import { resolveHealthModel, type HealthModelInput } from './health-model.js';
import { accountTransition } from './health-transitions.js';
import { countNps, emptyNps, npsScore } from './nps.js';
import { ratio } from './ratio.js';
import { renewals, summarizeRenewals, type RenewalItem, type RenewalSummary } from './renewals.js';
import type { DateString, Dataset, Period } from './types.js';

export interface CsmScorecardRow {
  /** null for the accounts without a CSM, and for the totals row. */
  csmId: string | null;
  name: string;
  team: string | null;
  /** Assigned accounts with ARR > 0 at `period.to`. */
  accounts: number;
  arr: number;
  arrPerAccount: number | null;
  logoRate: number | null;
  dollarRate: number | null;
  renewalsDue: number;
  meanHealthScore: number | null;
  saves: number;
  wins: number;
  nps: number | null;
  npsResponses: number;
  csqlCount: number;
  csqlWonArr: number;
  /** Net new ARR of the book over the period (waterfall movements). */
  netNewArr: number;
}

export interface CsmScorecard {
  period: Period;
  csms: CsmScorecardRow[];
  totals: CsmScorecardRow;
}

export interface CsmScorecardOptions {
  period: Period;
  model?: HealthModelInput;
  graceMonths?: number;
  asOf?: DateString;
}

interface Tally {
  accounts: number;
  arr: number;
  healthSum: number;
  healthCount: number;
  saves: number;
  wins: number;
  nps: ReturnType<typeof emptyNps>;
  csqlCount: number;
  csqlWonArr: number;
  netNewArr: number;
  items: RenewalItem[];
}

function emptyTally(): Tally {
  return { accounts: 0, arr: 0, healthSum: 0, healthCount: 0, saves: 0, wins: 0, nps: emptyNps(), csqlCount: 0, csqlWonArr: 0, netNewArr: 0, items: [] };
}

/** Results for the same period, grace and asOf that a caller already has (the dashboard): not computed again. */
export interface SharedResults {
  waterfall: ArrWaterfall;
  renewals: RenewalSummary;
}

export function csmScorecard(dataset: Dataset, options: CsmScorecardOptions, shared?: SharedResults): CsmScorecard {
  const { period, graceMonths = 0 } = options;
  assertPeriod(period);
  assertGrace(graceMonths);
  const asOf = resolveAsOf(period, options.asOf);
  const model = resolveHealthModel(options.model);
  const index = indexDataset(dataset);
  const from = monthIndex(period.from);
  const to = monthIndex(period.to);
  const arr = movementArr(index, period, graceMonths, asOf);
  const tallies = new Map<string | null, Tally>();
  const tallyOf = (csmId: string | null) => {
    let tally = tallies.get(csmId);
    if (!tally) {
      tally = emptyTally();
      tallies.set(csmId, tally);
    }
    return tally;
  };
  for (const csm of dataset.csms ?? []) tallyOf(csm.id);
  const total = emptyTally();
  const csmOfAccount = new Map<string, string | null>();

  index.accounts.forEach((account, position) => {
    const csmId = account.csmId ?? null;
    csmOfAccount.set(account.id, csmId);
    const closing = valueAt(arr, position, to);
    const transition = accountTransition(index, model, position, from, to);
    const score = scoreAt(index, model, position, to);
    for (const tally of [tallyOf(csmId), total]) {
      if (closing > 0) {
        tally.accounts += 1;
        tally.arr += closing;
        if (!Number.isNaN(score)) {
          tally.healthSum += score;
          tally.healthCount += 1;
        }
      }
      if (transition.kind === 'save') tally.saves += 1;
      if (transition.kind === 'win') tally.wins += 1;
    }
  });
  const csmOf = (accountId: string | undefined) => (accountId === undefined ? undefined : csmOfAccount.get(accountId));
  const waterfall = shared?.waterfall ?? arrMovements(dataset, { period, graceMonths, asOf });
  for (const movement of waterfall.movements) {
    tallyOf(csmOf(movement.accountId) ?? null).netNewArr += movement.amount;
    total.netNewArr += movement.amount;
  }
  const summary = shared?.renewals ?? renewals(dataset, { period, graceMonths, asOf });
  for (const item of summary.items) {
    tallyOf(csmOf(item.accountId) ?? null).items.push(item);
    total.items.push(item);
  }
  for (const response of dataset.nps ?? []) {
    const month = monthIndex(response.date);
    if (month < from || month > to) continue;
    const csmId = csmOf(response.accountId);
    if (csmId !== undefined) countNps(tallyOf(csmId).nps, response.score);
    countNps(total.nps, response.score);
  }
  for (const lead of dataset.leads ?? []) {
    const csmId = lead.csmId ?? csmOf(lead.accountId) ?? null;
    const created = monthIndex(lead.createdAt);
    const createdIn = created >= from && created <= to;
    const closed = lead.closedAt === undefined ? -1 : monthIndex(lead.closedAt);
    const wonIn = lead.stage === 'won' && closed >= from && closed <= to;
    for (const tally of [tallyOf(csmId), total]) {
      if (createdIn) tally.csqlCount += 1;
      if (wonIn) tally.csqlWonArr += lead.arr ?? 0;
    }
  }

  const csmById = new Map((dataset.csms ?? []).map((csm) => [csm.id, csm]));
  const row = (csmId: string | null, name: string, team: string | null, tally: Tally): CsmScorecardRow => {
    const rates = summarizeRenewals(period, asOf, graceMonths, tally.items);
    return {
      csmId, name, team,
      accounts: tally.accounts,
      arr: tally.arr,
      arrPerAccount: ratio(tally.arr, tally.accounts),
      logoRate: rates.logoRate,
      dollarRate: rates.dollarRate,
      renewalsDue: rates.due.count,
      meanHealthScore: ratio(tally.healthSum, tally.healthCount),
      saves: tally.saves,
      wins: tally.wins,
      nps: npsScore(tally.nps),
      npsResponses: tally.nps.responses,
      csqlCount: tally.csqlCount,
      csqlWonArr: tally.csqlWonArr,
      netNewArr: tally.netNewArr,
    };
  };
  const csms = [...tallies].map(([csmId, tally]) => {
    const csm = csmId === null ? undefined : csmById.get(csmId);
    return row(csmId, csmId === null ? '(none)' : csm?.name ?? csmId, csm?.team ?? null, tally);
  });
  return { period: { from: period.from, to: period.to }, csms, totals: row(null, 'Team total', null, total) };
}
