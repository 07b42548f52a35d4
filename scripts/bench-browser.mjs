// `pnpm bench:browser`: in Debian's Chromium (playwright-core), the time from mount to the next paint of the ARR
// waterfall, the cohort heatmap and the 10k-point health quadrant against equivalent Recharts charts on the same
// page and data, and the 100k-row accounts table's sort-to-paint time and DOM size. Prints medians and ratios;
// results also go to test-results/bench-browser.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import { CHROMIUM, CHROMIUM_ARGS as ARGS } from './chromium.mjs';

const config = fileURLToPath(new URL('../test/bench/browser/vite.config.ts', import.meta.url));
const outDir = fileURLToPath(new URL('../test-results/', import.meta.url));
const RUNS = Number(process.env.CSKIT_BENCH_RUNS ?? 9);
const TABLE_ROWS = 100_000;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

await build({ configFile: config, logLevel: 'warn' });
const server = await preview({ configFile: config, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
const url = server.resolvedUrls.local[0];
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
  await page.goto(url);
  await page.waitForFunction(() => window.cskitBench !== undefined);
  const scenarios = await page.evaluate(() => window.cskitBench.scenarios);
  const charts = [...new Set(scenarios.map((s) => s.split('/')[0]))];
  const results = { charts: {}, table: null };
  for (const chart of charts) {
    const times = { cskit: [], recharts: [] };
    const nodes = {};
    // One warm-up of each, then alternate so both see the same machine state.
    for (let run = 0; run <= RUNS; run += 1) {
      for (const lib of ['cskit', 'recharts']) {
        const result = await page.evaluate((name) => window.cskitBench.mount(name), `${chart}/${lib}`);
        if (run > 0) times[lib].push(result.ms);
        nodes[lib] = result.nodes;
      }
    }
    results.charts[chart] = { cskitMs: median(times.cskit), rechartsMs: median(times.recharts), nodes };
  }
  const sorts = [];
  for (let run = 0; run < 3; run += 1) sorts.push(await page.evaluate((count) => window.cskitBench.sortTable(count), TABLE_ROWS));
  results.table = { rows: TABLE_ROWS, mountMs: median(sorts.map((s) => s.mountMs)), sortMs: median(sorts.map((s) => s.sortMs)), textSortMs: median(sorts.map((s) => s.textSortMs)), nodes: sorts[0].nodes };

  console.log(`\nmount to next paint, median of ${RUNS} (Chromium ${browser.version()})`);
  console.log('chart              cskit      Recharts   cskit/Recharts   DOM nodes (cskit / Recharts)');
  for (const [chart, r] of Object.entries(results.charts)) {
    console.log(`${chart.padEnd(16)} ${`${r.cskitMs.toFixed(1)} ms`.padStart(9)} ${`${r.rechartsMs.toFixed(1)} ms`.padStart(11)} ${`${(r.cskitMs / r.rechartsMs).toFixed(2)}x`.padStart(14)}   ${r.nodes.cskit} / ${r.nodes.recharts}`);
  }
  const t = results.table;
  console.log(`\naccounts table, ${t.rows.toLocaleString('en-US')} rows: mount ${t.mountMs.toFixed(0)} ms, sort to next paint by ARR ${t.sortMs.toFixed(0)} ms, by name ${t.textSortMs.toFixed(0)} ms, DOM nodes ${t.nodes} (budget < 1,400)`);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(`${outDir}bench-browser.json`, `${JSON.stringify({ chromium: browser.version(), runs: RUNS, ...results }, null, 2)}\n`);
  if (t.nodes >= 1400) process.exitCode = 1;
} finally {
  await browser.close();
  await server.close();
}
