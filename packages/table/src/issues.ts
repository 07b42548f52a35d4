/** Subpath entry `@cskit/table/issues`: the data issues panel, without the tables. */
export { CsIssues } from './CsIssues.js';
export type { CsIssuesProps } from './CsIssues.js';
