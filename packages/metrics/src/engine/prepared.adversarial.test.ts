/**
 * Adversarial data (issue 15): names that are also Object.prototype's, amounts at the money cap, holes and odd
 * values everywhere a string or number field is read. Whatever validation keeps, every result is finite and no
 * lookup reaches an inherited property.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountSummaries } from '../accounts/account-summaries.js';
import { computeDashboard } from './dashboard.js';
import type { HealthModelInput } from '../model/health-model.js';
import { prepareDataset } from './prepared.js';
import { MAX_MONEY, validateDataset } from '../data/validate.js';

const INHERITED = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__', 'prototype'];
const name = fc.oneof(fc.constantFrom(...INHERITED), fc.constantFrom('KA', 'MM', 'EMEA', 'direct', 'USD', 'EUR'), fc.string({ maxLength: 6 }));
const month = fc.integer({ min: 0, max: 35 }).map((k) => `${2023 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`);
const day = fc.tuple(month, fc.integer({ min: 1, max: 28 })).map(([m, d]) => `${m}-${String(d).padStart(2, '0')}`);
const amount = fc.oneof(fc.double({ min: 0, max: MAX_MONEY, noNaN: true }), fc.constantFrom(MAX_MONEY, 1e308, -1, Number.NaN, Infinity, 0, 1200));

/** Every number in a result (own enumerable properties, arrays, nested objects), with its path. */
function numbers(value: unknown, path = 'result', out: Array<[string, number]> = []): Array<[string, number]> {
  if (typeof value === 'number') out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((item, i) => numbers(item, `${path}[${i}]`, out));
  else if (value && typeof value === 'object') for (const key of Object.keys(value)) numbers((value as Record<string, unknown>)[key], `${path}.${key}`, out);
  return out;
}

const datasetArb = fc.record({
  accounts: fc.array(fc.record({ id: name, name, signedAt: day, segment: name, region: name, industry: name, channel: name, csmId: name, stage: name }), { minLength: 1, maxLength: 8 }),
  contracts: fc.array(fc.record({ id: name, accountId: name, start: day, end: fc.option(day, { nil: undefined }), arr: amount, currency: fc.option(name, { nil: undefined }) }), { maxLength: 10 }),
  health: fc.array(fc.record({ accountId: name, month, outcome: fc.double({ min: -10, max: 110 }), experience: fc.double({ min: 0, max: 100 }) }), { maxLength: 8 }),
  nps: fc.array(fc.record({ id: name, accountId: name, date: day, score: fc.integer({ min: -1, max: 11 }), role: name }), { maxLength: 6 }),
  measures: fc.array(fc.record({ accountId: name, month, key: name, value: amount }), { maxLength: 6 }),
  csms: fc.array(fc.record({ id: name, name }), { maxLength: 3 }),
  fxRates: fc.dictionary(name, fc.oneof(fc.constantFrom(1e300, 0, -1, 1.1), fc.double({ min: 0.01, max: 10, noNaN: true }))),
});

describe('adversarial data never breaks the numbers', () => {
  it('whatever validation keeps, every figure of every result is finite', () => {
    fc.assert(fc.property(datasetArb, fc.constantFrom<'none' | 'KA'>('none', 'KA'), (raw, weights) => {
      const { dataset } = validateDataset(raw);
      const segmentWeights: Record<string, { outcome: number; experience: number }> = {};
      if (weights === 'KA') Object.defineProperty(segmentWeights, 'constructor', { value: { outcome: 0.5, experience: 0.5 }, enumerable: true });
      if (weights === 'KA') segmentWeights.KA = { outcome: 0.7, experience: 0.3 };
      const model: HealthModelInput = {
        segmentWeights,
        components: { outcome: [{ key: 'activityRate', weight: 1, floor: 0, target: 1 }], experience: [{ key: 'toString', weight: 1, floor: 0, target: 10 }, { key: 'nps', weight: 1, floor: 0, target: 10 }] },
      };
      const view = { period: { from: '2024-01', to: '2025-12' }, graceMonths: 1, model };
      for (const [path, value] of numbers(computeDashboard(dataset, view))) expect(Number.isFinite(value), path).toBe(true);
      for (const [path, value] of numbers(accountSummaries(dataset, view))) expect(Number.isFinite(value), path).toBe(true);
      const engine = prepareDataset(dataset);
      for (const filters of [{ segment: ['constructor'] }, { region: ['__proto__'] }, { csmId: ['toString'] }]) {
        for (const [path, value] of numbers(engine.summary({ ...view, filters }))) expect(Number.isFinite(value), `${JSON.stringify(filters)} ${path}`).toBe(true);
      }
      // Grouping by data values uses Maps: an account whose segment is "constructor" is in its own group.
      const groups = engine.metric({ ...view, breakdownDimensions: ['segment'] }, 'breakdowns').segment ?? [];
      const segments = new Set(dataset.accounts.map((a) => a.segment ?? '(none)'));
      for (const group of groups) expect(segments.has(group.key) || group.key === '(none)').toBe(true);
    }), { numRuns: 80 });
  }, 60_000);

  it('amounts past the money cap, or converted past it, are errors naming the row, never Infinity', () => {
    const accounts = [{ id: 'a', name: 'A', signedAt: '2024-01-01' }];
    const { issues } = validateDataset({
      accounts, fxRates: { EUR: 1e300 },
      contracts: [{ id: 'c1', accountId: 'a', start: '2024-01-01', end: '2025-12-31', arr: 1e308 }, { id: 'c2', accountId: 'a', start: '2024-01-01', arr: 1e10, currency: 'EUR' }],
    });
    expect(issues.map((i) => [i.collection, i.index, i.field])).toEqual([['contracts', 0, 'arr'], ['contracts', 1, 'arr']]);
    // The largest accepted amounts, many at once, still sum to finite totals.
    const many = { accounts, contracts: Array.from({ length: 50 }, (_, i) => ({ id: `c${i}`, accountId: 'a', start: '2024-01-01', end: '2025-12-31', arr: MAX_MONEY })) };
    const dashboard = computeDashboard(validateDataset(many).dataset, { period: { from: '2025-01', to: '2025-12' } });
    expect(dashboard.kpis.arr).toBe(50 * MAX_MONEY);
  });

  it('fxRates keys that are not currency codes are errors, not rates an inherited name could reach', () => {
    const raw = JSON.parse('{"accounts":[{"id":"a","name":"A","signedAt":"2024-01-01"}],"fxRates":{"__proto__":2,"EUR":1.1,"toString":3}}');
    const { dataset, issues } = validateDataset(raw);
    expect(issues.map((i) => i.field)).toEqual(['fxRates.__proto__', 'fxRates.toString']);
    expect(Object.keys(dataset.fxRates ?? {})).toEqual(['EUR']);
  });
});
