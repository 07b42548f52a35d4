/**
 * `createSqlEngine` (SPEC 15): the protocol's requests answered from the data in a SQL database, equal to
 * `answerRequest(prepareDataset(dataset), request)` on the same data.
 *
 * What runs where, today: a viewer's scope, `info`, `filter-options`, every metric (`METRICS_IN_SQL`), the `summary`
 * (every metric, assembled as the JS engine assembles one) and the drill-downs to their marks are queries with bound
 * parameters; pages of the accounts by ARR and account stories choose their accounts in SQL and build them in JS from
 * those accounts' records alone; the other row sets, searched pages and the other drill-downs are answered by
 * `@cskit/metrics`' compact engine, prepared from the database's tables (read in keyset pages, prepared in slices,
 * kept per data version, so a host's event loop is never held for long) and scoped to the accounts the scope's query
 * named. What runs where is listed in docs/sql.md.
 */
import {
  accountScopeFilter, accountScopeKey, answerRequest, checkRequestReach, DEFAULT_PAGE_ROWS, MAX_PAGE_ROWS, parseRequest, resolveView, ROW_SETS, SUMMARY_PARTS, type CsRequest, type DrillDownTarget, type Period, type PreparedDataset, type TargetProgress,
  type ViewOptions,
} from '@cskit/metrics';
import { prepareInSlices, type PreparedLoad } from '@cskit/metrics/load';
import { headerOf, summaryFromParts } from '@cskit/metrics/facts';
import type { SqlClient } from '../client/clients.js';
import { checkDialect, tableName, type Dialect } from '../schema/dialect.js';
import { drillDownInSql } from './drill-down.js';
import { filterOptionsInSql } from './filter-options.js';
import { isMetricInSql, metricInSql, type MetricInSql } from '../metrics/index.js';
import { accountStoryInSql, accountsPageInSql, accountsQueryInSql } from '../metrics/accounts/accounts-rows.js';
import type { FewAccountsAt } from './few-accounts.js';
import { movementAccountsInSql } from '../metrics/arr/movement-accounts.js';
import { pageQueryInSql, ROW_PAGES_IN_SQL, type SetColumns } from '../metrics/rows/index.js';
import { scopeCsmsInSql } from '../metrics/csm/targets.js';
import { modelFitsSql } from '../metrics/health/health-sql.js';
import { healthDrillDownInSql, isHealthDrillDown, retainedDrillDownInSql } from '../metrics/health/health-drill-downs.js';
import { renewalStageAccountsInSql } from '../metrics/renewals/renewals.js';
import { dataSpanInSql, infoInSql, wholeDataSpan } from './info.js';
import { readChunks, readHeader, readOneVersion, type DataHeader } from './read-chunks.js';
import { accountPredicate, countInSql, scopedIds, type Predicate, type SqlScope } from './scope-sql.js';
import { keptPerVersion, predicateKey, requestKey, sharingEqualStatements, startInLanes } from './kept.js';

export interface SqlEngineOptions {
  client: SqlClient;
  dialect: Dialect;
  /** The schema `writeDataset` wrote to; default the connection's own. */
  schema?: string;
  /** Rows per page when the engine reads records. Default 5,000. */
  batchRows?: number;
  /** Longest step of preparation before the host's other work runs. Default 10 ms. */
  sliceMs?: number;
  /**
   * Statements one `summary` runs at once: its metrics' queries in that many lanes. Worth more than 1 on a pool of
   * connections (PostgreSQL runs each statement on one core); a DuckDB connection runs one statement at a time (each
   * on every core). Default: 3 on PostgreSQL, 1 on DuckDB.
   */
  parallelQueries?: number;
  /**
   * Answers to `metric` and `summary` requests kept for the latest data version (by scope and request; the oldest go
   * first, all dropped when the data is written again): a summary at 1M accounts takes seconds to tens of seconds,
   * and a viewer toggling a filter back asks it again. A summary's metrics are kept as the metric requests they equal
   * (a dashboard's widgets asked one by one make its summary, and the other way round). An answer is a few hundred KB
   * at most (the CSM scorecard's rows and the targets' items scale with CSMs and targets; a summary shares its
   * metrics' objects). Default 256; 0 keeps none.
   */
  keptAnswers?: number;
  /**
   * The most the kept answers may hold, in bytes (each counted as its JSON): the oldest go first past it. Default
   * 64 MiB.
   */
  keptAnswerBytes?: number;
  /** Scoped engines kept (least recently used go first). Default 64. */
  maxScopes?: number;
  /**
   * While a new data version prepares (seconds at 100,000 accounts), answer from the version prepared before it
   * instead of waiting: a server keeps answering through a write. Every answer (and `version()`, so ETags) is then
   * of the version served until the new one is swapped in. Default false: an answer is always of the latest write.
   */
  serveWhilePreparing?: boolean;
  /** Told when a preparation in the background fails (the previous version keeps serving), or a snapshot does. */
  onError?: (error: unknown) => void;
  /**
   * Where the compact engine prepared for a data version is kept between processes, such as `snapshotFiles(dir)` of
   * `@cskit/server`: a restarted server whose data has not been written since answers its first summary from the
   * snapshot instead of reading the tables again (at 100,000 accounts 21 s on DuckDB). A snapshot of another version
   * is not used.
   */
  snapshots?: SqlSnapshots;
}

/** A store of one prepared engine (`snapshots`): the last one written, with the data version it was prepared from. */
export interface SqlSnapshots {
  /** The engine kept for `version` (null: none, or only another version's). */
  read(version: string): Promise<{ version: string; load: PreparedLoad } | null>;
  write(version: string, load: PreparedLoad): Promise<void>;
}

export interface SqlAnswerOptions {
  /** The viewer's scope (as `@cskit/server` checked it); default every account. */
  scope?: SqlScope;
}

export interface SqlEngine {
  /** The answer to one request (checked as `parseRequest` checks it: a `RequestError` names what is wrong). */
  answer(request: CsRequest, options?: SqlAnswerOptions): Promise<unknown>;
  /**
   * The version of the data answers come from (written by `writeDataset`): what caches and ETags are keyed by. The
   * latest write's, or with `serveWhilePreparing` the version still served while a newer one prepares.
   */
  version(): Promise<string>;
  /** What the engine holds: the version prepared in memory, and whether a preparation runs. */
  status(): { preparedVersion: string | null; preparing: boolean };
  /**
   * Prepares the data's current version now (reads the tables, builds the engine's columns), so that the first
   * request after a write does not wait for it: call it after `writeDataset`, or when a server starts.
   */
  prepare(): Promise<void>;
}

/** Scope lists longer than this are matched in the engine (a statement takes at most ~65,000 parameters). */
const MAX_BOUND_VALUES = 10_000;

interface Prepared {
  version: string;
  engine: PreparedDataset;
  scopes: Map<string, PreparedDataset>;
}

const boundValues = (scope: SqlScope): number => ('accountIds' in scope ? scope.accountIds.length : 'csmIds' in scope ? scope.csmIds.length
  : 'filters' in scope ? Object.values(scope.filters).reduce((sum, list) => sum + (list?.length ?? 0), 0) : 0);

export function createSqlEngine(options: SqlEngineOptions): SqlEngine {
  const { client, schema, batchRows = 5000, sliceMs = 10, maxScopes = 64, serveWhilePreparing = false, onError = () => undefined, snapshots } = options;
  const dialect = checkDialect(options?.dialect, 'createSqlEngine');
  const parallelQueries = options.parallelQueries ?? (dialect === 'postgres' ? 3 : 1);
  const keptAnswers = options.keptAnswers ?? 256;
  const keptAnswerBytes = options.keptAnswerBytes ?? 64 * 2 ** 20;
  if (schema !== undefined) tableName('x', schema);
  if (!Number.isInteger(keptAnswers) || keptAnswers < 0 || keptAnswers > 10_000) throw new TypeError(`createSqlEngine: keptAnswers must be a whole number from 0 to 10,000, got ${String(keptAnswers)}`);
  if (!Number.isSafeInteger(keptAnswerBytes) || keptAnswerBytes < 0) throw new TypeError(`createSqlEngine: keptAnswerBytes must be a whole number of bytes, got ${String(keptAnswerBytes)}`);
  for (const [name, value] of [['batchRows', batchRows], ['maxScopes', maxScopes], ['parallelQueries', parallelQueries]] as const) {
    if (!Number.isInteger(value) || value < 1 || value > 1_000_000) throw new TypeError(`createSqlEngine: ${name} must be a whole number from 1 to 1,000,000, got ${String(value)}`);
  }
  let prepared: Prepared | null = null;
  let preparing: { version: string; done: Promise<Prepared>; token: object } | null = null;

  /**
   * The data of one version, read without holding the connection (requests keep being answered while it reads), and
   * read again if a write came meanwhile (`readOneVersion`).
   */
  const readVersion = async () => {
    const { header, result } = await readOneVersion(client, schema, (at) => prepareInSlices(readChunks(client, at, schema, batchRows), { sliceMs }));
    return { version: header.version, load: result };
  };

  /** The version's engine from its snapshot (null: none, another version's, or one that fails to read: `onError`). */
  const kept = async (version: string): Promise<{ version: string; load: PreparedLoad } | null> => {
    const found = await snapshots?.read(version).catch((error: unknown) => {
      onError(error);
      return null;
    });
    // Checked here too: a store may give what it has.
    return found?.version === version ? found : null;
  };

  const prepare = async (version: string): Promise<Prepared> => {
    if (prepared?.version === version) return prepared;
    if (preparing?.version === version) return preparing.done;
    const token = {};
    const done = (async () => {
      const fromSnapshot = await kept(version);
      const { version: read, load } = fromSnapshot ?? (await readVersion());
      if (!fromSnapshot) snapshots?.write(read, load).catch(onError);
      const next = { version: read, engine: load.engine, scopes: new Map<string, PreparedDataset>() };
      if (preparing?.token === token) {
        prepared = next;
        preparing = null;
      }
      return next;
    })();
    preparing = { version, done, token };
    done.catch(() => { if (preparing?.token === token) preparing = null; });
    return done;
  };

  const scopedEngine = async (state: Prepared, scope: SqlScope): Promise<PreparedDataset> => {
    if ('all' in scope) return state.engine;
    const key = accountScopeKey(scope);
    const kept = state.scopes.get(key);
    if (kept) {
      state.scopes.delete(key);
      state.scopes.set(key, kept);
      return kept;
    }
    const ids = boundValues(scope) > MAX_BOUND_VALUES
      ? state.engine.dataset.accounts.filter(accountScopeFilter(scope, state.engine.dataset.csms)).map((account) => account.id)
      : await scopedIds(client, scope, schema, dialect);
    const engine = state.engine.scoped(ids);
    state.scopes.set(key, engine);
    for (const oldest of state.scopes.keys()) {
      if (state.scopes.size <= maxScopes) break;
      state.scopes.delete(oldest);
    }
    return engine;
  };

  /**
   * A scope's data period, read once per data version and scope (at 1M accounts a scan of the contracts: ~0.4 s that
   * every request answered in SQL would otherwise pay for its reach check).
   */
  const periods = keptPerVersion<Period | null>(MAX_KEPT_PERIODS);
  const periodOf = (header: DataHeader) => (scope: SqlScope, predicate: () => Predicate): Promise<Period | null> => {
    // Every account's: from the header's spans (PostgreSQL at 1M accounts scanned the contracts for it in 8.8 s).
    const whole = 'all' in scope ? wholeDataSpan(header.spans) : undefined;
    if (whole !== undefined) return Promise.resolve(whole.dataPeriod);
    return periods(header.version, accountScopeKey(scope), () => dataSpanInSql(client, predicate(), schema).then((span) => span.dataPeriod));
  };
  /**
   * How many accounts a predicate (a scope and a view's filters) selects, counted once per data version: a page's
   * total (at 1M accounts on PostgreSQL a scan of the accounts on one core) is the same for every page a viewer turns.
   */
  const counts = keptPerVersion<number>(MAX_KEPT_PERIODS);
  const countOf = (header: DataHeader) => (accounts: Predicate): Promise<number> =>
    counts(header.version, predicateKey(accounts), () => countInSql(client, accounts));

  // An answer's size as its JSON's UTF-16 bytes: what the kept objects hold, within a factor (numbers, shared parts).
  const answers = keptPerVersion<unknown>(Math.max(1, keptAnswers), { bytes: keptAnswerBytes, sizeOf: (value) => 2 * (JSON.stringify(value)?.length ?? 0) });

  const latest = async () => (await readHeader(client, schema)).version;
  /**
   * The prepared version to answer from while the latest one prepares in the background (`serveWhilePreparing`), or
   * null: answer from the latest (waiting for it if need be).
   */
  const servedMeanwhile = (current: string): Prepared | null => {
    if (!serveWhilePreparing || prepared === null || prepared.version === current) return null;
    if (preparing?.version !== current) prepare(current).catch(onError);
    return prepared;
  };

  return {
    version: async () => {
      const current = await latest();
      return servedMeanwhile(current)?.version ?? current;
    },
    status: () => ({ preparedVersion: prepared?.version ?? null, preparing: preparing !== null }),
    prepare: async () => { await prepare(await latest()); },
    async answer(input, answerOptions = {}) {
      const request = parseRequest(input);
      const scope = answerOptions.scope ?? { all: true };
      return answeredOnceMore(client, schema, (header) => answerOf(request, scope, header));
    },
  };

  async function answerOf(request: CsRequest, scope: SqlScope, header: DataHeader): Promise<unknown> {
    const current = header.version;
    const meanwhile = servedMeanwhile(current);
    // The tables hold the newer version already: answers of the one served come from its prepared engine alone.
    if (meanwhile) return answerRequest(await scopedEngine(meanwhile, scope), request as never);
    // Pages and stories read their accounts' records per answer in SQL; an engine of this version already prepared
    // (a summary asked for it) answers them from memory instead (at 1M accounts on DuckDB ~90 ms against 0.2-0.3 s).
    if (prepared?.version === current && (request.kind === 'rows' || request.kind === 'account-story')) {
      return answerRequest(await scopedEngine(prepared, scope), request as never);
    }
    // A metric or a summary (seconds at 1M accounts) is kept per data version, scope and request: a viewer toggling
    // a filter back, or another viewer of the same scope, gets it again at once; a summary's metrics are kept as the
    // metric requests they equal. Pages and stories cost milliseconds.
    const keep = <T>(version: string, asked: CsRequest, compute: () => Promise<T>): Promise<T> =>
      (keptAnswers > 0 ? answers(version, requestKey(scope, asked), compute) as Promise<T> : compute());
    const inSql = await answerInSql({ client, schema, dialect, header, dataPeriod: periodOf(header), countOf, parallelQueries, keep }, request, scope);
    if (inSql !== NOT_IN_SQL) return inSql;
    const state = await prepare(current);
    return answerRequest(await scopedEngine(state, scope), request as never);
  }
}

/**
 * `answer` of the header read now; once more, of the new version, when it fails and a write came meanwhile (a write
 * may drop a table this version's statements read: its health facts).
 */
async function answeredOnceMore<T>(client: SqlClient, schema: string | undefined, answer: (header: DataHeader) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    const header = await readHeader(client, schema);
    try {
      return await answer(header);
    } catch (error) {
      if (attempt > 1 || (await readHeader(client, schema)).version === header.version) throw error;
    }
  }
}

const drillValues = (target: DrillDownTarget) => (target.kind === 'accounts' ? target.accountIds.length : 2);

/** What `answerInSql` gives for a request it leaves to the prepared engine. */
const NOT_IN_SQL = Symbol('not in SQL');

/**
 * The requests answered in the database: `info`, `filter-options`, the metrics of `METRICS_IN_SQL` (metrics/index.ts),
 * the drill-downs a predicate names and those to a waterfall's movements and a renewal funnel's stages (ids, a group,
 * a cohort, an NPS category), pages of the `accounts` row set ordered by ARR or in the data's order, and account
 * stories (their accounts chosen in SQL, their rows and stories built on those accounts' own records:
 * metrics/accounts/accounts-rows.ts); the rest are answered by the prepared engine. Scope lists too long to bind are
 * left to the prepared engine as well.
 */
async function answerInSql(at: SqlAt, request: CsRequest, scope: SqlScope): Promise<unknown> {
  const { client, schema, dialect } = at;
  const scopeOnly = () => accountPredicate(scope, undefined, schema, dialect);
  if (request.kind === 'info' && boundValues(scope) <= MAX_BOUND_VALUES) return infoInSql(client, scopeOnly(), at.header.currency, schema, 'all' in scope ? at.header.spans : null);
  if (request.kind === 'filter-options') {
    const filters = request.view.filters ?? {};
    const accountIds = request.view.accountIds ?? null;
    if (boundValues(scope) + boundValues({ filters }) + (accountIds?.length ?? 0) > MAX_BOUND_VALUES) return NOT_IN_SQL;
    return filterOptionsInSql(client, scope, filters, accountIds, schema, dialect);
  }
  if (!inSqlKind(request)) return NOT_IN_SQL;
  const { view } = request as Extract<CsRequest, { view: unknown }>;
  const resolved = resolveView(view as ViewOptions);
  const extra = request.kind === 'drill-down' ? drillValues(request.target) : request.kind === 'account-story' ? 1 : 0;
  if (boundValues(scope) + boundValues({ filters: resolved.filters }) + (resolved.accountIds?.length ?? 0) + extra > MAX_BOUND_VALUES) return NOT_IN_SQL;
  // A health model too large for one statement (SQL_MODEL_BOUNDS) is worked out by the compact engine.
  const readsModel = request.kind === 'metric' || request.kind === 'summary' || (request.kind === 'drill-down' && (isHealthDrillDown(request.target) || request.target.kind === 'attribution'))
    || (request.kind === 'rows' && ROW_PAGES_IN_SQL.get(request.rowSet)?.readsModel === true);
  if (readsModel && !modelFitsSql(resolved.model)) return NOT_IN_SQL;
  // The same refusal as the JS engine's for reading too far past the scope's data.
  checkRequestReach(request, await at.dataPeriod(scope, scopeOnly));
  const accounts = accountPredicate(scope, resolved.filters, schema, dialect, resolved.accountIds);
  const every = 'all' in scope && resolved.accountIds === null && !Object.values(resolved.filters).some((list) => (list?.length ?? 0) > 0);
  switch (request.kind) {
    case 'rows': {
      const query = request.query ?? {};
      const page = { offset: query.offset ?? 0, limit: Math.min(query.limit ?? DEFAULT_PAGE_ROWS, MAX_PAGE_ROWS) };
      const pages = ROW_PAGES_IN_SQL.get(request.rowSet);
      if (pages) return pages.page({ client, accounts: every ? null : accounts, schema, dialect, facts: at.header.healthFacts }, resolved, query, page);
      return fewAccountsAnswer(at, (now) => accountsPageInSql(now, { predicate: accounts, every }, request.view, resolved, query, at.countOf(now.header)));
    }
    case 'account-story': {
      const ids = resolved.accountIds === null ? [request.accountId] : resolved.accountIds.filter((id) => id === request.accountId);
      const one = accountPredicate(scope, resolved.filters, schema, dialect, ids);
      return fewAccountsAnswer(at, (now) => accountStoryInSql(now, one, request.view, request.accountId));
    }
    case 'drill-down':
      if (request.target.kind === 'movement') return movementAccountsInSql(client, every ? null : accounts, resolved, request.target, schema);
      if (request.target.kind === 'renewal-stage') return renewalStageAccountsInSql(client, every ? null : accounts, resolved, request.target.stage, schema);
      if (isHealthDrillDown(request.target)) return healthDrillDownInSql({ client, accounts: every ? null : accounts, schema, dialect, facts: at.header.healthFacts }, resolved, request.target);
      if (request.target.kind === 'attribution') {
        const retained = await retainedDrillDownInSql({ client, accounts: every ? null : accounts, schema, dialect, facts: at.header.healthFacts }, resolved, request.target.field);
        if (retained) return retained;
      }
      return (await drillDownInSql(client, accounts, request.target, resolved.period, schema, dialect)) ?? NOT_IN_SQL;
    default: {
      const owners = 'all' in scope ? null : scopeOnly();
      // The scope's CSMs, read once per answer (a summary's targets and scorecard both read them).
      let named: Promise<ReadonlySet<string> | null> | null = null;
      const csms = () => (named ??= owners === null ? Promise.resolve(null) : scopeCsmsInSql(client, owners, schema));
      // Targets are the owners' (the scope's accounts, whatever the view's filters, ids or drill-down selection): kept
      // once for every filtered view, as the JS engine keeps them for its owners' view.
      const ownersView = ({ filters: _f, accountIds: _a, selection: _s, ...rest }: ViewOptions): ViewOptions => rest;
      // Of the header read for this answer (a summary's, read again after a write meanwhile): its version and its facts.
      const ask = (header: DataHeader, metric: MetricInSql, via: SqlClient = client): Promise<unknown> => at.keep(header.version, { kind: 'metric', view: metric === 'targets' ? ownersView(view as ViewOptions) : view, metric } as CsRequest, () => {
        // The scorecard counts the targets' items: the same view's `targets`, kept as that metric.
        const targets = () => ask(header, 'targets', via) as Promise<TargetProgress>;
        return metricInSql(via, every ? null : accounts, resolved, metric, schema, dialect, { accounts: owners, csms, targets }, header.healthFacts);
      });
      if (request.kind === 'summary') {
        // Many statements: of one data version (read again when a write came meanwhile), several at once on a pool.
        return at.keep(at.header.version, request, async () => (await fewAccountsAnswer(at, async (now) => {
          // The parts read some of the same figures (the KPIs the period's waterfall, retention, renewals, NPS and
          // warnings): each equal statement runs once for this answer.
          const shared = sharingEqualStatements(client);
          const parts = startInLanes(SUMMARY_PARTS, at.parallelQueries, (metric) => ask(now.header, metric as MetricInSql, shared));
          return summaryFromParts(headerOf(resolved), await at.countOf(now.header)(accounts), (metric) => parts.get(metric) as Promise<unknown>);
        })));
      }
      return ask(at.header, (request as Extract<CsRequest, { kind: 'metric' }>).metric as MetricInSql);
    }
  }
}

interface SqlAt extends FewAccountsAt {
  /** Statements a summary runs at once (`parallelQueries`). */
  parallelQueries: number;
  /** An answer of a data version kept for the request's scope and the request (`keptAnswers`), or computed. */
  keep: <T>(version: string, request: CsRequest, compute: () => Promise<T>) => Promise<T>;
  /** The data period of a scope's accounts (what a view may read past), kept per data version and scope. */
  dataPeriod: (scope: SqlScope, predicate: () => Predicate) => Promise<Period | null>;
  /** How many accounts a predicate selects in a data version (kept per version). */
  countOf: (header: DataHeader) => (accounts: Predicate) => Promise<number>;
}

/** Scopes (and predicates) whose data periods (and counts) are kept per data version. */
const MAX_KEPT_PERIODS = 256;

/** Whether a request of a view is one `answerInSql` answers in the database (given a scope it can bind). */
function inSqlKind(request: CsRequest): boolean {
  switch (request.kind) {
    case 'summary':
      return SUMMARY_PARTS.every(isMetricInSql);
    case 'metric':
      return isMetricInSql(request.metric);
    case 'drill-down':
      return ['accounts', 'group', 'cohort', 'nps', 'movement', 'renewal-stage', 'attribution'].includes(request.target.kind) || isHealthDrillDown(request.target);
    case 'rows': {
      const pages = ROW_PAGES_IN_SQL.get(request.rowSet);
      if (pages) return pageQueryInSql(request.query ?? {}, request.view, pages.sortable, ROW_SETS[request.rowSet].columns as SetColumns);
      return request.rowSet === 'accounts' && accountsQueryInSql(request.query ?? {}, request.view);
    }
    case 'account-story':
      return true;
    default:
      return false;
  }
}

/**
 * An answer that reads several statements (the accounts chosen, then their records), of one data version
 * (`readOneVersion`: read again when the data was written meanwhile).
 */
async function fewAccountsAnswer<T>(at: SqlAt, answer: (at: SqlAt) => Promise<T>): Promise<T> {
  return (await readOneVersion(at.client, at.schema, (header) => answer({ ...at, header }), at.header)).result;
}
