export type {
  Account, ActivityRecord, AdvocacyKind, AdvocacyRecord, ArrSnapshot, CollectionName, Contract, Csm, DataIssue,
  Dataset, DateString, HealthSnapshot, Lead, LeadStage, Month, NpsResponse, Period, RevenueEvent, RevenueSource,
  ValidationResult,
} from './types.js';
export {
  addDays, addMonths, addMonthsToMonth, dateFromDayNumber, dayNumber, daysBetween, daysInMonth, firstDayOfMonth,
  isLeapYear, isValidDate, isValidMonth, lastDayOfMonth, monthFromIndex, monthIndex, monthOf, monthsOf,
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
