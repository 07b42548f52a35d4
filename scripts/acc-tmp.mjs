import { DuckDBInstance } from '@duckdb/node-api';
const sql = await import('../packages/sql/dist/index.js');
const instance = await DuckDBInstance.create(process.argv[2]);
const client = sql.duckdbClient(await instance.connect());
const engine = sql.createSqlEngine({ client, dialect: 'duckdb' });
const view = { period: { from: '2025-01', to: '2025-12' } };
for (const [label, v, sort] of [['name, filtered', { ...view, filters: { segment: ['MM'] } }, [{ id: 'name' }]], ['csm then arr, every', view, [{ id: 'csm' }, { id: 'arr', desc: true }]], ['arr, every', view, [{ id: 'arr', desc: true }]]]) {
  for (let i = 0; i < 3; i += 1) { const t = performance.now(); await engine.answer({ kind: 'rows', view: v, rowSet: 'accounts', query: { sort, limit: 50, offset: 50 * i } }); console.log(label, i, Math.round(performance.now() - t), 'ms'); }
}
console.log(engine.status());
