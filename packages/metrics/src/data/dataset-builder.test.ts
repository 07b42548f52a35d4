import { generateDataset, SAMPLE_HEALTH_MODEL } from '@cskit/sample-data';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { datasetBuilder } from './dataset-builder.js';
import { prepareInSlices, type DatasetChunk } from '../engine/prepare-sliced.js';
import { prepareDataset, SUMMARY_PARTS } from '../engine/prepared.js';
import { datasetInfo } from '../protocol/protocol.js';
import { ROW_SETS, type RowSetName } from '../engine/row-sets.js';
import { validateDataset } from './validate.js';
import { runSync } from '../core/work.js';

const INHERITED = ['toString', 'constructor', '__proto__', 'hasOwnProperty'];
const name = fc.oneof(fc.constantFrom(...INHERITED), fc.constantFrom('a1', 'a2', 'a3', 'm1', 'KA', 'EUR', 'USD'), fc.string({ maxLength: 3 }));
const month = fc.integer({ min: 0, max: 30 }).map((k) => `${2023 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`);
const day = fc.tuple(month, fc.integer({ min: 1, max: 28 })).map(([m, d]) => `${m}-${String(d).padStart(2, '0')}`);
const odd = fc.constantFrom<unknown>(null, undefined, '', 'x', -1, Number.NaN, 1e20, '2025-02-30', {}, []);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 6, arbitrary: arb }, { weight: 1, arbitrary: odd });
const list = <T>(arb: fc.Arbitrary<T>, maxLength: number) => fc.oneof({ weight: 12, arbitrary: fc.array(arb, { maxLength }) }, { weight: 1, arbitrary: odd });

/** Raw input with every kind of problem validation reports: types, references, repeats, overlaps, currencies. */
const rawArb = fc.record({
  currency: fc.constantFrom(undefined, 'USD', 'EUR', 'usd'),
  fxRates: fc.constantFrom(undefined, { EUR: 1.1 }, { GBP: 0, JPY: 0.007 }, 'x'),
  csms: list(fc.record({ id: maybe(name), name: maybe(name), team: fc.option(name, { nil: undefined }) }), 3),
  accounts: list(fc.record({ id: maybe(name), name: maybe(name), signedAt: maybe(day), csmId: fc.option(name, { nil: undefined }), segment: fc.option(name, { nil: undefined }) }), 6),
  contracts: list(fc.record({ id: maybe(name), accountId: maybe(name), start: maybe(day), end: fc.option(day, { nil: undefined }), arr: maybe(fc.integer({ min: 0, max: 5000 })), currency: fc.option(fc.constantFrom('EUR', 'USD', 'GBP'), { nil: undefined }), optOutDate: fc.option(day, { nil: undefined }) }), 10),
  arr: list(fc.record({ accountId: maybe(name), month: maybe(month), arr: maybe(fc.integer({ min: 0, max: 900 })) }), 8),
  health: list(fc.record({ accountId: maybe(name), month: maybe(month), outcome: maybe(fc.integer({ min: -5, max: 105 })), experience: fc.integer({ min: 0, max: 100 }) }), 8),
  activity: list(fc.record({ accountId: maybe(name), month, activeUsers: maybe(fc.integer({ min: 0, max: 12 })), licensedUsers: maybe(fc.integer({ min: 0, max: 10 })), role: fc.option(fc.constantFrom('admin', 'staff', 'toString'), { nil: undefined }) }), 8),
  tickets: list(fc.record({ id: maybe(name), accountId: maybe(name), openedAt: maybe(day), firstResponseMinutes: fc.option(maybe(fc.integer({ min: -1, max: 600 })), { nil: undefined }), type: fc.option(fc.constantFrom('incident', 'how-to', 'request', 'nope'), { nil: undefined }), csat: fc.option(maybe(fc.integer({ min: 0, max: 6 })), { nil: undefined }) }), 6),
  targets: list(fc.record({ id: fc.option(name, { nil: undefined }), csmId: fc.option(name, { nil: undefined }), team: fc.option(name, { nil: undefined }), period: fc.constantFrom<unknown>({ from: '2025-01', to: '2025-12' }, { from: '2025-12', to: '2025-01' }, '2025', null), metric: fc.constantFrom('nrr', 'csqlCount', 'nope'), value: maybe(fc.integer({ min: 0, max: 9 })) }), 4),
  measures: list(fc.record({ accountId: maybe(name), month, key: fc.constantFrom('k1', 'k2', 'toString'), value: maybe(fc.integer({ min: 0, max: 9 })) }), 8),
  nps: list(fc.record({ id: fc.option(name, { nil: undefined }), accountId: fc.option(name, { nil: undefined }), date: maybe(day), score: maybe(fc.integer({ min: -1, max: 11 })) }), 6),
  leads: list(fc.record({ id: maybe(name), accountId: maybe(name), csmId: fc.option(name, { nil: undefined }), createdAt: day, stage: fc.constantFrom('submitted', 'won', 'lost', 'nope'), closedAt: fc.option(day, { nil: undefined }), arr: fc.option(fc.integer({ min: 0, max: 99 }), { nil: undefined }) }), 5),
  advocacy: list(fc.record({ id: maybe(name), accountId: maybe(name), date: day, kind: fc.constantFrom('case-study', 'event', 'nope') }), 4),
  revenue: list(fc.record({ id: maybe(name), accountId: maybe(name), date: day, arr: maybe(fc.integer({ min: 0, max: 99 })), source: fc.constantFrom('poc', 'consulting', 'nope') }), 4),
}, { requiredKeys: [] });

const view = { period: { from: '2024-01', to: '2025-06' }, graceMonths: 1, comparison: 'previous' as const };
const wire = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

/** Every answer of two engines that must agree: info, the summary, each part, the first page of each row set. */
function expectSameAnswers(actual: ReturnType<typeof prepareDataset>, expected: ReturnType<typeof prepareDataset>, v: typeof view & Record<string, unknown> = view): void {
  expect(wire(datasetInfo(actual))).toEqual(wire(datasetInfo(expected)));
  expect(wire(actual.summary(v))).toEqual(wire(expected.summary(v)));
  for (const rowSet of Object.keys(ROW_SETS) as RowSetName[]) expect(wire(actual.rows(v, rowSet, { limit: 50 }))).toEqual(wire(expected.rows(v, rowSet, { limit: 50 })));
  expect(wire(actual.filterOptions({}))).toEqual(wire(expected.filterOptions({})));
}

/** A raw dataset as a stream of chunks of random sizes, collections in the order the builder wants. */
function chunksOf(raw: Record<string, unknown>, size: number): DatasetChunk[] {
  const chunks: DatasetChunk[] = [{ currency: raw.currency, fxRates: raw.fxRates }];
  for (const collection of ['csms', 'accounts', 'contracts', 'arr', 'health', 'nps', 'activity', 'leads', 'advocacy', 'revenue', 'measures', 'tickets', 'targets'] as const) {
    const records = raw[collection];
    if (records === undefined) continue;
    if (!Array.isArray(records)) chunks.push({ collection, records: records as never });
    else if (records.length === 0) chunks.push({ collection, records: [] });
    for (let start = 0; start < (Array.isArray(records) ? records.length : 0); start += size) chunks.push({ collection, records: (records as unknown[]).slice(start, start + size) });
  }
  return chunks;
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
