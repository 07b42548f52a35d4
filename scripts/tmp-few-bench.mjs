import { existsSync } from 'node:fs';
const N = Number(process.env.N ?? 100000);
const file = `/tmp/fewb/cskit-${N}.duckdb`;
const sql = await import('../packages/sql/dist/index.js');
const { DuckDBInstance } = await import('@duckdb/node-api');
const fresh = !existsSync(file);
const instance = await DuckDBInstance.create(file);
const connection = await instance.connect();
const base = sql.duckdbClient(connection);
if (fresh) {
  const { generateDataset } = await import('../packages/sample-data/dist/index.js');
  const data = generateDataset({ seed: 20251, accounts: N, months: 36, start: '2023-01', measures: false, tickets: false, roles: false, targets: false });
  await sql.writeDataset(base, data, { dialect: 'duckdb' });
  console.log('written');
}
const log = [];
const client = { query: async (q, p) => { const t = performance.now(); const r = await base.query(q, p); log.push([Math.round(performance.now() - t), q.replace(/\s+/g, ' ').slice(0, 90)]); return r; } };
const engine = sql.createSqlEngine({ client, dialect: 'duckdb' });
const { SNAPSHOT_HEALTH_MODEL } = await import('../packages/sample-data/dist/index.js');
const view = { period: { from: '2025-01', to: '2025-12' }, graceMonths: 1, model: SNAPSHOT_HEALTH_MODEL };
for (const [name, req] of [
  ['rows', { kind: 'rows', view: { ...view, filters: { segment: ['MM'] } }, rowSet: 'accounts', query: { sort: [{ id: 'arr', desc: true }], limit: 50 } }],
  ['rows again', { kind: 'rows', view: { ...view, filters: { segment: ['MM'] } }, rowSet: 'accounts', query: { sort: [{ id: 'arr', desc: true }], limit: 50, offset: 50 } }],
  ['story', { kind: 'account-story', view, accountId: 'acc-000042' }],
]) {
  log.length = 0;
  const t = performance.now();
  await engine.answer(req);
  console.log(name, Math.round(performance.now() - t), 'ms');
  for (const [ms, q] of log) if (ms > 5) console.log('   ', ms, q);
}
connection.closeSync(); instance.closeSync();
