/**
 * The floor for a filtered view: what a filter really needs, hand-written. Everything that does not depend on the
 * filter is built once (`prepareFloor`: the ARR window as a matrix, renewal outcomes of the contracts due in the
 * period, tier codes per account and month, quadrants, NPS categories, early-warning flags); a view is then one
 * masked pass over those arrays (`floorView`). Fixed period, grace 0 and the sample's health model; it computes the
 * same metrics as the Arquero peer and `typed-array-floor.ts`, so the results compare with @cskit/metrics.
 */
import { dayNumber, isLastDayOfMonth, monthIndex, type Dataset, type Period } from '@cskit/metrics';
import type { PeerResult } from './arquero-peer.js';

const TIERS = ['green', 'green-yellow', 'yellow', 'red'] as const;
const QUADRANTS = ['loyal', 'unrealized', 'grudging', 'critical'] as const;

export interface FloorIndex {
  accounts: number;
  from: number;
  to: number;
  /** ARR by account for the month before the period, then each month of it. */
  width: number;
  arr: Float64Array;
  firstPaid: Int32Array;
  /** Contracts due in the period: account, due ARR, renewal ARR (-1 when not renewed). */
  dueAccount: Int32Array;
  dueArr: Float64Array;
  renewalArr: Float64Array;
  /** Tier code per account and month of the period (-1 without health), quadrant code at its end (-1 none). */
  tiers: Int8Array;
  quadrant: Int8Array;
  /** NPS responses of the period: account (-1 none) and category (0 promoter, 1 passive, 2 detractor). */
  npsAccount: Int32Array;
  npsCategory: Uint8Array;
  /** Accounts whose activity was below 0.3 in each of the last three months of the period. */
  lowActivity: Uint8Array;
}

export function prepareFloor(dataset: Dataset, period: Period): FloorIndex {
  const from = monthIndex(period.from);
  const to = monthIndex(period.to);
  const width = to - from + 2;
  const n = dataset.accounts.length;
  const position = new Map<string, number>();
  const isKa = new Uint8Array(n);
  dataset.accounts.forEach((account, i) => {
    position.set(account.id, i);
    isKa[i] = account.segment === 'KA' ? 1 : 0;
  });
  const contracts = dataset.contracts ?? [];
  const arr = new Float64Array(n * width);
  const firstPaid = new Int32Array(n).fill(2 ** 30);
  const cPos = new Int32Array(contracts.length);
  const cArr = new Float64Array(contracts.length);
  const cStart = new Int32Array(contracts.length);
  const cEnd = new Int32Array(contracts.length);
  contracts.forEach((contract, c) => {
    const p = position.get(contract.accountId) ?? -1;
    const rate = contract.currency === undefined || contract.currency === dataset.currency ? 1 : dataset.fxRates?.[contract.currency] ?? 1;
    const end = contract.end as string;
    const m0 = monthIndex(contract.start);
    const m1 = isLastDayOfMonth(end) ? monthIndex(end) : monthIndex(end) - 1;
    cPos[c] = p;
    cArr[c] = contract.arr * rate;
    cStart[c] = dayNumber(contract.start);
    cEnd[c] = dayNumber(end);
    if (p < 0 || m1 < m0) return;
    if (contract.arr > 0 && m0 < (firstPaid[p] as number)) firstPaid[p] = m0;
    for (let m = Math.max(m0, from - 1); m <= Math.min(m1, to); m += 1) {
      const cell = p * width + m - from + 1;
      arr[cell] = (arr[cell] as number) + (cArr[c] as number);
    }
  });
  // Renewal outcomes: per account, contracts in end order claim the earliest later contract starting by the next day.
  const order = Int32Array.from(contracts.keys()).sort((a, b) => (cPos[a] as number) - (cPos[b] as number) || (cStart[a] as number) - (cStart[b] as number));
  const claimed = new Uint8Array(contracts.length);
  const dueAccount: number[] = [];
  const dueArr: number[] = [];
  const renewalArr: number[] = [];
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j < order.length && cPos[order[j] as number] === cPos[order[i] as number]) j += 1;
    const byEnd = Array.from(order.subarray(i, j)).sort((a, b) => (cEnd[a] as number) - (cEnd[b] as number) || (cStart[a] as number) - (cStart[b] as number));
    for (const d of byEnd) {
      let renewal = -1;
      for (let k = i; k < j; k += 1) {
        const candidate = order[k] as number;
        if ((cStart[candidate] as number) > (cStart[d] as number) && (cStart[candidate] as number) <= (cEnd[d] as number) + 1 && !claimed[candidate]) {
          renewal = candidate;
          break;
        }
      }
      if (renewal >= 0) claimed[renewal] = 1;
      const endMonth = monthIndex((contracts[d] as { end: string }).end);
      if (endMonth < from || endMonth > to || (cPos[d] as number) < 0) continue;
      dueAccount.push(cPos[d] as number);
      dueArr.push(cArr[d] as number);
      renewalArr.push(renewal >= 0 ? (cArr[renewal] as number) : -1);
    }
    i = j;
  }
  // Tiers per account and month: the latest snapshot at or before each month, scored with the sample's model.
  const months = to - from + 1;
  const tiers = new Int8Array(n * months).fill(-1);
  const quadrant = new Int8Array(n).fill(-1);
  const latest = new Int32Array(n * months).fill(-1);
  (dataset.health ?? []).forEach((snapshot, i) => {
    const p = position.get(snapshot.accountId);
    const m = monthIndex(snapshot.month);
    if (p === undefined || m > to) return;
    for (let k = Math.max(0, m - from); k < months; k += 1) {
      const cell = p * months + k;
      const known = latest[cell] as number;
      if (known < 0 || monthIndex((dataset.health ?? [])[known]?.month as string) <= m) latest[cell] = i;
    }
  });
  latest.forEach((snapshotIndex, cell) => {
    if (snapshotIndex < 0) return;
    const snapshot = (dataset.health ?? [])[snapshotIndex] as NonNullable<Dataset['health']>[number];
    const p = Math.floor(cell / months);
    const score = Math.round((isKa[p] ? 0.7 * snapshot.outcome + 0.3 * snapshot.experience : 0.8 * snapshot.outcome + 0.2 * snapshot.experience) * 1e9) / 1e9;
    tiers[cell] = score >= 75 ? 0 : score >= 60 ? 1 : score >= 40 ? 2 : 3;
    if (cell % months === months - 1) quadrant[p] = snapshot.outcome >= 60 ? (snapshot.experience >= 60 ? 0 : 2) : snapshot.experience >= 60 ? 1 : 3;
  });
  const responses = (dataset.nps ?? []).filter((r) => monthIndex(r.date) >= from && monthIndex(r.date) <= to);
  const npsAccount = Int32Array.from(responses, (r) => (r.accountId === undefined ? -1 : position.get(r.accountId) ?? -1));
  const npsCategory = Uint8Array.from(responses, (r) => (r.score >= 9 ? 0 : r.score >= 7 ? 1 : 2));
  const peak = new Float64Array(n);
  for (const record of dataset.activity ?? []) {
    const m = monthIndex(record.month);
    const p = position.get(record.accountId);
    if (m <= to - 3 || m > to || p === undefined) continue;
    const rate = record.licensedUsers > 0 ? record.activeUsers / record.licensedUsers : 0;
    if (rate > (peak[p] as number)) peak[p] = rate;
  }
  const lowActivity = Uint8Array.from(peak, (rate) => (rate < 0.3 ? 1 : 0));
  return {
    accounts: n, from, to, width, arr, firstPaid,
    dueAccount: Int32Array.from(dueAccount), dueArr: Float64Array.from(dueArr), renewalArr: Float64Array.from(renewalArr),
    tiers, quadrant, npsAccount, npsCategory, lowActivity,
  };
}

/** The metrics of the accounts `mask` marks (1), in masked passes over the prepared arrays. */
export function floorView(index: FloorIndex, mask: Uint8Array): PeerResult {
  const { width, arr, from } = index;
  const movements = { new: 0, expansion: 0, contraction: 0, churn: 0, reactivation: 0 };
  let opening = 0;
  let closing = 0;
  let startingArr = 0;
  let endingArr = 0;
  let keptArr = 0;
  for (let p = 0; p < index.accounts; p += 1) {
    if (mask[p] !== 1) continue;
    const row = p * width;
    let previous = arr[row] as number;
    opening += previous;
    for (let k = 1; k < width; k += 1) {
      const current = arr[row + k] as number;
      const delta = current - previous;
      if (previous <= 0) {
        if (current > 0) movements[(index.firstPaid[p] as number) < from - 1 + k ? 'reactivation' : 'new'] += delta;
      } else if (current <= 0) movements.churn += delta;
      else if (delta > 0) movements.expansion += delta;
      else if (delta < 0) movements.contraction += delta;
      previous = current;
    }
    closing += previous;
    const start = arr[row] as number;
    if (start > 0) {
      startingArr += start;
      endingArr += previous;
      keptArr += Math.min(start, previous);
    }
  }
  let due = 0;
  let dueArr = 0;
  let renewalArr = 0;
  const accountDue = new Uint8Array(index.accounts);
  for (let i = 0; i < index.dueAccount.length; i += 1) {
    const p = index.dueAccount[i] as number;
    if (mask[p] !== 1) continue;
    due += 1;
    dueArr += index.dueArr[i] as number;
    const renewal = index.renewalArr[i] as number;
    if (renewal >= 0) {
      renewalArr += renewal;
      accountDue[p] = 2;
    } else if (accountDue[p] === 0) accountDue[p] = 1;
  }
  let dueAccounts = 0;
  let renewedAccounts = 0;
  for (const flag of accountDue) {
    if (flag > 0) dueAccounts += 1;
    if (flag === 2) renewedAccounts += 1;
  }
  const months = index.to - index.from + 1;
  const tierCounts = Array.from({ length: months }, () => new Int32Array(4));
  const quadrantCounts = new Int32Array(4);
  let atRisk = 0;
  for (let p = 0; p < index.accounts; p += 1) {
    if (mask[p] !== 1) continue;
    for (let k = 0; k < months; k += 1) {
      const tier = index.tiers[p * months + k] as number;
      if (tier >= 0) (tierCounts[k] as Int32Array)[tier] = ((tierCounts[k] as Int32Array)[tier] as number) + 1;
    }
    const q = index.quadrant[p] as number;
    if (q >= 0) quadrantCounts[q] = (quadrantCounts[q] as number) + 1;
    if ((arr[p * width + width - 1] as number) > 0 && index.lowActivity[p] === 1) atRisk += 1;
  }
  let responses = 0;
  let promoters = 0;
  let detractors = 0;
  for (let i = 0; i < index.npsAccount.length; i += 1) {
    const p = index.npsAccount[i] as number;
    if (p < 0 || mask[p] !== 1) continue;
    responses += 1;
    if (index.npsCategory[i] === 0) promoters += 1;
    if (index.npsCategory[i] === 2) detractors += 1;
  }
  const record = (names: readonly string[], counts: Int32Array) =>
    Object.fromEntries(names.map((name, i) => [name, counts[i] as number]).filter(([, count]) => (count as number) > 0));
  return {
    opening, closing, movements,
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
