/**
 * `@cskit/server/node`: the handler on Node's `http` (and so Express, Fastify's raw routes, Koa): a listener that
 * turns an `IncomingMessage` into a `Request` and writes the `Response` back, gzip-compressed when the client
 * accepts it (Node's `http` does not compress; pass `compress: false` behind a proxy or middleware that does).
 *
 *   http.createServer(toNodeListener(handler)).listen(8080, '127.0.0.1');
 *   app.use('/api/cskit', toNodeListener(handler)); // Express: routes end in /v1/<kind>, under any mount path
 *
 * Nothing a client sends can throw outside it: a method `Request` refuses (TRACE, CONNECT), a request target that
 * is no path, a header `Headers` refuses, a body that breaks off, a client gone while the answer is written: each
 * is a 4xx (or a closed connection), never an exception in the process.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { acceptsGzip, JSON_TYPE } from './http.js';

export type FetchHandler = (request: Request) => Promise<Response>;

export interface NodeListenerOptions {
  /** Gzip answers over 1 KB when the client accepts gzip (default true; false when a proxy or middleware compresses). */
  compress?: boolean;
}

/** Methods a `Request` can carry (the Fetch standard refuses CONNECT, TRACE and TRACK). */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/** Every request becomes one of this origin: the handler reads only the path, and no Host header can break the URL. */
const ORIGIN = 'http://localhost';

class BadRequest extends Error {
  constructor(readonly status: number, message: string, readonly headers: Record<string, string> = {}) {
    super(message);
  }
}

/** A Node request as a Web `Request` (its body streamed, not buffered), or a `BadRequest` saying why it cannot be one. */
export function toRequest(req: IncomingMessage): Request {
  const method = (req.method ?? 'GET').toUpperCase();
  if (!METHODS.has(method)) throw new BadRequest(405, `method ${method.slice(0, 20)} is not allowed`, { allow: 'GET, POST' });
  const target = req.url ?? '/';
  if (!target.startsWith('/') || target.startsWith('//')) throw new BadRequest(400, 'the request target must be a path such as /api/cskit/v1/summary');
  let url: URL;
  try {
    url = new URL(target, ORIGIN);
  } catch {
    throw new BadRequest(400, 'the request target is not a valid path');
  }
  const headers = new Headers();
  try {
    for (const [name, value] of Object.entries(req.headers)) {
      if (Array.isArray(value)) for (const v of value) headers.append(name, v);
      else if (value !== undefined) headers.set(name, value);
    }
  } catch {
    throw new BadRequest(400, 'a request header is not valid');
  }
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return new Request(url, {
    method,
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
  } as RequestInit);
}

/** Writes a Web `Response` to a Node response, gzipping it when asked; a client gone meanwhile ends the writing. */
export async function writeResponse(response: Response, res: ServerResponse, gzip = false): Promise<void> {
  const headers = Object.fromEntries(response.headers);
  const body = response.body ? Readable.fromWeb(response.body as never) : null;
  if (gzip && body) {
    delete headers['content-length'];
    res.writeHead(response.status, { ...headers, 'content-encoding': 'gzip' });
    await pipeline(body, createGzip(), res);
    return;
  }
  res.writeHead(response.status, headers);
  if (body) await pipeline(body, res);
  else res.end();
}

function fail(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { 'content-type': JSON_TYPE, ...headers });
  res.end(JSON.stringify({ error: message }));
}

/** A Node request listener that answers with `handler`. */
export function toNodeListener(handler: FetchHandler, options: NodeListenerOptions = {}): (req: IncomingMessage, res: ServerResponse) => void {
  const { compress = true } = options;
  return (req, res) => {
    // A socket error on either side is the connection's end, not the process's.
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    let request: Request;
    try {
      request = toRequest(req);
    } catch (error) {
      if (error instanceof BadRequest) fail(res, error.status, error.message, error.headers);
      else fail(res, 400, 'the request could not be read');
      req.resume();
      return;
    }
    Promise.resolve()
      .then(() => handler(request))
      .then((response) => {
        const gzip = compress && response.body !== null && !response.headers.has('content-encoding') && acceptsGzip(request)
          && Number(response.headers.get('content-length') ?? Infinity) > 1024;
        return writeResponse(response, res, gzip);
      })
      .catch(() => fail(res, 500, 'internal error'));
  };
}
