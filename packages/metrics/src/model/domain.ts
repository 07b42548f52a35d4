/**
 * The domain's vocabularies and category rules, each stated once: every metric, validation, drill-down, the demo's
 * import and the sample generator read them from here.
 */
import type { AdvocacyKind, CollectionName, ComplaintKind, LeadStage, RevenueSource, TargetMetric, TicketOrigin, TicketType } from '../core/types.js';

/** Every collection of a dataset (SPEC 1), in the order validation checks them: references point backwards. */
export const COLLECTION_NAMES: readonly CollectionName[] = [
  'csms', 'accounts', 'contracts', 'arr', 'health', 'nps', 'activity', 'leads', 'advocacy', 'revenue', 'measures', 'tickets', 'targets',
];

/** The collections whose records belong to one account (`accountId`). */
export const ACCOUNT_COLLECTIONS = ['contracts', 'arr', 'health', 'nps', 'activity', 'leads', 'advocacy', 'revenue', 'measures', 'tickets'] as const;
export type AccountCollection = (typeof ACCOUNT_COLLECTIONS)[number];

export const LEAD_STAGES: readonly LeadStage[] = ['submitted', 'accepted', 'opportunity', 'won', 'lost'];
export const ADVOCACY_KINDS: readonly AdvocacyKind[] = ['case-study', 'testimonial', 'event', 'reference'];
export const REVENUE_SOURCES: readonly RevenueSource[] = ['poc', 'referral', 'premium-csm', 'consulting', 'csm-assisted'];
/** Seed 004's order of ticket types: incident (故障类) -> how-to (操作类) -> request (需求类). */
export const TICKET_TYPES: readonly TicketType[] = ['incident', 'how-to', 'request'];
export const TICKET_ORIGINS: readonly TicketOrigin[] = ['proactive', 'reactive'];
export const COMPLAINT_KINDS: readonly ComplaintKind[] = ['stability', 'usability'];
/** What a target can measure (SPEC 14). */
export const TARGET_METRICS: readonly TargetMetric[] = [
  'logoRenewalRate', 'dollarRenewalRate', 'nrr', 'grr', 'netNewArr', 'expansionArr', 'csqlCount', 'csqlWonArr', 'csqaCount', 'savedRenewalArr', 'wonRenewalArr',
];

export type NpsCategory = 'promoters' | 'passives' | 'detractors';
export const NPS_CATEGORIES: readonly NpsCategory[] = ['promoters', 'passives', 'detractors'];

/** Promoters score 9-10, passives 7-8, detractors 0-6 (SPEC 5). */
export function npsCategory(score: number): NpsCategory {
  return score >= 9 ? 'promoters' : score >= 7 ? 'passives' : 'detractors';
}

/** The CS-attributed revenue figures (SPEC 6) that sum revenue events, and the sources each one sums. */
export const REVENUE_FIELDS = {
  pocArr: ['poc'],
  referralArr: ['referral'],
  premiumServicesArr: ['premium-csm', 'consulting'],
  assistedSalesArr: ['csm-assisted'],
} as const satisfies Record<string, readonly RevenueSource[]>;
export type RevenueField = keyof typeof REVENUE_FIELDS;

/** The figure a revenue source adds to (SPEC 6). */
export function revenueFieldOf(source: RevenueSource): RevenueField {
  if (source === 'poc') return 'pocArr';
  if (source === 'referral') return 'referralArr';
  if (source === 'premium-csm' || source === 'consulting') return 'premiumServicesArr';
  return 'assistedSalesArr';
}

/**
 * The renewal funnel's stages (SPEC 3): due -> renewed -> retained (renewal ARR >= due ARR) -> expanded (renewal
 * ARR > due ARR). Each stage's test, on a due contract's renewal: whether it renewed, and its ARR against the due ARR.
 */
export type FunnelStageName = 'due' | 'renewed' | 'retained' | 'expanded';
export const FUNNEL_STAGES: readonly FunnelStageName[] = ['due', 'renewed', 'retained', 'expanded'];

/** The last stage a due contract reaches, as an index into `FUNNEL_STAGES`: the stages nest, due ⊇ renewed ⊇ ... */
export function funnelDepth(renewed: boolean, dueArr: number, renewalArr: number | null): number {
  if (!renewed) return 0;
  const arr = renewalArr ?? 0;
  return arr > dueArr ? 3 : arr >= dueArr ? 2 : 1;
}

export function inFunnelStage(stage: FunnelStageName, renewed: boolean, dueArr: number, renewalArr: number | null): boolean {
  return FUNNEL_STAGES.indexOf(stage) <= funnelDepth(renewed, dueArr, renewalArr);
}

/** Own-property lookup in a record keyed by data values: never an inherited name such as `constructor`. */
export function ownValue<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}
