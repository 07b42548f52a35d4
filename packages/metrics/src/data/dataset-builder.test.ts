import { generateDataset, SAMPLE_HEALTH_MODEL } from '@cskit/sample-data';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { datasetBuilder } from './dataset-builder.js';
import { prepareInSlices } from '../engine/prepare-sliced.js';
import { engineOfIndex, prepareDataset, SUMMARY_PARTS } from '../engine/prepared.js';
import { fingerprintOf } from './fingerprint.js';
import { datasetInfo } from '../protocol/protocol.js';
import { ROW_SETS, type RowSetName } from '../engine/row-sets.js';
import { validateDataset } from './validate.js';
import { chunksOf, rawArb } from '../test-support/raw-datasets.js';
import { runSync } from '../core/work.js';

const view = { period: { from: '2024-01', to: '2025-06' }, graceMonths: 1, comparison: 'previous' as const };
const wire = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

/** Every answer of two engines that must agree: info, the summary, each part, the first page of each row set. */
function expectSameAnswers(actual: ReturnType<typeof prepareDataset>, expected: ReturnType<typeof prepareDataset>, v: typeof view & Record<string, unknown> = view): void {
  expect(wire(datasetInfo(actual))).toEqual(wire(datasetInfo(expected)));
  expect(wire(actual.summary(v))).toEqual(wire(expected.summary(v)));
  for (const rowSet of Object.keys(ROW_SETS) as RowSetName[]) expect(wire(actual.rows(v, rowSet, { limit: 50 }))).toEqual(wire(expected.rows(v, rowSet, { limit: 50 })));
  expect(wire(actual.filterOptions({}))).toEqual(wire(expected.filterOptions({})));
}

describe('datasetBuilder and prepareInSlices', () => {
  it('report the issues validateDataset reports, in its order, and answer as its compact engine (property)', async () => {
    await fc.assert(fc.asyncProperty(rawArb, fc.integer({ min: 1, max: 4 }), async (raw, size) => {
      const expected = validateDataset(raw);
      const reference = prepareDataset(expected.dataset, { compact: true });
      const whole = await prepareInSlices(raw, { sliceMs: 0 });
      expect(whole.issues).toEqual(expected.issues);
      expectSameAnswers(whole.engine, reference);
      const streamed = await prepareInSlices(chunksOf(raw, size), { sliceMs: 0 });
      expect(streamed.issues).toEqual(expected.issues);
      expect(streamed.fingerprint).toBe(whole.fingerprint);
      expectSameAnswers(streamed.engine, reference);
    }), { numRuns: 150 });
  }, 120_000);

  it('on the sample (with repeats and errors added): the same issues, answers, parts, rows and stories as the compact engine', async () => {
    const sample = generateDataset({ seed: 3, accounts: 250, months: 30, start: '2023-07' });
    const raw = {
      ...sample,
      health: [...(sample.health ?? []), ...(sample.health ?? []).slice(5, 8)],
      measures: [...(sample.measures ?? []), { ...(sample.measures ?? [])[0], value: 99 }],
      activity: [...(sample.activity ?? []), ...(sample.activity ?? []).slice(0, 2)],
      contracts: [...(sample.contracts ?? []), { id: 'bad', accountId: 'nobody', start: '2025-01-01', arr: 1 }],
    };
    const expected = validateDataset(raw);
    expect(expected.issues.length).toBeGreaterThan(6);
    const reference = prepareDataset(expected.dataset, { compact: true });
    const built = await prepareInSlices(raw);
    expect(built.issues).toEqual(expected.issues);
    const v = { ...view, model: SAMPLE_HEALTH_MODEL, breakdownDimensions: ['segment', 'csmId'] as const };
    expectSameAnswers(built.engine, reference, v);
    for (const part of SUMMARY_PARTS) expect(wire(built.engine.metric({ ...v, filters: { segment: ['SMB'] } }, part))).toEqual(wire(reference.metric({ ...v, filters: { segment: ['SMB'] } }, part)));
    const id = sample.accounts[7]?.id as string;
    expect(wire(built.engine.accountStory(v, id))).toEqual(wire(reference.accountStory(v, id)));
    expect(built.counts.health).toEqual({ records: (sample.health ?? []).length + 3, kept: (sample.health ?? []).length + 3 });
  });

  it('a builder told its records are checked (a writer\'s) keeps valid records as they are: the same index, fingerprint and answers', async () => {
    const dataset = validateDataset(generateDataset({ seed: 5, accounts: 60, months: 20, start: '2024-01' })).dataset as unknown as Record<string, unknown>;
    const build = (options: { checked?: boolean }) => {
      const builder = datasetBuilder({ currency: dataset.currency, fxRates: dataset.fxRates }, options);
      for (const collection of ['csms', 'accounts', 'contracts', 'health', 'activity', 'nps', 'measures'] as const) {
        const records = dataset[collection] as unknown[];
        for (let start = 0; start < records.length; start += 7) builder.add(collection, records.slice(start, start + 7));
      }
      return runSync(builder.finish());
    };
    const checked = build({ checked: true });
    const plain = build({});
    expect(checked.issues).toEqual([]);
    expect(checked.counts).toEqual(plain.counts);
    expect(await fingerprintOf(checked.fingerprintParts)).toBe(await fingerprintOf(plain.fingerprintParts));
    expectSameAnswers(engineOfIndex(checked.index), engineOfIndex(plain.index), { ...view, model: SAMPLE_HEALTH_MODEL });
  });

  it('a stream is read the same whether plain, asynchronous or with promised chunks, and pauses between slices of its own work', async () => {
    const raw = generateDataset({ seed: 5, accounts: 60, months: 18, start: '2024-01', tickets: false, roles: false });
    const chunks = chunksOf(raw as unknown as Record<string, unknown>, 50);
    const plain = await prepareInSlices(chunks, { sliceMs: 0 });
    async function* later() {
      for (const chunk of chunks) yield await Promise.resolve(chunk);
    }
    const slices: number[] = [];
    const asynchronous = await prepareInSlices(later(), { sliceMs: 0, onSlice: (ms) => slices.push(ms) });
    const promised = await prepareInSlices(chunks.map((chunk) => Promise.resolve(chunk)) as never, { sliceMs: 0 });
    expect(asynchronous.fingerprint).toBe(plain.fingerprint);
    expect(promised.fingerprint).toBe(plain.fingerprint);
    expect(asynchronous.issues).toEqual(plain.issues);
    // With slices of 0 ms the work pauses after every chunk (and every step of the finish).
    expect(slices.length).toBeGreaterThanOrEqual(chunks.length);
    await expect(prepareInSlices([{ collection: 'accounts', records: [] }, { currency: 'EUR' }])).rejects.toThrow(/must come first/);
    await expect(prepareInSlices([7] as never)).rejects.toThrow(/a dataset chunk must be/);
  });

  it('the fingerprint begun during the finishing passes equals the one of the finished parts (the passes change none)', async () => {
    const sample = generateDataset({ seed: 5, accounts: 300, months: 24, start: '2024-01' });
    const builder = datasetBuilder({ currency: sample.currency, fxRates: sample.fxRates });
    for (const [collection, records] of Object.entries(sample)) if (Array.isArray(records)) builder.add(collection as never, records);
    const given: Array<readonly unknown[]> = [];
    const copies: string[] = [];
    const built = runSync(builder.finish((parts) => {
      given.push(parts);
      // The parts' bytes as they were when given, to compare with the finished ones.
      copies.push(JSON.stringify(parts.map((part) => (typeof part === 'string' ? part : Array.from(new Uint8Array(part.buffer, part.byteOffset, part.byteLength))))));
    }));
    expect(given).toHaveLength(1);
    expect(given[0]).toBe(built.fingerprintParts);
    expect(JSON.stringify(built.fingerprintParts.map((part) => (typeof part === 'string' ? part : Array.from(new Uint8Array(part.buffer, part.byteOffset, part.byteLength)))))).toBe(copies[0]);
    const sliced = await prepareInSlices(sample, { sliceMs: 1 });
    expect(sliced.fingerprint).toBe(await fingerprintOf(built.fingerprintParts));
  });

  it('a fingerprint names the data: the same data twice give the same one, one changed value another', async () => {
    const sample = generateDataset({ seed: 4, accounts: 60 });
    const first = await prepareInSlices(sample);
    const again = await prepareInSlices(generateDataset({ seed: 4, accounts: 60 }));
    expect(again.fingerprint).toBe(first.fingerprint);
    const contracts = [...(sample.contracts ?? [])];
    contracts[3] = { ...(contracts[3] as NonNullable<typeof contracts[3]>), arr: (contracts[3]?.arr ?? 0) + 1 };
    expect((await prepareInSlices({ ...sample, contracts })).fingerprint).not.toBe(first.fingerprint);
    const accounts = [...sample.accounts];
    accounts[0] = { ...(accounts[0] as NonNullable<typeof accounts[0]>), name: 'Renamed' };
    expect((await prepareInSlices({ ...sample, accounts })).fingerprint).not.toBe(first.fingerprint);
  });

  it('runs in slices: the host gets the thread back between them, and an abort stops the work', async () => {
    const sample = generateDataset({ seed: 5, accounts: 400 });
    let pauses = 0;
    await prepareInSlices(sample, { sliceMs: 0, pause: async () => { pauses += 1; } });
    expect(pauses).toBeGreaterThan(50);
    const controller = new AbortController();
    const loading = prepareInSlices(sample, { sliceMs: 0, signal: controller.signal, pause: async () => { controller.abort(new Error('reload cancelled')); } });
    await expect(loading).rejects.toThrow('reload cancelled');
  });

  it('refuses batches out of order and input that is not a dataset', async () => {
    const builder = datasetBuilder();
    builder.add('accounts', [{ id: 'a', name: 'A', signedAt: '2025-01-01' }]);
    expect(() => builder.add('csms', [])).toThrow(/csms must come before accounts/);
    builder.add('contracts', []);
    runSync(builder.finish());
    expect(() => builder.add('health', [])).toThrow(/after finish/);
    await expect(prepareInSlices(null)).rejects.toThrow(TypeError);
    await expect(prepareInSlices('accounts')).rejects.toThrow(TypeError);
    await expect(prepareInSlices([1])).rejects.toThrow(/a dataset chunk must be/);
  });
});
