/**
 * A snapshot of a prepared load, written and read by a structured-clone serializer one part at a time (as
 * `@cskit/server` writes it with `v8.serialize`), answers every request kind as the load it was taken of: the same
 * JSON, fingerprint, issues and counts. What it cannot carry fails the snapshot, never the answers.
 */
import { generateDataset, SERVICE_HEALTH_MODEL } from '@cskit/sample-data';
import { describe, expect, it } from 'vitest';
import { runSync } from '../core/work.js';
import { answerRequest, type CsRequest } from '../protocol/protocol.js';
import { prepareInSlices, type PreparedLoad } from './prepare-sliced.js';
import { preparedIndexOf } from './prepared.js';
import { METRIC_NAMES } from './registry.js';
import { ROW_SETS } from './row-sets.js';
import { preparedFromSnapshot, SNAPSHOT_FORMAT, snapshotWork, type PreparedSnapshot } from './snapshot.js';

const views = [
  { period: { from: '2025-01', to: '2025-12' }, graceMonths: 1 },
  { period: { from: '2024-07', to: '2025-06' }, graceMonths: 3, comparison: 'previous-year' as const, filters: { segment: ['MM'] } },
  { period: { from: '2025-04', to: '2025-09' }, model: SERVICE_HEALTH_MODEL, asOf: '2025-08-15' },
];

function requests(accountId: string): CsRequest[] {
  const list: CsRequest[] = [{ kind: 'info' }, { kind: 'filter-options', view: { filters: { region: ['EMEA'] } } }];
  for (const view of views) {
    list.push({ kind: 'summary', view });
    for (const metric of METRIC_NAMES) list.push({ kind: 'metric', view, metric });
    for (const rowSet of Object.keys(ROW_SETS) as Array<keyof typeof ROW_SETS>) list.push({ kind: 'rows', view, rowSet, query: { offset: 2, limit: 20 } });
    list.push({ kind: 'rows', view, rowSet: 'accounts', query: { sort: [{ id: 'arr', desc: true }], search: 'a', limit: 10 } });
    list.push({ kind: 'drill-down', view, target: { kind: 'movement', movement: 'expansion' } });
    list.push({ kind: 'drill-down', view, target: { kind: 'group', dimension: 'segment', key: 'MM' } });
    list.push({ kind: 'account-story', view, accountId });
  }
  return list;
}

/** Through a structured clone part by part: what a file written with `v8.serialize` and read back gives. */
const throughClone = (snapshot: PreparedSnapshot): unknown => ({
  ...structuredClone({ ...snapshot, parts: [] }),
  parts: snapshot.parts.map(([name, value]) => [name, structuredClone(value)]),
});

const answers = (load: PreparedLoad, list: CsRequest[]) => list.map((request) => {
  try {
    return JSON.parse(JSON.stringify(answerRequest(load.engine, request))) as unknown;
  } catch (error) {
    return { error: (error as Error).message };
  }
});

describe('snapshots of a prepared load', () => {
  it('answers every request kind as the load it was taken of, with its fingerprint, issues and counts', async () => {
    const generated = generateDataset({ seed: 23, accounts: 120 });
    // Records with an error, so the issues and counts have something to carry (more than a piece of 50 below).
    const nobody = Array.from({ length: 60 }, (_, k) => ({ accountId: `nobody-${k}`, month: '2025-01', score: 50 }));
    const dataset = { ...generated, health: [...(generated.health ?? []), ...nobody] };
    const load = await prepareInSlices(dataset);
    const snapshot = runSync(snapshotWork(load));
    expect(snapshot.format).toBe(SNAPSHOT_FORMAT);
    // The index's accounts are its dataset's: written once, as a link.
    expect(snapshot.links).toEqual([{ part: snapshot.parts.findIndex(([name]) => name === 'index.accounts'), from: 0, path: ['accounts'] }]);
    const restored = preparedFromSnapshot(throughClone(snapshot));
    expect([restored.fingerprint, restored.counts, restored.issues]).toEqual([load.fingerprint, load.counts, load.issues]);
    expect(restored.issues.length).toBeGreaterThanOrEqual(60);
    const list = requests(generated.accounts[3]?.id as string);
    expect(list.length).toBeGreaterThan(60);
    const expected = answers(load, list);
    expect(answers(restored, list)).toEqual(expected);
    // Long lists (the accounts, past 8,192) go in pieces of their own: here in pieces of 50.
    const inPieces = runSync(snapshotWork(load, { piece: 50 }));
    const issuesPart = inPieces.parts.findIndex(([name]) => name === 'load.issues');
    const sizes = inPieces.pieces.map(({ part, field, from }) => [part, field, from.map((piece) => (inPieces.parts[piece]?.[1] as unknown[]).length)]);
    const issueSizes = Array.from({ length: Math.ceil(load.issues.length / 50) }, (_, k) => Math.min(50, load.issues.length - 50 * k));
    expect(sizes).toEqual([[0, 'accounts', [50, 50, 20]], [issuesPart, 'list', issueSizes]]);
    expect(answers(preparedFromSnapshot(throughClone(inPieces)), list)).toEqual(expected);
  });

  it('holds what the load had prepared, not what answers cached since', async () => {
    const generated = generateDataset({ seed: 5, accounts: 40 });
    const load = await prepareInSlices(generated);
    const before = runSync(snapshotWork(load)).parts.map(([name]) => name);
    // Answers cache their views' results, and grow the ARR matrix past the data's last month (a new matrix).
    const { cache } = (preparedIndexOf(load.engine) as NonNullable<ReturnType<typeof preparedIndexOf>>).index;
    const arr = cache.get('arr');
    answerRequest(load.engine, { kind: 'summary', view: views[2] as (typeof views)[number] });
    answerRequest(load.engine, { kind: 'metric', metric: 'arrTrend', view: { period: { from: '2026-01', to: '2027-06' } } });
    expect(cache.get('arr')).not.toBe(arr);
    const after = runSync(snapshotWork(load));
    expect(after.parts.map(([name]) => name)).toEqual(before);
    // Taken then, it answers as the engine does.
    const list = requests(generated.accounts[1]?.id as string);
    expect(answers(preparedFromSnapshot(throughClone(after)), list)).toEqual(answers(load, list));
  });

  it('refuses what is not a snapshot of this layout, and engines it cannot walk', async () => {
    expect(() => preparedFromSnapshot({ format: SNAPSHOT_FORMAT + 1, parts: [] })).toThrow(/layout \(format 2, expected 1\)/);
    expect(() => preparedFromSnapshot(null)).toThrow(/not a snapshot/);
    const load0 = await prepareInSlices(generateDataset({ seed: 5, accounts: 10 }));
    const other = { ...runSync(snapshotWork(load0)), build: '0.0.1' };
    expect(() => preparedFromSnapshot(other)).toThrow('a snapshot of @cskit/metrics 0.0.1, read by source: load the data again');
    const load = await prepareInSlices(generateDataset({ seed: 5, accounts: 10 }));
    expect(() => runSync(snapshotWork({ ...load, engine: { ...load.engine } }))).toThrow(/takes a load prepareInSlices returned/);
    // What a structured clone would not give back as it was: refused, never written as something else.
    const { cache } = (preparedIndexOf(load.engine) as NonNullable<ReturnType<typeof preparedIndexOf>>).index;
    const kept = cache.get('leads:closed');
    class Stranger { size = 1; }
    for (const [value, message] of [[{ build: () => 1 }, /cannot hold a function \(part \d+, at \["build"\]\)/], [{ list: [new Stranger()] }, /cannot hold a Stranger/]] as const) {
      cache.set('leads:closed', value);
      expect(() => runSync(snapshotWork(load))).toThrow(message);
    }
    cache.set('leads:closed', kept);
    expect(runSync(snapshotWork(load)).format).toBe(SNAPSHOT_FORMAT);
  });
});
