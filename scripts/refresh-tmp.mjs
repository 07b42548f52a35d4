// Scratch: health facts for the bench's model on a DuckDB file.
import { DuckDBInstance } from '@duckdb/node-api';
const sql = await import('../packages/sql/dist/index.js');
const { SNAPSHOT_HEALTH_MODEL } = await import('../packages/sample-data/dist/index.js');
const instance = await DuckDBInstance.create(process.argv[2]);
const connection = await instance.connect();
const client = sql.duckdbClient(connection);
const t0 = performance.now();
const entries = await sql.refreshHealthFacts(client, { dialect: 'duckdb', models: [SNAPSHOT_HEALTH_MODEL] });
console.log(JSON.stringify(entries), Math.round(performance.now() - t0), 'ms', Math.round(process.resourceUsage().maxRSS / 1024), 'MB peak');
const [row] = await client.query(`SELECT count(*) AS n FROM ${sql.HEALTH_FACTS_PREFIX}${entries[0].key}`, []);
console.log(row);
