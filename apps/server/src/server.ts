/**
 * The demo's server mode: the sample dataset in an embedded DuckDB file answered by `@cskit/sql` (the default), in
 * PGlite (Postgres in WebAssembly, no server process) read by `postgresSource`, or in memory; served by
 * `createCsHandler` at `/api/cskit`, next to the built dashboard. Viewers are
 * demo identities picked in the dashboard (header `x-cskit-viewer`): an admin, a team lead (the team's CSMs' books),
 * a CSM (their own book). A host decides the scope from its own authentication instead.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { DuckDBInstance } from '@duckdb/node-api';
import { PGlite } from '@electric-sql/pglite';
import type { Dataset } from '@cskit/metrics';
import { generateDataset, SAMPLE_HEALTH_MODEL } from '@cskit/sample-data';
import { createCsHandler } from '@cskit/server';
import type { CsEngine, CsHandler, CsHandlerOptions, CsScope } from '@cskit/server';
import { toNodeListener } from '@cskit/server/node';
import { postgresSource, writeDatasetToPostgres } from '@cskit/server/postgres';
import { createSqlEngine, duckdbClient, postgresClient, writeDataset, type SqlClient, type SqlEngine } from '@cskit/sql';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export interface DemoServerOptions {
  port?: number;
  host?: string;
  seed?: number;
  accounts?: number;
  /**
   * Where the sample lives: a DuckDB file answered by `@cskit/sql` (default; `duckdbPath`, else a new temporary
   * file), PGlite read by the handler, or the process's memory.
   */
  store?: 'duckdb' | 'postgres' | 'pglite' | 'memory';
  /** The DuckDB file of `store: 'duckdb'` (written again at start). */
  duckdbPath?: string;
  /**
   * `store: 'postgres'`: the PostgreSQL server the sample is written to (schema `cskit_demo`, replaced at start) and
   * answered from by `@cskit/sql`, as a host with its data in PostgreSQL would run it.
   */
  databaseUrl?: string;
  /** The built dashboard to serve at `/` (apps/dashboard/dist); none: the API only. */
  dashboardDir?: string | null;
}

export interface DemoViewer {
  id: string;
  label: string;
}

export interface DemoServer {
  url: string;
  handler: CsHandler;
  viewers: DemoViewer[];
  close(): Promise<void>;
}

/** The demo's viewers: an admin, one lead per CSM team, and the first CSMs. */
export function demoViewers(dataset: Dataset): Array<DemoViewer & { scope: CsScope }> {
  const csms = dataset.csms ?? [];
  const teams = [...new Set(csms.map((csm) => csm.team).filter((team): team is string => team !== undefined))].sort();
  return [
    { id: 'admin', label: 'Admin (every account)', scope: { all: true, admin: true } },
    ...teams.map((team) => ({ id: `team:${team}`, label: `Team lead: ${team}`, scope: { csmIds: csms.filter((csm) => csm.team === team).map((csm) => csm.id) } })),
    ...csms.slice(0, 6).map((csm) => ({ id: `csm:${csm.id}`, label: `CSM: ${csm.name} (${csm.team ?? csm.id})`, scope: { csmIds: [csm.id] } })),
  ];
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.map': 'application/json',
};

interface DemoData {
  source: { load: NonNullable<CsHandlerOptions['load']> } | { engine: CsEngine };
  close(): Promise<void>;
}

/** The sample where the demo keeps it, and what the handler answers from. */
async function demoData(store: NonNullable<DemoServerOptions['store']>, dataset: Dataset, options: DemoServerOptions): Promise<DemoData> {
  if (store === 'memory') return { source: { load: async () => dataset }, close: async () => undefined };
  if (store === 'pglite') {
    const db = new PGlite();
    await writeDatasetToPostgres(db, dataset);
    return { source: { load: postgresSource({ db }) }, close: () => db.close() };
  }
  if (store === 'postgres') {
    if (!options.databaseUrl) throw new TypeError('store: postgres needs databaseUrl (CSKIT_DATABASE_URL), e.g. postgresql://user@127.0.0.1/db');
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 4 });
    // The sample written through COPY (pg-copy-streams' stream), not bound arrays.
    const engine = await sqlEngineOf(postgresClient(pool, { copyFrom }), 'postgres', dataset, 'cskit_demo');
    return { source: { engine }, close: () => pool.end() };
  }
  const dir = options.duckdbPath ? null : mkdtempSync(join(tmpdir(), 'cskit-demo-'));
  const instance = await DuckDBInstance.create(options.duckdbPath ?? join(dir as string, 'cskit.duckdb'));
  const connection = await instance.connect();
  const engine = await sqlEngineOf(duckdbClient(connection), 'duckdb', dataset);
  return {
    source: { engine },
    close: async () => {
      connection.closeSync();
      instance.closeSync();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The sample written to a database and the `@cskit/sql` engine over it, prepared before the first viewer asks. */
async function sqlEngineOf(client: SqlClient, dialect: 'duckdb' | 'postgres', dataset: Dataset, schema?: string): Promise<SqlEngine> {
  // The dashboard's health model: its views read health from facts written with the data (docs/sql.md).
  await writeDataset(client, dataset, { dialect, ...(schema ? { schema } : {}), healthModels: [SAMPLE_HEALTH_MODEL] });
  const engine = createSqlEngine({ client, dialect, ...(schema ? { schema } : {}), serveWhilePreparing: true, onError: (error) => console.error('cskit:', error) });
  await engine.prepare();
  return engine;
}

export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const { port = 8787, host = '127.0.0.1', seed = 2025, accounts = 2000, store = 'duckdb', dashboardDir = null } = options;
  const dataset = generateDataset({ seed, accounts });
  const viewers = demoViewers(dataset);
  const scopes = new Map(viewers.map((viewer) => [viewer.id, viewer.scope]));
  const data = await demoData(store, dataset, options);
  const handler = createCsHandler({
    ...data.source,
    scope: (request) => scopes.get(request.headers.get('x-cskit-viewer') ?? '') ?? null,
    onError: (error) => console.error('cskit:', error),
  });
  if (store !== 'duckdb') await handler.reload();
  const api = toNodeListener(handler);
  const root = dashboardDir ? resolve(dashboardDir) : null;
  const server: Server = createServer((req, res) => {
    // The API's listener refuses malformed requests itself; the static files need a path that parses.
    if ((req.url ?? '/').startsWith('/api/cskit/')) return api(req, res);
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      res.writeHead(400).end();
      return undefined;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return undefined;
    }
    if (path === '/api/demo/viewers') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(viewers.map(({ id, label }) => ({ id, label }))));
      return undefined;
    }
    if (!root) {
      res.writeHead(404).end();
      return undefined;
    }
    // Static files of the built dashboard (inside its folder only); anything else is the app (its routes are query strings).
    const requested = normalize(join(root, path));
    const file = requested.startsWith(root + sep) && extname(requested) !== '' ? requested : join(root, 'index.html');
    readFile(file).then((body) => {
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    }, () => res.writeHead(404).end());
    return undefined;
  });
  await new Promise<void>((done) => server.listen(port, host, done));
  const address = server.address();
  const url = `http://${host}:${typeof address === 'object' && address ? address.port : port}`;
  return {
    url, handler, viewers: viewers.map(({ id, label }) => ({ id, label })),
    close: async () => {
      handler.close();
      await new Promise<void>((done) => server.close(() => done()));
      await data.close();
    },
  };
}
