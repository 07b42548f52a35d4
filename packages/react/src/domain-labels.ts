/**
 * Names of the domain's categories in the kit's locales, shared by charts and tables so a tier or a renewal
 * status reads the same everywhere.
 */
import type { AccountEventKind, AdvocacyKind, HealthTier, LeadStage, Quadrant, RenewalStatus, RevenueSource, RiskReason } from '@cskit/metrics';
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
  },
};
