// `pnpm bench:dashboard`: the built demo dashboard with a large sample (`?accounts=100000`, or CSKIT_ACCOUNTS) in
// Debian's Chromium. The worker generates the sample and holds it as a prepared dataset; the page asks for
// summaries and the rows its tables show. Measured: time until every widget shows its first results; then, five
// times each, a filter change and a period change: time until every widget shows the new view (no request in
// flight, `data-pending` gone), the longest main-thread task meanwhile (PerformanceObserver, > 50 ms), and the
// bytes of answers the page received for the view. Results also go to test-results/bench-dashboard.json.
// Not part of the test command (a few minutes at 100k accounts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import { CHROMIUM, CHROMIUM_ARGS as ARGS } from './chromium.mjs';

const APP = fileURLToPath(new URL('../apps/dashboard/', import.meta.url));
const outDir = fileURLToPath(new URL('../test-results/', import.meta.url));
const ACCOUNTS = Number(process.env.CSKIT_ACCOUNTS ?? 100_000);
const RUNS = Number(process.env.CSKIT_RUNS ?? 5);

await build({ root: APP, configFile: `${APP}vite.config.ts`, logLevel: 'warn' });
const server = await preview({ root: APP, configFile: `${APP}vite.config.ts`, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push({ start: entry.startTime, ms: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
    // Resolves when the dashboard has had requests in flight since `since` and has none left (or never had any).
    window.__settled = (since) => new Promise((resolve) => {
      const app = () => document.querySelector('.app');
      let seen = app()?.hasAttribute('data-pending') ?? false;
      const check = () => {
        const pending = app()?.hasAttribute('data-pending') ?? true;
        if (pending) seen = true;
        else if (seen || performance.now() - since > 250) return resolve(performance.now() - since);
        requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
  });
  await page.goto(`${server.resolvedUrls.local[0]}?accounts=${ACCOUNTS}&bench`);
  await page.waitForFunction(() => document.querySelector('#accounts') !== null && document.querySelector('[data-pending]') === null
    && document.querySelectorAll('[data-table] tbody tr:not([aria-busy])').length > 3, null, { timeout: 600_000, polling: 200 });
  const firstResultsMs = await page.evaluate(() => performance.now());
  await page.waitForTimeout(1500);

  /** One view change: `act` changes the view; returns the time to settle, the long tasks and the bytes received. */
  const measure = async (act) => {
    await page.waitForTimeout(400);
    const start = await page.evaluate(async () => {
      window.__cskitAnswerBytes = 0;
      await window.__cskitComputeMs?.();
      return performance.now();
    });
    const settled = page.evaluate((since) => window.__settled(since), start);
    await act();
    const ms = await settled;
    await page.waitForTimeout(300);
    const { tasks, bytes, workerMs, requests } = await page.evaluate(async (since) => ({
      tasks: window.__longTasks.filter((t) => t.start >= since).map((t) => Math.round(t.ms)),
      bytes: window.__cskitAnswerBytes ?? 0,
      workerMs: (await window.__cskitComputeMs?.()) ?? 0,
      requests: window.__cskitComputeLog ?? [],
    }), start);
    // The worker's slowest answers of the view: where its compute time went.
    const slowest = [...requests].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([what, ms]) => `${what} ${ms}`);
    return { ms: Math.round(ms), workerMs: Math.round(workerMs), requests: requests.length, slowest, longestTaskMs: Math.max(0, ...tasks), longTasks: tasks.length, bytes };
  };

  const filters = page.locator('form.filters');
  const segment = filters.getByLabel('Segment', { exact: true });
  const from = filters.getByLabel('From', { exact: true });
  const filterRuns = [];
  const periodRuns = [];
  for (let run = 0; run < RUNS; run += 1) {
    // Every run a view not seen before, so no answer comes from a cache: a segment, then a period under it.
    filterRuns.push(await measure(() => segment.selectOption(['SMB', 'MM', 'KA', '', 'SMB'][run % 5])));
    periodRuns.push(await measure(() => from.fill(['2025-03', '2025-05', '2025-02', '2025-04', '2025-06'][run % 5])));
  }
  const summarize = (runs) => ({
    runs,
    medianMs: median(runs.map((r) => r.ms)),
    longestTaskMs: Math.max(...runs.map((r) => r.longestTaskMs)),
    medianBytes: median(runs.map((r) => r.bytes)),
  });
  const result = {
    chromium: browser.version(), accounts: ACCOUNTS, firstResultsMs: Math.round(firstResultsMs),
    filter: summarize(filterRuns), period: summarize(periodRuns),
  };
  console.log(`\ndashboard, ${ACCOUNTS.toLocaleString('en-US')} accounts (Chromium ${result.chromium})`);
  console.log(`every widget with results after ${(firstResultsMs / 1000).toFixed(1)} s`);
  for (const [name, stats] of [['filter change', result.filter], ['period change', result.period]]) {
    console.log(`${name}: median ${stats.medianMs} ms to every widget (runs ${stats.runs.map((r) => r.ms).join(', ')}; worker computing `
      + `${stats.runs.map((r) => r.workerMs).join(', ')}), longest task ${stats.longestTaskMs} ms, median ${(stats.medianBytes / 1024).toFixed(0)} kB received`);
    if (process.env.CSKIT_VERBOSE) for (const run of stats.runs) console.log(`  ${run.ms} ms, ${run.requests} requests; slowest: ${run.slowest.join(', ')}`);
  }
  mkdirSync(outDir, { recursive: true });
  writeFileSync(`${outDir}bench-dashboard.json`, `${JSON.stringify(result, null, 2)}\n`);
} finally {
  await browser.close();
  await server.close();
}
