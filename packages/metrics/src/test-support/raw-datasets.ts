/**
 * Raw datasets for properties over validation (fast-check): every collection, names that objects inherit, odd values
 * where records should be, and the same data as a stream of chunks.
 */
import fc from 'fast-check';
import type { DatasetChunk } from '../engine/prepare-sliced.js';

const INHERITED = ['toString', 'constructor', '__proto__', 'hasOwnProperty'];
const name = fc.oneof(fc.constantFrom(...INHERITED), fc.constantFrom('a1', 'a2', 'a3', 'm1', 'KA', 'EUR', 'USD'), fc.string({ maxLength: 3 }));
const month = fc.integer({ min: 0, max: 30 }).map((k) => `${2023 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`);
const day = fc.tuple(month, fc.integer({ min: 1, max: 28 })).map(([m, d]) => `${m}-${String(d).padStart(2, '0')}`);
const odd = fc.constantFrom<unknown>(null, undefined, '', 'x', -1, Number.NaN, 1e20, '2025-02-30', {}, []);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 6, arbitrary: arb }, { weight: 1, arbitrary: odd });
const list = <T>(arb: fc.Arbitrary<T>, maxLength: number) => fc.oneof({ weight: 12, arbitrary: fc.array(arb, { maxLength }) }, { weight: 1, arbitrary: odd });

/** Raw input with every kind of problem validation reports: types, references, repeats, overlaps, currencies. */
export const rawArb = fc.record({
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

/** A raw dataset as a stream of chunks of random sizes, collections in the order the builder wants. */
export function chunksOf(raw: Record<string, unknown>, size: number): DatasetChunk[] {
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

