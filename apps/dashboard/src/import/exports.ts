/**
 * Exports as they come (a billing tool's subscriptions, a CRM's accounts, a survey's responses), read by
 * `@cskit/import` where the data is: the page sends the files and the user's choices, and gets back a small report
 * (counts, the notes of every decision, the first issues). The dataset stays in the worker until applied.
 */
import { importTables } from '@cskit/import';
import type { ImportIssue, ImportOptions, ImportResult, TableMapping } from '@cskit/import';

/** What the user chose: `auto` leaves the decision to the data (and the notes say what was decided). */
export interface ExportChoices {
  amount: 'auto' | 'arr' | 'mrr';
  endDate: 'auto' | 'inclusive' | 'exclusive';
  /** `auto`: decided per column from its values. */
  dateFormat: 'auto' | 'YYYY-MM-DD' | 'M/D/YYYY' | 'D/M/YYYY';
  /** ISO 4217 reporting currency; empty: from the data. */
  currency: string;
  /** Rates as the user types them: `EUR=1.08, GBP 1.27` (units of the reporting currency per unit). */
  rates: string;
  /** The user's own mapping of tables and columns; null: recognised. */
  mapping: Record<string, TableMapping> | null;
}

export const AUTO_CHOICES: ExportChoices = { amount: 'auto', endDate: 'auto', dateFormat: 'auto', currency: '', rates: '', mapping: null };

/** Rates typed as `CODE=rate` pairs (comma, semicolon or newline between; `=`, `:` or a space within). */
export function parseRates(text: string): { rates: Record<string, number>; problems: string[] } {
  const rates: Record<string, number> = {};
  const problems: string[] = [];
  for (const part of text.split(/[,;\n]+/).map((p) => p.trim()).filter(Boolean)) {
    const match = /^([A-Za-z]{3})\s*[=: ]\s*(\d+(?:\.\d+)?)$/.exec(part);
    const rate = match ? Number(match[2]) : Number.NaN;
    if (match && rate > 0) Object.defineProperty(rates, (match[1] as string).toUpperCase(), { value: rate, enumerable: true, writable: true, configurable: true });
    else problems.push(part);
  }
  return { rates, problems };
}

export interface ExportsReport {
  files: string[];
  /** What each table was read as (the user's mapping, or the recognised one), and the columns each table has. */
  mapping: Record<string, TableMapping>;
  columns: Record<string, string[]>;
  /** Rate entries that could not be read. */
  rateProblems: string[];
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

/**
 * The most text one read of exports takes (all files together): `importTables` holds a read in memory, in the
 * worker, so a file past this is refused by name before it is read, never left to exhaust the worker.
 */
export const MAX_EXPORT_BYTES = 512 * 2 ** 20;

export function optionsOf(choices: ExportChoices): ImportOptions {
  const currency = choices.currency.trim().toUpperCase();
  const { rates } = parseRates(choices.rates);
  return {
    ...(choices.amount === 'auto' ? {} : { amount: choices.amount }),
    ...(choices.endDate === 'auto' ? {} : { endDate: choices.endDate }),
    ...(choices.dateFormat === 'auto' ? {} : { dateFormat: choices.dateFormat }),
    ...(currency === '' ? {} : { currency }),
    ...(Object.keys(rates).length === 0 ? {} : { fxRates: rates }),
    ...(choices.mapping === null ? {} : { mapping: choices.mapping }),
  };
}

/** Reads the files with `importTables`: the result to apply, and the report to show. */
export async function readExports(files: readonly File[], choices: ExportChoices): Promise<{ result: ImportResult; report: ExportsReport }> {
  const bytes = files.reduce((sum, file) => sum + file.size, 0);
  if (bytes > MAX_EXPORT_BYTES) {
    const largest = files.reduce((a, b) => (b.size > a.size ? b : a));
    throw new Error(`the exports are ${Math.round(bytes / 2 ** 20)} MB together (${largest.name} ${Math.round(largest.size / 2 ** 20)} MB): at most ${MAX_EXPORT_BYTES / 2 ** 20} MB are read at once`);
  }
  const tables = await Promise.all(files.map(async (file) => ({ name: file.name, text: await file.text() })));
  const result = importTables(tables, optionsOf(choices));
  const errors = result.issues.filter((issue) => issue.severity === 'error').length;
  return {
    result,
    report: {
      files: files.map((file) => file.name),
      mapping: result.mapping,
      columns: result.columns,
      rateProblems: parseRates(choices.rates).problems,
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
