export type {
  Account, ActivityRecord, AdvocacyKind, AdvocacyRecord, ArrSnapshot, CollectionName, Contract, Csm, DataIssue,
  Dataset, DateString, HealthSnapshot, Lead, LeadStage, Month, NpsResponse, Period, RevenueEvent, RevenueSource,
  ValidationResult,
} from './types.js';
export {
  addDays, addMonths, addMonthsToDayNumber, addMonthsToMonth, dateFromDayNumber, dayNumber, daysBetween, daysInMonth, firstDayOfMonth,
  isLastDayOfMonth, isLeapYear, isValidDate, isValidMonth, lastDayOfMonth, monthFromIndex, monthIndex, monthOf, monthsOf,
} from './dates.js';
export { validateDataset } from './validate.js';
export { arrMovements, MOVEMENT_KINDS } from './arr-movements.js';
export type { ArrMovement, ArrMovementsOptions, ArrWaterfall, ArrWaterfallMonth, MovementKind } from './arr-movements.js';
export { retention } from './retention.js';
export type { RetentionAccount, RetentionOptions, RetentionResult } from './retention.js';
export { renewals, renewalFunnel, RENEWAL_STATUSES } from './renewals.js';
export type {
  CountAndArr, FunnelStage, FunnelStageName, RenewalFunnel, RenewalItem, RenewalStatus, RenewalSummary, RenewalsOptions,
} from './renewals.js';
export { DEFAULT_HEALTH_MODEL, HEALTH_TIERS, healthScore, healthTier, resolveHealthModel } from './health-model.js';
export type { HealthModel, HealthModelInput, HealthTier, HealthWeights } from './health-model.js';
export { healthDistribution, healthQuadrants, healthScores, quadrantOf, QUADRANTS } from './health.js';
export type {
  AccountHealth, HealthDistribution, HealthDistributionMonth, HealthOptions, HealthQuadrants, HealthScores, Quadrant, QuadrantAccount,
  TierCell,
} from './health.js';
export { healthTransitions, transitionKind, TRANSITION_KINDS } from './health-transitions.js';
export type { AccountTransition, HealthTransitions, TransitionKind } from './health-transitions.js';
export { datasetNps, nps } from './nps.js';
export type { NpsOptions, NpsResult } from './nps.js';
export { earlyWarnings } from './early-warnings.js';
export type { EarlyWarningItem, EarlyWarningOptions, EarlyWarnings } from './early-warnings.js';
export { cohorts } from './cohorts.js';
export type { CohortCell, CohortMeasure, CohortRow, Cohorts } from './cohorts.js';
export { filterDataset, partitionDataset } from './partition.js';
export { breakdown, BREAKDOWN_DIMENSIONS, groupKey, NONE_GROUP } from './breakdown.js';
export type { Breakdown, BreakdownDimension, BreakdownGroup } from './breakdown.js';
export { groupSummaries } from './group-summary.js';
export type { GroupSummary, GroupSummaryInputs } from './group-summary.js';
export { csmScorecard } from './csm-scorecard.js';
export type { CsmScorecard, CsmScorecardOptions, CsmScorecardRow } from './csm-scorecard.js';
export { csAttribution } from './cs-attribution.js';
export type { CsAttribution, CsAttributionExpand, CsAttributionLand, CsAttributionOptions, CsAttributionRetain } from './cs-attribution.js';
export { computeDashboard, dashboardKpis, previousPeriod } from './dashboard.js';
export type { Dashboard, DashboardKpis, DashboardOptions } from './dashboard.js';
export {
  attributionAccountIds, cohortAccountIds, funnelStageAccountIds, groupAccountIds, npsAccountIds, tierAccountIds, transitionAccountIds,
} from './drill-down.js';
export type { AttributionField, NpsCategory } from './drill-down.js';
export { accountSummaries } from './account-summaries.js';
export type { AccountSummariesOptions, AccountSummary } from './account-summaries.js';
