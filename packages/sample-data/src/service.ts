/**
 * The sample's service side and goals (seed 004, 001, 000): support tickets that follow the experience score,
 * activity split by user role, and targets per CSM, team and company. Each comes from its own random stream, so
 * every other record is the same with or without them.
 */
import type { ActivityRecord, Csm, Target, Ticket, TicketType } from '@cskit/metrics';
import type { Random } from './random.js';
import { NPS_ROLES } from './vocabulary.js';

const DAYS = Array.from({ length: 28 }, (_, n) => String(n + 1).padStart(2, '0'));
const id = (prefix: string, n: number) => `${prefix}-${String(n).padStart(6, '0')}`;
const minutes = (hours: number) => Math.max(1, Math.round(hours * 60));

/** Tickets a month by segment: key accounts have more users and more questions. */
const TICKETS_PER_MONTH: Record<string, number> = { KA: 3, MM: 1.2, SMB: 0.35 };
const TYPES: ReadonlyArray<readonly [TicketType, number]> = [['incident', 0.3], ['how-to', 0.45], ['request', 0.25]];
/** Median resolution hours by type (seed 004: incidents first, then how-to, then requests). */
const RESOLUTION_HOURS: Record<TicketType, number> = { incident: 6, 'how-to': 10, request: 72 };

function poisson(random: Random, mean: number): number {
  // Knuth's method: small means only (a few tickets a month).
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random.next();
  while (p > limit) {
    k += 1;
    p *= random.next();
  }
  return k;
}

/**
 * One month's tickets of an active account. Unhappier accounts wait longer for answers and resolutions, rate them
 * lower and complain more; better-served ones (higher experience) get more proactive contact. A ticket opened in
 * the data's last month may be unanswered or unresolved yet.
 */
export function recordTickets(
  random: Random, accountId: string, segment: string, month: string, experience: number, recent: boolean, counter: { ticket: number }, out: Ticket[],
): void {
  const unhappy = 1 - experience / 100;
  const count = poisson(random, (TICKETS_PER_MONTH[segment] ?? 0.5) * (0.7 + unhappy));
  for (let n = 0; n < count; n += 1) {
    counter.ticket += 1;
    const type = random.weighted(TYPES);
    const ticket: Ticket = { id: id('tkt', counter.ticket), accountId, openedAt: `${month}-${random.pick(DAYS)}`, type };
    ticket.origin = random.chance(0.15 + 0.35 * (experience / 100)) ? 'proactive' : 'reactive';
    const spread = Math.exp(random.normal() * 0.6);
    if (!(recent && random.chance(0.2))) ticket.firstResponseMinutes = minutes((0.3 + 30 * unhappy ** 1.6) * spread);
    if (!(recent && random.chance(0.4))) ticket.resolutionMinutes = minutes(RESOLUTION_HOURS[type] * (0.5 + 2 * unhappy) * Math.exp(random.normal() * 0.5));
    if (random.chance(0.55)) ticket.csat = Math.max(1, Math.min(5, Math.round(1 + 4 * (experience / 100) + random.normal() * 0.7)));
    if (random.chance(0.12 * unhappy)) ticket.complaint = random.chance(0.5) ? 'stability' : 'usability';
    out.push(ticket);
  }
}

/**
 * An account's activity of a month split by role (seed 001: executives, admins, end users), adding up to the
 * account's own: admins use the product most, executives least.
 */
export function splitByRole(random: Random, record: ActivityRecord): ActivityRecord[] {
  const { licensedUsers, activeUsers } = record;
  const [executive, admin, user] = NPS_ROLES;
  const execSeats = licensedUsers >= 20 ? Math.max(1, Math.round(licensedUsers * 0.03)) : 0;
  const adminSeats = licensedUsers >= 5 ? Math.max(1, Math.round(licensedUsers * 0.1)) : 0;
  const userSeats = licensedUsers - execSeats - adminSeats;
  const usage = licensedUsers > 0 ? activeUsers / licensedUsers : 0;
  const seats = [execSeats, adminSeats, userSeats];
  const active = [Math.round(execSeats * Math.min(1, usage * (0.5 + 0.3 * random.next()))), Math.round(adminSeats * Math.min(1, usage * 1.3 + 0.1)), 0];
  // The end users get the rest; past their seats (or below 0) the difference moves to admins, then executives,
  // so every role stays within its seats and the total stays the account's (active <= licensed overall).
  let rest = activeUsers - (active[0] as number) - (active[1] as number);
  for (const other of [1, 0]) {
    if (rest > userSeats) {
      const moved = Math.min((seats[other] as number) - (active[other] as number), rest - userSeats);
      active[other] = (active[other] as number) + moved;
      rest -= moved;
    } else if (rest < 0) {
      const moved = Math.min(active[other] as number, -rest);
      active[other] = (active[other] as number) - moved;
      rest += moved;
    }
  }
  active[2] = rest;
  const roles = [executive, admin, user];
  // In role order (admin, executive, user): the order a table sorted by account, month and role gives back.
  return [1, 0, 2].flatMap((i) => ((seats[i] as number) > 0
    ? [{ accountId: record.accountId, month: record.month, activeUsers: active[i] as number, licensedUsers: seats[i] as number, role: roles[i] as string }]
    : []));
}

/** Each CSM's book: ARR in USD of its accounts' contracts that cover the targets' first month. */
export type Books = Map<string, number>;

/**
 * Targets for the window's last 12 months (seed 000: CSMs carry expansion quotas): per CSM an expansion quota of
 * 5% of its book, a dollar renewal rate by team and a CSQL count; per team an NRR; for the company a net new ARR.
 */
export function makeTargets(csms: readonly Csm[], books: Books, accountsByCsm: Map<string, number>, period: { from: string; to: string }): Target[] {
  const targets: Target[] = [];
  // Ids in the order they are made, so a table sorted by id gives them back in it.
  const next = () => `tgt-${String(targets.length + 1).padStart(5, '0')}`;
  const renewalGoal: Record<string, number> = { Enterprise: 0.95, Growth: 0.9, Scale: 0.85 };
  const nrrGoal: Record<string, number> = { Enterprise: 1.08, Growth: 1.03, Scale: 0.97 };
  // CSQLs a year per account, about what the sample's accounts hand over (bigger accounts more), less 10%.
  const csqlRate: Record<string, number> = { Enterprise: 0.65, Growth: 0.45, Scale: 0.2 };
  const round = (value: number) => Math.max(1000, Math.round(value / 1000) * 1000);
  let total = 0;
  for (const csm of csms) {
    const book = books.get(csm.id) ?? 0;
    total += book;
    targets.push({ id: next(), csmId: csm.id, period, metric: 'expansionArr', value: round(book * 0.05) });
    targets.push({ id: next(), csmId: csm.id, period, metric: 'dollarRenewalRate', value: renewalGoal[csm.team ?? ''] ?? 0.9 });
    targets.push({ id: next(), csmId: csm.id, period, metric: 'csqlCount', value: Math.max(1, Math.round((accountsByCsm.get(csm.id) ?? 0) * (csqlRate[csm.team ?? ''] ?? 0.3) * 0.9)) });
  }
  for (const team of [...new Set(csms.map((csm) => csm.team).filter((team): team is string => team !== undefined))].sort()) {
    targets.push({ id: next(), team, period, metric: 'nrr', value: nrrGoal[team] ?? 1 });
  }
  targets.push({ id: next(), period, metric: 'netNewArr', value: round(total * 0.08) });
  return targets;
}
