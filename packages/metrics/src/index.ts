export type {
  Account, ActivityRecord, AdvocacyKind, AdvocacyRecord, ArrSnapshot, CollectionName, Contract, Csm, DataIssue,
  ComplaintKind, Dataset, DatasetInput, DateString, HealthSnapshot, Lead, LeadStage, MeasureRecord, Month, NpsResponse, Period, RevenueEvent, RevenueSource,
  Target, TargetMetric, Ticket, TicketOrigin, TicketType,
  ValidationResult,
} from './core/types.js';
export {
  addDays, addMonths, addMonthsToDayNumber, addMonthsToMonth, dateFromDayNumber, dayNumber, daysBetween, daysInMonth, firstDayOfMonth,
  inPeriod, isLastDayOfMonth, isLeapYear, isValidDate, isValidMonth, lastDayOfMonth, monthFromIndex, monthIndex, monthOf, monthsOf, periodEndingIn,
} from './core/dates.js';
export {
  ACCOUNT_COLLECTIONS, ADVOCACY_KINDS, COLLECTION_NAMES, COMPLAINT_KINDS, FUNNEL_STAGES, funnelDepth, inFunnelStage, LEAD_STAGES, NPS_CATEGORIES, npsCategory,
  ownValue, REVENUE_FIELDS, REVENUE_SOURCES, revenueFieldOf, TARGET_METRICS, TICKET_ORIGINS, TICKET_TYPES,
} from './model/domain.js';
export type { AccountCollection, FunnelStageName, NpsCategory, RevenueField } from './model/domain.js';
export { collectionFields, contractFields, MAX_MONEY, numericFields, validateDataset } from './data/validate.js';
export type { ContractField } from './data/validate.js';
export { VIEW_LIMITS, ViewError } from './core/limits.js';
export { arrMovements, MOVEMENT_KINDS } from './arr/arr-movements.js';
export type { ArrMovement, ArrMovementsOptions, ArrWaterfall, ArrWaterfallMonth, MovementKind } from './arr/arr-movements.js';
export { retention } from './arr/retention.js';
export type { RetentionAccount, RetentionOptions, RetentionResult } from './arr/retention.js';
export { renewals, renewalFunnel, RENEWAL_STATUSES } from './renewals/renewals.js';
export type { CountAndArr, FunnelStage, RenewalFunnel, RenewalItem, RenewalStatus, RenewalSummary, RenewalsOptions } from './renewals/renewals.js';
export {
  BUILT_IN_COMPONENTS, componentScore, DEFAULT_HEALTH_MODEL, DEFAULT_TICKET_MONTHS, PROFILE_DIMENSIONS, ROLE_ACTIVITY_PREFIX, TICKET_COMPONENTS, HEALTH_SIDES, HEALTH_TIERS, healthScore, healthTier, resolveHealthModel,
} from './model/health-model.js';
export type { HealthComponent, HealthModel, HealthModelInput, HealthSide, HealthTier, HealthWeights, HealthProfile, HealthProfiles, ProfileDimension, TicketComponent } from './model/health-model.js';
export { healthDistribution, healthQuadrants, healthScores, quadrantOf, QUADRANTS } from './health/health.js';
export type {
  AccountHealth, HealthDistribution, HealthDistributionMonth, HealthOptions, HealthQuadrants, HealthScores, Quadrant, QuadrantAccount,
  TierCell,
} from './health/health.js';
export { biggestFall, healthDrivers, SNAPSHOT_COMPONENT } from './health/health-drivers.js';
export type { AccountHealthDrivers, HealthDriver, HealthDrivers, HealthDriversOptions } from './health/health-drivers.js';
export { healthValidation, scoreAuc } from './health/health-validation.js';
export type { HealthValidation, HealthValidationBucket, HealthValidationDecile, HealthValidationOptions } from './health/health-validation.js';
export { healthTransitions, transitionKind, TRANSITION_KINDS } from './health/health-transitions.js';
export type { AccountTransition, HealthTransitions, TransitionKind } from './health/health-transitions.js';
export { datasetNps, nps } from './engagement/nps.js';
export type { NpsOptions, NpsResult } from './engagement/nps.js';
export { earlyWarnings } from './engagement/early-warnings.js';
export type { EarlyWarningItem, EarlyWarningOptions, EarlyWarnings } from './engagement/early-warnings.js';
export { cohorts, COHORT_MEASURES } from './arr/cohorts.js';
export type { CohortCell, CohortMeasure, CohortOptions, CohortRow, Cohorts } from './arr/cohorts.js';
export { accountFilter, BREAKDOWN_DIMENSIONS, compareGroupKeys, groupKey, isDimension, NONE_GROUP, normalizeFilters, teamsOf } from './data/dimensions.js';
export type { AccountFilters, BreakdownDimension } from './data/dimensions.js';
export { accountSubsets, filterDataset, partitionDataset } from './data/partition.js';
export { accountScopeFilter, accountScopeKey } from './data/account-scope.js';
export type { AccountScope } from './data/account-scope.js';
export type { AccountSubsets } from './data/partition.js';
export { breakdown } from './accounts/breakdown.js';
export type { Breakdown, BreakdownGroup } from './accounts/breakdown.js';
export { groupSummaries } from './accounts/group-summary.js';
export type { GroupSummary, GroupSummaryInputs } from './accounts/group-summary.js';
export { csmScorecard } from './csm/csm-scorecard.js';
export type { CsmScorecard, CsmScorecardOptions, CsmScorecardRow } from './csm/csm-scorecard.js';
export { csAttribution } from './csm/cs-attribution.js';
export { targetProgress, isRateTarget } from './csm/target-progress.js';
export { csCredit, CSQL_STAGES } from './csm/cs-credit.js';
export type { CsCredit, CsCreditMonth, CsqlStage } from './csm/cs-credit.js';
export type { TargetProgress, TargetProgressItem, TargetProgressOptions } from './csm/target-progress.js';
export type { CsAttribution, CsAttributionExpand, CsAttributionLand, CsAttributionOptions, CsAttributionRetain } from './csm/cs-attribution.js';
export { computeDashboard, dashboardKpis } from './engine/dashboard.js';
export type { DashboardOptions } from './engine/dashboard.js';
export { comparisonPeriodOf, DEFAULT_BREAKDOWNS, previousPeriod, resolveView, VIEW_FIELDS, viewOf } from './engine/view.js';
export type { Comparison, EarlyWarningSettingsInput, View, ViewOptions } from './engine/view.js';
export { METRIC_NAMES, prepareDataset, QUADRANT_POINTS, SUMMARY_PARTS } from './engine/prepared.js';
export { ROW_SETS } from './engine/row-sets.js';
export type { RowSetName, RowSetRows } from './engine/row-sets.js';
export type {
  ArrWaterfallSummary, Dashboard, DashboardKpis, DashboardSummary, FilterOptions, HealthQuadrantsSummary, MetricName, MetricResults, PreparedDataset,
  SummaryPart, SummaryParts,
} from './engine/prepared.js';
export { DEFAULT_PAGE_ROWS, MAX_PAGE_ROWS } from './core/rows.js';
export type { Cell, ColumnKind, RowColumn, RowFilter, RowPage, RowQuery, RowSetSpec, RowSort, RowTable } from './core/rows.js';
export {
  ATTRIBUTION_FIELDS, attributionAccountIds, checkTarget, cohortAccountIds, drillDownAccountIds, funnelStageAccountIds, groupAccountIds, npsAccountIds,
  tierAccountIds, transitionAccountIds,
} from './engine/drill-down.js';
export type { AttributionField, DrillDownContext, DrillDownTarget } from './engine/drill-down.js';
export { accountSummaries } from './accounts/account-summaries.js';
export type { AccountSummariesOptions, AccountSummary } from './accounts/account-summaries.js';
export { answerRequest, checkRequestReach, checkViewReach, datasetInfo, defaultPeriod, parseRequest, PROTOCOL_VERSION, REQUEST_KINDS, RequestError } from './protocol/protocol.js';
export type { CsRequest, CsRequestKind, CsResponses, DatasetInfo } from './protocol/protocol.js';
export { arrTrend } from './arr/arr-trend.js';
export type { ArrTrend, ArrTrendMonth, ArrTrendOptions } from './arr/arr-trend.js';
export { MIN_CALIBRATION_CONTRACTS, renewalsAhead, TIERS_AND_UNKNOWN } from './renewals/renewals-ahead.js';
export type { RenewalsAhead, RenewalsAheadItem, RenewalsAheadMonth, RenewalsAheadOptions, RiskReason, TierOrUnknown } from './renewals/renewals-ahead.js';
export { ACCOUNT_EVENT_KINDS, accountEvents, accountStory, UnknownAccountError } from './accounts/account-story.js';
export type { AccountEvent, AccountEventKind, AccountStory, AccountStoryContract, AccountStoryMonth, AccountStoryOptions } from './accounts/account-story.js';
