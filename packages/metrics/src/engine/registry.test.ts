import { generateDataset, SAMPLE_HEALTH_MODEL } from '@cskit/sample-data';
import { describe, expect, it } from 'vitest';
import * as accounts from '../accounts/metrics.js';
import * as arr from '../arr/metrics.js';
import type { Computation, EngineView, Setting } from '../core/metric.js';
import * as csm from '../csm/metrics.js';
import { indexDataset } from '../data/dataset-index.js';
import * as engagement from '../engagement/metrics.js';
import * as health from '../health/metrics.js';
import * as renewals from '../renewals/metrics.js';
import { createComputer } from './computer.js';
import { prepareDataset } from './prepared.js';
import { METRIC_NAMES, METRICS, ROW_TABLES, SUMMARY_PARTS } from './registry.js';
import { ROW_SETS } from './row-sets.js';
import { resolveView } from './view.js';

type Any = Computation<Setting, readonly unknown[], unknown>;
const COMPUTATIONS = [accounts, arr, csm, engagement, health, renewals]
  .flatMap((family) => Object.values(family))
  .filter((value): value is Any => typeof value === 'object' && value !== null && 'reads' in value && 'of' in value);

const period = { from: '2025-01', to: '2025-06' };
/** Arguments a computation takes besides the view, by name (a test that misses one fails below). */
const ARGS: Record<string, unknown[]> = {
  waterfall: [period, '2025-06-30'], renewals: [period, '2025-06-30'], retention: [period], nps: [period], transitions: [period],
  distribution: [period], warnings: ['2025-06'], 'warning-totals': ['2025-06'], 'health-scores': ['2025-06'], quadrants: ['2025-06'],
  'ahead-facts': [6], breakdown: ['segment'], 'activity-rate': ['2025-06'],
};

describe('the registry of metrics', () => {
  it('lists each metric once, in summary order, under one name (METRIC_NAMES is SUMMARY_PARTS)', () => {
    expect(new Set(SUMMARY_PARTS).size).toBe(METRICS.length);
    expect(METRIC_NAMES).toBe(SUMMARY_PARTS);
    const summary = prepareDataset(generateDataset({ seed: 3, accounts: 40 })).summary({ period });
    const header = ['period', 'comparisonPeriod', 'asOf', 'graceMonths', 'model', 'accountCount', 'kpis', 'comparisonKpis'];
    expect(Object.keys(summary).sort()).toEqual([...header, ...SUMMARY_PARTS.filter((name) => name !== 'kpis')].sort());
  });

  it('has a table for every row set, and computations with unique names', () => {
    expect(Object.keys(ROW_TABLES).sort()).toEqual(Object.keys(ROW_SETS).sort());
    expect(COMPUTATIONS.length).toBeGreaterThan(15);
    expect(new Set(COMPUTATIONS.map((c) => c.name)).size).toBe(COMPUTATIONS.length);
  });

  it('every computation reads only the settings it declares (what its cache key is made of), and so do those it uses', () => {
    const index = indexDataset(generateDataset({ seed: 4, accounts: 60 }));
    const full: EngineView = { ...resolveView({ period, model: SAMPLE_HEALTH_MODEL }), scope: null };
    for (const c of COMPUTATIONS) {
      // A computer of its own: nothing cached by another computation's call stands in for this one's.
      const { ctx } = createComputer(index, false, () => new Set());
      const allowed = new Set<string>([...c.reads, 'filters', 'accountIds', 'scope']);
      // The view as the computation may see it: reading anything else throws, naming the setting.
      const view = new Proxy(full, {
        get(target, key) {
          if (typeof key === 'string' && key in target && !allowed.has(key)) throw new Error(`${c.name} reads ${key} but declares ${[...c.reads].join(', ')}`);
          return Reflect.get(target, key);
        },
      });
      expect(() => ctx.use(c, view, ...(ARGS[c.name] ?? []))).not.toThrow();
    }
  });

  it('a setting a metric does not read leaves its cached value in place; one it reads recomputes it', () => {
    const engine = prepareDataset(generateDataset({ seed: 5, accounts: 80 }));
    const cohorts = engine.dashboard({ period }).cohorts;
    expect(engine.dashboard({ period, lookbackMonths: 3, graceMonths: 2 }).cohorts).toBe(cohorts);
    expect(engine.dashboard({ period: { from: '2025-02', to: '2025-06' } }).cohorts).not.toBe(cohorts);
    const scorecard = engine.dashboard({ period }).csmScorecard;
    expect(engine.dashboard({ period, earlyWarning: { threshold: 0.5, months: 2 } }).csmScorecard).toBe(scorecard);
    expect(engine.dashboard({ period, graceMonths: 2 }).csmScorecard).not.toBe(scorecard);
  });
});
