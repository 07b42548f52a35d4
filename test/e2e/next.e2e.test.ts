/**
 * The Next.js App Router example (examples/next): results computed in a Server Component, the charts and the table
 * rendered from them. The server's HTML holds every chart's SVG; the browser hydrates it with no hydration warning
 * or console error; and no chart's box moves between the server's HTML (no JavaScript) and the hydrated page.
 */
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchBrowser } from './browser.js';

const APP = fileURLToPath(new URL('../../examples/next/', import.meta.url));
const NEXT = `${APP}node_modules/next/dist/bin/next`;
const CHARTS = [
  'arr-waterfall', 'arr-trend', 'rate-trend', 'renewal-funnel', 'renewals-ahead', 'health-quadrant', 'health-distribution',
  'health-transitions', 'health-validation', 'nps-breakdown', 'cohort-heatmap', 'attribution-bars', 'segment-bars', 'health-drivers',
  'account-story', 'kpi-card',
];

let server: ChildProcess;
let base = '';
let browser: Browser;

const freePort = () => new Promise<number>((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address() as { port: number };
    probe.close(() => resolve(port));
  });
});

beforeAll(async () => {
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' };
  // Built by `pnpm build` in scripts/test.sh; built here when run alone.
  if (process.env.CSKIT_DASHBOARD_BUILT !== '1' || !existsSync(`${APP}.next/BUILD_ID`)) execFileSync(process.execPath, [NEXT, 'build'], { cwd: APP, env, stdio: 'pipe' });
  const port = await freePort();
  server = spawn(process.execPath, [NEXT, 'start', '-H', '127.0.0.1', '-p', String(port)], { cwd: APP, env, stdio: 'pipe' });
  base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i += 1) {
    try {
      if ((await fetch(base)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  server?.kill();
});

describe('Next.js App Router example', () => {
  it('the server HTML holds each chart\'s SVG, computed in a Server Component', async () => {
    const html = await (await fetch(base)).text();
    for (const chart of CHARTS) {
      const at = html.indexOf(`data-chart="${chart}"`);
      expect(at, chart).toBeGreaterThan(-1);
      expect(html.indexOf('<svg', at), chart).toBeGreaterThan(at);
    }
    expect(html).toMatch(/ARR \$[\d,]+, NRR [\d.]+%, 3\d\d accounts/);
    expect(html).toContain('data-table="accounts"');
  });

  it('hydrates without a warning or error, and no chart box moves from the server HTML to the hydrated page', async () => {
    const boxes = async (javaScriptEnabled: boolean) => {
      const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const messages: string[] = [];
      page.on('console', (message) => { if (message.type() === 'error' || message.type() === 'warning') messages.push(message.text()); });
      page.on('pageerror', (error) => messages.push(error.message));
      await page.goto(base, { waitUntil: 'networkidle' });
      await page.waitForTimeout(javaScriptEnabled ? 800 : 100);
      const found = await page.$$eval('figure[data-chart], section[data-chart]', (figures) => figures.map((figure) => {
        const box = figure.getBoundingClientRect();
        return { chart: figure.getAttribute('data-chart'), x: Math.round(box.x), y: Math.round(box.y), width: Math.round(box.width), height: Math.round(box.height) };
      }));
      if (javaScriptEnabled) await page.screenshot({ path: `${ARTIFACTS}next-example.png`, fullPage: true });
      await context.close();
      return { found, messages };
    };
    const server = await boxes(false);
    const hydrated = await boxes(true);
    expect(hydrated.messages).toEqual([]);
    expect(server.found.length).toBeGreaterThanOrEqual(CHARTS.length);
    expect(hydrated.found).toEqual(server.found);
  }, 90_000);

  it('serves the cskit protocol from a route handler: the widgets of /live ask it through remoteSource and render its answers', async () => {
    // Next.js compresses the route's answers itself; the handler must not (a gzip body without its header is unreadable).
    const answer = await fetch(`${base}/api/cskit/v1/summary`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip' }, body: JSON.stringify({ view: { period: { from: '2025-01', to: '2025-12' } } }),
    });
    expect(answer.status).toBe(200);
    const summary = await answer.json() as { accountCount: number; kpis: { arr: number } };
    expect(summary.accountCount).toBe(300);
    expect((await fetch(`${base}/api/cskit/v1/summary`, { method: 'POST', body: '{"view":{"period":{"from":"2025-13"}}}' })).status).toBe(400);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const messages: string[] = [];
    page.on('console', (message) => { if (message.type() === 'error') messages.push(message.text()); });
    page.on('pageerror', (error) => messages.push(error.message));
    const answers: number[] = [];
    page.on('response', (response) => { if (response.url().includes('/api/cskit/v1/')) answers.push(response.status()); else if (response.status() >= 400) messages.push(`${response.status()} ${response.url()}`); });
    await page.goto(`${base}/live`, { waitUntil: 'networkidle' });
    await page.locator('figure[data-chart="arr-waterfall"] svg rect').first().waitFor({ timeout: 20_000 });
    await page.locator('[data-table="accounts"] tbody tr[aria-rowindex]:not([aria-busy])').nth(5).waitFor({ timeout: 20_000 });
    expect(await page.locator('text=Loading').count()).toBe(0);
    expect(answers.length).toBeGreaterThan(2);
    expect(answers.every((status) => status === 200 || status === 304)).toBe(true);
    expect(messages).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}next-live.png`, fullPage: true });
    await context.close();
  }, 90_000);
});
