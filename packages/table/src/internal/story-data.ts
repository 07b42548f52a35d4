/** Results for the table stories, from the sample data (not part of the public API). */
import { accountSummaries, csmScorecard, earlyWarnings, renewals } from '@cskit/metrics';
import type { AccountSummary } from '@cskit/metrics';
import { generateDataset } from '@cskit/sample-data';

export const period = { from: '2025-01', to: '2025-12' };
export const dataset = generateDataset({ seed: 42, accounts: 400 });
export const accounts = accountSummaries(dataset, { period, graceMonths: 1 });
export const renewalSummary = renewals(dataset, { period, graceMonths: 1 });
export const warnings = earlyWarnings(dataset, { asOf: period.to });
export const scorecard = csmScorecard(dataset, { period, graceMonths: 1 });
const names = new Map(dataset.accounts.map((a) => [a.id, a.name]));
export const accountName = (id: string): string => names.get(id) ?? id;

/** 100k rows, repeating the sample's accounts with distinct ids and ARR. */
export function manyAccounts(count: number): AccountSummary[] {
  return Array.from({ length: count }, (_, i) => {
    const base = accounts[i % accounts.length] as AccountSummary;
    return { ...base, accountId: `${base.accountId}-${i}`, name: `${base.name} #${i}`, arr: (i * 7919) % 250_000 };
  });
}
