/**
 * The demo's server mode: the sample dataset in PGlite (Postgres in WebAssembly, no server process) or in memory,
 * read by `postgresLoader` and served by `createCsHandler` at `/api/cskit`, next to the built dashboard. Viewers are
 * demo identities picked in the dashboard (header `x-cskit-viewer`): an admin, a team lead (the team's CSMs' books),
 * a CSM (their own book). A host decides the scope from its own authentication instead.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Dataset } from '@cskit/metrics';
import { generateDataset } from '@cskit/sample-data';
import { createCsHandler } from '@cskit/server';
import type { CsHandler, CsScope } from '@cskit/server';
import { toNodeListener } from '@cskit/server/node';
import { postgresSource, writeDatasetToPostgres } from '@cskit/server/postgres';

export interface DemoServerOptions {
  port?: number;
  host?: string;
  seed?: number;
  accounts?: number;
  /** Where the sample lives: PGlite (default) or the process's memory. */
  store?: 'pglite' | 'memory';
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

export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const { port = 8787, host = '127.0.0.1', seed = 2025, accounts = 2000, store = 'pglite', dashboardDir = null } = options;
  const dataset = generateDataset({ seed, accounts });
  let db: PGlite | null = null;
  let load: Parameters<typeof createCsHandler>[0]['load'];
  if (store === 'pglite') {
    db = new PGlite();
    await writeDatasetToPostgres(db, dataset);
    load = postgresSource({ db });
  } else {
    load = async () => dataset;
  }
  const viewers = demoViewers(dataset);
  const scopes = new Map(viewers.map((viewer) => [viewer.id, viewer.scope]));
  const handler = createCsHandler({
    load,
    scope: (request) => scopes.get(request.headers.get('x-cskit-viewer') ?? '') ?? null,
    onError: (error) => console.error('cskit:', error),
  });
  await handler.reload();
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
      await db?.close();
    },
  };
}
