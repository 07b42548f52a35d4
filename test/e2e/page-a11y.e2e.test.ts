/**
 * The composed demo is accessible as a whole, not only story by story: axe over the full page (every rule, the
 * page-level ones included: heading order, unique landmarks, contrast) finds nothing on the dashboard, its drawers
 * and the account page, in both themes and both languages: each theme once and each language once (what axe checks
 * of a theme, its colours, does not change with the language, and what it checks of a language, its text and
 * structure, not with the theme; the four pairs cost 70 s of the test command for nothing more). Running variants
 * side by side does not help: the page's work and axe are CPU-bound (measured: 4 at once took as long as 4 in turn).
 */
import type { Browser, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser, serveDashboard } from './browser.js';

let browser: Browser;
let server: PreviewServer;
let base: string;

beforeAll(async () => {
  ({ url: base, server } = await serveDashboard());
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The dashboard once every panel has its numbers (no card or chart still loading). */
async function settled(page: Page) {
  await page.locator('section.kpis').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"], .cskit-loading').length === 0, undefined, { timeout: 30_000 });
  await page.locator('[data-table="accounts"] tbody tr').first().waitFor();
}

const VARIANTS = [{ theme: 'light', lang: 'en-US' }, { theme: 'dark', lang: 'zh-CN' }] as const;

describe('the whole demo passes axe', () => {
  it.each(VARIANTS)('dashboard, its settings and import drawers, an account page and a CSM page: $theme, $lang', async ({ theme, lang }) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      const query = `?theme=${theme}${lang === 'zh-CN' ? '&lang=zh-CN' : ''}`;
      await page.goto(`${base}${query}`);
      await settled(page);
      expect(await axeViolations(page), 'dashboard').toEqual([]);

      await page.locator('header button[aria-expanded]').first().click();
      await page.locator('section.drawer').first().waitFor();
      expect(await axeViolations(page), 'settings drawer').toEqual([]);
      await page.locator('header button[aria-expanded]').nth(1).click();
      await page.locator('section.drawer').first().waitFor();
      expect(await axeViolations(page), 'import drawer').toEqual([]);

      await page.goto(`${base}${query}&account=acc-000001`);
      await page.locator('[data-chart="account-story"]').waitFor();
      await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"], .cskit-loading').length === 0, undefined, { timeout: 30_000 });
      expect(await axeViolations(page), 'account page').toEqual([]);

      await page.goto(`${base}${query}&csm=csm-001`);
      await page.locator('main[aria-labelledby="csm-title"] [data-table="accounts"]').waitFor();
      await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"], .cskit-loading').length === 0, undefined, { timeout: 30_000 });
      expect(await axeViolations(page), 'CSM page').toEqual([]);
    } finally {
      await page.close();
    }
  });
});
