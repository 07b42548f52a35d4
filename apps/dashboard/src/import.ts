/**
 * Own data: one CSV or JSON file per collection, turned into raw records for `validateDataset`. Nothing is fixed
 * up silently: CSV numbers are converted only in the contract's numeric fields, empty cells mean "absent", and
 * every parse error or validation issue is reported with its file, row and field.
 */
import { COLLECTION_NAMES, numericFields } from '@cskit/metrics';
import type { CollectionName, DataIssue } from '@cskit/metrics';
import Papa from 'papaparse';

/** Every collection of the data contract, accounts first (the one an import needs). */
export const COLLECTIONS: readonly CollectionName[] = ['accounts', ...COLLECTION_NAMES.filter((name) => name !== 'accounts')];

/** A header and one example row per collection: the downloadable templates. */
export const TEMPLATES: Record<CollectionName, string> = {
  accounts: 'id,name,signedAt,csmId,salesRepId,segment,region,industry,channel,stage\nacc-1,Acme Ltd,2024-03-15,csm-1,rep-1,KA,APAC,Software,direct,customer\n',
  contracts: 'id,accountId,start,end,arr,currency,optOutDate\nctr-1,acc-1,2024-03-15,2025-03-14,120000,USD,\n',
  arr: 'accountId,month,arr,currency\nacc-1,2025-01,120000,USD\n',
  health: 'accountId,month,outcome,experience\nacc-1,2025-01,72,65\n',
  nps: 'id,accountId,date,score,role\nnps-1,acc-1,2025-02-10,9,admin\n',
  activity: 'accountId,month,activeUsers,licensedUsers\nacc-1,2025-01,42,50\n',
  leads: 'id,accountId,csmId,createdAt,stage,closedAt,arr\nlead-1,acc-1,csm-1,2025-01-10,won,2025-03-01,15000\n',
  advocacy: 'id,accountId,csmId,date,kind\nadv-1,acc-1,csm-1,2025-04-01,case-study\n',
  revenue: 'id,accountId,csmId,date,arr,source\nrev-1,acc-1,csm-1,2025-05-01,8000,consulting\n',
  csms: 'id,name,team\ncsm-1,Li Na,APAC\n',
  measures: 'accountId,month,key,value\nacc-1,2025-01,coreFeatureUse,0.64\n',
};

export interface ImportedFile {
  collection: CollectionName;
  fileName: string;
  format: 'csv' | 'json';
  records: Array<Record<string, unknown>>;
  /** Problems found while parsing, before validation. */
  parseIssues: DataIssue[];
}

export async function readImportFile(collection: CollectionName, file: File): Promise<ImportedFile> {
  const text = await file.text();
  return parseImport(collection, file.name, text);
}

export function parseImport(collection: CollectionName, fileName: string, text: string): ImportedFile {
  const format = /\.json$/i.test(fileName) || /^\s*[[{]/.test(text) ? 'json' : 'csv';
  if (format === 'json') {
    try {
      const parsed: unknown = JSON.parse(text);
      const records = Array.isArray(parsed) ? parsed : (parsed as Record<string, unknown>)[collection];
      if (!Array.isArray(records)) {
        return { collection, fileName, format, records: [], parseIssues: [issue(collection, -1, `expected an array of ${collection} records`)] };
      }
      return { collection, fileName, format, records: records as Array<Record<string, unknown>>, parseIssues: [] };
    } catch (error) {
      return { collection, fileName, format, records: [], parseIssues: [issue(collection, -1, `not valid JSON: ${String(error)}`)] };
    }
  }
  const result = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy' });
  const numeric = numericFields(collection);
  const records = result.data.map((row) => {
    const record: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(row)) {
      if (key === '' || value === undefined || value === '') continue;
      const trimmed = value.trim();
      record[key.trim()] = numeric.includes(key.trim()) && trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : trimmed;
    }
    return record;
  });
  const parseIssues = result.errors.map((error) => issue(collection, error.row ?? -1, `CSV: ${error.message}`));
  return { collection, fileName, format, records, parseIssues };
}

function issue(collection: string, index: number, message: string): DataIssue {
  return { severity: 'error', collection, index, message };
}

/** The raw dataset of the imported files (the reporting currency is USD unless a JSON file says otherwise). */
export function rawDataset(files: readonly ImportedFile[]): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const file of files) raw[file.collection] = file.records;
  return raw;
}

/** Where an issue points in the user's files: the file name and the row as the user counts it. */
export function locate(issue: DataIssue, files: readonly ImportedFile[]): { file: string; row: string } {
  const file = files.find((f) => f.collection === issue.collection);
  if (!file) return { file: issue.collection, row: '' };
  if (issue.index < 0) return { file: file.fileName, row: '' };
  // CSV: line 1 is the header, so record i is on line i + 2. JSON: records are counted from 1.
  return { file: file.fileName, row: String(file.format === 'csv' ? issue.index + 2 : issue.index + 1) };
}
