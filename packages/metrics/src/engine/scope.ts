/**
 * A viewer's scope over an engine (`engine.scoped(ids)`): the mask of its accounts, and what a prepared dataset of
 * only their records would answer about itself (its CSMs, its dataset, its measures, its months), read from the
 * shared index through the mask.
 */
import { monthFromIndex } from '../core/dates.js';
import type { EngineScope } from '../core/metric.js';
import type { Dataset, Period } from '../core/types.js';
import { accountSpans, csmCodes, measureColumns, NO_MONTH, recordColumns, type DatasetIndex } from '../data/dataset-index.js';
import { filterMask } from '../data/selection.js';

let scopeCount = 0;

/** A scope over an index: the mask of the accounts with these ids (within `within`), keyed uniquely. */
export function engineScope(index: DatasetIndex, accountIds: Iterable<string>, within: EngineScope | null): EngineScope {
  const mask = filterMask(index, undefined, accountIds) ?? new Uint8Array(index.accounts.length).fill(1);
  if (within) for (let p = 0; p < mask.length; p += 1) mask[p] = (mask[p] as number) & (within.mask[p] as number);
  let count = 0;
  for (let p = 0; p < mask.length; p += 1) count += mask[p] as number;
  scopeCount += 1;
  const key = `scope-${scopeCount}`;
  return { key, mask, count, toJSON: () => key };
}

/**
 * The CSMs a scope's accounts name, and those its accounts' leads, advocacy and revenue credit: what a dataset of
 * the scope's own records lists as `csms` (`accountSubsets`).
 */
export function scopeCsms(index: DatasetIndex, scope: EngineScope): ReadonlySet<string | undefined> {
  if (scope.csms) return scope.csms;
  const named = new Set<string | undefined>();
  index.accounts.forEach((account, position) => { if (scope.mask[position] === 1 && account.csmId !== undefined) named.add(account.csmId); });
  const codes = csmCodes(index);
  const leads = recordColumns(index, 'leads');
  for (let row = 0; row < leads.account.length; row += 1) {
    const code = codes.leads[row] as number;
    if (code >= 0 && scope.mask[leads.account[row] as number] === 1) named.add(codes.ids[code]);
  }
  for (const name of ['advocacy', 'revenue'] as const) {
    const columns = recordColumns<{ accountId?: string; csmId?: string }>(index, name);
    for (let row = 0; row < columns.account.length; row += 1) {
      if (scope.mask[columns.account[row] as number] !== 1) continue;
      const csmId = columns.records.at(row)?.csmId;
      if (csmId !== undefined) named.add(csmId);
    }
  }
  scope.csms = named;
  return named;
}

/** The measure keys of the dataset, or of a scope's accounts' measures, sorted. */
export function measureKeysOf(index: DatasetIndex, scope: EngineScope | null): string[] {
  const measures = measureColumns(index);
  if (!scope) return [...measures.keys].sort();
  const seen = new Uint8Array(measures.keys.length);
  for (let row = 0; row < measures.key.length; row += 1) if (scope.mask[measures.account[row] as number] === 1) seen[measures.key[row] as number] = 1;
  return measures.keys.filter((_, code) => seen[code] === 1).sort();
}

/** The scope's accounts and the CSMs they name, with the dataset's currency: what a scoped engine's `dataset` holds. */
export function scopeDataset(index: DatasetIndex, scope: EngineScope): Dataset {
  const accounts = index.accounts.filter((_, position) => scope.mask[position] === 1);
  const named = scopeCsms(index, scope);
  const { csms, ...rest } = index.dataset;
  return { ...rest, accounts, ...(csms ? { csms: csms.filter((csm) => named.has(csm.id)) } : {}) };
}

/** The first and last month of ARR data of a scope's accounts (null without any). */
export function scopeDataPeriod(index: DatasetIndex, scope: EngineScope): Period | null {
  const spans = accountSpans(index);
  const first = spanOver(spans.arrFirst, scope.mask, Math.min);
  const last = spanOver(spans.arrLast, scope.mask, Math.max);
  return first === null || last === null ? null : { from: monthFromIndex(first), to: monthFromIndex(last) };
}

/** The month of a scope's latest contract start or ARR snapshot (null without any). */
export function scopeFreshestMonth(index: DatasetIndex, scope: EngineScope): number | null {
  return spanOver(accountSpans(index).freshest, scope.mask, Math.max);
}

/** The smallest or largest value of a per-account column over a scope's accounts (null where none has one). */
function spanOver(values: Int32Array, mask: Uint8Array, pick: (a: number, b: number) => number): number | null {
  let found: number | null = null;
  for (let p = 0; p < mask.length; p += 1) {
    const value = values[p] as number;
    if (mask[p] === 1 && value !== NO_MONTH) found = found === null ? value : pick(found, value);
  }
  return found;
}
