// `pnpm bench:server`: @cskit/server at 100,000 accounts (CSKIT_ACCOUNTS) on 127.0.0.1, Node's http and fetch.
// Measured: cold start (validate + prepare + the account index for scopes); a filtered view's response time and bytes
// on the wire (gzip), p50 of 20 views never asked before, for one widget's part and for a whole summary; then 50
// concurrent viewers, each a different CSM's book, asking the dashboard's requests for 30 s: p50, p95, errors.
// Results go to test-results/bench-server.json. Not part of the test command.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { generateDataset, SAMPLE_HEALTH_MODEL } from '../packages/sample-data/dist/index.js';
import { createCsHandler } from '../packages/server/dist/index.js';
import { toNodeListener } from '../packages/server/dist/node.js';

const ACCOUNTS = Number(process.env.CSKIT_ACCOUNTS ?? 100_000);
const VIEWERS = Number(process.env.CSKIT_VIEWERS ?? 50);
const SECONDS = Number(process.env.CSKIT_SECONDS ?? 30);
const outDir = fileURLToPath(new URL('../test-results/', import.meta.url));
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

const dataset = generateDataset({ seed: 2025, accounts: ACCOUNTS });
const csmIds = [...new Set(dataset.accounts.map((a) => a.csmId))].sort();
const handler = createCsHandler({
  load: async () => dataset,
  scope: (request) => {
    const viewer = request.headers.get('x-viewer') ?? 'admin';
    return viewer === 'admin' ? { all: true } : { csmIds: [viewer] };
  },
});
const coldStart = performance.now();
await handler.reload();
const coldStartMs = Math.round(performance.now() - coldStart);

const server = createServer(toNodeListener(handler));
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const base = `http://127.0.0.1:${server.address().port}/api/cskit/v1`;

let measureBytes = true;
async function ask(kind, body, viewer = 'admin') {
  const start = performance.now();
  const response = await fetch(`${base}/${kind}`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip', 'x-viewer': viewer }, body: JSON.stringify(body),
  });
  await response.arrayBuffer();
  const ms = performance.now() - start;
  return { ms, status: response.status, bytes: measureBytes ? await wireBytes(kind, body, viewer) : 0 };
}

/** The gzip size of an answer, asked again with a raw request (fetch hides it). */
async function wireBytes(kind, body, viewer) {
  const response = await handler(new Request(`${base}/${kind}`, { method: 'POST', headers: { 'accept-encoding': 'gzip', 'x-viewer': viewer }, body: JSON.stringify(body) }));
  return (await response.arrayBuffer()).byteLength;
}

const view = (i, filters) => ({
  period: { from: `2025-0${1 + (i % 9)}`, to: '2025-12' }, graceMonths: 1 + (i % 2), model: SAMPLE_HEALTH_MODEL, comparison: 'previous',
  filters,
});
const segments = ['SMB', 'MM', 'KA'];
const regions = ['EMEA', 'NA', 'APAC', 'LATAM'];
const single = [];
const whole = [];
for (let i = 0; i < 20; i += 1) {
  const filters = { segment: [segments[i % 3]], region: [regions[i % 4]] };
  single.push(await ask('metric', { view: view(i, filters), metric: 'kpis' }));
  whole.push(await ask('summary', { view: view(i + 20, filters) }));
}

measureBytes = false;
// 50 viewers, each a CSM's book, each asking what the dashboard asks (its widgets' parts and table pages) in a loop.
const parts = ['kpis', 'waterfall', 'renewalFunnel', 'healthQuadrants', 'healthDistribution', 'nps', 'arrTrend', 'renewalsAhead', 'csmScorecard'];
const latencies = [];
let errors = 0;
let requests = 0;
const until = performance.now() + SECONDS * 1000;
await Promise.all(Array.from({ length: VIEWERS }, async (_, v) => {
  const viewer = csmIds[(v * 7) % csmIds.length];
  for (let i = 0; performance.now() < until; i += 1) {
    const filters = i % 3 === 0 ? {} : { segment: [segments[i % 3]] };
    const body = i % 5 === 4
      ? ['rows', { view: view(i, filters), rowSet: 'accounts', query: { sort: [{ id: 'arr', desc: true }], limit: 100 } }]
      : ['metric', { view: view(i, filters), metric: parts[i % parts.length] }];
    try {
      const result = await ask(body[0], body[1], viewer);
      requests += 1;
      if (result.status !== 200) errors += 1;
      latencies.push(result.ms);
    } catch {
      errors += 1;
    }
  }
}));

const summary = {
  node: process.version, accounts: ACCOUNTS, coldStartMs,
  filteredView: {
    part: { p50Ms: Math.round(percentile(single.map((r) => r.ms), 50)), p50Bytes: percentile(single.map((r) => r.bytes), 50) },
    summary: { p50Ms: Math.round(percentile(whole.map((r) => r.ms), 50)), p50Bytes: percentile(whole.map((r) => r.bytes), 50) },
  },
  concurrent: {
    viewers: VIEWERS, seconds: SECONDS, requests, errors, perSecond: Math.round(requests / SECONDS),
    p50Ms: Math.round(percentile(latencies, 50)), p95Ms: Math.round(percentile(latencies, 95)),
  },
};
console.log(JSON.stringify(summary, null, 2));
mkdirSync(outDir, { recursive: true });
writeFileSync(`${outDir}bench-server.json`, `${JSON.stringify(summary, null, 2)}\n`);
server.close();
handler.close();
