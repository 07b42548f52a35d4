/**
 * The data contract of cskit (SPEC 1). Every collection but `accounts` is optional.
 *
 * Dates are `YYYY-MM-DD` strings (the SPEC calls this type `Date`; it is `DateString` here so that it does not
 * shadow the global `Date`), months `YYYY-MM` strings. Money is in `dataset.currency` unless a record says
 * otherwise in its own `currency`.
 */

/** A calendar date `YYYY-MM-DD` with no time zone. */
export type DateString = string;
/** A calendar month `YYYY-MM`. */
export type Month = string;

/** Both months inclusive. */
export interface Period {
  from: Month;
  to: Month;
}

export interface Account {
  id: string;
  name: string;
  signedAt: DateString;
  csmId?: string;
  salesRepId?: string;
  /** e.g. `KA` (key account), `MM` (mid-market), `SMB`. */
  segment?: string;
  region?: string;
  industry?: string;
  /** e.g. `direct`, `partner`. */
  channel?: string;
  stage?: string;
}

export interface Contract {
  id: string;
  accountId: string;
  start: DateString;
  /**
   * Last covered day, inclusive. Absent: an open-ended (evergreen) subscription, active from `start` on and never
   * due for renewal (SPEC 1).
   */
  end?: DateString;
  arr: number;
  currency?: string;
  /** The customer may cancel from this date. */
  optOutDate?: DateString;
}

export interface ArrSnapshot {
  accountId: string;
  month: Month;
  arr: number;
  currency?: string;
}

export interface HealthSnapshot {
  accountId: string;
  month: Month;
  /** 0..100: the business result the customer gets. */
  outcome: number;
  /** 0..100: how the customer feels about the product and the service. */
  experience: number;
}

export interface NpsResponse {
  id?: string;
  accountId?: string;
  date: DateString;
  /** Integer 0..10. */
  score: number;
  role?: string;
}

export interface ActivityRecord {
  accountId: string;
  month: Month;
  activeUsers: number;
  licensedUsers: number;
  /**
   * The users' role (seed 001: owner, admin, staff, end user...). An account may have one record per role and month;
   * its activity rate is then Σ activeUsers / Σ licensedUsers over them (SPEC 1).
   */
  role?: string;
}

export type TicketType = 'incident' | 'how-to' | 'request';
export type TicketOrigin = 'proactive' | 'reactive';
export type ComplaintKind = 'stability' | 'usability';

/** A support ticket: the service side of experience (seed 004; SPEC 1, 12). */
export interface Ticket {
  id: string;
  accountId: string;
  openedAt: DateString;
  /** >= 0; absent: not answered yet. */
  firstResponseMinutes?: number;
  /** >= 0; absent: not resolved yet. */
  resolutionMinutes?: number;
  /** seed 004: 故障类 (incident) -> 操作类 (how-to) -> 需求类 (request). */
  type?: TicketType;
  /** seed 004: 主动服务 (proactive) / 被动服务 (reactive). */
  origin?: TicketOrigin;
  /** 1..5. */
  csat?: number;
  /** seed 004: product experience from complaints. */
  complaint?: ComplaintKind;
}

export type TargetMetric =
  | 'logoRenewalRate' | 'dollarRenewalRate' | 'nrr' | 'grr' | 'netNewArr' | 'expansionArr'
  | 'csqlCount' | 'csqlWonArr' | 'csqaCount' | 'savedRenewalArr' | 'wonRenewalArr';

/** A goal for a CSM (`csmId`), a team (`team`) or, with neither, the whole company (seed 000; SPEC 14). */
export interface Target {
  id?: string;
  csmId?: string;
  team?: string;
  period: Period;
  metric: TargetMetric;
  value: number;
}

export type LeadStage = 'submitted' | 'accepted' | 'opportunity' | 'won' | 'lost';

/** A CSQL: an expansion lead handed from CS to sales. */
export interface Lead {
  id: string;
  accountId: string;
  csmId?: string;
  createdAt: DateString;
  stage: LeadStage;
  closedAt?: DateString;
  arr?: number;
}

export type AdvocacyKind = 'case-study' | 'testimonial' | 'event' | 'reference';

/** A CSQA: advocacy the customer gave. */
export interface AdvocacyRecord {
  id: string;
  accountId: string;
  csmId?: string;
  date: DateString;
  kind: AdvocacyKind;
}

export type RevenueSource = 'poc' | 'referral' | 'premium-csm' | 'consulting' | 'csm-assisted';

/** ARR that CS helped win outside renewals. */
export interface RevenueEvent {
  id: string;
  accountId: string;
  csmId?: string;
  date: DateString;
  arr: number;
  source: RevenueSource;
}

/** One monthly value of a measure a health model can be built from (SPEC 12), e.g. `key: 'responseHours'`. */
export interface MeasureRecord {
  accountId: string;
  month: Month;
  key: string;
  /** Finite. */
  value: number;
}

export interface Csm {
  id: string;
  name: string;
  team?: string;
}

export interface Dataset {
  /** ISO 4217 reporting currency; `'USD'` when absent. */
  currency?: string;
  /** Units of reporting currency per unit of the keyed currency. */
  fxRates?: Record<string, number>;
  accounts: Account[];
  /** Subscription terms: the source of renewals and, when `arr` is absent, of ARR. */
  contracts?: Contract[];
  /** Monthly ARR per account; when present it overrides contract-derived ARR. */
  arr?: ArrSnapshot[];
  health?: HealthSnapshot[];
  nps?: NpsResponse[];
  activity?: ActivityRecord[];
  leads?: Lead[];
  advocacy?: AdvocacyRecord[];
  revenue?: RevenueEvent[];
  /** Monthly per-account measures a health model's components read (SPEC 12). */
  measures?: MeasureRecord[];
  /** Support tickets: the service side of experience (seed 004; SPEC 12). */
  tickets?: Ticket[];
  /** Goals per CSM, team or company (seed 000: CSMs carry expansion quotas; SPEC 14). */
  targets?: Target[];
  csms?: Csm[];
}

/**
 * A dataset as a host writes it, before validation: the contract's collections and field names, checked by
 * TypeScript (a misspelled or unknown field in an object literal is a compile error, a missing required field too),
 * read-only so frozen or `as const` data fits. Values are still checked at run time (`validateDataset`: dates,
 * ranges, references); data from outside (`JSON.parse`, a `fetch`) arrives as `any`, or is cast from `unknown`.
 */
export type DatasetInput = { readonly [K in keyof Dataset]: InputOf<Dataset[K]> };
type InputOf<T> = T extends readonly (infer R)[] ? readonly Readonly<R>[] : T extends object ? Readonly<T> : T;

/** The collections of a dataset, by name. */
export type CollectionName =
  | 'accounts'
  | 'contracts'
  | 'arr'
  | 'health'
  | 'nps'
  | 'activity'
  | 'leads'
  | 'advocacy'
  | 'revenue'
  | 'measures'
  | 'tickets'
  | 'targets'
  | 'csms';

export interface DataIssue {
  severity: 'error' | 'warning';
  /** The collection the record belongs to (`'dataset'` for the top-level fields). */
  collection: string;
  /** The record's position in its collection as given; -1 when the issue concerns the collection itself. */
  index: number;
  id?: string;
  field?: string;
  message: string;
}

export interface ValidationResult {
  dataset: Dataset;
  issues: DataIssue[];
}
