// `pnpm bench:dashboard`: the built demo dashboard with a large sample (`?accounts=100000`, or CSKIT_ACCOUNTS) in
// Debian's Chromium: time until every widget shows its first results, and the main thread's long tasks (over
// 50 ms) on the way; then the same for a filter change. Results also go to
// test-results/bench-dashboard.json. Not part of the test command (about a minute at 100k accounts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import { CHROMIUM, CHROMIUM_ARGS as ARGS } from './chromium.mjs';

const APP = fileURLToPath(new URL('../apps/dashboard/', import.meta.url));
const outDir = fileURLToPath(new URL('../test-results/', import.meta.url));
const ACCOUNTS = Number(process.env.CSKIT_ACCOUNTS ?? 100_000);

await build({ root: APP, configFile: `${APP}vite.config.ts`, logLevel: 'warn' });
const server = await preview({ root: APP, configFile: `${APP}vite.config.ts`, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push({ start: entry.startTime, ms: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`${server.resolvedUrls.local[0]}?accounts=${ACCOUNTS}`);
  // Every widget is mounted (the accounts table last) and nothing is pending.
  await page.waitForFunction(() => document.querySelector('#accounts') !== null && document.querySelector('[data-pending]') === null
    && document.querySelectorAll('table').length > 3, null, { timeout: 300_000, polling: 200 });
  const firstResultsMs = await page.evaluate(() => performance.now());
  await page.waitForTimeout(2000);
  const tasks = await page.evaluate(() => window.__longTasks);
  // Then a filter change (Segment: SMB, the largest segment), recomputed in the worker.
  const filterStart = await page.evaluate(() => performance.now());
  await page.locator('form.filters').getByLabel('Segment', { exact: true }).selectOption('SMB');
  await page.waitForFunction(() => document.querySelector('[data-pending]') === null && window.location.search.includes('segment=SMB'), null, { timeout: 300_000, polling: 200 });
  const filterMs = (await page.evaluate(() => performance.now())) - filterStart;
  await page.waitForTimeout(2000);
  const filterTasks = (await page.evaluate(() => window.__longTasks)).filter((t) => t.start >= filterStart);
  const summary = (list) => ({ count: list.length, maxMs: Math.round(Math.max(0, ...list.map((t) => t.ms))), totalMs: Math.round(list.reduce((s, t) => s + t.ms, 0)) });
  const result = {
    chromium: browser.version(), accounts: ACCOUNTS, firstResultsMs: Math.round(firstResultsMs),
    longTasks: tasks.map((t) => ({ start: Math.round(t.start), ms: Math.round(t.ms) })), summary: summary(tasks),
    filter: { resultsMs: Math.round(filterMs), longTasks: filterTasks.map((t) => Math.round(t.ms)), summary: summary(filterTasks) },
  };
  console.log(`\ndashboard, ${ACCOUNTS.toLocaleString('en-US')} accounts (Chromium ${result.chromium})`);
  console.log(`every widget with results after ${(firstResultsMs / 1000).toFixed(1)} s`);
  console.log(`main-thread long tasks: ${result.summary.count}, longest ${result.summary.maxMs} ms, total ${result.summary.totalMs} ms`);
  console.log(`  ${result.longTasks.map((t) => `${t.ms} ms at ${(t.start / 1000).toFixed(1)} s`).join(', ')}`);
  console.log(`filter Segment = SMB: results after ${(filterMs / 1000).toFixed(1)} s; long tasks: ${result.filter.summary.count}, longest ${result.filter.summary.maxMs} ms, total ${result.filter.summary.totalMs} ms`);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(`${outDir}bench-dashboard.json`, `${JSON.stringify(result, null, 2)}\n`);
} finally {
  await browser.close();
  await server.close();
}
