/** The public shapes of `importTables` (SPEC 13). */
import type { CollectionName, DataIssue, Dataset } from '@cskit/metrics';

/** One file as given: its name (which says what it holds, e.g. `subscriptions.csv`) and its text, CSV or JSON. */
export interface ImportTable {
  name: string;
  text: string;
}

/** What a table becomes: a collection of the data contract, or `subscriptions` (contracts that bring their accounts). */
export type ImportCollection = CollectionName | 'subscriptions';

/** A table's collection and, for each of its columns that is imported, the field it feeds. */
export interface TableMapping {
  collection: ImportCollection;
  /** Column (as in the header) -> field. A column left out is not imported (and named in the notes). */
  columns: Record<string, string>;
}

export interface ImportOptions {
  /** By table name; recognised from names and values where omitted. */
  mapping?: Record<string, TableMapping>;
  /** A bare amount column, when neither its name nor an interval column says: ARR (default) or MRR. */
  amount?: 'arr' | 'mrr';
  /** Contract end dates: the last covered day (`inclusive`) or the day after it. Default: decided from the data. */
  endDate?: 'inclusive' | 'exclusive';
  /** e.g. `'M/D/YYYY'`, `'D/M/YYYY'`, `'YYYY-MM-DD'`, `'YYYY/MM/DD'`; default: decided per column from all its values. */
  dateFormat?: string;
  /** Reporting currency (any ISO 4217 code). */
  currency?: string;
  /** Units of the reporting currency per unit of the keyed currency. */
  fxRates?: Record<string, number>;
}

/** A `DataIssue` located in the files: the table, the file's line (1 is a CSV header; 0 the whole table) and column. */
export interface ImportIssue extends DataIssue {
  table: string;
  line: number;
  column?: string;
}

export interface ImportResult {
  dataset: Dataset;
  issues: ImportIssue[];
  mapping: Record<string, TableMapping>;
  /** Each table's columns as its header names them (`file#collection` for one collection of a JSON dataset): what a
   * mapping form offers. */
  columns: Record<string, string[]>;
  /** Every decision taken for the user: formats, units, end dates, derived accounts and ids, columns not imported. */
  notes: string[];
}
