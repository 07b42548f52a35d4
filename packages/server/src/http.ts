/**
 * The HTTP side of the handler: errors with their status, the request body read within a byte limit, JSON answers
 * (gzip when the host asks the handler to compress), and the digests ETags are made of. Web-standard APIs only
 * (Request, Response, CompressionStream, crypto.subtle), so the handler runs in Node, Next.js, Hono, Deno or Bun.
 */

export const JSON_TYPE = 'application/json; charset=utf-8';

/** A refusal with its HTTP status: the message (and `field`, for a 400) goes to the client. */
export class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly field?: string, readonly headers: Record<string, string> = {}) {
    super(message);
    this.name = 'HttpError';
  }
}

/** A 503 saying when to try again (`Retry-After`, whole seconds, at least one). */
export function unavailable(message: string, waitMs: number): HttpError {
  return new HttpError(503, message, undefined, { 'retry-after': String(Math.max(1, Math.ceil(waitMs / 1000))) });
}

/** The request's JSON object body (empty: `{}`), refused past `max` bytes (413), unreadable or not an object (400). */
export async function readJson(request: Request, max: number): Promise<Record<string, unknown>> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (Number.isFinite(declared) && declared > max) throw new HttpError(413, `the request body is larger than ${max} bytes`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    let reader: ReadableStreamDefaultReader<Uint8Array>;
    try {
      reader = request.body.getReader();
    } catch {
      throw new HttpError(400, 'the request body could not be read', 'body');
    }
    for (;;) {
      let step: Awaited<ReturnType<typeof reader.read>>;
      try {
        step = await reader.read();
      } catch {
        throw new HttpError(400, 'the request body could not be read', 'body');
      }
      if (step.done) break;
      size += step.value.byteLength;
      if (size > max) {
        await reader.cancel().catch(() => undefined);
        throw new HttpError(413, `the request body is larger than ${max} bytes`);
      }
      chunks.push(step.value);
    }
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(concat(chunks, size));
  } catch {
    throw new HttpError(400, 'the request body is not UTF-8 text', 'body');
  }
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'the request body is not valid JSON', 'body');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new HttpError(400, 'the request body must be a JSON object', 'body');
  return value as Record<string, unknown>;
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return all;
}

/** The first 96 bits of a SHA-256 of `text`, in hex. */
export async function digest(text: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(bytes.subarray(0, 12), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Whether the client accepts gzip (an `accept-encoding` naming it with a non-zero quality). */
export function acceptsGzip(request: Request): boolean {
  const header = request.headers.get('accept-encoding') ?? '';
  return header.split(',').some((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return (name === 'gzip' || name === '*') && (q === undefined || Number(q.slice(2)) > 0);
  });
}

/** Marks an answer already in JSON (a data worker's, serialized on its thread); a symbol, so no parsed JSON has it. */
const JSON_TEXT = Symbol.for('@cskit/server.json-text');
const COMPUTE_MS = Symbol.for('@cskit/server.compute-ms');

/** An answer already in JSON, sent as it is, with the milliseconds its computing took where it was computed. */
export function jsonText(text: string, computeMs: number): object {
  return { [JSON_TEXT]: text, [COMPUTE_MS]: computeMs };
}

/** What an answer's computing took where it was computed (a worker's answer), or null: its wall time is the measure. */
export function computeMsOf(value: unknown): number | null {
  if (typeof value !== 'object' || value === null || !(COMPUTE_MS in value)) return null;
  const ms = (value as { [COMPUTE_MS]: unknown })[COMPUTE_MS];
  return typeof ms === 'number' && Number.isFinite(ms) ? ms : null;
}

const textOf = (value: unknown): string => {
  if (typeof value === 'object' && value !== null && JSON_TEXT in value) return (value as { [JSON_TEXT]: string })[JSON_TEXT];
  return JSON.stringify(value);
};

/** JSON with the view's ETag; gzip-compressed when `compress` and the client accepts it and it is worth it. */
export function respond(request: Request, status: number, value: unknown, etag: string | null, compress: boolean, extra: Record<string, string> = {}): Response {
  const text = textOf(value);
  const headers: Record<string, string> = {
    'content-type': JSON_TYPE, 'cache-control': 'private, no-cache', vary: 'accept-encoding, authorization, cookie', 'x-content-type-options': 'nosniff', ...extra,
  };
  if (etag) headers.etag = etag;
  if (!compress || text.length <= 1024 || !acceptsGzip(request)) {
    const bytes = new TextEncoder().encode(text);
    headers['content-length'] = String(bytes.byteLength);
    return new Response(bytes, { status, headers });
  }
  headers['content-encoding'] = 'gzip';
  return new Response(new Blob([text]).stream().pipeThrough(new CompressionStream('gzip')), { status, headers });
}
