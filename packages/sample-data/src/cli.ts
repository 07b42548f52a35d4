#!/usr/bin/env node
/** `cskit-summary [--seed N] [--accounts N]`: prints a metrics summary of the sample data. */
import { arrMovements, renewals, retention, validateDataset } from '@cskit/metrics';
import { generateDataset } from './generate.js';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`--${name} takes a whole number, got ${process.argv[at + 1]}`);
  return value;
}

const seed = option('seed', 1);
const accountCount = option('accounts', 2000);
const { dataset, issues } = validateDataset(generateDataset({ seed, accounts: accountCount, months: 36, start: '2023-01' }));
const period = { from: '2025-01', to: '2025-12' };
const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: dataset.currency ?? 'USD', maximumFractionDigits: 0 });
const percent = (value: number | null) => (value === null ? 'n/a' : `${(value * 100).toFixed(1)}%`);

const waterfall = arrMovements(dataset, { period, graceMonths: 1 });
const renewal = renewals(dataset, { period, graceMonths: 1 });
const kept = retention(dataset, { start: '2024-12', end: '2025-12' });

const lines = [
  `cskit sample data: seed ${seed}, ${dataset.accounts.length} accounts, ${dataset.contracts?.length ?? 0} contracts, ${issues.filter((i) => i.severity === 'error').length} validation errors`,
  '',
  `ARR waterfall ${period.from}..${period.to} (grace 1 month)`,
  `  opening       ${money.format(waterfall.opening)}`,
  `  new           ${money.format(waterfall.new)}`,
  `  expansion     ${money.format(waterfall.expansion)}`,
  `  contraction   ${money.format(waterfall.contraction)}`,
  `  churn         ${money.format(waterfall.churn)}`,
  `  reactivation  ${money.format(waterfall.reactivation)}`,
  `  closing       ${money.format(waterfall.closing)}   (net new ${money.format(waterfall.netNew)})`,
  '',
  `Retention 2024-12 -> 2025-12: NRR ${percent(kept.nrr)}, GRR ${percent(kept.grr)}`,
  `Renewals due ${period.from}..${period.to}: ${renewal.due.count} contracts, ${money.format(renewal.due.arr)}`,
  `  renewed ${renewal.renewed.count}, churned ${renewal.churned.count}, pending ${renewal.pending.count}`,
  `  logo rate ${percent(renewal.logoRate)}, dollar rate ${percent(renewal.dollarRate)}, gross dollar rate ${percent(renewal.grossDollarRate)}`,
];
console.log(lines.join('\n'));
