import type { CsLocale } from '@cskit/react';

export interface TableLabels {
  search: string;
  searchPlaceholder: string;
  columns: string;
  /** The Columns menu's name when a narrow table has hidden some to fit. */
  columnsHidden: (hidden: number) => string;
  exportCsv: string;
  rows: (shown: number, total: number) => string;
  noRows: string;
  /** The rows could not be read (a failed request). */
  failed: string;
  retry: string;
  /** `<CsIssues />`: its heading, its summary line, the severities and the "first N of M" note. */
  issues: {
    title: string;
    summary: (errors: number, warnings: number) => string;
    none: string;
    error: string;
    warning: string;
    shown: (shown: number, total: number) => string;
    columns: { severity: string; collection: string; row: string; field: string; message: string };
  };
  loadingRow: string;
  filter: (column: string) => string;
  min: string;
  max: string;
  any: string;
  selectAll: string;
  selectRow: (name: string) => string;
  sortedBy: (parts: string[]) => string;
  notSorted: string;
  ascending: string;
  descending: string;
  selectionActive: (label: string, count: number) => string;
  clearSelection: string;
  sortHint: string;
  /** The scrolling rows' region: named apart from the panel or page section that holds the table. */
  scrollRegion: (caption: string) => string;
  teamTotal: string;
  headers: Record<HeaderKey, string>;
  captions: { accounts: string; renewals: string; earlyWarnings: string; leaderboard: string; renewalsAhead: string; timeline: string };
}

const EN_HEADERS = {
  name: 'Account', csm: 'CSM', segment: 'Segment', region: 'Region', arr: 'ARR', score: 'Health score', tier: 'Tier',
  quadrant: 'Quadrant', nps: 'NPS', activityRate: 'Activity rate', nextRenewal: 'Next renewal', renewalStatus: 'Renewal status',
  contract: 'Contract', dueDate: 'Due date', dueArr: 'Due ARR', renewalArr: 'Renewal ARR', status: 'Status', daysLate: 'Days late',
  rates: 'Activity (last months)', accounts: 'Accounts', arrPerAccount: 'ARR per account', logoRate: 'Logo renewal rate',
  dollarRate: 'Dollar renewal rate', meanHealth: 'Mean health', saves: 'Saves', wins: 'Wins', csqlCount: 'CSQLs', csqlWonArr: 'CSQL won ARR',
  rank: 'Rank',
  likelihood: 'Renewal likelihood', expectedArr: 'Expected ARR', risk: 'Risk', date: 'Date', event: 'Event', detail: 'Detail',
  healthChange: 'Health change (month)', driver: 'Biggest fall', targetsOnTrack: 'Targets on track',
};

export type HeaderKey = keyof typeof EN_HEADERS;

const enUS: TableLabels = {
  search: 'Search',
  searchPlaceholder: 'Search all columns',
  columns: 'Columns',
  columnsHidden: (hidden) => `Columns (${hidden} hidden)`,
  exportCsv: 'Export CSV',
  rows: (shown, total) => (shown === total ? `${total} rows` : `${shown} of ${total} rows`),
  noRows: 'No rows match',
  failed: 'Could not load these rows',
  retry: 'Retry',
  issues: {
    title: 'Data issues',
    summary: (errors, warnings) => `${errors} error${errors === 1 ? '' : 's'} (records left out of every figure), ${warnings} warning${warnings === 1 ? '' : 's'}`,
    none: 'No data issues',
    error: 'Error',
    warning: 'Warning',
    shown: (shown, total) => `The first ${shown} of ${total} issues`,
    columns: { severity: 'Severity', collection: 'Collection', row: 'Row', field: 'Field', message: 'Issue' },
  },
  loadingRow: 'Loading…',
  filter: (column) => `Filter ${column}`,
  min: 'min',
  max: 'max',
  any: 'Any',
  selectAll: 'Select all rows',
  selectRow: (name) => `Select ${name}`,
  sortedBy: (parts) => `Sorted by ${parts.join(', then ')}`,
  notSorted: 'Not sorted',
  ascending: 'ascending',
  descending: 'descending',
  selectionActive: (label, count) => `Showing ${count} accounts from ${label}`,
  clearSelection: 'Show all accounts',
  sortHint: 'Shift-click a header to sort by several columns',
  scrollRegion: (caption) => `${caption}: table`,
  teamTotal: 'Team total',
  headers: EN_HEADERS,
  captions: { accounts: 'Accounts', renewals: 'Renewals due', earlyWarnings: 'Accounts at risk', leaderboard: 'CSM leaderboard', renewalsAhead: 'Renewals ahead', timeline: 'Account timeline' },
};

const zhCN: TableLabels = {
  search: '搜索',
  searchPlaceholder: '搜索所有列',
  columns: '列',
  columnsHidden: (hidden) => `列（已隐藏 ${hidden} 列）`,
  exportCsv: '导出 CSV',
  rows: (shown, total) => (shown === total ? `共 ${total} 行` : `${shown} / ${total} 行`),
  noRows: '没有匹配的行',
  failed: '无法加载这些行',
  retry: '重试',
  issues: {
    title: '数据问题',
    summary: (errors, warnings) => `${errors} 个错误（相关记录不计入任何指标），${warnings} 个警告`,
    none: '没有数据问题',
    error: '错误',
    warning: '警告',
    shown: (shown, total) => `共 ${total} 个问题，显示前 ${shown} 个`,
    columns: { severity: '级别', collection: '集合', row: '行', field: '字段', message: '问题' },
  },
  loadingRow: '加载中…',
  filter: (column) => `筛选${column}`,
  min: '最小',
  max: '最大',
  any: '全部',
  selectAll: '全选',
  selectRow: (name) => `选择 ${name}`,
  sortedBy: (parts) => `排序：${parts.join('，然后 ')}`,
  notSorted: '未排序',
  ascending: '升序',
  descending: '降序',
  selectionActive: (label, count) => `显示来自「${label}」的 ${count} 个客户`,
  clearSelection: '显示全部客户',
  sortHint: '按住 Shift 点击表头可多列排序',
  scrollRegion: (caption) => `${caption}：表格`,
  teamTotal: '团队合计',
  captions: { accounts: '客户列表', renewals: '到期续约', earlyWarnings: '流失预警客户', leaderboard: 'CSM 排行榜', renewalsAhead: '即将到期续约', timeline: '客户时间线' },
  headers: {
    name: '客户', csm: 'CSM', segment: '客户分层', region: '区域', arr: 'ARR', score: '健康分', tier: '健康度',
    quadrant: '象限', nps: 'NPS', activityRate: '活跃率', nextRenewal: '下次续约', renewalStatus: '续约状态',
    contract: '合同', dueDate: '到期日', dueArr: '到期 ARR', renewalArr: '续约 ARR', status: '状态', daysLate: '逾期天数',
    rates: '近几月活跃率', accounts: '客户数', arrPerAccount: '客单 ARR', logoRate: '客户续约率',
    dollarRate: '金额续约率', meanHealth: '平均健康分', saves: '挽救', wins: '赢回', csqlCount: 'CSQL 数', csqlWonArr: 'CSQL 成交 ARR',
    rank: '排名',
    likelihood: '续约概率', expectedArr: '预计续约 ARR', risk: '风险', date: '日期', event: '事件', detail: '详情',
    healthChange: '健康分月变化', driver: '下降最多', targetsOnTrack: '进度正常的目标',
  },
};

export const TABLE_LABELS: Record<CsLocale, TableLabels> = { 'en-US': enUS, 'zh-CN': zhCN };
