import pg from 'pg';
const sql = await import('/work/main/packages/sql/dist/index.js');
const { SNAPSHOT_HEALTH_MODEL } = await import('/work/main/packages/sample-data/dist/index.js');
const pool = new pg.Pool({ host: '/tmp/s27pg1m', user: 'cskit', database: 'postgres', max: 2 });
const base = sql.postgresClient(pool);
const log = [];
const client = { query: async (text, params) => { const t = performance.now(); const r = await base.query(text, params); log.push({ ms: Math.round(performance.now() - t), text, params }); return r; } };
const engine = sql.createSqlEngine({ client, dialect: 'postgres' });
const metric = process.argv[2] ?? 'healthDistribution';
const view = { period: { from: '2025-01', to: '2025-12' }, graceMonths: 1, model: SNAPSHOT_HEALTH_MODEL, filters: { segment: ['MM'] } };
const t = performance.now();
await engine.answer({ kind: 'metric', metric, view });
console.log(metric, Math.round(performance.now() - t), 'ms', log.map((l) => l.ms));
if (process.env.EXPLAIN) {
const slow = log.sort((a, b) => b.ms - a.ms)[0];
const { rows } = await pool.query(`EXPLAIN ${slow.text}`, slow.params);
console.log(rows.map((r) => r['QUERY PLAN']).join('\n'));
}
await pool.end();
