// Prints the benchmark's ratios from vitest bench's JSON (test-results/bench.json): per size, cskit against the
// Arquero peer and the typed-array floor on the same metrics, and how the time grows with the account count.
// Goals (issue 7): cskit <= 0.5x Arquero, <= 3x the floor, and linear growth.
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'test-results/bench.json';
const report = JSON.parse(readFileSync(file, 'utf8'));
const groups = report.files.flatMap((f) => f.groups);
const mean = (group, prefix) => group.benchmarks.find((b) => b.name.startsWith(prefix))?.mean ?? Number.NaN;
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

// The metrics groups only (those with the Arquero peer): the engine's groups have their own peers and report.
const rows = groups.filter((group) => group.benchmarks.some((b) => b.name.startsWith('arquero'))).map((group) => {
  const accounts = Number(group.fullName.match(/([\d,]+) accounts/)?.[1].replace(/,/g, ''));
  return {
    accounts,
    dashboard: mean(group, 'cskit computeDashboard'),
    subset: mean(group, 'cskit, the metrics'),
    arquero: mean(group, 'arquero'),
    floor: mean(group, 'typed-array floor'),
  };
}).sort((a, b) => a.accounts - b.accounts);

console.log('\naccounts   computeDashboard   cskit (same metrics)   Arquero      floor      vs Arquero (<= 0.5)   vs floor (<= 3)');
for (const row of rows) {
  const vsPeer = row.subset / row.arquero;
  const vsFloor = row.subset / row.floor;
  console.log([
    row.accounts.toLocaleString('en-US').padStart(8),
    seconds(row.dashboard).padStart(18),
    seconds(row.subset).padStart(22),
    seconds(row.arquero).padStart(9),
    seconds(row.floor).padStart(10),
    `${vsPeer.toFixed(3)}x ${vsPeer <= 0.5 ? 'ok' : 'MISSED'}`.padStart(21),
    `${vsFloor.toFixed(2)}x ${vsFloor <= 3 ? 'ok' : 'MISSED'}`.padStart(17),
  ].join(' '));
}
if (rows.length > 1) {
  const base = rows[0];
  console.log('\nscaling (time per account, relative to the smallest size; 1.0 = linear):');
  for (const row of rows) {
    const perAccount = (ms) => ms / row.accounts / (base ? 1 : 1);
    const ratio = (key) => (perAccount(row[key]) / (base[key] / base.accounts)).toFixed(2);
    console.log(`${row.accounts.toLocaleString('en-US').padStart(8)}  computeDashboard ${ratio('dashboard')}  cskit subset ${ratio('subset')}  Arquero ${ratio('arquero')}  floor ${ratio('floor')}`);
  }
}
