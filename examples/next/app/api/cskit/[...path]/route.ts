/**
 * The cskit protocol served from a Next.js route handler: `createCsHandler` is a Web-standard handler, so it is the
 * route. The data is loaded, prepared and answered in a worker thread (`createDataWorker`), so a reload never holds up
 * the server's other routes. Next.js compresses answers itself, so the handler does not (its `compress` option stays
 * off).
 */
import { createCsHandler } from '@cskit/server';
import { createDataWorker } from '@cskit/server/worker';

// Answers depend on the request (its view, the viewer): never rendered at build time.
export const dynamic = 'force-dynamic';

// The worker starts on the first request (not when Next.js reads this file at build time).
const data = createDataWorker({ module: new URL('../../../../load-data.mjs', import.meta.url) });

const cskit = createCsHandler({
  engine: data.engine,
  // A host decides the viewer's scope from its own session (or a viewer token, @cskit/server/token).
  scope: () => ({ all: true }),
});

export const POST = cskit;
export const GET = cskit;
