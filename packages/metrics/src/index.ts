export type {
  Account, ActivityRecord, AdvocacyKind, AdvocacyRecord, ArrSnapshot, CollectionName, Contract, Csm, DataIssue,
  Dataset, DateString, HealthSnapshot, Lead, LeadStage, MeasureRecord, Month, NpsResponse, Period, RevenueEvent, RevenueSource,
  ValidationResult,
} from './types.js';
export {
  addDays, addMonths, addMonthsToDayNumber, addMonthsToMonth, dateFromDayNumber, dayNumber, daysBetween, daysInMonth, firstDayOfMonth,
  inPeriod, isLastDayOfMonth, isLeapYear, isValidDate, isValidMonth, lastDayOfMonth, monthFromIndex, monthIndex, monthOf, monthsOf,
} from './dates.js';
export {
  ACCOUNT_COLLECTIONS, ADVOCACY_KINDS, COLLECTION_NAMES, FUNNEL_STAGES, funnelDepth, inFunnelStage, LEAD_STAGES, NPS_CATEGORIES, npsCategory,
  ownValue, REVENUE_FIELDS, REVENUE_SOURCES, revenueFieldOf,
} from './domain.js';
export type { AccountCollection, FunnelStageName, NpsCategory, RevenueField } from './domain.js';
export { collectionFields, contractFields, MAX_MONEY, numericFields, validateDataset } from './validate.js';
export type { ContractField } from './validate.js';
export { VIEW_LIMITS, ViewError } from './limits.js';
export { arrMovements, MOVEMENT_KINDS } from './arr-movements.js';
export type { ArrMovement, ArrMovementsOptions, ArrWaterfall, ArrWaterfallMonth, MovementKind } from './arr-movements.js';
export { retention } from './retention.js';
export type { RetentionAccount, RetentionOptions, RetentionResult } from './retention.js';
export { renewals, renewalFunnel, RENEWAL_STATUSES } from './renewals.js';
export type { CountAndArr, FunnelStage, RenewalFunnel, RenewalItem, RenewalStatus, RenewalSummary, RenewalsOptions } from './renewals.js';
export {
  BUILT_IN_COMPONENTS, componentScore, DEFAULT_HEALTH_MODEL, HEALTH_SIDES, HEALTH_TIERS, healthScore, healthTier, resolveHealthModel,
} from './health-model.js';
export type { HealthComponent, HealthModel, HealthModelInput, HealthSide, HealthTier, HealthWeights } from './health-model.js';
export { healthDistribution, healthQuadrants, healthScores, quadrantOf, QUADRANTS } from './health.js';
export type {
  AccountHealth, HealthDistribution, HealthDistributionMonth, HealthOptions, HealthQuadrants, HealthScores, Quadrant, QuadrantAccount,
  TierCell,
} from './health.js';
export { biggestFall, healthDrivers, SNAPSHOT_COMPONENT } from './health-drivers.js';
export type { AccountHealthDrivers, HealthDriver, HealthDrivers, HealthDriversOptions } from './health-drivers.js';
export { healthValidation, scoreAuc } from './health-validation.js';
export type { HealthValidation, HealthValidationBucket, HealthValidationDecile, HealthValidationOptions } from './health-validation.js';
export { healthTransitions, transitionKind, TRANSITION_KINDS } from './health-transitions.js';
export type { AccountTransition, HealthTransitions, TransitionKind } from './health-transitions.js';
export { datasetNps, nps } from './nps.js';
export type { NpsOptions, NpsResult } from './nps.js';
export { earlyWarnings } from './early-warnings.js';
export type { EarlyWarningItem, EarlyWarningOptions, EarlyWarnings } from './early-warnings.js';
export { cohorts, COHORT_MEASURES } from './cohorts.js';
export type { CohortCell, CohortMeasure, CohortOptions, CohortRow, Cohorts } from './cohorts.js';
export { accountFilter, BREAKDOWN_DIMENSIONS, compareGroupKeys, groupKey, isDimension, NONE_GROUP, normalizeFilters } from './dimensions.js';
export type { AccountFilters, BreakdownDimension } from './dimensions.js';
export { accountSubsets, filterDataset, partitionDataset } from './partition.js';
export type { AccountSubsets } from './partition.js';
export { breakdown } from './breakdown.js';
export type { Breakdown, BreakdownGroup } from './breakdown.js';
export { groupSummaries } from './group-summary.js';
export type { GroupSummary, GroupSummaryInputs } from './group-summary.js';
export { csmScorecard } from './csm-scorecard.js';
export type { CsmScorecard, CsmScorecardOptions, CsmScorecardRow } from './csm-scorecard.js';
export { csAttribution } from './cs-attribution.js';
export type { CsAttribution, CsAttributionExpand, CsAttributionLand, CsAttributionOptions, CsAttributionRetain } from './cs-attribution.js';
export { computeDashboard, dashboardKpis } from './dashboard.js';
export type { DashboardOptions } from './dashboard.js';
export { comparisonPeriodOf, DEFAULT_BREAKDOWNS, previousPeriod, resolveView, VIEW_FIELDS, viewOf } from './view.js';
export type { Comparison, EarlyWarningSettingsInput, View, ViewOptions } from './view.js';
export { prepareDataset, QUADRANT_POINTS, SUMMARY_PARTS } from './prepared.js';
export { ROW_SETS } from './row-sets.js';
export type { RowSetName, RowSetRows } from './row-sets.js';
export type {
  ArrWaterfallSummary, Dashboard, DashboardKpis, DashboardSummary, FilterOptions, HealthQuadrantsSummary, PreparedDataset, SummaryPart,
  SummaryParts,
} from './prepared.js';
export { DEFAULT_PAGE_ROWS, MAX_PAGE_ROWS } from './rows.js';
export type { Cell, ColumnKind, RowColumn, RowFilter, RowPage, RowQuery, RowSetSpec, RowSort, RowTable } from './rows.js';
export {
  ATTRIBUTION_FIELDS, attributionAccountIds, checkTarget, cohortAccountIds, drillDownAccountIds, funnelStageAccountIds, groupAccountIds, npsAccountIds,
  tierAccountIds, transitionAccountIds,
} from './drill-down.js';
export type { AttributionField, DrillDownContext, DrillDownTarget } from './drill-down.js';
export { accountSummaries } from './account-summaries.js';
export type { AccountSummariesOptions, AccountSummary } from './account-summaries.js';
export { answerRequest, datasetInfo, defaultPeriod, parseRequest, PROTOCOL_VERSION, REQUEST_KINDS, RequestError } from './protocol.js';
export type { CsRequest, CsRequestKind, CsResponses, DatasetInfo } from './protocol.js';
export { arrTrend } from './arr-trend.js';
export type { ArrTrend, ArrTrendMonth, ArrTrendOptions } from './arr-trend.js';
export { MIN_CALIBRATION_CONTRACTS, renewalsAhead, TIERS_AND_UNKNOWN } from './renewals-ahead.js';
export type { RenewalsAhead, RenewalsAheadItem, RenewalsAheadMonth, RenewalsAheadOptions, RiskReason, TierOrUnknown } from './renewals-ahead.js';
export { ACCOUNT_EVENT_KINDS, accountEvents, accountStory, UnknownAccountError } from './account-story.js';
export type { AccountEvent, AccountEventKind, AccountStory, AccountStoryContract, AccountStoryMonth, AccountStoryOptions } from './account-story.js';
