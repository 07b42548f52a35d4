/**
 * The cskit protocol served from a Next.js route handler: `createCsHandler` is a Web-standard handler, so it is the
 * route. Next.js compresses answers itself, so the handler does not (its `compress` option stays off).
 */
import { generateDatasetChunks } from '@cskit/sample-data';
import { createCsHandler } from '@cskit/server';

// Answers depend on the request (its view, the viewer): never rendered at build time.
export const dynamic = 'force-dynamic';

const cskit = createCsHandler({
  // A host reads its database here (postgresSource from @cskit/server/postgres streams it in batches).
  load: () => generateDatasetChunks({ seed: 2025, accounts: 300 }),
  // A host decides the viewer's scope from its own session (or a viewer token, @cskit/server/token).
  scope: () => ({ all: true }),
});

export const POST = cskit;
export const GET = cskit;
