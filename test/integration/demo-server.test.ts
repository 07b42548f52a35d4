/**
 * The demo's server mode (apps/server) survives what killed it before: a request target of //, a Host header of
 * x:99999, TRACE, a path that does not decode. Each is answered with a 4xx and the server keeps serving.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../apps/server/src/server.js';

let server: DemoServer;
let port = 0;

beforeAll(async () => {
  server = await startDemoServer({ port: 0, store: 'memory', accounts: 60 });
  port = Number(new URL(server.url).port);
}, 60_000);

afterAll(() => server?.close());

const raw = (request: string) => new Promise<number>((resolve) => {
  const socket = connect(port, '127.0.0.1');
  let reply = '';
  socket.setTimeout(3000, () => socket.destroy());
  socket.on('data', (chunk) => { reply += chunk.toString('latin1'); });
  socket.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(reply)?.[1] ?? 0)));
  socket.on('error', () => undefined);
  socket.write(request.replace('\r\n', '\r\nConnection: close\r\n'));
});

describe('the demo server', () => {
  it('answers malformed requests with a 4xx and keeps serving', async () => {
    expect(await raw('GET // HTTP/1.1\r\nHost: a\r\n\r\n')).toBe(400);
    expect(await raw('GET /api/cskit// HTTP/1.1\r\nHost: a\r\n\r\n')).toBe(404);
    expect(await raw('GET /api/demo/viewers HTTP/1.1\r\nHost: x:99999\r\n\r\n')).toBe(200);
    expect(await raw('POST /api/cskit/v1/info HTTP/1.1\r\nHost: x:99999\r\nContent-Length: 2\r\n\r\n{}')).toBe(403);
    expect(await raw('TRACE /api/cskit/v1/info HTTP/1.1\r\nHost: a\r\n\r\n')).toBe(405);
    expect(await raw('TRACE / HTTP/1.1\r\nHost: a\r\n\r\n')).toBe(405);
    expect(await raw('GET /%E0%A4%A HTTP/1.1\r\nHost: a\r\n\r\n')).toBe(400);
    expect(await raw('GET /a%00b.js HTTP/1.1\r\nHost: a\r\n\r\n')).toBe(404);
    const viewers = await fetch(`${server.url}/api/demo/viewers`);
    expect(viewers.status).toBe(200);
    const info = await fetch(`${server.url}/api/cskit/v1/info`, { method: 'POST', headers: { 'x-cskit-viewer': 'admin' }, body: '{}' });
    expect((await info.json() as { accountCount: number }).accountCount).toBe(60);
  }, 60_000);
});
