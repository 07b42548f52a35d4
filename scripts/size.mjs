// `pnpm size`: bundle sizes (min+gzip, React excluded) of every chart subpath, @cskit/metrics and @cskit/table,
// measured by size-limit in one run with the peers. Fails when a budget is exceeded:
//   each chart subpath <= 25 kB, @cskit/metrics <= 50 kB (44 until SPEC 12 and 14 in full), @cskit/metrics/load (the loading pipeline with the engine it
//   prepares; 49 kB since 2026-12-05: `datasetStreamChecker` for writers, which a page's bundle shakes out) <= 49 kB, @cskit/import (with Papa Parse) <= 17 kB, @cskit/react <= 22 kB (in .size-limit.json),
//   @cskit/table (its own code and TanStack; @cskit/react and @cskit/metrics counted above) <= TanStack Table +
//   Virtual (what the table imports from them) + 11 kB (checked here). A chart's export code (./export-*.js) is
//   loaded by a dynamic import on the first "Save" click, so it is not counted in any chart's size.
import { execFileSync } from 'node:child_process';

// 11 kB since 2026-12-03: narrow tables fit their columns (measured before paint), CSM links, the targets column.
const TABLE_ALLOWANCE = 11_000;
let raw;
let log = '';
try {
  // stderr holds esbuild's notes on tsdown's shared chunks; shown only when the run fails.
  raw = execFileSync('pnpm', ['exec', 'size-limit', '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
} catch (error) {
  // size-limit exits non-zero when a static limit fails; its JSON is still on stdout.
  raw = error.stdout;
  log = error.stderr;
}
let checks;
try {
  checks = JSON.parse(raw);
} catch {
  checks = null;
}
if (!Array.isArray(checks)) {
  console.error(raw, log);
  process.exit(1);
}
const byName = new Map(checks.map((check) => [check.name, check]));
const tanstack = byName.get('peer: TanStack Table + Virtual (as @cskit/table uses them)');
const recharts = byName.get('peer: Recharts LineChart');
const table = byName.get('@cskit/table');
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

let failed = false;
const rows = checks.map((check) => {
  let budget = check.sizeLimit;
  if (check === table) budget = tanstack.size + TABLE_ALLOWANCE;
  const ok = budget === undefined ? true : check.size <= budget;
  if (!ok) failed = true;
  return { name: check.name, size: check.size, budget, ok };
});
const width = Math.max(...rows.map((row) => row.name.length));
console.log(`${'bundle (min+gzip, React excluded)'.padEnd(width)}  ${'size'.padStart(9)}  ${'budget'.padStart(9)}  vs Recharts LineChart`);
for (const row of rows) {
  const status = row.budget === undefined ? 'peer' : row.ok ? 'ok' : 'OVER BUDGET';
  const ratio = `${(row.size / recharts.size).toFixed(2)}x`;
  console.log(`${row.name.padEnd(width)}  ${kb(row.size).padStart(9)}  ${(row.budget === undefined ? '—' : kb(row.budget)).padStart(9)}  ${ratio.padStart(6)}  ${status}`);
}
process.exit(failed ? 1 : 0);
