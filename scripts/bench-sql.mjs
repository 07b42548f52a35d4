// `pnpm bench:sql`: @cskit/sql against the JS engine on the same data, each in a process of its own (for its memory):
// the sample (CSKIT_ACCOUNTS, default 100,000 accounts x 36 months; measures, tickets and roles off, as in
// bench:scale; targets on) written to a DuckDB file (`writeDataset`, with the ARR runs) by one process, then answered by another (a
// server's): the metrics answered in SQL (waterfall, arrTrend, retention, nps, cohorts, renewals, the renewal funnel, the
// KPIs, early warnings, renewals ahead, roles, CS attribution and credit, the breakdowns, targets, the CSM scorecard,
// the health family from snapshots and from components, whole and filtered, and the whole summary (every metric); a
// page of accounts sorted by ARR, an account's story) and that process's RSS after them, then the SQL engine's first
// answer that reads the tables and prepares (a row set other than the accounts), `info` and `filter-options`
// (answered in SQL), a page of movements, and the process's RSS; the JS engine (`prepareDataset`, compact, from the generated records) for the same requests.
// The write reads the generator as a stream of 1,000-account blocks (CSKIT_SQL_WHOLE=1: the whole dataset generated first);
// CSKIT_SQL_NO_FACTS=1 writes no health facts (every health statement works from the records); CSKIT_SQL_SKIP=<regexp> leaves out the cases it matches;
// CSKIT_SQL_DIALECTS=duckdb,postgres,pglite adds a throwaway PostgreSQL server (Debian's package, a Unix socket) and PGlite; CSKIT_SQL_SKIP_JS=1 leaves the JS engine out; CSKIT_SQL_PARALLEL=<n> sets the SQL engine's `parallelQueries`; CSKIT_SQL_ONLY=1 stops
// each SQL case after the SQL-only answers (no prepared engine); CSKIT_SQL_DIR=<dir> keeps the data (DuckDB's file or
// PostgreSQL's cluster) there for the next run to answer from. Results go to test-results/bench-sql.json. Not part of the test command.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ACCOUNTS = Number(process.env.CSKIT_ACCOUNTS ?? 100_000);
const DIALECTS = (process.env.CSKIT_SQL_DIALECTS ?? 'duckdb').split(',');
const outDir = fileURLToPath(new URL('../test-results/', import.meta.url));
const mb = (bytes) => Math.round(bytes / 2 ** 20);
const view = { period: { from: '2025-01', to: '2025-12' }, graceMonths: 1 };
const filtered = { ...view, filters: { segment: ['MM'] } };
/** A model built from components the bench's data has: outcome from the activity rate, experience from NPS and snapshots. */
const builtModel = { components: { outcome: [{ key: 'activityRate', weight: 1, floor: 0.2, target: 0.8 }, { key: 'nps', weight: 1, floor: 3, target: 9 }] } };
/** Asked after the SQL-only answers: the row sets the prepared engine answers (the first one prepares it). */
const requests = [
  ['info', { kind: 'info' }],
  ['filter-options', { kind: 'filter-options', view: {} }],
  ['movements rows, filtered', { kind: 'rows', view: filtered, rowSet: 'movements', query: { limit: 50 } }],
];

/** A metric asked of a view, named as the results list it: `<metric>, filtered` for the filtered view. */
const metricCase = (metric, v = filtered, label = v === filtered ? `${metric}, filtered` : metric) => [label, { kind: 'metric', metric, view: v }];

// The metrics answered in SQL (no prepared engine): asked first, so the SQL engine's RSS after them is that of SQL alone.
const inSql = [
  metricCase('waterfall', view),
  ...['waterfall', 'arrTrend', 'retention', 'nps', 'cohorts', 'renewals', 'renewalFunnel'].map((metric) => metricCase(metric)),
  metricCase('renewals', view),
  ...['kpis', 'earlyWarnings', 'renewalsAhead', 'roles', 'csAttribution', 'csCredit', 'breakdowns', 'targets', 'csmScorecard'].map((metric) => metricCase(metric)),
  // The health family from snapshots, and from components (activity and NPS: the bench's data has no measures).
  ...['healthScores', 'healthDistribution', 'healthTransitions', 'healthQuadrants', 'healthValidation'].map((metric) => metricCase(metric)),
  metricCase('healthDistribution', view),
  metricCase('healthDistribution', { ...filtered, model: builtModel }, 'healthDistribution, built model, filtered'),
  metricCase('healthQuadrants', { ...view, model: builtModel }, 'healthQuadrants, built model'),
  // Every metric at once, in SQL: the whole summary of a filtered view and of every account, asked of an engine that
  // keeps no answer (the metrics above are kept by the other: its summary of the same view reads them back), then again.
  ['filtered summary', { kind: 'summary', view: filtered }, 'cold'],
  ['summary, every account', { kind: 'summary', view }, 'cold'],
  ['filtered summary, again (kept)', { kind: 'summary', view: filtered }],
  // What the data holds (every account: from the header's spans and a count) and what a filter may choose.
  ['info, before any prepared engine', { kind: 'info' }],
  ['filter-options, before any prepared engine', { kind: 'filter-options', view }],
  // Chosen and ordered in SQL, the page's (or story's) accounts built in JS on their own records.
  ['rows sorted by ARR', { kind: 'rows', view: filtered, rowSet: 'accounts', query: { sort: [{ id: 'arr', desc: true }], limit: 50 } }],
  ['rows sorted by ARR, every account', { kind: 'rows', view, rowSet: 'accounts', query: { sort: [{ id: 'arr', desc: true }], limit: 50 } }],
  ['an account story', { kind: 'account-story', view, accountId: 'acc-000042' }],
  // A page of the movements, sorted by amount, cut to the page in SQL.
  ['movements page by amount, filtered', { kind: 'rows', view: filtered, rowSet: 'movements', query: { sort: [{ id: 'amount', desc: true }], limit: 50 } }],
  ['movements page in order, every account, offset 10,000', { kind: 'rows', view, rowSet: 'movements', query: { offset: 10_000, limit: 50 } }],
  // The row sets whose pages came from the compact engine before: health scores, renewals ahead, early warnings; a
  // sort by the account's name (its key: facts/account-keys.ts).
  ['health scores page by score, filtered', { kind: 'rows', view: filtered, rowSet: 'health-scores', query: { sort: [{ id: 'score' }], limit: 50 } }],
  ['renewals ahead page in order, filtered', { kind: 'rows', view: filtered, rowSet: 'renewals-ahead', query: { limit: 50 } }],
  ['early warnings page in order, filtered', { kind: 'rows', view: filtered, rowSet: 'early-warnings', query: { limit: 50 } }],
  ['movements page by account name, filtered', { kind: 'rows', view: filtered, rowSet: 'movements', query: { sort: [{ id: 'name' }], limit: 50 } }],
  ['rows sorted by name, filtered', { kind: 'rows', view: filtered, rowSet: 'accounts', query: { sort: [{ id: 'name' }], limit: 50 } }],
  ['movements page searched "exp" and filtered by amount, filtered', { kind: 'rows', view: filtered, rowSet: 'movements', query: { search: 'exp', filters: [{ id: 'amount', value: [1000, null] }], limit: 50 } }],
  ['health scores page filtered by tier, searched by name, every account', { kind: 'rows', view, rowSet: 'health-scores', query: { search: 'acc-00012', filters: [{ id: 'tier', value: 'red' }], limit: 50 } }],
  ['rows sorted by CSM then ARR, every account', { kind: 'rows', view, rowSet: 'accounts', query: { sort: [{ id: 'csm' }, { id: 'arr', desc: true }], limit: 50 } }],
];

const options = { seed: 20251, accounts: ACCOUNTS, months: 36, start: '2023-01', measures: false, tickets: false, roles: false, targets: true };

function timer(timings) {
  return async (name, run) => {
    const start = performance.now();
    const value = await run();
    timings[name] = Math.round(performance.now() - start);
    return value;
  };
}

async function withModel() {
  const { SNAPSHOT_HEALTH_MODEL } = await import('../packages/sample-data/dist/index.js');
  view.model = SNAPSHOT_HEALTH_MODEL;
  filtered.model = SNAPSHOT_HEALTH_MODEL;
}

/** A SQL client on the case's database in `dir`, and how to close it. */
async function openClient(kind, dir) {
  const sql = await import('../packages/sql/dist/index.js');
  if (kind === 'duckdb') {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const instance = await DuckDBInstance.create(join(dir, 'cskit.duckdb'));
    const connection = await instance.connect();
    return { sql, client: sql.duckdbClient(connection), close: async () => { connection.closeSync(); instance.closeSync(); } };
  }
  if (kind === 'postgres') {
    const { default: pg } = await import('pg');
    const { from: copyFrom } = await import('pg-copy-streams');
    const pool = new pg.Pool({ host: dir, user: 'cskit', database: 'postgres', max: 4 });
    // CSKIT_PG_ARRAYS=1 writes with bound arrays instead of COPY (for the comparison).
    const client = sql.postgresClient(pool, process.env.CSKIT_PG_ARRAYS ? {} : { copyFrom });
    return { sql, client, close: () => pool.end() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const db = new PGlite(join(dir, 'pgdata'));
  return { sql, client: sql.postgresClient(db), close: () => db.close() };
}

/**
 * A throwaway PostgreSQL cluster (Debian's package, as the integration tests start it) listening on a Unix socket in
 * `dir` only; returns how to stop it. PostgreSQL refuses to run as root: as root its tools run as `postgres`. JIT off,
 * as docs/sql.md advises (it compiled for 730 of a query's 1,060 ms at 100,000 accounts); CSKIT_PG_JIT=on keeps it.
 */
function startPostgres(dir) {
  const root = '/usr/lib/postgresql';
  const version = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a))[0];
  const bin = process.env.CSKIT_PG_BIN ?? join(root, version, 'bin');
  const asRoot = process.getuid?.() === 0;
  const run = (tool, args) => (asRoot ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args], { stdio: 'pipe' }) : execFileSync(join(bin, tool), args, { stdio: 'pipe' }));
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  if (!existsSync(join(dir, 'data'))) run('initdb', ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'cskit', '-E', 'UTF8', '--no-sync']);
  run('pg_ctl', ['-D', join(dir, 'data'), '-l', join(dir, 'log'), '-w', '-o', `-k ${dir} -c listen_addresses= -c fsync=off -c shared_buffers=1GB -c work_mem=256MB -c jit=${process.env.CSKIT_PG_JIT ?? 'off'}`, 'start']);
  return () => run('pg_ctl', ['-D', join(dir, 'data'), '-m', 'fast', '-w', 'stop']);
}

const dialectOf = (kind) => (kind === 'duckdb' ? 'duckdb' : 'postgres');

/** The JS engine: prepared from the generated records, then asked what the SQL engine is asked. */
async function runJs() {
  await withModel();
  const { generateDataset } = await import('../packages/sample-data/dist/index.js');
  const { answerRequest, prepareDataset } = await import('../packages/metrics/dist/index.js');
  const timings = {};
  const time = timer(timings);
  const dataset = generateDataset(options);
  const engine = await time('prepare', () => prepareDataset(dataset, { compact: true }));
  for (const key of Object.keys(dataset)) delete dataset[key];
  for (const [name, request] of [...inSql, ...requests]) await time(name, () => answerRequest(engine, request));
  globalThis.gc?.();
  return { kind: 'js', timings, rssMb: mb(process.memoryUsage().rss), sqlOnlyRssMb: null };
}

/** Writes the generated data into a new database in `dir` (its own process: the writer's memory is not the server's). */
async function runWrite(kind, dir) {
  const { generateDataset, generateDatasetChunks } = await import('../packages/sample-data/dist/index.js');
  const { sql, client, close } = await openClient(kind, dir);
  const timings = {};
  // A stream of blocks of 1,000 accounts (a database cursor's pages), so the writer never holds the data; CSKIT_SQL_WHOLE=1
  // generates the whole dataset first and writes it at once (the comparison).
  const source = process.env.CSKIT_SQL_WHOLE ? generateDataset(options) : generateDatasetChunks({ ...options, blockAccounts: 1000 });
  await timer(timings)('write', () => sql.writeDataset(client, source, { dialect: dialectOf(kind) }));
  // The bench's model's health facts (docs/sql.md "Health facts"), timed on their own: what a host's refresh costs.
  const { SNAPSHOT_HEALTH_MODEL } = await import('../packages/sample-data/dist/index.js');
  if (!process.env.CSKIT_SQL_NO_FACTS) await timer(timings)('health facts', () => sql.refreshHealthFacts(client, { dialect: dialectOf(kind), models: [SNAPSHOT_HEALTH_MODEL] }));
  await close();
  return { timings, peakRssMb: mb(process.resourceUsage().maxRSS * 1024) };
}

/**
 * A server's process on the written database: the metrics answered in SQL first (RSS after them: SQL alone, no engine
 * prepared), then, unless CSKIT_SQL_ONLY, the first answer that prepares the compact engine and the other requests.
 */
async function runAnswer(kind, dir) {
  await withModel();
  const { sql, client, close } = await openClient(kind, dir);
  const timings = {};
  const time = timer(timings);
  // CSKIT_SQL_PARALLEL: the statements a summary runs at once (`parallelQueries`; default the engine's).
  const parallel = process.env.CSKIT_SQL_PARALLEL ? { parallelQueries: Number(process.env.CSKIT_SQL_PARALLEL) } : {};
  const engine = sql.createSqlEngine({ client, dialect: dialectOf(kind), ...parallel });
  const cold = sql.createSqlEngine({ client, dialect: dialectOf(kind), ...parallel, keptAnswers: 0 });
  // CSKIT_SQL_SKIP=<regular expression>: the cases whose names match are left out (a statement a database cannot finish).
  const skip = process.env.CSKIT_SQL_SKIP ? new RegExp(process.env.CSKIT_SQL_SKIP) : null;
  for (const [name, request, which] of inSql) if (!skip?.test(name)) await time(name, () => (which === 'cold' ? cold : engine).answer(request));
  // Paging on (the next five pages, each its own accounts) and five more stories: the median, as a viewer clicks through.
  const median = async (name, requests) => {
    const each = [];
    for (const request of requests) {
      const start = performance.now();
      await engine.answer(request);
      each.push(performance.now() - start);
    }
    timings[name] = Math.round(each.sort((a, b) => a - b)[2]);
  };
  const pages = (v) => [1, 2, 3, 4, 5].map((n) => ({ kind: 'rows', view: v, rowSet: 'accounts', query: { sort: [{ id: 'arr', desc: true }], limit: 50, offset: 50 * n } }));
  await median('rows sorted by ARR, filtered, the next five pages (median)', pages(filtered));
  await median('rows sorted by ARR, every account, the next five pages (median)', pages(view));
  await median('five more account stories (median)', [7, 420, 4_242, 42_424, 77_777].map((n) => ({ kind: 'account-story', view, accountId: `acc-${String(Math.min(n, ACCOUNTS - 1)).padStart(6, '0')}` })));
  globalThis.gc?.();
  const sqlOnlyRssMb = mb(process.memoryUsage().rss);
  if (!process.env.CSKIT_SQL_ONLY) {
    // A searched page of accounts: every other row set's pages are answered in SQL, the accounts table's search by the compact engine.
    await time('first answer (reads the tables, prepares)', () => engine.answer({ kind: 'rows', view, rowSet: 'accounts', query: { search: 'acc-0001', limit: 50 } }));
    for (const [name, request] of requests) await time(name, () => engine.answer(request));
  }
  globalThis.gc?.();
  const rssMb = mb(process.memoryUsage().rss);
  await close();
  return { timings, sqlOnlyRssMb, rssMb };
}

// With CSKIT_SQL_WHOLE the writer holds the generated records and their copies (20 GB of heap at 1M); a stream, a block.
const child = (args) => {
  const heap = args[0] === 'write' ? 20_000 : 12_000;
  const out = execFileSync(process.execPath, ['--expose-gc', `--max-old-space-size=${heap}`, fileURLToPath(import.meta.url), ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(out.trim().split('\n').at(-1));
};

/**
 * Writes the data to a new directory and answers from it, then removes it; with CSKIT_SQL_DIR (DuckDB or PostgreSQL:
 * one dialect per directory), the data (a DuckDB file, or the cluster) is kept there, and a later run with the same
 * directory answers from it without writing again (`written.json` there).
 */
function runSqlCase(kind) {
  const kept = kind === 'pglite' ? undefined : process.env.CSKIT_SQL_DIR;
  const dir = kept ?? mkdtempSync(join(tmpdir(), 'cskit-bench-sql-'));
  const stop = kind === 'postgres' ? startPostgres(dir) : () => undefined;
  try {
    mkdirSync(dir, { recursive: true });
    const marker = join(dir, 'written.json');
    const written = kept && existsSync(marker) ? { ...JSON.parse(readFileSync(marker, 'utf8')), timings: {} } : child(['write', kind, dir]);
    if (kept) writeFileSync(marker, JSON.stringify(written));
    const answered = child(['answer', kind, dir]);
    return { kind, timings: { ...written.timings, ...answered.timings }, writerPeakRssMb: written.peakRssMb, sqlOnlyRssMb: answered.sqlOnlyRssMb, rssMb: answered.rssMb };
  } finally {
    stop();
    if (!kept) rmSync(dir, { recursive: true, force: true });
  }
}

const [mode, kindArg, dirArg] = process.argv.slice(2);
if (mode === 'js') {
  console.log(JSON.stringify(await runJs()));
} else if (mode === 'write') {
  console.log(JSON.stringify(await runWrite(kindArg, dirArg)));
} else if (mode === 'answer') {
  console.log(JSON.stringify(await runAnswer(kindArg, dirArg)));
} else {
  const results = [];
  for (const kind of [...(process.env.CSKIT_SQL_SKIP_JS ? [] : ['js']), ...DIALECTS]) {
    const result = kind === 'js' ? child(['js']) : runSqlCase(kind);
    results.push(result);
    const sqlOnly = result.sqlOnlyRssMb === null ? '' : `; RSS of the answering process after the SQL-only answers ${result.sqlOnlyRssMb} MB`;
    const writer = result.writerPeakRssMb ? `; writer's peak RSS ${result.writerPeakRssMb} MB` : '';
    console.log(`${kind}: ${Object.entries(result.timings).map(([k, ms]) => `${k} ${ms} ms`).join(', ')}${sqlOnly}; RSS at the end ${result.rssMb} MB${writer}`);
  }
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'bench-sql.json'), `${JSON.stringify({ accounts: ACCOUNTS, node: process.version, results }, null, 2)}\n`);
}
