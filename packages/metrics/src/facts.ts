/**
 * `@cskit/metrics/facts`: what an engine computing where the data lives (`@cskit/sql`) needs of this package: the
 * pre-aggregated facts it stores (each account's ARR as runs of months, from the same rules and the same numbers as
 * the JS engine) and the last steps of the parts it sums itself, finished here as the JS engine finishes them (whole
 * cents, residues, ratios), so the two engines' answers agree. A page or a server with a JS engine never loads it.
 */
export { arrRunsOf, arrRunsOfIndex, OPEN_RUN } from './arr/arr-runs.js';
export type { ArrRuns } from './arr/arr-runs.js';
export { waterfallFromSums } from './arr/arr-movements.js';
export type { WaterfallCore, WaterfallMonthSums } from './arr/arr-movements.js';
export { arrTrendFromParts } from './arr/arr-trend.js';
export { retentionFiguresOf, retentionSummaryFromSums } from './arr/retention.js';
export type { RetentionFigures } from './arr/retention.js';
export { cohortsFromSums } from './arr/cohorts.js';
export type { CohortSums } from './arr/cohorts.js';
export { renewalFactsOf, renewalFactsOfIndex } from './renewals/renewal-facts.js';
export type { RenewalFacts } from './renewals/renewal-facts.js';
export { funnelFromSums, renewalFiguresFromSums } from './renewals/renewals.js';
export type { RenewalSums } from './renewals/renewals.js';
export { distributionFromSums, DISTRIBUTION_SLOTS } from './health/health.js';
export { transitionsFromPairs } from './health/health-transitions.js';
export { NPS_WINDOW } from './data/monthly-records.js';
export { isTicketComponent, profileSides, roleOfComponent, sideComponents } from './model/health-model.js';
export { ratio } from './core/ratio.js';
export { addToAheadRow, emptyAheadRow, likelihoodFromCounts, riskReasonsOf } from './renewals/renewals-ahead.js';
export type { AheadContracts } from './renewals/renewals-ahead.js';
export { groupSummariesFromSums, roleSummariesFromSums } from './accounts/group-summary.js';
export type { GroupSums, RoleSums } from './accounts/group-summary.js';
export { kpisFromParts } from './kpis/metrics.js';
export type { KpiParts } from './kpis/metrics.js';
export { attributionFromFigures } from './csm/cs-attribution.js';
export { decileOf, validationFromCounts } from './health/health-validation.js';
export { creditMonthFrom, csqlStageReached } from './csm/cs-credit.js';
export { actualFromSums, readsRetained, targetDay, targetProgressItemOf, visibleTargets } from './csm/target-progress.js';
export type { TargetSums } from './csm/target-progress.js';
export { scorecardFromSums, SCORECARD_FIELDS } from './csm/csm-scorecard.js';
export type { ScorecardSums } from './csm/csm-scorecard.js';
export { headerOf, summaryFromParts } from './engine/prepared.js';
export { isNatural, textSortKey, textSortRanks } from './core/rows.js';
export { csmNameOf } from './accounts/account-summaries.js';
