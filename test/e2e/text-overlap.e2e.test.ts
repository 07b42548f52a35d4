/**
 * Text never collides: every chart's Default story (and the stories with the longest labels, the whole's line), at container widths
 * 320, 480, 640 and 960 px, in en-US and zh-CN, in the built Storybook in Chromium. Every visible piece of text
 * (axis ticks, value labels, quadrant labels, legends, chips) must not overlap another, and must lie inside the
 * chart's box.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, serveStorybook } from './browser.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WIDTHS = [320, 480, 640, 960];
const LOCALES = ['en-US', 'zh-CN'] as const;

let browser: Browser;
let server: PreviewServer;
let base: string;
let stories: Array<{ id: string; title: string }> = [];

beforeAll(async () => {
  ({ url: base, server } = await serveStorybook());
  browser = await launchBrowser();
  const index = JSON.parse(readFileSync(`${ROOT}storybook-static/index.json`, 'utf8')) as { entries: Record<string, { id: string; title: string; name: string; type: string }> };
  // One story per chart: its Default, else its first (KpiCard, SegmentBars).
  const charts = Object.values(index.entries).filter((e) => e.type === 'story' && e.title.startsWith('Charts/') && e.title !== 'Charts/Connected');
  const byTitle = new Map<string, { id: string; title: string }>();
  for (const e of charts) if (!byTitle.has(e.title) || e.name === 'Default') byTitle.set(e.title, e);
  stories = [...byTitle.values()];
  // Stories whose marks differ from their chart's first: the whole's line and groups by role (SegmentBars).
  for (const id of ['charts-segmentbars--with-overall', 'charts-segmentbars--by-role']) {
    const entry = index.entries[id];
    if (entry) stories.push({ id: entry.id, title: entry.title });
  }
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Box { text: string; left: number; top: number; right: number; bottom: number }

/** Every visible text of the story's charts, as boxes, and the boxes of the charts themselves. */
function collect(): { texts: Box[][]; charts: Box[] } {
  const visible = (element: Element | null): boolean => {
    for (let node = element; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.display === 'none' || style.visibility === 'hidden' || Number(style.opacity) === 0) return false;
      if (node.classList.contains('cskit-sr-only') || node.getAttribute('role') === 'tooltip' || node.tagName === 'title') return false;
    }
    return true;
  };
  const charts = [...document.querySelectorAll('[data-chart]')];
  const texts = charts.map((chart) => {
    const boxes: Box[] = [];
    const walker = document.createTreeWalker(chart, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? '').trim();
      if (!text || !visible(node.parentElement)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const rect = range.getBoundingClientRect();
      if (rect.width < 1 || rect.height < 1) continue;
      boxes.push({ text, left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom });
    }
    return boxes;
  });
  const box = (e: Element): Box => {
    const r = e.getBoundingClientRect();
    return { text: e.getAttribute('data-chart') ?? '', left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  };
  return { texts, charts: charts.map(box) };
}

/** Overlaps (beyond 1 px each way, for antialiasing and glyph side bearings) and text outside its chart. */
function problems(texts: Box[][], charts: Box[]): string[] {
  const found: string[] = [];
  const slack = 1;
  texts.forEach((boxes, c) => {
    const chart = charts[c];
    for (let i = 0; i < boxes.length; i += 1) {
      const a = boxes[i] as Box;
      if (chart && (a.left < chart.left - slack || a.right > chart.right + slack || a.top < chart.top - slack || a.bottom > chart.bottom + slack)) {
        found.push(`"${a.text}" outside ${chart.text}`);
      }
      for (let j = i + 1; j < boxes.length; j += 1) {
        const b = boxes[j] as Box;
        const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (x > slack && y > slack) found.push(`"${a.text}" overlaps "${b.text}"`);
      }
    }
  });
  return found;
}

/**
 * One load of the story per locale, then each width in turn: the root narrows, the charts re-measure
 * (ResizeObserver) and redraw, fonts settle, and the text is collected. (A load per width cost 4x the time for the
 * same checks: the width is only ever set after the load.)
 */
async function check(page: Page, id: string, locale: string): Promise<string[]> {
  await page.goto(`${base}iframe.html?id=${id}&viewMode=story&globals=locale:${locale}`);
  await page.locator('#storybook-root [data-chart]').first().waitFor();
  const found: string[] = [];
  for (const width of WIDTHS) {
    await page.evaluate((w) => {
      const root = document.getElementById('storybook-root');
      if (root) root.style.width = `${w}px`;
    }, width);
    await page.evaluate(() => document.fonts.ready.then(() => new Promise((resolve) => setTimeout(resolve, 150))));
    const { texts, charts } = await page.evaluate(collect);
    found.push(...problems(texts, charts).map((p) => `${id} at ${width}px, ${locale}: ${p}`));
  }
  return found;
}

describe('text never collides', () => {
  it('every chart at 320, 480, 640 and 960 px, in English and Chinese', async () => {
    expect(stories.length).toBeGreaterThanOrEqual(16);
    // Two pages take turns on a queue of (story, locale): a page load waits on the network and the other page's
    // layout runs meanwhile (about 1.5x faster on 2 cores than one page).
    const queue = stories.flatMap((story) => LOCALES.map((locale) => ({ id: story.id, locale })));
    const found: string[] = [];
    const worker = async () => {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      try {
        for (let next = queue.shift(); next; next = queue.shift()) found.push(...(await check(page, next.id, next.locale)));
      } finally {
        await page.close();
      }
    };
    await Promise.all([worker(), worker()]);
    found.sort();
    expect(found).toEqual([]);
  }, 300_000);
});
