// Scratch: the healthDistribution statement at 1M with facts, timed as it is and in variants.
import { DuckDBInstance } from '@duckdb/node-api';
const sql = await import('../packages/sql/dist/index.js');
const { SNAPSHOT_HEALTH_MODEL } = await import('../packages/sample-data/dist/index.js');
const instance = await DuckDBInstance.create(process.argv[2]);
const connection = await instance.connect();
const base = sql.duckdbClient(connection);
const seen = [];
const client = { query: (text, params) => { seen.push([text, params]); return base.query(text, params); } };
const engine = sql.createSqlEngine({ client, dialect: 'duckdb', keptAnswers: 0 });
const view = { period: { from: '2025-01', to: '2025-12' }, graceMonths: 1, model: SNAPSHOT_HEALTH_MODEL, ...(process.env.EVERY ? {} : { filters: { segment: ['MM'] } }) };
await engine.answer({ kind: 'metric', metric: process.argv[3] ?? 'healthDistribution', view });
const [text, params] = seen.filter(([t]) => t.includes('cskit_health_')).sort((a, b) => b[0].length - a[0].length)[0];
const time = async (label, t) => { const s = performance.now(); await base.query(t, params); console.log(label, Math.round(performance.now() - s), 'ms'); };
await time('as is', text);
await time('as is again', text);
await time('no inline part', text.replace('UNION ALL SELECT hto.acct, hto.k, hto.outcome, hto.experience, hto.score, hto.tier FROM hto', ''));
if (process.argv[4]) console.log(text);
// The same view with a model whose key differs (a quadrant threshold the distribution never reads): no facts.
seen.length = 0;
const other = { ...SNAPSHOT_HEALTH_MODEL, quadrant: { outcome: 61, experience: 61 } };
await engine.answer({ kind: 'metric', metric: process.argv[3] ?? 'healthDistribution', view: { ...view, model: other } });
const [text2, params2] = seen.filter(([t]) => t.includes('WITH va')).sort((a, b) => b[0].length - a[0].length)[0];
for (const label of ['records', 'records again']) { const s = performance.now(); await base.query(text2, params2); console.log(label, Math.round(performance.now() - s), 'ms'); }
const v1 = text.replace('JOIN hg ON hg.acct = h.acct AND hg.k = h.k WHERE', 'WHERE h.acct IN (SELECT acct FROM va) AND h.k IN (SELECT k FROM hm) AND');
await time('semi-joins', v1);
await time('semi-joins again', v1);
const ht = text.slice(0, text.lastIndexOf('\nSELECT')) + '\nSELECT count(*) FROM ht';
await time('ht alone', ht);
const v1ht = v1.slice(0, v1.lastIndexOf('\nSELECT')) + '\nSELECT count(*) FROM ht';
await time('ht alone, semi-joins', v1ht);
const v2 = text.replace('WHERE h.acct IN (SELECT va.acct FROM va) AND h.k IN (SELECT hm.k FROM hm) AND', 'WHERE h.k IN (SELECT hm.k FROM hm) AND');
await time('months only', v2);
const v2ht = v2.slice(0, v2.lastIndexOf('\nSELECT')) + '\nSELECT count(*) FROM ht';
await time('ht alone, months only', v2ht);
