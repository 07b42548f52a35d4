/** Chart words in the kit's two locales. Hosts pass `locale`, or the nearest `CsKitProvider` decides. */
import type {
  AttributionField, FunnelStageName, HealthTier, MovementKind, NpsCategory, Quadrant, TransitionKind,
} from '@cskit/metrics';
import { DOMAIN_LABELS } from '@cskit/react';
import type { CsLocale, DomainLabels } from '@cskit/react';

export interface ChartLabels {
  noData: string;
  loading: string;
  /** Shown in place of a chart whose data could not be read. */
  failed: string;
  /** The button that asks again after a failure. */
  retry: string;
  /** The optional export buttons (`exportable`). */
  saveImage: { group: string; svg: string; png: string };
  /** Legends whose items show or hide their series. */
  legendToggle: { group: string; shown: (name: string) => string; hidden: (name: string) => string };
  /** The quadrant plots only the largest accounts: "showing 2,000 largest of 100,000". */
  largestShown: (shown: string, total: string) => string;
  opening: string;
  closing: string;
  netNew: string;
  movements: Record<MovementKind, string>;
  /** Short names of the waterfall's bars, for a narrow chart (never dropped: shortened, then staggered). */
  movementsShort: Record<MovementKind | 'opening' | 'closing', string>;
  /** The value axis of a zoomed waterfall starts above zero (a break is drawn). */
  axisFrom: (value: string) => string;
  tiers: Record<HealthTier | 'unscored', string>;
  quadrants: Record<Quadrant, string>;
  quadrantHints: Record<Quadrant, string>;
  transitions: Record<TransitionKind, string>;
  stages: Record<FunnelStageName, string>;
  nps: Record<NpsCategory, string>;
  npsScore: string;
  responses: string;
  attribution: Record<AttributionField | 'retain' | 'expand' | 'land', string>;
  outcome: string;
  experience: string;
  accounts: string;
  arr: string;
  month: string;
  count: string;
  share: string;
  value: string;
  cohort: string;
  size: string;
  offset: (months: number) => string;
  from: string;
  to: string;
  conversion: string;
  dueArr: string;
  renewalArr: string;
  group: string;
  /** The whole's value beside its groups (SegmentBars' `overall`). */
  overall: string;
  vsPrevious: string;
  noComparison: string;
  chartTitles: {
    waterfall: string; funnel: string; quadrant: string; distribution: string; transitions: string; nps: string;
    cohorts: string; segments: string; attribution: string; trend: string; rates: string; ahead: string; story: string;
    drivers: string; validation: string;
  };
  /** Trend charts. */
  movementsAxis: string;
  arrAxis: string;
  customers: string;
  arpa: string;
  quickRatio: string;
  rates: { nrr12: string; grr12: string; logoChurnRate: string };
  target: string;
  retentionAxis: string;
  /** Renewals ahead. */
  unknownTier: string;
  contracts: string;
  renewedEarly: string;
  stillOpen: string;
  expected: string;
  atRisk: string;
  /** One account's story. */
  healthScore: string;
  /** Rows of the account timeline. */
  lanes: { contracts: string; nps: string; leads: string; advocacy: string; revenue: string };
  /** Words of events, statuses and categories shared with the tables. */
  domain: DomainLabels;
  activityRate: string;
  /** "12 events" */
  eventsWord: string;
  /** Health drivers and validation (SPEC 12). */
  points: (value: string) => string;
  scoreIn: (when: string) => string;
  noHealth: string;
  renewalRate: string;
  byTier: string;
  byDecile: string;
  decile: (k: number) => string;
  auc: string;
  monotonic: string;
  notMonotonic: string;
  ofContracts: (renewed: string, count: string) => string;
  contribution: string;
  change: string;
  component: string;
  side: string;
  facts: { arr: string; tier: string; nextRenewal: string; earlyWarning: string; yes: string; no: string };
}

const enUS: ChartLabels = {
  noData: 'No data for this selection',
  saveImage: { group: 'Save the chart', svg: 'Save as SVG', png: 'Save as PNG' },
  legendToggle: { group: 'Series shown', shown: (name) => `${name} shown`, hidden: (name) => `${name} hidden` },
  loading: 'Loading…',
  failed: 'Could not load this chart.',
  retry: 'Retry',
  largestShown: (shown, total) => `Points: the ${shown} largest of ${total} accounts.`,
  opening: 'Opening ARR',
  closing: 'Closing ARR',
  netNew: 'Net new ARR',
  movements: { new: 'New', expansion: 'Expansion', reactivation: 'Reactivation', contraction: 'Contraction', churn: 'Churn' },
  movementsShort: { opening: 'Open', new: 'New', expansion: 'Exp.', reactivation: 'React.', contraction: 'Contr.', churn: 'Churn', closing: 'Close' },
  axisFrom: (value) => `Value axis from ${value} (broken)`,
  tiers: DOMAIN_LABELS['en-US'].tiers,
  quadrants: DOMAIN_LABELS['en-US'].quadrants,
  quadrantHints: {
    loyal: 'good outcome, good experience',
    unrealized: 'happy, but no business result: churn risk',
    grudging: 'gets results, unhappy: renews while complaining',
    critical: 'poor outcome, poor experience',
  },
  transitions: { save: 'Saves', win: 'Wins', decline: 'Declines', steady: 'Steady', unknown: 'Unknown' },
  stages: { due: 'Due', renewed: 'Renewed', retained: 'Retained', expanded: 'Expanded' },
  nps: { promoters: 'Promoters', passives: 'Passives', detractors: 'Detractors' },
  npsScore: 'NPS',
  responses: 'responses',
  attribution: {
    retain: 'Retain', expand: 'Expand', land: 'Land',
    savedRenewalArr: 'Saved renewals', wonRenewalArr: 'Won renewals', optOutRetainedArr: 'Opt-outs retained',
    csqlArr: 'CSQL won', savedWonExpansionArr: 'Save/win expansion', pocArr: 'POC',
    csqaCount: 'Advocacy (CSQA)', referralArr: 'Referrals', premiumServicesArr: 'Premium services', assistedSalesArr: 'Assisted sales',
  },
  outcome: 'Outcome',
  experience: 'Experience',
  accounts: 'accounts',
  arr: 'ARR',
  month: 'Month',
  count: 'Count',
  share: 'Share',
  value: 'Value',
  cohort: 'Cohort',
  size: 'Accounts',
  offset: (months) => `M${months}`,
  from: 'From',
  to: 'To',
  conversion: 'Conversion',
  dueArr: 'Due ARR',
  renewalArr: 'Renewal ARR',
  group: 'Group',
  overall: 'Overall',
  vsPrevious: 'vs comparison period',
  noComparison: 'no comparison',
  chartTitles: {
    waterfall: 'ARR waterfall', funnel: 'Renewal funnel', quadrant: 'Health quadrant', distribution: 'Health tiers by month',
    transitions: 'Health transitions', nps: 'NPS', cohorts: 'Cohorts', segments: 'Breakdown', attribution: 'CS-attributed revenue',
    trend: 'ARR trend', rates: 'Retention and churn rates', ahead: 'Renewals ahead', story: 'Account story',
    drivers: 'Health drivers', validation: 'Health score against renewals',
  },
  movementsAxis: 'Movements',
  arrAxis: 'ARR',
  customers: 'Customers',
  arpa: 'ARPA',
  quickRatio: 'Quick ratio',
  rates: { nrr12: 'NRR (trailing 12 months)', grr12: 'GRR (trailing 12 months)', logoChurnRate: 'Logo churn rate' },
  target: 'Target',
  retentionAxis: 'Retention (trailing 12 months)',
  unknownTier: 'Unscored',
  contracts: 'contracts',
  renewedEarly: 'Renewed',
  stillOpen: 'Open',
  expected: 'Expected renewal ARR',
  atRisk: 'At risk',
  healthScore: 'Health score',
  lanes: { contracts: 'Contracts', nps: 'NPS', leads: 'Leads', advocacy: 'Advocacy', revenue: 'CS revenue' },
  domain: DOMAIN_LABELS['en-US'],
  activityRate: 'Activity rate',
  eventsWord: 'events',
  points: (value) => `${value} pts`,
  scoreIn: (when) => `Score ${when}`,
  noHealth: 'No health score in this month',
  renewalRate: 'Renewal rate',
  byTier: 'By tier',
  byDecile: 'By score decile',
  decile: (k) => `D${k}`,
  auc: 'AUC',
  monotonic: 'renewal rates fall from green to red',
  notMonotonic: 'renewal rates do not fall from green to red',
  ofContracts: (renewed, count) => `${renewed} of ${count} renewed`,
  contribution: 'Contribution',
  change: 'Change',
  component: 'Component',
  side: 'Side',
  facts: { arr: 'ARR', tier: 'Health tier', nextRenewal: 'Next renewal', earlyWarning: 'Early warning', yes: 'Yes', no: 'No' },
};

const zhCN: ChartLabels = {
  noData: '当前筛选下没有数据',
  saveImage: { group: '保存图表', svg: '保存为 SVG', png: '保存为 PNG' },
  legendToggle: { group: '显示的序列', shown: (name) => `已显示${name}`, hidden: (name) => `已隐藏${name}` },
  loading: '加载中…',
  failed: '无法加载此图表。',
  retry: '重试',
  largestShown: (shown, total) => `图中点为 ${total} 个客户中 ARR 最大的 ${shown} 个。`,
  opening: '期初 ARR',
  closing: '期末 ARR',
  netNew: '净新增 ARR',
  movements: { new: '新签', expansion: '增购', reactivation: '召回', contraction: '降级', churn: '流失' },
  movementsShort: { opening: '期初', new: '新签', expansion: '增购', reactivation: '召回', contraction: '降级', churn: '流失', closing: '期末' },
  axisFrom: (value) => `数值轴从 ${value} 起（已截断）`,
  tiers: DOMAIN_LABELS['zh-CN'].tiers,
  quadrants: DOMAIN_LABELS['zh-CN'].quadrants,
  quadrantHints: {
    loyal: '结果好，体验好',
    unrealized: '满意但没有业务结果：流失风险',
    grudging: '有结果但不满意：边抱怨边续约',
    critical: '结果差，体验差',
  },
  transitions: { save: '挽救', win: '赢回', decline: '下滑', steady: '持平', unknown: '未知' },
  stages: { due: '到期', renewed: '已续约', retained: '保持', expanded: '扩大' },
  nps: { promoters: '推荐者', passives: '被动者', detractors: '贬损者' },
  npsScore: 'NPS',
  responses: '份回复',
  attribution: {
    retain: '留存', expand: '扩展', land: '获客',
    savedRenewalArr: '挽救续约', wonRenewalArr: '赢回续约', optOutRetainedArr: '退出期留存',
    csqlArr: 'CSQL 成交', savedWonExpansionArr: '挽救/赢回增购', pocArr: 'POC',
    csqaCount: '客户推荐 (CSQA)', referralArr: '转介绍', premiumServicesArr: '增值服务', assistedSalesArr: '协助销售',
  },
  outcome: '业务结果',
  experience: '客户体验',
  accounts: '个客户',
  arr: 'ARR',
  month: '月份',
  count: '数量',
  share: '占比',
  value: '数值',
  cohort: '同期群',
  size: '客户数',
  offset: (months) => `第${months}月`,
  from: '期初',
  to: '期末',
  conversion: '转化率',
  dueArr: '到期 ARR',
  renewalArr: '续约 ARR',
  group: '分组',
  overall: '整体',
  vsPrevious: '对比期',
  noComparison: '无对比',
  chartTitles: {
    waterfall: 'ARR 瀑布图', funnel: '续约漏斗', quadrant: '健康度象限', distribution: '各月健康度分层', transitions: '健康度迁移',
    nps: 'NPS', cohorts: '同期群', segments: '分组对比', attribution: 'CS 贡献收入',
    trend: 'ARR 趋势', rates: '留存与流失率', ahead: '即将到期续约', story: '客户详情',
    drivers: '健康度驱动因素', validation: '健康分与续约',
  },
  movementsAxis: '变动',
  arrAxis: 'ARR',
  customers: '付费客户数',
  arpa: 'ARPA',
  quickRatio: '快速比率',
  rates: { nrr12: 'NRR（近 12 月）', grr12: 'GRR（近 12 月）', logoChurnRate: '客户流失率' },
  target: '目标',
  retentionAxis: '留存率（近 12 月）',
  unknownTier: '无评分',
  contracts: '份合同',
  renewedEarly: '已续约',
  stillOpen: '待续约',
  expected: '预计续约 ARR',
  atRisk: '有风险',
  healthScore: '健康分',
  lanes: { contracts: '合同', nps: 'NPS', leads: '线索', advocacy: '客户推荐', revenue: 'CS 收入' },
  domain: DOMAIN_LABELS['zh-CN'],
  activityRate: '活跃率',
  eventsWord: '个事件',
  points: (value) => `${value} 分`,
  scoreIn: (when) => `${when} 得分`,
  noHealth: '该月没有健康分',
  renewalRate: '续约率',
  byTier: '按健康度分层',
  byDecile: '按得分十分位',
  decile: (k) => `第${k}组`,
  auc: 'AUC',
  monotonic: '续约率从绿到红依次下降',
  notMonotonic: '续约率并未从绿到红依次下降',
  ofContracts: (renewed, count) => `${count} 份中续约 ${renewed} 份`,
  contribution: '贡献',
  change: '变化',
  component: '指标',
  side: '维度',
  facts: { arr: 'ARR', tier: '健康度', nextRenewal: '下次续约', earlyWarning: '流失预警', yes: '是', no: '否' },
};

export const LABELS: Record<CsLocale, ChartLabels> = { 'en-US': enUS, 'zh-CN': zhCN };
