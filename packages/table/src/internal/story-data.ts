/** Results for the table stories, from the sample data (not part of the public API). */
import { accountStory, accountSummaries, csmScorecard, earlyWarnings, renewals, renewalsAhead } from '@cskit/metrics';
import type { AccountSummary } from '@cskit/metrics';
import { generateDataset } from '@cskit/sample-data';

export const period = { from: '2025-01', to: '2025-12' };
export const dataset = generateDataset({ seed: 42, accounts: 400 });
export const accounts = accountSummaries(dataset, { period, graceMonths: 1 });
export const renewalSummary = renewals(dataset, { period, graceMonths: 1 });
export const warnings = earlyWarnings(dataset, { asOf: period.to });
export const scorecard = csmScorecard(dataset, { period, graceMonths: 1 });
export const ahead = renewalsAhead(dataset, { asOf: '2025-12-01', months: 6, graceMonths: 1 });
/** The story of the account with the most NPS responses in the period. */
export const story = accountStory(dataset, mostResponses(), { period, graceMonths: 1 });

function mostResponses(): string {
  const counts = new Map<string, number>();
  for (const r of dataset.nps ?? []) if (r.accountId && r.date.slice(0, 7) >= period.from && r.date.slice(0, 7) <= period.to) counts.set(r.accountId, (counts.get(r.accountId) ?? 0) + 1);
  let best = dataset.accounts[0]?.id ?? '';
  for (const [id, count] of counts) if (count > (counts.get(best) ?? 0)) best = id;
  return best;
}
const names = new Map(dataset.accounts.map((a) => [a.id, a.name]));
export const accountName = (id: string): string => names.get(id) ?? id;

/** 100k rows, repeating the sample's accounts with distinct ids and ARR. */
export function manyAccounts(count: number): AccountSummary[] {
  return Array.from({ length: count }, (_, i) => {
    const base = accounts[i % accounts.length] as AccountSummary;
    return { ...base, accountId: `${base.accountId}-${i}`, name: `${base.name} #${i}`, arr: (i * 7919) % 250_000 };
  });
}

/**
 * Shows a column a narrow table has hidden to fit (the story canvas is a phone's width): through the Columns menu,
 * as a user would.
 */
export async function showColumn(canvasElement: HTMLElement, name: string): Promise<void> {
  const box = [...canvasElement.querySelectorAll<HTMLInputElement>('.cskit-table__columns input[type="checkbox"]')]
    .find((input) => input.parentElement?.textContent === name);
  if (box && !box.checked) box.click();
  // The menu's change re-renders the table with the column: wait for its head.
  for (let tries = 0; tries < 50 && ![...canvasElement.querySelectorAll('th')].some((th) => th.textContent?.startsWith(name)); tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
