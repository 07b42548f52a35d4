import { generateDataset } from '@cskit/sample-data';
import { describe, expect, it } from 'vitest';
import { computeDashboard } from '../engine/dashboard.js';
import { qualified, VIEW_LIMITS, ViewError } from './limits.js';
import { filterDataset } from '../data/partition.js';
import { prepareDataset } from '../engine/prepared.js';
import { answerRequest, parseRequest, RequestError } from '../protocol/protocol.js';
import { resolveView } from '../engine/view.js';

const sample = generateDataset({ seed: 41, accounts: 40, months: 24, start: '2024-01' });
const period = { from: '2025-01', to: '2025-12' };
const fieldOf = (ask: () => unknown): string | undefined => {
  try {
    ask();
  } catch (error) {
    return error instanceof ViewError || error instanceof RequestError ? error.field : `not a field error: ${String(error)}`;
  }
  return undefined;
};

describe('view limits', () => {
  it('refuse what is past each limit with the qualified field, and accept the limit itself', () => {
    expect(fieldOf(() => resolveView({ period, graceMonths: VIEW_LIMITS.graceMonths }))).toBeUndefined();
    expect(fieldOf(() => resolveView({ period, graceMonths: VIEW_LIMITS.graceMonths + 1 }))).toBe('graceMonths');
    expect(fieldOf(() => resolveView({ period, earlyWarning: { months: 25 } }))).toBe('earlyWarning.months');
    expect(fieldOf(() => resolveView({ period, earlyWarning: { threshold: Number.NaN } }))).toBe('earlyWarning.threshold');
    expect(fieldOf(() => resolveView({ period, ahead: { likelihood: { blue: 0.5 } as never } }))).toBe('ahead.likelihood.blue');
    expect(fieldOf(() => resolveView({ period: { from: '2015-01', to: '2024-12' } }))).toBeUndefined();
    expect(fieldOf(() => resolveView({ period: { from: '2015-01', to: '2025-01' } }))).toBe('period');
    expect(fieldOf(() => resolveView({ period, comparison: 'sideways' as never }))).toBe('comparison');
    expect(fieldOf(() => resolveView({ period, model: { tiers: { green: 10 } } }))).toBe('model.tiers');
    expect(fieldOf(() => resolveView({ period, selection: { kind: 'quadrant', quadrant: 'happy' } as never }))).toBe('selection.target.quadrant');
    expect(fieldOf(() => resolveView({ period, filters: { segment: ['x'.repeat(201)] } }))).toBe('filters.segment[0]');
  });

  it('qualify a nested check\'s error with the part it belongs to', () => {
    expect((qualified('earlyWarning', new RangeError('months must be a whole number')) as ViewError).field).toBe('earlyWarning.months');
    expect((qualified('model', new RangeError('model.weights must be two numbers')) as ViewError).field).toBe('model.weights');
    expect((qualified('asOf', new RangeError('asOf must be a date')) as ViewError).field).toBe('asOf');
    expect((qualified('filters', new RangeError('expected something else')) as ViewError).field).toBe('filters');
  });

  it('a request may not read far past the data (view.period.to), while a host in process may (a few accounts\' dashboard)', () => {
    const engine = prepareDataset(sample);
    const far = { period: { from: '2031-01', to: '2031-06' } };
    expect(fieldOf(() => answerRequest(engine, parseRequest({ kind: 'summary', view: far })))).toBe('view.period.to');
    expect(fieldOf(() => answerRequest(engine, parseRequest({ kind: 'summary', view: { ...period, period, asOf: '2031-01-01' } })))).toBe('view.asOf');
    expect(answerRequest(engine, { kind: 'summary', view: { period: { from: '2029-01', to: '2029-12' } } }).kpis.arr).toBeGreaterThanOrEqual(0);
    const one = filterDataset(sample, (account) => account.id === sample.accounts[0]?.id);
    expect(() => computeDashboard(one, { period: { from: '2031-01', to: '2031-06' } })).not.toThrow();
  });
});
