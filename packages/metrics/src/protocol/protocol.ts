/**
 * The query protocol: every question a dashboard asks a prepared dataset, as plain JSON, so the same requests can be
 * answered in the page, in a Web Worker or by a server (`@cskit/server`). `answerRequest` answers one;
 * `parseRequest` checks one that arrived from outside (a page, the network) and names the field that is wrong.
 */
import { monthFromIndex, monthIndex, periodEndingIn } from '../core/dates.js';
import { UnknownAccountError, type AccountStory } from '../accounts/account-story.js';
import { normalizeFilters, type AccountFilters } from '../data/dimensions.js';
import { checkTarget, type DrillDownTarget } from '../engine/drill-down.js';
import { qualified, VIEW_LIMITS, ViewError } from '../core/limits.js';
import { SUMMARY_PARTS, type DashboardSummary, type FilterOptions, type PreparedDataset, type SummaryPart, type SummaryParts } from '../engine/prepared.js';
import { ROW_SETS, type RowSetName, type RowSetRows } from '../engine/row-sets.js';
import { checkQuery, type RowPage, type RowQuery, type RowSetSpec } from '../core/rows.js';
import type { Dataset, Period } from '../core/types.js';
import { checkAccountIds, resolveView, type ViewOptions } from '../engine/view.js';

/** Bumped when a request or response changes shape; clients send it, servers refuse others. */
export const PROTOCOL_VERSION = 1;

/** What a dataset is, for a client that does not hold it: size, currency, and the period its data covers. */
export interface DatasetInfo {
  accountCount: number;
  currency: string;
  /** First and last month with ARR data; null for a dataset without any. */
  dataPeriod: Period | null;
  /** Twelve months ending at the month of the latest contract start or ARR snapshot: where the data is freshest. */
  defaultPeriod: Period;
  /** Keys of the dataset's `measures` (SPEC 12), sorted: what a health model's components can read besides the built-in ones. */
  measureKeys: string[];
}

export type CsRequest =
  | { kind: 'info' }
  | { kind: 'summary'; view: ViewOptions }
  | { kind: 'metric'; view: ViewOptions; metric: SummaryPart }
  | { kind: 'rows'; view: ViewOptions; rowSet: RowSetName; query?: RowQuery }
  | { kind: 'drill-down'; view: ViewOptions; target: DrillDownTarget }
  | { kind: 'filter-options'; view: Partial<ViewOptions> }
  | { kind: 'account-story'; view: ViewOptions; accountId: string };

export type CsRequestKind = CsRequest['kind'];

/** The answer to each kind of request. */
export interface CsResponses {
  info: DatasetInfo;
  summary: DashboardSummary;
  metric: SummaryParts[SummaryPart];
  rows: RowPage<RowSetRows[RowSetName]>;
  'drill-down': { accountIds: string[] };
  'filter-options': FilterOptions;
  'account-story': AccountStory;
}

export const REQUEST_KINDS: readonly CsRequestKind[] = ['info', 'summary', 'metric', 'rows', 'drill-down', 'filter-options', 'account-story'];

/** A request that is not of the protocol's shape: `field` names the part that is wrong (an HTTP 400). */
export class RequestError extends Error {
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'RequestError';
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The default period of a dataset: the twelve months ending at its freshest month (see `DatasetInfo`). */
export function defaultPeriod(dataset: Dataset): Period {
  let latest = '';
  for (const contract of dataset.contracts ?? []) if (contract.start > latest) latest = contract.start;
  for (const snapshot of dataset.arr ?? []) if (snapshot.month > latest) latest = snapshot.month;
  return periodEndingIn(latest === '' ? null : latest.slice(0, 7));
}

export function datasetInfo(engine: PreparedDataset): DatasetInfo {
  const { dataset } = engine;
  return {
    accountCount: engine.accountCount,
    currency: dataset.currency ?? 'USD',
    dataPeriod: engine.dataPeriod(),
    defaultPeriod: engine.defaultPeriod(),
    measureKeys: engine.measureKeys(),
  };
}

/** A client error of a view, query or target as a `RequestError` naming the request's field (`view.period.to`). */
function asRequestError(error: unknown, prefix: string | null): unknown {
  if (error instanceof RequestError) return error;
  if (error instanceof ViewError) {
    const field = prefix === null ? error.field : `${prefix}.${error.field}`;
    return new RequestError(field, error.message.slice(error.field.length + 1));
  }
  if (error instanceof RangeError || error instanceof TypeError) {
    const qualifiedError = qualified(prefix ?? 'request', error);
    if (qualifiedError instanceof ViewError) return new RequestError(qualifiedError.field, qualifiedError.message.slice(qualifiedError.field.length + 1));
  }
  return error;
}

/** Runs a check and reports what it refuses as a `RequestError` for the request's field. */
function checked<T>(prefix: string | null, check: () => T): T {
  try {
    return check();
  } catch (error) {
    throw asRequestError(error, prefix);
  }
}

/** The parts of a view `filter-options` reads (it needs no period). */
function checkFilterView(view: Record<string, unknown>): void {
  checked('view', () => {
    normalizeFilters(view.filters as AccountFilters | undefined);
    checkAccountIds(view.accountIds);
  });
}

/**
 * Checks a request from outside (a worker message, an HTTP body) completely: its kind, its view (resolved with every
 * default and limit, `VIEW_LIMITS`), its row query, drill-down target or metric name. Whatever is wrong is a
 * `RequestError` naming the request's field (`view.earlyWarning.months`, `query.sort`, `target.movement`), so a
 * server can answer 400; what passes cannot make the engine fail for the client's sake.
 */
export function parseRequest(input: unknown): CsRequest {
  if (!isObject(input)) throw new RequestError('request', 'expected an object { kind, ... }');
  const { kind } = input;
  if (typeof kind !== 'string' || !(REQUEST_KINDS as readonly string[]).includes(kind)) {
    throw new RequestError('kind', `must be one of ${REQUEST_KINDS.join(', ')}, got ${JSON.stringify(kind)?.slice(0, 60) ?? 'nothing'}`);
  }
  if (kind === 'info') return { kind };
  if (!isObject(input.view)) throw new RequestError('view', 'expected an object such as { period: { from, to } }');
  const view = input.view as unknown as ViewOptions;
  if (kind === 'filter-options') {
    checkFilterView(input.view);
    return { kind, view };
  }
  checked('view', () => resolveView(view));
  switch (kind) {
    case 'summary':
      return { kind, view };
    case 'metric':
      if (typeof input.metric !== 'string' || !(SUMMARY_PARTS as readonly string[]).includes(input.metric)) {
        throw new RequestError('metric', `must be one of ${SUMMARY_PARTS.join(', ')}, got ${JSON.stringify(input.metric)?.slice(0, 60) ?? 'nothing'}`);
      }
      return { kind, view, metric: input.metric as SummaryPart };
    case 'rows': {
      const { rowSet, query } = input;
      if (typeof rowSet !== 'string' || !Object.prototype.hasOwnProperty.call(ROW_SETS, rowSet)) {
        throw new RequestError('rowSet', `must be one of ${Object.keys(ROW_SETS).join(', ')}, got ${JSON.stringify(rowSet)?.slice(0, 60) ?? 'nothing'}`);
      }
      if (query !== undefined && !isObject(query)) throw new RequestError('query', 'expected an object { sort, filters, search, offset, limit }');
      checked(null, () => checkQuery(ROW_SETS[rowSet as RowSetName] as unknown as RowSetSpec<unknown>, (query ?? {}) as RowQuery));
      return { kind, view, rowSet: rowSet as RowSetName, ...(query === undefined ? {} : { query: query as RowQuery }) };
    }
    case 'account-story':
      if (typeof input.accountId !== 'string' || input.accountId === '' || input.accountId.length > VIEW_LIMITS.textLength) {
        throw new RequestError('accountId', `expected an account id (a string of 1 to ${VIEW_LIMITS.textLength} characters)`);
      }
      return { kind, view, accountId: input.accountId };
    case 'drill-down':
      checked(null, () => checkTarget(input.target as DrillDownTarget));
      return { kind, view, target: input.target as unknown as DrillDownTarget };
  }
  throw new RequestError('kind', `unknown kind ${kind}`);
}

/**
 * Answers one request from a prepared dataset. A view the engine refuses (past `VIEW_LIMITS`, or reading too far
 * past its data) throws a `RequestError` naming the request's field; an account outside the view's accounts an
 * `UnknownAccountError`; anything else is the engine's own failure.
 */
export function answerRequest<K extends CsRequestKind>(engine: PreparedDataset, request: Extract<CsRequest, { kind: K }>): CsResponses[K];
export function answerRequest(engine: PreparedDataset, request: CsRequest): CsResponses[CsRequestKind] {
  try {
    return answer(engine, request);
  } catch (error) {
    if (error instanceof UnknownAccountError) throw error;
    throw error instanceof ViewError ? asRequestError(error, fieldPrefix(error.field)) : error;
  }
}

/** Where a refused field of a request lives: a row query's and a target's fields are named from the request. */
function fieldPrefix(field: string): string | null {
  return field.startsWith('query.') || field === 'query' || field.startsWith('target.') || field === 'target' ? null : 'view';
}

/**
 * Refuses a request's view that reads months more than `VIEW_LIMITS.monthsPastData` past the last month of the data
 * it is answered from (a scoped engine's own): monthly ARR is built up to the latest month a view reads, so a period
 * in year 9999 would build thousands of months for every account. (Months before the data cost nothing.) Requests
 * only: a host calling the engine in process (`computeDashboard` on a few accounts) reads any months it likes.
 */
function checkReach(engine: PreparedDataset, options: ViewOptions): void {
  checkViewReach(options, engine.dataPeriod());
}

/**
 * Refuses a request as `answerRequest` would for reading too far past `dataPeriod` (the data period of the accounts it
 * is answered from): a `RequestError` naming the view's field. For another backend (the SQL engine).
 */
export function checkRequestReach(request: CsRequest, dataPeriod: Period | null): void {
  if (request.kind === 'info' || request.kind === 'filter-options') return;
  try {
    checkViewReach(request.view, dataPeriod);
  } catch (error) {
    throw error instanceof ViewError ? asRequestError(error, 'view') : error;
  }
}

/**
 * The rule of `checkReach` for any backend (the SQL engine reads the data period from its tables): a view that reads
 * months more than `VIEW_LIMITS.monthsPastData` past `dataPeriod.to` is a `ViewError` naming its field.
 */
export function checkViewReach(options: ViewOptions, dataPeriod: Period | null): void {
  const last = dataPeriod?.to;
  if (last === undefined) return;
  const limit = monthIndex(last) + VIEW_LIMITS.monthsPastData;
  const view = resolveView(options);
  const check = (value: string, field: string) => {
    if (monthIndex(value) <= limit) return;
    throw new ViewError(field, `may be at most ${monthFromIndex(limit)} (${VIEW_LIMITS.monthsPastData} months past the data's last month, ${last}), got ${value}`);
  };
  check(view.period.to, 'period.to');
  if (view.comparisonPeriod) check(view.comparisonPeriod.to, options.comparisonPeriod ? 'comparisonPeriod.to' : 'comparison.to');
  check(view.asOf, 'asOf');
}

function answer(engine: PreparedDataset, request: CsRequest): CsResponses[CsRequestKind] {
  if (request.kind !== 'info' && request.kind !== 'filter-options') checkReach(engine, request.view);
  switch (request.kind) {
    case 'info':
      return datasetInfo(engine);
    case 'summary':
      return engine.summary(request.view);
    case 'metric':
      return engine.metric(request.view, request.metric);
    case 'rows':
      return engine.rows(request.view, request.rowSet, request.query ?? {});
    case 'drill-down':
      return { accountIds: engine.drillDown(request.view, request.target) };
    case 'filter-options':
      return engine.filterOptions(request.view);
    case 'account-story':
      return engine.accountStory(request.view, request.accountId);
  }
}
