/**
 * Names of the domain's categories in the kit's locales, shared by charts and tables so a tier or a renewal
 * status reads the same everywhere.
 */
import type { AccountEventKind, AdvocacyKind, HealthSide, HealthTier, LeadStage, Quadrant, RenewalStatus, RevenueSource, RiskReason } from '@cskit/metrics';
import type { CsLocale } from './store.js';

export interface DomainLabels {
  tiers: Record<HealthTier | 'unscored', string>;
  quadrants: Record<Quadrant, string>;
  statuses: Record<RenewalStatus, string>;
  /** Why a renewal ahead is at risk. */
  riskReasons: Record<RiskReason, string>;
  /** Events of an account's timeline. */
  events: Record<AccountEventKind, string>;
  leadStages: Record<LeadStage, string>;
  advocacyKinds: Record<AdvocacyKind, string>;
  revenueSources: Record<RevenueSource, string>;
  /** Health sides, and the built-in components of a model (SPEC 12); other keys are the host's own measures. */
  sides: Record<HealthSide, string>;
  components: { activityRate: string; nps: string; snapshot: string };
}

export const DOMAIN_LABELS: Record<CsLocale, DomainLabels> = {
  'en-US': {
    tiers: { green: 'Green', 'green-yellow': 'Green-yellow', yellow: 'Yellow', red: 'Red', unscored: 'No score' },
    quadrants: { loyal: 'Loyal', unrealized: 'Unrealized', grudging: 'Grudging', critical: 'Critical' },
    statuses: { renewed: 'Renewed', 'renewed-late': 'Renewed late', open: 'Open', 'in-grace': 'In grace', churned: 'Churned' },
    riskReasons: { red: 'Red health', yellow: 'Yellow health', 'early-warning': 'Early warning' },
    events: { 'contract-start': 'Contract starts', 'contract-end': 'Contract ends', nps: 'NPS response', lead: 'Lead', advocacy: 'Advocacy', revenue: 'CS revenue' },
    leadStages: { submitted: 'Submitted', accepted: 'Accepted', opportunity: 'Opportunity', won: 'Won', lost: 'Lost' },
    advocacyKinds: { 'case-study': 'Case study', testimonial: 'Testimonial', event: 'Event', reference: 'Reference' },
    revenueSources: { poc: 'POC', referral: 'Referral', 'premium-csm': 'Premium CSM', consulting: 'Consulting', 'csm-assisted': 'CSM-assisted sale' },
    sides: { outcome: 'Outcome', experience: 'Experience' },
    components: { activityRate: 'Activity rate', nps: 'NPS', snapshot: 'score' },
  },
  'zh-CN': {
    tiers: { green: '绿', 'green-yellow': '黄绿', yellow: '黄', red: '红', unscored: '无评分' },
    quadrants: { loyal: '忠诚', unrealized: '未兑现', grudging: '勉强', critical: '危急' },
    statuses: { renewed: '已续约', 'renewed-late': '逾期续约', open: '未到期', 'in-grace': '宽限期', churned: '已流失' },
    riskReasons: { red: '健康度红', yellow: '健康度黄', 'early-warning': '流失预警' },
    events: { 'contract-start': '合同开始', 'contract-end': '合同到期', nps: 'NPS 回复', lead: '线索', advocacy: '客户推荐', revenue: 'CS 收入' },
    leadStages: { submitted: '已提交', accepted: '已接受', opportunity: '商机', won: '赢单', lost: '丢单' },
    advocacyKinds: { 'case-study': '案例', testimonial: '推荐语', event: '活动', reference: '参考客户' },
    revenueSources: { poc: 'POC', referral: '转介绍', 'premium-csm': '高级 CSM 服务', consulting: '咨询', 'csm-assisted': 'CSM 协助销售' },
    sides: { outcome: '业务结果', experience: '客户体验' },
    components: { activityRate: '活跃率', nps: 'NPS', snapshot: '评分' },
  },
};

/**
 * A component's name in words: the built-in ones from the locale, a snapshot side as "Outcome score", and a host's
 * measure key spelled out from its camelCase or snake_case (`coreFeatureUse` -> "Core feature use"), unless the
 * host names it in `names`.
 */
export function componentLabel(key: string, side: HealthSide, labels: DomainLabels, names?: Readonly<Record<string, string>>): string {
  if (names && Object.prototype.hasOwnProperty.call(names, key)) return names[key] as string;
  if (key === 'snapshot') return `${labels.sides[side]} ${labels.components.snapshot}`;
  if (key === 'activityRate' || key === 'nps') return labels.components[key];
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
