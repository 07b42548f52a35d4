/**
 * `pnpm start:server`: the demo in server mode. The sample (CSKIT_ACCOUNTS, default 2,000) in an embedded DuckDB
 * file answered by @cskit/sql (CSKIT_STORE=postgres with CSKIT_DATABASE_URL: a PostgreSQL server answered by @cskit/sql;
 * pglite: PGlite read by the handler; memory: in the process) behind
 * @cskit/server on 127.0.0.1 (PORT, default 8787), and the built dashboard asking it for each viewer's scope.
 */
import { fileURLToPath } from 'node:url';
import { startDemoServer } from './server.js';

const server = await startDemoServer({
  port: Number(process.env.PORT ?? 8787),
  accounts: Number(process.env.CSKIT_ACCOUNTS ?? 2000),
  store: (['memory', 'pglite', 'postgres'] as const).find((store) => store === process.env.CSKIT_STORE) ?? 'duckdb',
  ...(process.env.CSKIT_DUCKDB ? { duckdbPath: process.env.CSKIT_DUCKDB } : {}),
  ...(process.env.CSKIT_DATABASE_URL ? { databaseUrl: process.env.CSKIT_DATABASE_URL } : {}),
  dashboardDir: fileURLToPath(new URL('../../dashboard/dist/', import.meta.url)),
});
console.log(`cskit demo, server mode: ${server.url}/?remote=/api/cskit (viewers: ${server.viewers.map((v) => v.id).join(', ')})`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void server.close().then(() => process.exit(0)));
