// Scratch: each statement of a cold filtered summary, timed, with duplicates (same SQL and parameters) marked.
import { DuckDBInstance } from '@duckdb/node-api';
import { createHash } from 'node:crypto';
const sql = await import('../packages/sql/dist/index.js');
const { SNAPSHOT_HEALTH_MODEL } = await import('../packages/sample-data/dist/index.js');
const instance = await DuckDBInstance.create(process.argv[2]);
const connection = await instance.connect();
const base = sql.duckdbClient(connection);
const log = [];
let label = '';
const client = { ...base, query: async (text, params) => {
  const key = createHash('sha1').update(text + JSON.stringify(params, (_, v) => (typeof v === 'bigint' ? String(v) : v))).digest('hex').slice(0, 8);
  const start = performance.now();
  const rows = await base.query(text, params);
  log.push({ label, key, ms: Math.round(performance.now() - start), head: text.replace(/\s+/g, ' ').slice(0, 90) });
  return rows;
} };
const engine = sql.createSqlEngine({ client, dialect: 'duckdb', keptAnswers: 0 });
const view = { period: { from: '2025-01', to: '2025-12' }, graceMonths: 1, model: SNAPSHOT_HEALTH_MODEL, filters: { segment: ['MM'] } };
await engine.answer({ kind: 'info' });
log.length = 0;
const parts = process.argv[3] ? process.argv[3].split(',') : null;
const t0 = performance.now();
if (parts) for (const metric of parts) { label = metric; await engine.answer({ kind: 'metric', view, metric }); }
else await engine.answer({ kind: 'summary', view });
const total = performance.now() - t0;
const seen = new Map();
for (const e of log) seen.set(e.key, (seen.get(e.key) ?? 0) + 1);
const dupMs = log.filter((e, i) => log.findIndex((f) => f.key === e.key) !== i).reduce((s, e) => s + e.ms, 0);
for (const e of log.sort((a, b) => b.ms - a.ms).slice(0, 40)) console.log(String(e.ms).padStart(6), e.label.padEnd(20), seen.get(e.key) > 1 ? `x${seen.get(e.key)}` : '  ', e.head);
console.log('statements', log.length, 'sum ms', log.reduce((s, e) => s + e.ms, 0), 'duplicate ms', dupMs, 'total ms', Math.round(total));
