// `pnpm bench:sql`: @cskit/sql against the JS engine on the same data, each in a process of its own (for its memory):
// the sample (CSKIT_ACCOUNTS, default 100,000 accounts x 36 months; measures, tickets, roles and targets off, as in
// bench:scale) written to a DuckDB file (`writeDataset`), then the SQL engine's first answer (it reads the tables and
// prepares), `info` and `filter-options` (answered in SQL), a filtered view's whole summary, a row page sorted by ARR,
// and the process's RSS; the JS engine (`prepareDataset`, compact, from the generated records) for the same requests.
// CSKIT_SQL_DIALECTS=duckdb,pglite adds PGlite; CSKIT_SQL_SKIP_JS=1 leaves the JS engine out. Results go to test-results/bench-sql.json. Not part of the test command.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ACCOUNTS = Number(process.env.CSKIT_ACCOUNTS ?? 100_000);
const DIALECTS = (process.env.CSKIT_SQL_DIALECTS ?? 'duckdb').split(',');
const outDir = fileURLToPath(new URL('../test-results/', import.meta.url));
const mb = (bytes) => Math.round(bytes / 2 ** 20);
const view = { period: { from: '2025-01', to: '2025-12' }, graceMonths: 1 };
const filtered = { ...view, filters: { segment: ['MM'] } };
const requests = [
  ['info', { kind: 'info' }],
  ['filter-options', { kind: 'filter-options', view: {} }],
  ['filtered summary', { kind: 'summary', view: filtered }],
  ['filtered summary, again', { kind: 'summary', view: filtered }],
  ['rows sorted by ARR', { kind: 'rows', view: filtered, rowSet: 'accounts', query: { sort: [{ id: 'arr', desc: true }], limit: 50 } }],
];

async function runCase(kind) {
  const { generateDataset, SNAPSHOT_HEALTH_MODEL } = await import('../packages/sample-data/dist/index.js');
  const options = { seed: 20251, accounts: ACCOUNTS, months: 36, start: '2023-01', measures: false, tickets: false, roles: false, targets: false };
  const timings = {};
  const time = async (name, run) => {
    const start = performance.now();
    const value = await run();
    timings[name] = Math.round(performance.now() - start);
    return value;
  };
  view.model = SNAPSHOT_HEALTH_MODEL;
  filtered.model = SNAPSHOT_HEALTH_MODEL;
  let answer;
  let close = async () => undefined;
  if (kind === 'js') {
    const { answerRequest, prepareDataset } = await import('../packages/metrics/dist/index.js');
    const dataset = generateDataset(options);
    const engine = await time('prepare', () => prepareDataset(dataset, { compact: true }));
    for (const key of Object.keys(dataset)) delete dataset[key];
    answer = async (request) => answerRequest(engine, request);
  } else {
    const sql = await import('../packages/sql/dist/index.js');
    let client;
    const dir = mkdtempSync(join(tmpdir(), 'cskit-bench-sql-'));
    if (kind === 'duckdb') {
      const { DuckDBInstance } = await import('@duckdb/node-api');
      const instance = await DuckDBInstance.create(join(dir, 'cskit.duckdb'));
      const connection = await instance.connect();
      client = sql.duckdbClient(connection);
      close = async () => { connection.closeSync(); instance.closeSync(); rmSync(dir, { recursive: true, force: true }); };
    } else {
      const { PGlite } = await import('@electric-sql/pglite');
      const db = new PGlite(join(dir, 'pgdata'));
      client = sql.postgresClient(db);
      close = async () => { await db.close(); rmSync(dir, { recursive: true, force: true }); };
    }
    const dialect = kind === 'duckdb' ? 'duckdb' : 'postgres';
    let dataset = generateDataset(options);
    await time('write', () => sql.writeDataset(client, dataset, { dialect }));
    dataset = null;
    globalThis.gc?.();
    const engine = sql.createSqlEngine({ client, dialect });
    await time('first answer (reads the tables, prepares)', () => engine.answer({ kind: 'summary', view }));
    answer = (request) => engine.answer(request);
  }
  for (const [name, request] of requests) await time(name, () => answer(request));
  globalThis.gc?.();
  const memory = process.memoryUsage();
  await close();
  return { kind, timings, rssMb: mb(memory.rss), heapMb: mb(memory.heapUsed), arrayBuffersMb: mb(memory.arrayBuffers) };
}

const only = process.argv[2];
if (only) {
  console.log(JSON.stringify(await runCase(only)));
} else {
  const results = [];
  for (const kind of [...(process.env.CSKIT_SQL_SKIP_JS ? [] : ['js']), ...DIALECTS]) {
    const out = execFileSync(process.execPath, ['--expose-gc', '--max-old-space-size=12000', fileURLToPath(import.meta.url), kind], { encoding: 'utf8', maxBuffer: 1 << 24 });
    const result = JSON.parse(out.trim().split('\n').at(-1));
    results.push(result);
    console.log(`${kind}: ${Object.entries(result.timings).map(([k, ms]) => `${k} ${ms} ms`).join(', ')}; RSS ${result.rssMb} MB`);
  }
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'bench-sql.json'), `${JSON.stringify({ accounts: ACCOUNTS, node: process.version, results }, null, 2)}\n`);
}
