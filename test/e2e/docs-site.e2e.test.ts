/**
 * The docs site: the built Storybook's Docs pages render the repo's docs/*.md (every page has its title and no
 * leftover markdown), links between pages go to their Storybook page, and axe finds no violation on them.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser, serveStorybook } from './browser.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PAGES: Array<[file: string, id: string]> = [
  ['metrics.md', 'docs-metric-reference--docs'], ['metrics-spec.md', 'docs-metrics-specification--docs'],
  ['data-contract.md', 'docs-data-contract--docs'], ['health-score.md', 'docs-health-score--docs'],
  ['theming.md', 'docs-theming--docs'], ['accessibility.md', 'docs-accessibility--docs'], ['ssr.md', 'docs-ssr-and-rsc--docs'],
  ['server.md', 'docs-server-mode--docs'], ['importing.md', 'docs-importing--docs'], ['architecture.md', 'docs-architecture--docs'],
];

let browser: Browser;
let server: PreviewServer;
let base: string;

beforeAll(async () => {
  ({ url: base, server } = await serveStorybook());
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openDoc(page: Page, id: string) {
  await page.goto(`${base}iframe.html?id=${id}&viewMode=docs`);
  await page.locator('.sbdocs-content h1').first().waitFor();
}

describe('docs site', () => {
  it.each(PAGES)('%s renders as its Storybook page, with no violation', async (file, id) => {
    const page = await browser.newPage();
    try {
      await openDoc(page, id);
      const markdown = readFileSync(`${ROOT}docs/${file}`, 'utf8');
      const title = /^# (.+)$/m.exec(markdown)?.[1] ?? '';
      expect(await page.locator('.sbdocs-content h1').first().textContent()).toBe(title.replace(/`/g, ''));
      // Every second-level heading of the file is on the page.
      const headings = [...markdown.matchAll(/^## (.+)$/gm)].map((m) => (m[1] ?? '').replace(/`|\*\*/g, ''));
      const shown = await page.locator('.sbdocs-content h2').allTextContents();
      expect(shown).toEqual(headings);
      expect(await axeViolations(page, '.sbdocs-content')).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('links between pages go to their page of the site', async () => {
    const page = await browser.newPage();
    try {
      await openDoc(page, 'docs-metric-reference--docs');
      const link = page.locator('.sbdocs-content a', { hasText: 'data contract' }).first();
      expect(await link.getAttribute('href')).toBe('./?path=/docs/docs-data-contract--docs');
      expect(await link.getAttribute('target')).toBe('_top');
    } finally {
      await page.close();
    }
  });
});
