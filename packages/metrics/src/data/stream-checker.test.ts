import { generateDatasetChunks } from '@cskit/sample-data';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { datasetStreamChecker } from './stream-checker.js';
import { validateDataset } from './validate.js';
import { chunksOf, rawArb } from '../test-support/raw-datasets.js';
import type { CollectionName, DataIssue } from '../core/types.js';
import type { DatasetChunk } from '../engine/prepare-sliced.js';

type Kept = Map<string, Array<[number, Record<string, unknown>]>>;

/** Streams chunks through a checker: the records it keeps (with their indexes) by collection, its issues, the scattered. */
function stream(chunks: readonly DatasetChunk[]) {
  const [header, ...rest] = chunks as [{ currency?: unknown; fxRates?: unknown }, ...DatasetChunk[]];
  const checker = datasetStreamChecker(header);
  const kept: Kept = new Map();
  for (const chunk of rest) {
    const { collection, records } = chunk as { collection: CollectionName; records: unknown };
    if (!kept.has(collection)) kept.set(collection, []);
    checker.add(collection, records, (row, index) => kept.get(collection)?.push([index, row]));
  }
  const issues = checker.finish();
  return { kept, issues, errors: checker.errors, scattered: new Set<string>(checker.scattered()), checker };
}

const leftToWriter = (issue: DataIssue) => issue.field === 'id' && issue.message.startsWith('duplicate id') && issue.collection !== 'accounts' && issue.collection !== 'csms';
const isRepeat = (issue: DataIssue) => / \(the first is kept\)$/.test(issue.message) && !issue.message.startsWith('duplicate id');
const isOverlap = (issue: DataIssue) => issue.severity === 'warning' && issue.collection === 'contracts' && issue.field === 'start';

describe('datasetStreamChecker', () => {
  it('reports what validateDataset reports and keeps what it keeps, but for the checks left to the writer (property)', () => {
    fc.assert(fc.property(rawArb, fc.integer({ min: 1, max: 4 }), (raw, size) => {
      const whole = validateDataset(raw);
      const s = stream(chunksOf(raw as Record<string, unknown>, size));
      // Duplicate record ids are the writer's; overlaps are warnings a writer does not read; repeats across runs are
      // the writer's (the collection is scattered), those within a run found here.
      const expected = whole.issues.filter((issue) => !leftToWriter(issue) && !isOverlap(issue) && !(isRepeat(issue) && s.scattered.has(issue.collection)));
      const found = s.issues.filter((issue) => !(isRepeat(issue) && s.scattered.has(issue.collection)));
      expect(found).toEqual(expected);
      for (const issue of s.issues.filter((i) => isRepeat(i) && s.scattered.has(i.collection))) expect(whole.issues).toContainEqual(issue);
      expect(s.errors).toBe(s.issues.filter((issue) => issue.severity === 'error').length);
      const duplicates = new Set(whole.issues.filter(leftToWriter).map((issue) => `${issue.collection}:${issue.index}`));
      for (const [collection, rows] of s.kept) {
        if (s.scattered.has(collection)) continue;
        const list = (whole.dataset as unknown as Record<string, unknown[]>)[collection];
        expect(rows.filter(([index]) => !duplicates.has(`${collection}:${index}`)).map(([, row]) => row)).toEqual(list);
      }
    }), { numRuns: 300 });
  });

  it('on the sample, streamed block by block: every record kept, no issue, no account scattered', () => {
    const s = stream([...generateDatasetChunks({ seed: 5, accounts: 60, months: 14, blockAccounts: 7 })]);
    expect(s.issues).toEqual([]);
    expect(s.scattered.size).toBe(0);
    expect(s.kept.get('accounts')?.length).toBe(60);
    expect(s.kept.get('health')?.map(([index]) => index)).toEqual(s.kept.get('health')?.map((_, k) => k));
  });

  it('finds a repeat within an account\'s run by its index, and counts an account whose records come apart', () => {
    const accounts = [{ id: 'a', name: 'A', signedAt: '2024-01-01' }, { id: 'b', name: 'B', signedAt: '2024-01-01' }];
    const health = (accountId: string, month: string) => ({ accountId, month, outcome: 50, experience: 50 });
    const s = stream([
      {}, { collection: 'accounts', records: accounts },
      { collection: 'health', records: [health('a', '2024-01'), health('a', '2024-02'), health('a', '2024-01')] },
      { collection: 'activity', records: [{ accountId: 'a', month: '2024-01', activeUsers: 1, licensedUsers: 2, role: 'admin' }, { accountId: 'a', month: '2024-01', activeUsers: 1, licensedUsers: 2 }] },
      { collection: 'health', records: [health('b', '2024-01'), health('a', '2024-03')] },
    ]);
    expect(s.issues).toEqual([{ severity: 'error', collection: 'health', index: 2, field: 'month', message: "a second health snapshot for account 'a' in 2024-01 (the first is kept)" }]);
    expect(s.kept.get('health')?.map(([index]) => index)).toEqual([0, 1, 3, 4]);
    expect(s.kept.get('activity')?.length).toBe(2);
    // 'a' came back after 'b': repeats across its two runs are for the writer to find.
    expect([...s.scattered]).toEqual(['health']);
    expect(s.errors).toBe(1);
  });

  it('without accounts says so; csms after records and unknown collections are refused', () => {
    expect(stream([{ currency: 'usd' }]).issues.map((issue) => issue.field ?? issue.message)).toEqual(['currency', "missing required collection 'accounts'"]);
    const checker = datasetStreamChecker();
    checker.add('accounts', [], () => undefined);
    expect(() => checker.add('csms', [], () => undefined)).toThrow(/csms must come before/);
    expect(() => checker.add('toString' as never, [], () => undefined)).toThrow(/not a collection of the data contract/);
  });
});
