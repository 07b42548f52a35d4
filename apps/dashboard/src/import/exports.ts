/**
 * Exports as they come (a billing tool's subscriptions, a CRM's accounts, a survey's responses), read by
 * `@cskit/import` where the data is: the page sends the files and the user's choices, and gets back a small report
 * (counts, the notes of every decision, the first issues). The dataset stays in the worker until applied.
 */
import { importTables } from '@cskit/import';
import type { ImportIssue, ImportOptions, ImportResult } from '@cskit/import';

/** What the user chose: `auto` leaves the decision to the data (and the notes say what was decided). */
export interface ExportChoices {
  amount: 'auto' | 'arr' | 'mrr';
  endDate: 'auto' | 'inclusive' | 'exclusive';
  /** ISO 4217 reporting currency; empty: from the data. */
  currency: string;
}

export interface ExportsReport {
  files: string[];
  accounts: number;
  contracts: number;
  currency: string;
  notes: string[];
  errors: number;
  warnings: number;
  /** The first issues, in file order. */
  first: Array<Pick<ImportIssue, 'severity' | 'table' | 'line' | 'message'> & { column: string | null }>;
}

export const SHOWN_EXPORT_ISSUES = 100;

export function optionsOf(choices: ExportChoices): ImportOptions {
  const currency = choices.currency.trim().toUpperCase();
  return {
    ...(choices.amount === 'auto' ? {} : { amount: choices.amount }),
    ...(choices.endDate === 'auto' ? {} : { endDate: choices.endDate }),
    ...(currency === '' ? {} : { currency }),
  };
}

/** Reads the files with `importTables`: the result to apply, and the report to show. */
export async function readExports(files: readonly File[], choices: ExportChoices): Promise<{ result: ImportResult; report: ExportsReport }> {
  const tables = await Promise.all(files.map(async (file) => ({ name: file.name, text: await file.text() })));
  const result = importTables(tables, optionsOf(choices));
  const errors = result.issues.filter((issue) => issue.severity === 'error').length;
  return {
    result,
    report: {
      files: files.map((file) => file.name),
      accounts: result.dataset.accounts.length,
      contracts: result.dataset.contracts?.length ?? 0,
      currency: result.dataset.currency ?? 'USD',
      notes: result.notes,
      errors,
      warnings: result.issues.length - errors,
      first: result.issues.slice(0, SHOWN_EXPORT_ISSUES).map((issue) => ({
        severity: issue.severity, table: issue.table, line: issue.line, column: issue.column ?? null, message: issue.message,
      })),
    },
  };
}
