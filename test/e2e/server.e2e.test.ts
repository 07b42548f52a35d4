/**
 * Server mode: the built dashboard against the demo server (the sample in a DuckDB file answered by @cskit/sql behind
 * @cskit/server on 127.0.0.1), for an admin and a CSM. Every answer the page receives is checked for accounts outside the viewer's
 * scope. Screenshots in test-results/e2e/.
 */
import { mkdirSync } from 'node:fs';
import { filterDataset, prepareDataset } from '@cskit/metrics';
import { createFormatters } from '@cskit/react';
import { generateDataset, SAMPLE_HEALTH_MODEL } from '@cskit/sample-data';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer } from '../../apps/server/src/server.js';
import type { DemoServer } from '../../apps/server/src/server.js';
import { ARTIFACTS, builtDashboard, launchBrowser } from './browser.js';

const sample = generateDataset({ seed: 2025, accounts: 2000 });
const view = { period: { from: '2025-01', to: '2025-12' }, graceMonths: 1, model: SAMPLE_HEALTH_MODEL, lookbackMonths: 12 };
const f = createFormatters({ locale: 'en-US', currency: 'USD' });
let server: DemoServer;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startDemoServer({ port: 0, store: 'duckdb', dashboardDir: builtDashboard() });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Every JSON answer of the cskit API the page receives for `viewer`. */
function recordAnswers(page: Page, viewer: string): string[] {
  const bodies: string[] = [];
  page.on('response', (response) => {
    if (!response.url().includes('/api/cskit/') || response.request().headers()['x-cskit-viewer'] !== viewer) return;
    void response.text().then((text) => bodies.push(text), () => undefined);
  });
  return bodies;
}

describe('server mode', () => {
  it('a CSM sees their book only: the KPIs of their accounts, and no answer names another account', async () => {
    const csmId = 'csm-001';
    const book = filterDataset(sample, (a) => a.csmId === csmId);
    const theirs = prepareDataset(book).kpis(view).kpis;
    const everyone = prepareDataset(sample).kpis(view).kpis;
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const answers = recordAnswers(page, `csm:${csmId}`);
    await page.goto(`${server.url}/?remote=/api/cskit&viewer=admin`);
    const arr = page.getByRole('region', { name: 'Key figures' }).getByRole('region', { name: 'ARR', exact: true });
    await expect.poll(() => arr.textContent(), { timeout: 60_000 }).toContain(f.compactCurrency(everyone.arr));
    await page.locator('[data-table="accounts"]').getByText(`${sample.accounts.length} rows`, { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Import data' }).count()).toBe(0);

    await page.getByLabel('Viewer (server mode)').selectOption(`csm:${csmId}`);
    await page.waitForURL(/viewer=csm%3Acsm-001/);
    await expect.poll(() => arr.textContent(), { timeout: 60_000 }).toContain(f.compactCurrency(theirs.arr));
    await page.locator('[data-table="accounts"]').getByText(`${book.accounts.length} rows`, { exact: true }).waitFor();
    await page.getByText(`cskit demo · ${book.accounts.length} sample accounts`).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}server-mode-csm.png` });
    // Open one of their accounts: the story comes from the server too.
    await page.locator('[data-table="accounts"] a').first().click();
    await page.locator('[data-chart="account-story"]').waitFor();
    await page.waitForTimeout(500);
    const inside = new Set(book.accounts.map((a) => a.id));
    const outside = sample.accounts.filter((a) => !inside.has(a.id));
    expect(answers.length).toBeGreaterThan(10);
    const all = answers.join('\n');
    for (const account of outside) {
      expect(all.includes(`"${account.id}"`), `leaks ${account.id}`).toBe(false);
      expect(all.includes(`"${account.name}"`), `leaks ${account.name}`).toBe(false);
    }
    await page.close();
  }, 120_000);

  it('a viewer the server does not know is refused (403), and the page says so', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/?remote=/api/cskit&viewer=intruder`);
    await page.getByText(/this viewer may not see any account/).first().waitFor({ timeout: 30_000 });
    await page.close();
  }, 60_000);
});
