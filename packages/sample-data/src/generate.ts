/**
 * `generateDataset`: a deterministic, realistic Customer Success dataset.
 *
 * Each account is simulated month by month. Its outcome and experience scores drift around a personal baseline,
 * and at each term end the churn odds follow the outcome score (the SPEC weights outcome 0.8): unhealthy accounts
 * churn, healthy ones expand. Some renewals come late, some churned accounts return, and activity, NPS, leads,
 * advocacy and CS-sourced revenue all follow the same scores, so every metric has a story to tell.
 */
import { addDays, addMonths, ADVOCACY_KINDS, monthFromIndex, monthIndex, REVENUE_SOURCES } from '@cskit/metrics';
import type {
  Account, ActivityRecord, AdvocacyRecord, CollectionName, Contract, Csm, Dataset, HealthModelInput, HealthSnapshot, Lead, LeadStage, MeasureRecord, NpsResponse, RevenueEvent,
  RevenueSource, Ticket,
} from '@cskit/metrics';
import { createRandom, type Random } from './random.js';
import { scorePower } from './score-powers.js';
import { makeTargets, recordTickets, splitByRole, type Books } from './service.js';
import {
  CHANNELS, CSM_FIRST, CSM_LAST, FX_RATES, INDUSTRIES, NAME_PREFIXES, NAME_SUFFIXES, NPS_ROLES, REGION_CURRENCIES,
  REGIONS, SEGMENTS,
} from './vocabulary.js';

export interface GenerateOptions {
  /** Same seed, same data. Default 1. */
  seed?: number;
  /** Number of accounts. Default 500. */
  accounts?: number;
  /** Months of history in the window. Default 36. */
  months?: number;
  /** First month of the window. Default `'2023-01'`. Accounts signed up to 24 months earlier already hold ARR. */
  start?: string;
  /**
   * Emit monthly `measures` (SPEC 12) for `SAMPLE_HEALTH_MODEL`: core feature use, support response hours and
   * quarterly complaints. Default true. They come from their own random stream, so every other record is the same
   * with or without them.
   */
  measures?: boolean;
  /** Emit support `tickets` (SPEC 1, 12; seed 004) that follow the experience score. Default true; own random stream. */
  tickets?: boolean;
  /** Split each activity record by user role (executive, admin, user; seed 001), adding up to it. Default true. */
  roles?: boolean;
  /** Emit `targets` for the window's last 12 months per CSM, team and company (SPEC 14; seed 000). Default true. */
  targets?: boolean;
}

/** What the optional collections are written with while accounts are simulated. */
interface Extras {
  ticketRandom: Random | null;
  tickets: Ticket[];
  counter: { ticket: number };
  /** The targets' first month, and each CSM's ARR (USD) of contracts covering it and count of accounts. */
  targetMonth: number;
  books: Books;
  accountsByCsm: Map<string, number>;
}

type SegmentProfile = (typeof SEGMENTS)[number];

interface Collections {
  accounts: Account[];
  measures: MeasureRecord[];
  contracts: Contract[];
  health: HealthSnapshot[];
  activity: ActivityRecord[];
  nps: NpsResponse[];
  leads: Lead[];
  advocacy: AdvocacyRecord[];
  revenue: RevenueEvent[];
}

const clampScore = (value: number) => Math.max(0, Math.min(100, Math.round(value * 10) / 10));
// The month loop's powers of a score (usage, core feature use, response hours, complaints), from tables.
const unhappiness = (experience: number) => 1 - experience / 100;
const usagePower = scorePower(1.5, (outcome) => outcome / 100);
const featureUsePower = scorePower(1.3, (outcome) => outcome / 100);
const responsePower = scorePower(1.4, unhappiness);
const complaintPower = scorePower(1.6, unhappiness);
const DAYS = Array.from({ length: 28 }, (_, n) => String(n + 1).padStart(2, '0'));

/** A day of the month, drawn (a function, not a closure made for every account-month). */
const dayIn = (random: Random, month: string) => `${month}-${random.pick(DAYS)}`;

/** Month strings by index, built once per run: the month loop runs millions of times at 100k accounts. */
class MonthNames {
  private readonly names = new Map<number, string>();
  get(index: number): string {
    let name = this.names.get(index);
    if (name === undefined) {
      name = monthFromIndex(index);
      this.names.set(index, name);
    }
    return name;
  }
}
const monthNames = new MonthNames();
const id = (prefix: string, n: number) => `${prefix}-${String(n).padStart(6, '0')}`;

function roundArr(value: number, segment: string): number {
  const step = segment === 'SMB' ? 10 : 100;
  return Math.max(step, Math.round(value / step) * step);
}

/** Odds that a term ends in churn, from the segment's annual base and the account's scores at that moment. */
function churnOdds(profile: SegmentProfile, outcome: number, experience: number, monthly: boolean): number {
  const byOutcome = outcome < 40 ? 3.2 : outcome < 60 ? 1.4 : outcome < 75 ? 0.6 : 0.3;
  const byExperience = experience < 40 ? 1.3 : 1;
  const base = monthly ? profile.churn / 12 : profile.churn;
  return Math.min(0.95, base * byOutcome * byExperience);
}

function makeCsms(random: Random, accountCount: number): Csm[] {
  const count = Math.max(3, Math.min(600, Math.round(accountCount / 80)));
  return Array.from({ length: count }, (_, n) => ({
    id: `csm-${String(n + 1).padStart(3, '0')}`,
    name: `${random.pick(CSM_FIRST)} ${random.pick(CSM_LAST)}`,
    team: (SEGMENTS[n % SEGMENTS.length] as SegmentProfile).team,
  }));
}

interface Counters {
  contract: number;
  nps: number;
  lead: number;
  advocacy: number;
  revenue: number;
}

function simulateAccount(
  random: Random,
  measureRandom: Random | null,
  position: number,
  window: { first: number; last: number },
  csmsByTeam: Map<string, Csm[]>,
  salesReps: string[],
  out: Collections,
  counters: Counters,
  extras: Extras,
): void {
  const profile = random.weighted(SEGMENTS.map((segment) => [segment, segment.share] as const));
  const region = random.weighted(REGIONS);
  const currency = random.pick(REGION_CURRENCIES[region] ?? ['USD']);
  const rate = currency === 'USD' ? 1 : (FX_RATES[currency] as number);
  const signedMonth = random.chance(0.6) ? random.int(window.first - 24, window.first - 1) : random.int(window.first, window.last);
  const signedAt = `${monthNames.get(signedMonth)}-${random.pick(DAYS)}`;
  const accountId = id('acc', position + 1);
  const csm = random.pick(csmsByTeam.get(profile.team) ?? []);
  const monthly = profile.segment === 'SMB' && random.chance(0.2);
  const baseOutcome = clampScore(66 + random.normal() * 16);
  const baseExperience = clampScore(0.5 * baseOutcome + 0.5 * (66 + random.normal() * 16));
  let outcome = baseOutcome;
  let experience = baseExperience;
  const [minArr, maxArr] = profile.arr;
  // ARR in USD, log-uniform within the segment's range; contracts carry it in their own currency.
  let arrUsd = roundArr(Math.exp(random.between(Math.log(minArr), Math.log(maxArr))), profile.segment);
  const [minUsers, maxUsers] = profile.users;
  const usersPerUsd = random.int(minUsers, maxUsers) / arrUsd;
  const account: Account = {
    id: accountId,
    name: `${random.pick(NAME_PREFIXES)} ${random.pick(NAME_SUFFIXES)} ${position + 1}`,
    signedAt,
    csmId: csm?.id,
    salesRepId: random.pick(salesReps),
    segment: profile.segment,
    region,
    industry: random.pick(INDUSTRIES),
    channel: random.weighted(CHANNELS),
  };
  out.accounts.push(account);
  if (csm) extras.accountsByCsm.set(csm.id, (extras.accountsByCsm.get(csm.id) ?? 0) + 1);
  const book = (startMonth: number, endMonth: number) => {
    if (csm && startMonth <= extras.targetMonth && extras.targetMonth <= endMonth) extras.books.set(csm.id, (extras.books.get(csm.id) ?? 0) + arrUsd);
  };

  let termStart: string | null = signedAt;
  let termStartMonth = signedMonth;
  let termEnd = '';
  let termEndMonth = -1;
  let resumeMonth = -1;
  let lastActiveMonth = -1;
  for (let month = signedMonth; month <= window.last; month += 1) {
    if (termStart === null && month === resumeMonth) {
      termStart = `${monthNames.get(month)}-${random.pick(DAYS)}`;
      termStartMonth = month;
      outcome = clampScore((outcome + baseOutcome) / 2 + 10);
    }
    if (termStart !== null && termStartMonth <= month) {
      termEnd = addDays(addMonths(termStart, monthly ? 1 : 12), -1);
      termEndMonth = monthIndex(termEnd.slice(0, 7));
      counters.contract += 1;
      const contract: Contract = { id: id('ctr', counters.contract), accountId, start: termStart, end: termEnd, arr: Math.round(arrUsd / rate) };
      if (currency !== 'USD') contract.currency = currency;
      if (profile.segment === 'KA' && !monthly && random.chance(0.2)) contract.optOutDate = addMonths(termStart, 6);
      out.contracts.push(contract);
      book(termStartMonth, termEndMonth);
      termStart = null;
    }
    const active = termEndMonth >= month;
    if (!active) continue;
    outcome = clampScore(outcome + 0.25 * (baseOutcome - outcome) + random.normal() * 5);
    experience = clampScore(experience + 0.25 * (baseExperience - experience) + random.normal() * 5);
    lastActiveMonth = month;
    if (month >= window.first) {
      const monthString = monthNames.get(month);
      recordMonth(random, account, profile, month, monthString, arrUsd, usersPerUsd, outcome, experience, out, counters, window.last);
      if (measureRandom) recordMeasures(measureRandom, accountId, profile, month, monthString, outcome, experience, out.measures);
      if (extras.ticketRandom) {
        recordTickets(extras.ticketRandom, accountId, profile.segment, monthString, experience, month === window.last, extras.counter, extras.tickets);
      }
    }
    if (month !== termEndMonth) continue;
    if (random.chance(churnOdds(profile, outcome, experience, monthly))) {
      // A churned customer sometimes returns a few months later (reactivation).
      resumeMonth = random.chance(0.12) ? month + random.int(3, 9) : -1;
      continue;
    }
    const change = outcome > 70 && random.chance(0.45) ? random.between(0.05, 0.4)
      : outcome < 50 && random.chance(0.3) ? -random.between(0.05, 0.3)
        : random.chance(0.1) ? random.between(-0.1, 0.15) : 0;
    if (!monthly || random.chance(0.08)) arrUsd = roundArr(arrUsd * (1 + change), profile.segment);
    // Most renew the day after the term ends; some sign 10-70 days late (a gap the grace period can bridge).
    const late = !monthly && random.chance(0.07) ? random.int(10, 70) : 0;
    termStart = addDays(termEnd, 1 + late);
    termStartMonth = monthIndex(termStart.slice(0, 7));
  }
  // A renewal that starts inside the window's last month (a term ending mid-month renews the next day) is in the
  // export too; without it every such account would look churned at the data's edge. Terms starting after the
  // window are not: the export knows nothing later than its last month.
  if (termStart !== null && termStartMonth <= window.last) {
    counters.contract += 1;
    const end = addDays(addMonths(termStart, monthly ? 1 : 12), -1);
    const contract: Contract = { id: id('ctr', counters.contract), accountId, start: termStart, end, arr: Math.round(arrUsd / rate) };
    if (currency !== 'USD') contract.currency = currency;
    out.contracts.push(contract);
    termEndMonth = monthIndex(end.slice(0, 7));
    book(termStartMonth, termEndMonth);
  }
  const tenure = window.last - signedMonth;
  account.stage = lastActiveMonth < window.last ? 'churned'
    : tenure < 3 ? 'onboarding' : termEndMonth - window.last <= 3 ? 'renewal' : tenure < 12 ? 'adoption' : 'expansion';
}


function recordMonth(
  random: Random, account: Account, profile: SegmentProfile, month: number, monthString: string, arrUsd: number, usersPerUsd: number,
  outcome: number, experience: number, out: Collections, counters: Counters, lastMonth: number,
): void {
  const accountId = account.id;
  out.health.push({ accountId, month: monthString, outcome, experience });
  const licensedUsers = Math.max(1, Math.round(arrUsd * usersPerUsd));
  const usage = Math.max(0.02, Math.min(1, 0.1 + 0.85 * usagePower(outcome) + random.normal() * 0.08));
  out.activity.push({ accountId, month: monthString, activeUsers: Math.round(licensedUsers * usage), licensedUsers });
  const npsOdds = profile.segment === 'KA' ? 0.3 : profile.segment === 'MM' ? 0.12 : 0.05;
  if (random.chance(npsOdds)) {
    counters.nps += 1;
    const score = Math.max(0, Math.min(10, Math.round(experience / 10 + 1 + random.normal() * 1.5)));
    out.nps.push({ id: id('nps', counters.nps), accountId, date: dayIn(random, monthString), score, role: random.pick(NPS_ROLES) });
  }
  const sizeFactor = profile.segment === 'KA' ? 3 : profile.segment === 'MM' ? 2 : 1;
  if (random.chance(0.012 * sizeFactor * (outcome > 60 ? 2 : 0.5))) {
    counters.lead += 1;
    const createdAt = dayIn(random, monthString);
    const mature = lastMonth - month >= 3;
    let stage: LeadStage = mature
      ? random.weighted([['won', 0.4], ['lost', 0.35], ['opportunity', 0.15], ['accepted', 0.1]] as const)
      : random.weighted([['submitted', 0.5], ['accepted', 0.3], ['opportunity', 0.2]] as const);
    let closedAt: string | undefined;
    if (stage === 'won' || stage === 'lost') {
      closedAt = addDays(createdAt, random.int(20, 80));
      if (monthIndex(closedAt.slice(0, 7)) > lastMonth) {
        stage = 'opportunity';
        closedAt = undefined;
      }
    }
    const lead: Lead = { id: id('lead', counters.lead), accountId, createdAt, stage, arr: roundArr(arrUsd * random.between(0.1, 0.35), 'SMB') };
    if (account.csmId) lead.csmId = account.csmId;
    if (closedAt) lead.closedAt = closedAt;
    out.leads.push(lead);
  }
  if (random.chance(0.004 * (outcome >= 60 && experience >= 60 ? 4 : 1))) {
    counters.advocacy += 1;
    const record: AdvocacyRecord = { id: id('adv', counters.advocacy), accountId, date: dayIn(random, monthString), kind: random.pick(ADVOCACY_KINDS) };
    if (account.csmId) record.csmId = account.csmId;
    out.advocacy.push(record);
  }
  if (random.chance(0.004 * sizeFactor)) {
    counters.revenue += 1;
    // Weights in the order of REVENUE_SOURCES: poc, referral, premium-csm, consulting, csm-assisted.
    const source = random.weighted(REVENUE_SOURCES.map((s, i) => [s, [0.2, 0.25, 0.2, 0.2, 0.15][i] as number] as const)) as RevenueSource;
    const share = source === 'referral' || source === 'csm-assisted' ? random.between(0.3, 1) : random.between(0.05, 0.2);
    const event: RevenueEvent = { id: id('rev', counters.revenue), accountId, date: dayIn(random, monthString), arr: roundArr(arrUsd * share, 'SMB'), source };
    if (account.csmId) event.csmId = account.csmId;
    out.revenue.push(event);
  }
}

/** Names of the sample's measures (SPEC 12), as `SAMPLE_HEALTH_MODEL` reads them. */
export const SAMPLE_MEASURES = {
  /** The north-star: share of licensed users who used the core feature in the month (0..1), from the outcome. */
  coreFeatureUse: 'coreFeatureUse',
  /** Median first-response time of the month's support tickets in hours (months with tickets only), from the experience. */
  responseHours: 'responseHours',
  /** Complaints logged in the quarter, at each quarter's last month, from the experience. */
  complaints: 'complaints',
} as const;

/** One month's measures of an active account: they follow the scores that drive its renewals. */
function recordMeasures(
  random: Random, accountId: string, profile: SegmentProfile, month: number, monthString: string, outcome: number, experience: number, out: MeasureRecord[],
): void {
  const use = Math.max(0, Math.min(1, 0.04 + 0.8 * featureUsePower(outcome) + random.normal() * 0.07));
  out.push({ accountId, month: monthString, key: SAMPLE_MEASURES.coreFeatureUse, value: Math.round(use * 100) / 100 });
  if (random.chance(profile.segment === 'KA' ? 0.75 : profile.segment === 'MM' ? 0.5 : 0.3)) {
    const hours = Math.max(0.5, Math.min(96, 2 + 44 * responsePower(experience) + random.normal() * 4));
    out.push({ accountId, month: monthString, key: SAMPLE_MEASURES.responseHours, value: Math.round(hours * 10) / 10 });
  }
  if (month % 3 === 2) {
    let complaints = 0;
    const odds = 0.7 * complaintPower(experience);
    for (let trial = 0; trial < 6; trial += 1) if (random.chance(odds)) complaints += 1;
    out.push({ accountId, month: monthString, key: SAMPLE_MEASURES.complaints, value: complaints });
  }
}

/** A deterministic dataset that `validateDataset` accepts with no errors. */
export function generateDataset(options: GenerateOptions = {}): Dataset {
  const dataset: Record<string, unknown> = {};
  const order = ['csms', 'accounts', 'contracts', 'health', 'activity', 'nps', 'leads', 'advocacy', 'revenue'];
  if (options.tickets !== false) order.push('tickets');
  if (options.targets !== false) order.push('targets');
  for (const chunk of generateDatasetChunks({ ...options, blockAccounts: Number.MAX_SAFE_INTEGER })) {
    if (!('collection' in chunk)) {
      Object.assign(dataset, chunk);
      continue;
    }
    const list = (dataset[chunk.collection] ??= []) as unknown[];
    for (const record of chunk.records) list.push(record);
  }
  const { currency, fxRates, measures, ...collections } = dataset;
  const ordered = Object.fromEntries(order.map((name) => [name, collections[name] ?? []]));
  return { currency, fxRates, ...ordered, ...(options.measures === false ? {} : { measures: measures ?? [] }) } as unknown as Dataset;
}

/** One piece of a generated dataset: its header (currency and rates), or a batch of one collection's records. */
export type GeneratedChunk = { currency: string; fxRates: Record<string, number> } | { collection: CollectionName; records: readonly unknown[] };

/**
 * The dataset `generateDataset` makes, as a stream: the header, the CSMs, then per block of `blockAccounts`
 * accounts (default 1,000) the block's accounts and then its records, collection by collection. Concatenated, the
 * collections equal `generateDataset`'s. A loader can hand it to `prepareInSlices` so that no more than a block of
 * records is ever alive (the server benchmark's data source).
 */
export function* generateDatasetChunks(options: GenerateOptions & { blockAccounts?: number } = {}): Generator<GeneratedChunk> {
  const {
    seed = 1, accounts: accountCount = 500, months = 36, start = '2023-01', measures = true, tickets = true, roles = true, targets = true, blockAccounts = 1000,
  } = options;
  if (!Number.isInteger(accountCount) || accountCount < 0) throw new RangeError(`accounts must be a whole number >= 0, got ${accountCount}`);
  if (!Number.isInteger(months) || months < 1) throw new RangeError(`months must be a whole number >= 1, got ${months}`);
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(start)) throw new RangeError(`start must be a month 'YYYY-MM', got ${JSON.stringify(start)}`);
  const random = createRandom(seed);
  const first = monthIndex(start);
  const window = { first, last: first + months - 1 };
  const csms = makeCsms(random, accountCount);
  const csmsByTeam = new Map<string, Csm[]>();
  for (const csm of csms) csmsByTeam.set(csm.team as string, [...(csmsByTeam.get(csm.team as string) ?? []), csm]);
  const salesReps = Array.from({ length: Math.max(3, Math.min(300, Math.round(accountCount / 100))) }, (_, n) => `rep-${String(n + 1).padStart(3, '0')}`);
  // The measures' own stream: the other records stay the same with or without them.
  const measureRandom = measures ? createRandom((seed ^ 0x5bd1e995) >>> 0) : null;
  const counters: Counters = { contract: 0, nps: 0, lead: 0, advocacy: 0, revenue: 0 };
  const roleRandom = roles ? createRandom((seed ^ 0x27d4eb2f) >>> 0) : null;
  const extras: Extras = {
    ticketRandom: tickets ? createRandom((seed ^ 0x3c6ef372) >>> 0) : null, tickets: [], counter: { ticket: 0 },
    targetMonth: Math.max(first, window.last - 11), books: new Map(), accountsByCsm: new Map(),
  };
  yield { currency: 'USD', fxRates: { ...FX_RATES } };
  yield { collection: 'csms', records: csms };
  for (let block = 0; block < accountCount; block += blockAccounts) {
    const out: Collections = { accounts: [], measures: [], contracts: [], health: [], activity: [], nps: [], leads: [], advocacy: [], revenue: [] };
    for (let position = block; position < Math.min(accountCount, block + blockAccounts); position += 1) {
      simulateAccount(random, measureRandom, position, window, csmsByTeam, salesReps, out, counters, extras);
    }
    yield { collection: 'accounts', records: out.accounts };
    if (roleRandom) out.activity = out.activity.flatMap((record) => splitByRole(roleRandom, record));
    for (const name of ['contracts', 'health', 'activity', 'nps', 'leads', 'advocacy', 'revenue', 'measures'] as const) {
      if (name === 'measures' && !measures) continue;
      yield { collection: name, records: out[name] };
    }
    if (tickets) yield { collection: 'tickets', records: extras.tickets.splice(0) };
  }
  if (targets) {
    const period = { from: monthFromIndex(extras.targetMonth), to: monthFromIndex(window.last) };
    yield { collection: 'targets', records: makeTargets(csms, extras.books, extras.accountsByCsm, period) };
  }
}

/**
 * The health model the sample data is meant to be read with (SPEC 12): outcome from the north-star (core feature
 * use) and the activity rate; experience from NPS, support response hours and complaints (lower is better for
 * both: their floor is above their target). Key accounts weigh experience more (SPEC 4).
 */
export const SAMPLE_HEALTH_MODEL: HealthModelInput = {
  segmentWeights: { KA: { outcome: 0.7, experience: 0.3 } },
  components: {
    outcome: [
      { key: SAMPLE_MEASURES.coreFeatureUse, weight: 3, floor: 0.1, target: 0.7 },
      { key: 'activityRate', weight: 1, floor: 0.2, target: 0.8 },
    ],
    experience: [
      { key: 'nps', weight: 2, floor: 3, target: 9 },
      { key: SAMPLE_MEASURES.responseHours, weight: 1, floor: 36, target: 4 },
      { key: SAMPLE_MEASURES.complaints, weight: 1, floor: 3, target: 0 },
    ],
  },
};

/**
 * Seed 004's model from the service side (SPEC 12): outcome from the north-star and the activity of end users and
 * admins; experience from NPS and the tickets (first response, incident resolution, CSAT, stability and usability
 * complaints over the last 3 months). Key accounts weigh outcome and experience 7:3.
 */
export const SERVICE_HEALTH_MODEL: HealthModelInput = {
  segmentWeights: { KA: { outcome: 0.7, experience: 0.3 } },
  ticketMonths: 3,
  components: {
    outcome: [
      { key: SAMPLE_MEASURES.coreFeatureUse, weight: 3, floor: 0.1, target: 0.7 },
      { key: 'activityRate.user', weight: 1, floor: 0.2, target: 0.8 },
      { key: 'activityRate.admin', weight: 1, floor: 0.3, target: 0.9 },
    ],
    experience: [
      { key: 'nps', weight: 2, floor: 3, target: 9 },
      { key: 'tickets.firstResponseHours', weight: 1, floor: 24, target: 1 },
      { key: 'tickets.resolutionHours.incident', weight: 1, floor: 24, target: 4 },
      { key: 'tickets.csat', weight: 1, floor: 2, target: 4.5 },
      { key: 'tickets.complaints.stability', weight: 1, floor: 2, target: 0 },
      { key: 'tickets.complaints.usability', weight: 1, floor: 2, target: 0 },
    ],
  },
};

/** The sample's health read from its `health` snapshots instead (the model before measures). */
export const SNAPSHOT_HEALTH_MODEL: HealthModelInput = { segmentWeights: { KA: { outcome: 0.7, experience: 0.3 } } };
