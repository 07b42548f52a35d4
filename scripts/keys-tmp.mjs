// Scratch (not committed): layout 4's account keys (all columns) into a DuckDB file written before them.
import { DuckDBInstance } from '@duckdb/node-api';
import { textSortRanks } from '../packages/metrics/dist/facts.js';
import { writeFileSync } from 'node:fs';
const instance = await DuckDBInstance.create(process.argv[2]);
const c = await instance.connect();
const rows = (await c.runAndReadAll('SELECT id, name, csm_id, segment, region, industry, channel FROM cskit_accounts ORDER BY seq')).getRows();
const csms = new Map((await c.runAndReadAll('SELECT id, name FROM cskit_csms')).getRows().map((r) => [r[0], r[1]]));
const ranksOf = (values) => { const present = values.flatMap((v, i) => (v === null || v === undefined ? [] : [i])); const r = textSortRanks(present.map((i) => values[i])); const all = new Int32Array(values.length).fill(-1); present.forEach((i, k) => { all[i] = r[k]; }); return all; };
const ids = rows.map((r) => r[0]);
const cols = [Int32Array.from(ids, (_, i) => i), textSortRanks(rows.map((r) => r[1])), textSortRanks(ids), textSortRanks(ids, (s) => s),
  ranksOf(rows.map((r) => (r[2] === null ? null : csms.get(r[2]) ?? r[2]))), ...[3, 4, 5, 6].map((j) => ranksOf(rows.map((r) => r[j])))];
const names = ['seq', 'name_key', 'id_key', 'id_order', 'csm_key', 'segment_key', 'region_key', 'industry_key', 'channel_key'];
writeFileSync('/tmp/s29/keys.csv', `${names.join(',')}\n${ids.map((_, i) => cols.map((col) => (col[i] < 0 ? '' : col[i])).join(',')).join('\n')}\n`);
await c.run('DROP TABLE IF EXISTS cskit_account_keys');
await c.run(`CREATE TABLE cskit_account_keys (${names.map((n, i) => `${n} INTEGER${i < 4 ? ' NOT NULL' : ''}`).join(', ')})`);
await c.run(`INSERT INTO cskit_account_keys SELECT * FROM read_csv('/tmp/s29/keys.csv', header = true, columns = {${names.map((n) => `'${n}': 'INTEGER'`).join(', ')}})`);
console.log((await c.runAndReadAll('SELECT count(*), count(csm_key), count(segment_key) FROM cskit_account_keys')).getRows());
