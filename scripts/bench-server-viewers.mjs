// The viewers of `pnpm bench:server`, in a process of their own (forked by scripts/bench-server.mjs), so the server's
// event loop, heap and RSS are measured without its clients in them: 20 viewers (CSKIT_VIEWERS) ask the dashboard's
// requests in a loop from `run` until `stop`, then send back every answer's time, status and end (epoch ms).
import { SAMPLE_HEALTH_MODEL } from '../packages/sample-data/dist/index.js';
import { ask } from './bench-server-ask.mjs';

const VIEWERS = Number(process.env.CSKIT_VIEWERS ?? 20);
const base = process.env.CSKIT_BENCH_BASE;
const epochNow = () => performance.timeOrigin + performance.now();

const periods = ['2025-01', '2025-04', '2025-07'];
const parts = ['kpis', 'waterfall', 'renewalFunnel', 'healthQuadrants', 'healthDistribution', 'nps', 'arrTrend', 'renewalsAhead', 'csmScorecard', 'breakdowns'];
const segments = ['SMB', 'MM', 'KA'];
/** The dashboard's requests of one viewer, round after round: parts and a page of rows for a few views. */
function requestOf(i) {
  const view = {
    period: { from: periods[i % periods.length], to: '2025-12' }, graceMonths: 1, model: SAMPLE_HEALTH_MODEL,
    ...(i % 3 === 2 ? { filters: { segment: [segments[i % segments.length]] } } : {}),
  };
  if (i % 6 === 5) return ['rows', { view, rowSet: 'accounts', query: { sort: [{ id: 'arr', desc: true }], limit: 50 } }];
  return ['metric', { view, metric: parts[i % parts.length] }];
}

let stopped = false;
/** Runs the viewers until told to stop; every answer's time, status and when it finished. */
async function traffic() {
  const results = [];
  await Promise.all(Array.from({ length: VIEWERS }, async (_, v) => {
    for (let i = v; !stopped; i += 1) {
      const [kind, body] = requestOf(i);
      const result = await ask(base, kind, body, `v${v}`);
      results.push({ ...result, at: epochNow() });
    }
  }));
  return results;
}

process.on('message', (message) => {
  if (message.type === 'stop') stopped = true;
  if (message.type === 'run') {
    stopped = false;
    void traffic().then((results) => process.send({ type: 'results', results }));
  }
  if (message.type === 'exit') process.exit(0);
});
process.send({ type: 'ready' });
