/**
 * An import in progress (it lives in the worker): the files read so far by collection, validated together, and a
 * report the page can show at any size. The current data is only replaced by `apply`, and only by a dataset with at
 * least one valid account.
 */
import { validateDataset } from '@cskit/metrics';
import type { CollectionName, DataIssue, Dataset } from '@cskit/metrics';
import { COLLECTIONS } from './fields.js';
import type { ImportIssue, ParsedFile, RawRecord } from './parse.js';

/** Issues the page lists one by one; the rest are counted by kind and in the downloadable report. */
export const SHOWN_ISSUES = 100;

export interface IssueKind {
  severity: 'error' | 'warning';
  file: string;
  field: string | null;
  /** The message with its values left out: one kind of problem. */
  pattern: string;
  count: number;
}

export interface ImportReport {
  files: Array<{ collection: CollectionName; fileName: string; rows: number; records: number }>;
  /** Valid records per collection after validation. */
  accepted: Partial<Record<CollectionName, number>>;
  errors: number;
  warnings: number;
  byKind: IssueKind[];
  /** The first `SHOWN_ISSUES` issues, in file and line order. */
  first: ImportIssue[];
  /** Contracts were made from the accounts file's subscription columns. */
  contractsFromSubscriptions: number;
}

/** A message's kind: quoted values and numbers replaced, so "'x' is not a date" and "'y' is not a date" count together. */
export function patternOf(message: string): string {
  return message.replace(/'[^']*'|"[^"]*"/g, '…').replace(/-?\d+(\.\d+)?(e[+-]?\d+)?/gi, 'n');
}

export class ImportSession {
  private readonly files = new Map<CollectionName, ParsedFile>();
  private validated: { dataset: Dataset; issues: ImportIssue[]; report: ImportReport } | null = null;

  set(file: ParsedFile): void {
    this.files.set(file.collection, file);
    this.validated = null;
  }

  remove(collection: CollectionName): void {
    this.files.delete(collection);
    this.validated = null;
  }

  get size(): number {
    return this.files.size;
  }

  /** The names of the files read, in collection order: what the dashboard says its data came from. */
  get fileNames(): string[] {
    return COLLECTIONS.flatMap((collection) => {
      const file = this.files.get(collection);
      return file ? [file.fileName] : [];
    });
  }

  /** The files validated together: the dataset `apply` would load, every issue, and the report. */
  validate(): { dataset: Dataset; issues: ImportIssue[]; report: ImportReport } {
    if (this.validated) return this.validated;
    const raw: Record<string, unknown> = {};
    const lines = new Map<string, { file: ParsedFile; lines: number[] }>();
    for (const collection of COLLECTIONS) {
      const file = this.files.get(collection);
      if (!file) continue;
      raw[collection] = file.records;
      lines.set(collection, { file, lines: file.lines });
    }
    const issues: ImportIssue[] = [...this.files.values()].flatMap((file) => file.issues);
    const accounts = this.files.get('accounts');
    let contractsFromSubscriptions = 0;
    if (accounts && accounts.subscriptions.length > 0) {
      if (this.files.has('contracts')) {
        issues.push({
          severity: 'warning', file: accounts.fileName, collection: 'accounts', line: 0, field: null,
          message: 'a contracts file is given, so the subscription columns of the accounts file are not used',
        });
      } else {
        // One open-ended (or dated) contract per account with subscription columns (docs/importing.md).
        raw.contracts = accounts.subscriptions.map(({ record }) => subscriptionContract(record));
        lines.set('contracts', { file: accounts, lines: accounts.subscriptions.map((s) => s.line) });
        contractsFromSubscriptions = accounts.subscriptions.length;
      }
    }
    const { dataset, issues: found } = validateDataset(raw);
    for (const issue of found) issues.push(located(issue, lines));
    issues.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
    this.validated = { dataset, issues, report: reportOf([...this.files.values()], dataset, issues, contractsFromSubscriptions) };
    return this.validated;
  }

  /** Every issue as CSV (file, line, severity, field, message): the full report to download. */
  issuesCsv(): string {
    const cell = (value: string | number | null) => {
      const text = value === null ? '' : String(value);
      const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
      return /[",;\t\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
    };
    const rows = this.validate().issues.map((i) => [i.file, i.line, i.severity, i.field, i.message].map(cell).join(','));
    return `file,line,severity,field,message\r\n${rows.join('\r\n')}\r\n`;
  }
}

function subscriptionContract(record: RawRecord): RawRecord {
  const contract: RawRecord = { id: `${String(record.accountId)}-subscription`, accountId: record.accountId, start: record.subscriptionStart, arr: record.subscriptionArr };
  if (record.subscriptionEnd !== undefined) contract.end = record.subscriptionEnd;
  if (record.subscriptionCurrency !== undefined) contract.currency = record.subscriptionCurrency;
  return contract;
}

/** A validation issue at its file and line (`index` counts the records passed to `validateDataset`). */
function located(issue: DataIssue, lines: ReadonlyMap<string, { file: ParsedFile; lines: number[] }>): ImportIssue {
  const source = lines.get(issue.collection);
  const fileName = source?.file.fileName ?? (issue.collection === 'dataset' ? 'dataset' : issue.collection);
  const collection = (source?.file.collection ?? 'accounts') as CollectionName;
  const line = source && issue.index >= 0 ? (source.lines[issue.index] ?? 0) : 0;
  const field = issue.collection === 'contracts' && source?.file.collection === 'accounts' && issue.field ? `subscription ${issue.field}` : issue.field ?? null;
  return { severity: issue.severity, file: fileName, collection, line, field, message: issue.message };
}

function reportOf(files: ParsedFile[], dataset: Dataset, issues: ImportIssue[], contractsFromSubscriptions: number): ImportReport {
  const kinds = new Map<string, IssueKind>();
  let errors = 0;
  for (const issue of issues) {
    if (issue.severity === 'error') errors += 1;
    const pattern = patternOf(issue.message);
    const key = `${issue.severity}|${issue.file}|${issue.field ?? ''}|${pattern}`;
    const kind = kinds.get(key);
    if (kind) kind.count += 1;
    else kinds.set(key, { severity: issue.severity, file: issue.file, field: issue.field, pattern, count: 1 });
  }
  const accepted: Partial<Record<CollectionName, number>> = {};
  for (const collection of COLLECTIONS) {
    const records = (dataset as unknown as Record<string, unknown[] | undefined>)[collection];
    if (Array.isArray(records) && (collection === 'accounts' || records.length > 0 || files.some((f) => f.collection === collection))) accepted[collection] = records.length;
  }
  return {
    files: files.map((f) => ({ collection: f.collection, fileName: f.fileName, rows: f.rows, records: f.records.length })),
    accepted,
    errors,
    warnings: issues.length - errors,
    byKind: [...kinds.values()].sort((a, b) => b.count - a.count),
    first: issues.slice(0, SHOWN_ISSUES),
    contractsFromSubscriptions,
  };
}
