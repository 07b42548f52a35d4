/**
 * The query protocol: every question a dashboard asks a prepared dataset, as plain JSON, so the same requests can be
 * answered in the page, in a Web Worker or by a server (`@cskit/server`). `answerRequest` answers one;
 * `parseRequest` checks one that arrived from outside (a page, the network) and names the field that is wrong.
 */
import { periodEndingIn } from './dates.js';
import type { AccountStory } from './account-story.js';
import type { DrillDownTarget } from './drill-down.js';
import { SUMMARY_PARTS, type DashboardSummary, type FilterOptions, type PreparedDataset, type SummaryPart, type SummaryParts } from './prepared.js';
import { ROW_SETS, type RowSetName, type RowSetRows } from './row-sets.js';
import type { RowPage, RowQuery } from './rows.js';
import type { Dataset, Period } from './types.js';
import type { ViewOptions } from './view.js';

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

/**
 * Checks the shape of a request from outside: its kind, that views are objects and row sets exist. The view's own
 * fields are checked when it is resolved (`resolveView`), with errors that name them.
 */
export function parseRequest(input: unknown): CsRequest {
  if (!isObject(input)) throw new RequestError('request', 'expected an object { kind, ... }');
  const { kind } = input;
  if (typeof kind !== 'string' || !(REQUEST_KINDS as readonly string[]).includes(kind)) {
    throw new RequestError('kind', `must be one of ${REQUEST_KINDS.join(', ')}, got ${JSON.stringify(kind) ?? 'nothing'}`);
  }
  if (kind === 'info') return { kind };
  if (!isObject(input.view)) throw new RequestError('view', 'expected an object such as { period: { from, to } }');
  const view = input.view as unknown as ViewOptions;
  switch (kind) {
    case 'summary':
      return { kind, view };
    case 'filter-options':
      return { kind, view };
    case 'metric':
      if (typeof input.metric !== 'string' || !(SUMMARY_PARTS as readonly string[]).includes(input.metric)) {
        throw new RequestError('metric', `must be one of ${SUMMARY_PARTS.join(', ')}, got ${JSON.stringify(input.metric) ?? 'nothing'}`);
      }
      return { kind, view, metric: input.metric as SummaryPart };
    case 'rows': {
      const { rowSet, query } = input;
      if (typeof rowSet !== 'string' || !Object.prototype.hasOwnProperty.call(ROW_SETS, rowSet)) {
        throw new RequestError('rowSet', `must be one of ${Object.keys(ROW_SETS).join(', ')}, got ${JSON.stringify(rowSet) ?? 'nothing'}`);
      }
      if (query !== undefined && !isObject(query)) throw new RequestError('query', 'expected an object { sort, filters, search, offset, limit }');
      return { kind, view, rowSet: rowSet as RowSetName, ...(query === undefined ? {} : { query: query as RowQuery }) };
    }
    case 'account-story':
      if (typeof input.accountId !== 'string' || input.accountId === '') throw new RequestError('accountId', 'expected an account id (a string)');
      return { kind, view, accountId: input.accountId };
    case 'drill-down':
      if (!isObject(input.target) || typeof input.target.kind !== 'string') throw new RequestError('target', 'expected a drill-down target { kind, ... }');
      return { kind, view, target: input.target as unknown as DrillDownTarget };
  }
  throw new RequestError('kind', `unknown kind ${kind}`);
}

/** Answers one request from a prepared dataset. A malformed view or query throws a `RangeError` or `TypeError`. */
export function answerRequest<K extends CsRequestKind>(engine: PreparedDataset, request: Extract<CsRequest, { kind: K }>): CsResponses[K];
export function answerRequest(engine: PreparedDataset, request: CsRequest): CsResponses[CsRequestKind] {
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
