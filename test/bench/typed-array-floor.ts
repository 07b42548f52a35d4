/**
 * The practical floor for the benchmark: the same metrics as the Arquero peer, hand-written as passes over typed
 * arrays with nothing general about them (fixed health model, grace 0, no result objects beyond the totals).
 * Real code will not beat this by much; `pnpm bench` reports how far @cskit/metrics is from it.
 */
import { dayNumber, isLastDayOfMonth, monthIndex, type Dataset, type Period } from '@cskit/metrics';
import type { PeerResult } from './arquero-peer.js';

const TIERS = ['green', 'green-yellow', 'yellow', 'red'] as const;
const QUADRANTS = ['loyal', 'unrealized', 'grudging', 'critical'] as const;

export function typedArrayDashboard(dataset: Dataset, period: Period): PeerResult {
  const from = monthIndex(period.from);
  const to = monthIndex(period.to);
  const width = to - from + 2; // the month before the period, then the period
  const accountCount = dataset.accounts.length;
  const position = new Map<string, number>();
  const isKa = new Uint8Array(accountCount);
  dataset.accounts.forEach((account, i) => {
    position.set(account.id, i);
    isKa[i] = account.segment === 'KA' ? 1 : 0;
  });

  // ARR by account and month (window only) and the first month each account ever paid.
  const contracts = dataset.contracts ?? [];
  const n = contracts.length;
  const arrMatrix = new Float64Array(accountCount * width);
  const firstPaid = new Int32Array(accountCount).fill(2 ** 30);
  const cPos = new Int32Array(n);
  const cArr = new Float64Array(n);
  const cStart = new Int32Array(n);
  const cEnd = new Int32Array(n);
  const cEndMonth = new Int32Array(n);
  for (let c = 0; c < n; c += 1) {
    const contract = contracts[c] as NonNullable<Dataset['contracts']>[number];
    const p = position.get(contract.accountId) ?? -1;
    const rate = contract.currency === undefined || contract.currency === dataset.currency ? 1 : dataset.fxRates?.[contract.currency] ?? 1;
    const arr = contract.arr * rate;
    const m0 = monthIndex(contract.start);
    const m1 = isLastDayOfMonth(contract.end as string) ? monthIndex(contract.end as string) : monthIndex(contract.end as string) - 1;
    cPos[c] = p;
    cArr[c] = arr;
    cStart[c] = dayNumber(contract.start);
    cEnd[c] = dayNumber(contract.end as string);
    cEndMonth[c] = monthIndex(contract.end as string);
    if (p < 0 || m1 < m0) continue;
    if (arr > 0 && m0 < (firstPaid[p] as number)) firstPaid[p] = m0;
    const lo = Math.max(m0, from - 1);
    const hi = Math.min(m1, to);
    const row = p * width - (from - 1);
    for (let m = lo; m <= hi; m += 1) arrMatrix[row + m] = (arrMatrix[row + m] as number) + arr;
  }

  // Waterfall movements, retention and the ARR at the end, in one pass over the matrix.
  const movements = { new: 0, expansion: 0, contraction: 0, churn: 0, reactivation: 0 };
  let opening = 0;
  let closing = 0;
  let startingArr = 0;
  let endingArr = 0;
  let keptArr = 0;
  for (let p = 0; p < accountCount; p += 1) {
    const row = p * width;
    let previous = arrMatrix[row] as number;
    opening += previous;
    for (let k = 1; k < width; k += 1) {
      const current = arrMatrix[row + k] as number;
      const delta = current - previous;
      if (previous <= 0) {
        if (current > 0) movements[(firstPaid[p] as number) < from - 1 + k ? 'reactivation' : 'new'] += delta;
      } else if (current <= 0) movements.churn += delta;
      else if (delta > 0) movements.expansion += delta;
      else if (delta < 0) movements.contraction += delta;
      previous = current;
    }
    closing += previous;
    const start = arrMatrix[row] as number;
    if (start > 0) {
      startingArr += start;
      endingArr += previous;
      keptArr += Math.min(start, previous);
    }
  }

  // Renewals: contracts grouped by account and sorted by start; each due contract (in end order) claims the
  // earliest later contract starting by the day after it ends.
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) =>
    (cPos[a] as number) - (cPos[b] as number) || (cStart[a] as number) - (cStart[b] as number));
  const claimed = new Uint8Array(n);
  let due = 0;
  let dueArr = 0;
  let renewalArr = 0;
  let dueAccounts = 0;
  let renewedAccounts = 0;
  for (let i = 0; i < n;) {
    let j = i;
    while (j < n && cPos[order[j] as number] === cPos[order[i] as number]) j += 1;
    if ((cPos[order[i] as number] as number) >= 0) {
      const byEnd = Array.from(order.subarray(i, j)).sort((a, b) => (cEnd[a] as number) - (cEnd[b] as number) || (cStart[a] as number) - (cStart[b] as number));
      let anyDue = false;
      let anyRenewed = false;
      for (const d of byEnd) {
        let renewal = -1;
        for (let k = i; k < j; k += 1) {
          const candidate = order[k] as number;
          const start = cStart[candidate] as number;
          if (start > (cStart[d] as number) && start <= (cEnd[d] as number) + 1 && !claimed[candidate]) {
            renewal = candidate;
            break;
          }
        }
        if (renewal >= 0) claimed[renewal] = 1;
        const endMonth = cEndMonth[d] as number;
        if (endMonth < from || endMonth > to) continue;
        due += 1;
        dueArr += cArr[d] as number;
        anyDue = true;
        if (renewal >= 0) {
          renewalArr += cArr[renewal] as number;
          anyRenewed = true;
        }
      }
      if (anyDue) dueAccounts += 1;
      if (anyRenewed) renewedAccounts += 1;
    }
    i = j;
  }

  // Health: each account's snapshots by month; carry the latest forward through the period.
  const health = dataset.health ?? [];
  const hPos = new Int32Array(health.length);
  const hMonth = new Int32Array(health.length);
  health.forEach((h, i) => {
    hPos[i] = position.get(h.accountId) ?? -1;
    hMonth[i] = monthIndex(h.month);
  });
  const hOrder = Int32Array.from({ length: health.length }, (_, i) => i).sort((a, b) =>
    (hPos[a] as number) - (hPos[b] as number) || (hMonth[a] as number) - (hMonth[b] as number));
  const tierCounts = Array.from({ length: to - from + 1 }, () => new Int32Array(4));
  const quadrantCounts = new Int32Array(4);
  for (let i = 0; i < hOrder.length;) {
    let j = i;
    const p = hPos[hOrder[i] as number] as number;
    while (j < hOrder.length && hPos[hOrder[j] as number] === p) j += 1;
    if (p >= 0) {
      let cursor = i - 1;
      for (let m = from; m <= to; m += 1) {
        while (cursor + 1 < j && (hMonth[hOrder[cursor + 1] as number] as number) <= m) cursor += 1;
        if (cursor < i) continue;
        const snapshot = health[hOrder[cursor] as number] as NonNullable<Dataset['health']>[number];
        const score = isKa[p] ? 0.7 * snapshot.outcome + 0.3 * snapshot.experience : 0.8 * snapshot.outcome + 0.2 * snapshot.experience;
        const rounded = Math.round(score * 1e9) / 1e9;
        const tier = rounded >= 75 ? 0 : rounded >= 60 ? 1 : rounded >= 40 ? 2 : 3;
        const counts = tierCounts[m - from] as Int32Array;
        counts[tier] = (counts[tier] as number) + 1;
        if (m === to) {
          const quadrant = snapshot.outcome >= 60 ? (snapshot.experience >= 60 ? 0 : 2) : snapshot.experience >= 60 ? 1 : 3;
          quadrantCounts[quadrant] = (quadrantCounts[quadrant] as number) + 1;
        }
      }
    }
    i = j;
  }

  // NPS over the period.
  let responses = 0;
  let promoters = 0;
  let detractors = 0;
  for (const response of dataset.nps ?? []) {
    const m = monthIndex(response.date);
    if (m < from || m > to) continue;
    responses += 1;
    if (response.score >= 9) promoters += 1;
    else if (response.score <= 6) detractors += 1;
  }

  // Early warnings: paying accounts whose activity rate was below 0.3 in each of the last three months.
  const peak = new Float64Array(accountCount);
  for (const record of dataset.activity ?? []) {
    const m = monthIndex(record.month);
    if (m <= to - 3 || m > to) continue;
    const p = position.get(record.accountId);
    if (p === undefined) continue;
    const rate = record.licensedUsers > 0 ? record.activeUsers / record.licensedUsers : 0;
    if (rate > (peak[p] as number)) peak[p] = rate;
  }
  let atRisk = 0;
  for (let p = 0; p < accountCount; p += 1) if ((arrMatrix[p * width + width - 1] as number) > 0 && (peak[p] as number) < 0.3) atRisk += 1;

  const record = (names: readonly string[], counts: Int32Array) =>
    Object.fromEntries(names.map((name, i) => [name, counts[i] as number]).filter(([, count]) => (count as number) > 0));
  return {
    opening,
    closing,
    movements,
    nrr: startingArr === 0 ? null : endingArr / startingArr,
    grr: startingArr === 0 ? null : keptArr / startingArr,
    due,
    logoRate: dueAccounts === 0 ? null : renewedAccounts / dueAccounts,
    dollarRate: dueArr === 0 ? null : renewalArr / dueArr,
    tierCounts: tierCounts.map((counts) => record(TIERS, counts)),
    quadrants: record(QUADRANTS, quadrantCounts),
    nps: responses === 0 ? null : (100 * (promoters - detractors)) / responses,
    atRisk,
  };
}
