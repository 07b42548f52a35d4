/**
 * Names of the domain's categories in the kit's locales, shared by charts and tables so a tier or a renewal
 * status reads the same everywhere.
 */
import type { HealthTier, Quadrant, RenewalStatus } from '@cskit/metrics';
import type { CsLocale } from './store.js';

export interface DomainLabels {
  tiers: Record<HealthTier | 'unscored', string>;
  quadrants: Record<Quadrant, string>;
  statuses: Record<RenewalStatus, string>;
}

export const DOMAIN_LABELS: Record<CsLocale, DomainLabels> = {
  'en-US': {
    tiers: { green: 'Green', 'green-yellow': 'Green-yellow', yellow: 'Yellow', red: 'Red', unscored: 'No score' },
    quadrants: { loyal: 'Loyal', unrealized: 'Unrealized', grudging: 'Grudging', critical: 'Critical' },
    statuses: { renewed: 'Renewed', 'renewed-late': 'Renewed late', open: 'Open', 'in-grace': 'In grace', churned: 'Churned' },
  },
  'zh-CN': {
    tiers: { green: '绿', 'green-yellow': '黄绿', yellow: '黄', red: '红', unscored: '无评分' },
    quadrants: { loyal: '忠诚', unrealized: '未兑现', grudging: '勉强', critical: '危急' },
    statuses: { renewed: '已续约', 'renewed-late': '逾期续约', open: '未到期', 'in-grace': '宽限期', churned: '已流失' },
  },
};
