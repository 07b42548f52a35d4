import { chromium } from 'playwright';
const [,, url, out, width = '1440', selector = '', theme = ''] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const page = await browser.newPage({ viewport: { width: Number(width), height: 900 } });
await page.goto(url);
await page.waitForTimeout(6000);
if (selector) {
  const el = page.locator(selector).first();
  await el.scrollIntoViewIfNeeded();
  await page.waitForTimeout(1500);
  await el.screenshot({ path: out });
} else await page.screenshot({ path: out, fullPage: false });
await browser.close();
