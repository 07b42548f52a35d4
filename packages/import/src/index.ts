/** `@cskit/import`: billing, CRM and helpdesk exports (CSV or JSON) into a validated dataset (SPEC 13). */
export { importTables } from './import-tables.js';
export type { ImportCollection, ImportIssue, ImportOptions, ImportResult, ImportTable, TableMapping } from './types.js';
export { importFields, namesOf, normalizeHeader } from './recognise/fields.js';
export type { ImportField } from './recognise/fields.js';
export { dateFormatOption, decideDateFormat, toIsoDate, toIsoMonth, toNumber } from './convert/cells.js';
export type { DateFormat } from './convert/cells.js';
export { monthsPerInterval } from './convert/amounts.js';
export { endEvidence } from './shape/end-dates.js';
