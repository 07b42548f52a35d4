// `pnpm bench:import`: the built demo imports a large bad CSV (CSKIT_IMPORT_ROWS, default 650,000 rows, ~50 MB:
// every row with an impossible date) in Debian's Chromium. Measured: time from choosing the file to the report,
// the longest main-thread task meanwhile (PerformanceObserver, > 50 ms), and the report's table rows in the DOM.
// CSKIT_IMPORT_PATH=exports: instead, a valid 65 MB subscriptions export (MRR, exclusive ends, no accounts file)
// through the "Exports as they are" panel (`importTables` in the worker), until its report is up.
// Results go to test-results/bench-import[-exports].json. Not part of the test command.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.mjs';

const APP = fileURLToPath(new URL('../apps/dashboard/', import.meta.url));
const outDir = fileURLToPath(new URL('../test-results/', import.meta.url));
const EXPORTS = process.env.CSKIT_IMPORT_PATH === 'exports';
const ROWS = Number(process.env.CSKIT_IMPORT_ROWS ?? (EXPORTS ? 776_000 : 650_000));

const lines = EXPORTS ? ['subscription_id,customer_id,customer_name,start_date,end_date,mrr,currency,interval,plan'] : ['id,name,signedAt,segment,region,industry,channel,stage'];
for (let i = 0; i < ROWS; i += 1) {
  if (!EXPORTS) { lines.push(`acc-${i},Account number ${i} with a long name,2024-02-30,SMB,EMEA,Software,direct,customer-since-2019`); continue; }
  const c = i >> 2;
  const year = 2021 + (i & 3);
  const month = String(1 + (c % 12)).padStart(2, '0');
  lines.push(`sub_${i},cus_${c},Customer ${c} Ltd,${year}-${month}-15,${year + 1}-${month}-15,${(100 + (c % 900)).toFixed(2)},USD,month,pro`);
}
const csv = Buffer.from(`${lines.join('\n')}\n`);
mkdirSync(outDir, { recursive: true });
const file = `${outDir}${EXPORTS ? 'subscriptions.csv' : 'bench-import-accounts.csv'}`;
writeFileSync(file, csv);

await build({ root: APP, configFile: `${APP}vite.config.ts`, logLevel: 'warn' });
const server = await preview({ root: APP, configFile: `${APP}vite.config.ts`, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => { for (const entry of list.getEntries()) window.__longTasks.push({ start: entry.startTime, ms: entry.duration }); })
      .observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`${server.resolvedUrls.local[0]}?accounts=2000`);
  await page.getByRole('region', { name: 'Key figures' }).waitFor({ timeout: 120_000 });
  await page.getByRole('button', { name: 'Import data' }).click();
  await page.waitForTimeout(1000);
  const start = await page.evaluate(() => performance.now());
  await page.locator(EXPORTS ? 'input[data-exports]' : 'input[data-collection="accounts"]').setInputFiles(file);
  await page.locator('.import__report').waitFor({ timeout: 600_000 });
  const result = await page.evaluate((since) => ({
    ms: Math.round(performance.now() - since),
    longestTaskMs: Math.max(0, ...window.__longTasks.filter((t) => t.start >= since).map((t) => Math.round(t.ms))),
    longTasks: window.__longTasks.filter((t) => t.start >= since).length,
    reportRows: document.querySelectorAll('.import__report tr').length,
    report: document.querySelector('.import__report p')?.textContent ?? '',
  }), start);
  const summary = { chromium: browser.version(), path: EXPORTS ? 'exports' : 'per-collection', rows: ROWS, megabytes: Math.round(csv.length / 2 ** 20), ...result };
  console.log(summary);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(`${outDir}bench-import${EXPORTS ? '-exports' : ''}.json`, `${JSON.stringify(summary, null, 2)}\n`);
} finally {
  await browser.close();
  await server.close();
}
