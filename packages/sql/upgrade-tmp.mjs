// Scratch (not committed): adds layout 4's account keys to a DuckDB file of layout 3.
import { DuckDBInstance } from '@duckdb/node-api';
import { textSortRanks } from '@cskit/metrics/facts';
import { writeFileSync } from 'node:fs';
const file = process.argv[2];
const instance = await DuckDBInstance.create(file);
const c = await instance.connect();
const reader = await c.runAndReadAll('SELECT id, name FROM cskit_accounts ORDER BY seq');
const rows = reader.getRows();
const ids = rows.map((r) => r[0]);
const names = rows.map((r) => r[1]);
const [nk, ik, io] = [textSortRanks(names), textSortRanks(ids), textSortRanks(ids, (s) => s)];
writeFileSync('/tmp/s29/keys.csv', `seq,name_key,id_key,id_order\n${ids.map((_, i) => `${i},${nk[i]},${ik[i]},${io[i]}`).join('\n')}\n`);
await c.run('DROP TABLE IF EXISTS cskit_account_keys');
await c.run("CREATE TABLE cskit_account_keys (seq INTEGER NOT NULL, name_key INTEGER NOT NULL, id_key INTEGER NOT NULL, id_order INTEGER NOT NULL)");
await c.run("INSERT INTO cskit_account_keys SELECT * FROM read_csv('/tmp/s29/keys.csv', header = true, columns = {'seq': 'INTEGER', 'name_key': 'INTEGER', 'id_key': 'INTEGER', 'id_order': 'INTEGER'})");
await c.run("UPDATE cskit_meta SET value = '4' WHERE key = 'format'");
console.log(rows.length, (await c.runAndReadAll('SELECT count(*), max(name_key), max(id_key) FROM cskit_account_keys')).getRows());
c.closeSync?.();
