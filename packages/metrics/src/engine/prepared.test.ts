import { generateDataset, SAMPLE_HEALTH_MODEL } from '@cskit/sample-data';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountSummaries } from '../accounts/account-summaries.js';
import { arrMovements } from '../arr/arr-movements.js';
import { computeDashboard } from './dashboard.js';
import { indexDataset } from '../data/dataset-index.js';
import { monthFromIndex, monthIndex } from '../core/dates.js';
import { accountFilter, groupKey, type AccountFilters, type BreakdownDimension } from '../data/dimensions.js';
import { drillDownAccountIds, type DrillDownTarget } from './drill-down.js';
import { filterDataset } from '../data/partition.js';
import { prepareDataset } from './prepared.js';
import { datasetInfo } from '../protocol/protocol.js';
import { ROW_SETS, type RowSetName } from './row-sets.js';
import { renewals } from '../renewals/renewals.js';
import type { Dataset } from '../core/types.js';
import { resolveView } from './view.js';

const sample = generateDataset({ seed: 11, accounts: 300, months: 36, start: '2023-01' });
const engine = prepareDataset(sample);
const FIRST = monthIndex('2023-06');

/** Deep equality with money compared to 1e-6 relative: sums may add the same numbers in another order. */
function expectClose(actual: unknown, expected: unknown, path = ''): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Number.isFinite(expected)) expect(actual, path).toBeCloseTo(expected, Math.max(0, 6 - Math.ceil(Math.log10(Math.abs(expected) + 1))));
    else expect(actual, path).toBe(expected);
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), path).toBe(true);
    expect((actual as unknown[]).length, `${path}.length`).toBe(expected.length);
    expected.forEach((value, i) => expectClose((actual as unknown[])[i], value, `${path}[${i}]`));
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected)) expectClose((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
    return;
  }
  expect(actual, path).toEqual(expected);
}

const valuesOf = (dimension: BreakdownDimension) => [...new Set(sample.accounts.map((a) => groupKey(a, dimension)))].sort();

const filters: fc.Arbitrary<AccountFilters> = fc.record({
  segment: fc.subarray(valuesOf('segment')),
  region: fc.subarray(valuesOf('region')),
  channel: fc.subarray(valuesOf('channel')),
  csmId: fc.subarray(valuesOf('csmId').slice(0, 6)),
}, { requiredKeys: [] });
const period = fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 11 }))
  .map(([start, length]) => ({ from: monthFromIndex(FIRST + start), to: monthFromIndex(FIRST + start + length) }));
const scope = fc.option(fc.subarray(sample.accounts.map((a) => a.id), { maxLength: 120 }), { nil: undefined });

/** The dataset a view selects, built the slow way: filtered records, as a host without the engine would. */
function reference(filtersGiven: AccountFilters, accountIds: readonly string[] | undefined): Dataset {
  const keep = accountFilter(filtersGiven);
  const ids = accountIds ? new Set(accountIds) : null;
  if (!keep && !ids) return sample;
  const scoped = filterDataset(sample, (account) => (keep ? keep(account) : true) && (ids ? ids.has(account.id) : true));
  // A viewer's scope lists only the CSMs of its accounts (see csmScorecard).
  return ids ? { ...scoped, csms: (sample.csms ?? []).filter((csm) => scoped.accounts.some((a) => a.csmId === csm.id)) } : scoped;
}

/** A dashboard without its targets and the scorecard's counts of them (which filters do not change). */
function withoutTargets<D extends { targets: unknown; csmScorecard: { csms: object[]; teams: object[]; totals: object } }>(dashboard: D): Omit<D, 'targets'> {
  const strip = (row: object) => { const { targets: _t, targetsOnTrack: _o, ...rest } = row as Record<string, unknown>; return rest; };
  const { targets: _targets, csmScorecard, ...rest } = dashboard;
  return { ...rest, csmScorecard: { ...csmScorecard, csms: csmScorecard.csms.map(strip), teams: csmScorecard.teams.map(strip), totals: strip(csmScorecard.totals) } } as unknown as Omit<D, 'targets'>;
}

describe('prepareDataset', () => {
  it('answers a view with the results of the plain functions on the filtered dataset (random filters, scopes, periods, grace)', () => {
    fc.assert(fc.property(filters, scope, period, fc.integer({ min: 0, max: 2 }), (f, ids, p, grace) => {
      const options = { period: p, graceMonths: grace, model: SAMPLE_HEALTH_MODEL, breakdownDimensions: ['segment', 'region', 'csmId'] as const };
      const view = { ...options, filters: f, ...(ids ? { accountIds: ids } : {}) };
      const expected = withoutTargets(computeDashboard(reference(f, ids), options));
      const full = engine.dashboard(view);
      // Targets are for their owners' accounts: filters and account ids leave them (and the scorecard's counts of
      // them) as for every account (csm/metrics.ts); the rest is the plain functions' on the filtered dataset.
      expect(full.targets).toEqual(engine.dashboard(options).targets);
      const actual = withoutTargets(full);
      expectClose(actual, expected);
      // The summary is the dashboard without its lists.
      const summary = engine.summary(view);
      expectClose(summary.kpis, expected.kpis);
      expectClose(summary.renewalFunnel, expected.renewalFunnel);
      expect(summary.accountCount).toBe(reference(f, ids).accounts.length);
      expect(summary.renewals.due.count).toBe(expected.renewals.items.length);
      // The at-risk KPIs are counted without the items, and equal the items' count and sum to the last bit.
      expect(summary.kpis.atRiskAccounts).toBe(expected.earlyWarnings.items.length);
      expect(summary.kpis.atRiskArr).toBe(expected.earlyWarnings.items.reduce((sum, item) => sum + item.arr, 0));
    }), { numRuns: 40 });
  }, 60_000);

  it('a filtered view summed from the kept facts of its unfiltered view equals one computed on its own, to the last bit (property)', () => {
    fc.assert(fc.property(filters, scope, period, fc.integer({ min: 0, max: 2 }), (f, ids, p, grace) => {
      const base = { period: p, graceMonths: grace, model: SAMPLE_HEALTH_MODEL, ...(ids ? { accountIds: ids } : {}) };
      const view = { ...base, filters: f };
      // Kept by a compact engine's unfiltered view, and by another engine's prefetch steps.
      const withFacts = prepareDataset({ ...sample }, { compact: grace !== 1 });
      withFacts.summary(base);
      if (grace === 1) for (const step of withFacts.prefetch(base)) step();
      const alone = prepareDataset({ ...sample });
      expect(withFacts.dashboard(view)).toEqual(alone.dashboard(view));
      expect(withFacts.summary(view)).toEqual(alone.summary(view));
      for (const rowSet of ['movements', 'accounts'] as const) expect(withFacts.rowsAll(view, rowSet)).toEqual(alone.rowsAll(view, rowSet));
    }), { numRuns: 25 });
  }, 60_000);

  it('pages of a row set concatenate to the whole sorted list, and count what the filters keep', () => {
    const view = { period: { from: '2025-01', to: '2025-12' }, graceMonths: 1, model: SAMPLE_HEALTH_MODEL, filters: { segment: ['MM', 'SMB'] } };
    fc.assert(fc.property(
      fc.constantFrom('arr', 'name', 'tier', 'score', 'nextRenewal', 'segment'), fc.boolean(), fc.integer({ min: 1, max: 70 }),
      (column, desc, limit) => {
        const query = { sort: [{ id: column, desc }, { id: 'name' }] };
        const whole = engine.rows(view, 'accounts', { ...query, limit: 5000 });
        const pages: unknown[] = [];
        for (let offset = 0; offset < whole.total; offset += limit) pages.push(...engine.rows(view, 'accounts', { ...query, offset, limit }).rows);
        expect(pages).toEqual(whole.rows);
        expect(whole.total).toBe(whole.count);
        expect(whole.count).toBe(sample.accounts.filter((a) => a.segment === 'MM' || a.segment === 'SMB').length);
      },
    ), { numRuns: 30 });
  });

  it('sorts as TanStack does: empty values last either way, ties in the row set order, text case-insensitively', () => {
    const view = { period: { from: '2025-01', to: '2025-12' } };
    const rows = accountSummaries(sample, view);
    const byScore = engine.rows(view, 'accounts', { sort: [{ id: 'score', desc: true }], limit: 5000 }).rows;
    const scored = rows.filter((r) => r.score !== null).sort((a, b) => (b.score as number) - (a.score as number));
    expect(byScore.map((r) => r.accountId)).toEqual([...scored, ...rows.filter((r) => r.score === null)].map((r) => r.accountId));
    const ascending = engine.rows(view, 'accounts', { sort: [{ id: 'score' }], limit: 5000 }).rows;
    expect(ascending.slice(-rows.filter((r) => r.score === null).length).every((r) => r.score === null)).toBe(true);
    const byName = engine.rows(view, 'accounts', { sort: [{ id: 'name' }], limit: 5000 }).rows.map((r) => r.name.toLowerCase());
    expect(byName).toEqual([...byName].sort((a, b) => (a > b ? 1 : a < b ? -1 : 0)));
  });

  it('filters rows by text, value and range, and searches text columns', () => {
    const view = { period: { from: '2025-01', to: '2025-12' }, model: SAMPLE_HEALTH_MODEL };
    const rows = accountSummaries(sample, view);
    const page = engine.rows(view, 'accounts', { filters: [{ id: 'segment', value: 'ka' }, { id: 'arr', value: [100_000, null] }], limit: 5000 });
    expect(page.rows.map((r) => r.accountId)).toEqual(rows.filter((r) => r.segment === 'KA' && r.arr >= 100_000).map((r) => r.accountId));
    const search = engine.rows(view, 'accounts', { search: 'ACME', limit: 5000 });
    expect(search.total).toBe(rows.filter((r) => r.name.toLowerCase().includes('acme')).length);
    expect(search.total).toBeGreaterThan(0);
  });

  it('rejects malformed queries with the field named', () => {
    const view = { period: { from: '2025-01', to: '2025-12' } };
    expect(() => engine.rows(view, 'accounts', { limit: 10_000 })).toThrow(/query.limit/);
    expect(() => engine.rows(view, 'accounts', { offset: -1 })).toThrow(/query.offset/);
    expect(() => engine.rows(view, 'accounts', { sort: [{ id: 'nope' }] })).toThrow(/query.sort\[0\].id: 'nope' is not a column of accounts/);
    expect(() => engine.rows(view, 'accounts', { filters: [{ id: 'arr', value: 'x' }] })).toThrow(/query.filters\[0\].value/);
    expect(() => engine.rows(view, 'nope' as 'accounts')).toThrow(/rowSet must be one of/);
    expect(() => engine.summary({ period: { from: '2025-13', to: '2025-12' } })).toThrow(/period.from/);
    expect(() => engine.summary({ ...view, filters: { color: ['red'] } as never })).toThrow(/filters.color/);
  });

  it('narrows row sets to a drill-down and lists its accounts', () => {
    const view = { period: { from: '2025-01', to: '2025-12' }, graceMonths: 1, model: SAMPLE_HEALTH_MODEL };
    const churned = drillDownAccountIds(sample, { kind: 'movement', movement: 'churn' }, view);
    const movements = arrMovements(sample, view).movements.filter((m) => m.kind === 'churn').map((m) => m.accountId);
    expect(churned).toEqual(sample.accounts.map((a) => a.id).filter((id) => movements.includes(id)));
    const page = engine.rows({ ...view, selection: { kind: 'movement', movement: 'churn' } }, 'accounts', { limit: 5000 });
    expect(page.rows.map((r) => r.accountId)).toEqual(churned);
    expect(engine.drillDown({ ...view, filters: { segment: ['KA'] } }, { kind: 'movement', movement: 'churn' }))
      .toEqual(churned.filter((id) => sample.accounts.find((a) => a.id === id)?.segment === 'KA'));
  });

  it('every row set answers, with the columns its spec names', () => {
    const view = { period: { from: '2025-01', to: '2025-12' }, graceMonths: 1, model: SAMPLE_HEALTH_MODEL };
    for (const name of Object.keys(ROW_SETS) as RowSetName[]) {
      const page = engine.rows(view, name, { limit: 3, sort: [{ id: 'name' }] });
      expect(page.rowSet).toBe(name);
      expect(page.count).toBeGreaterThan(0);
      expect(page.rows.length).toBeLessThanOrEqual(3);
    }
    expect(engine.rows(view, 'renewals', { limit: 5000 }).count).toBe(renewals(sample, view).items.length);
  });

  it('filter options count the accounts of each value within the other filters and the scope', () => {
    const options = engine.filterOptions({ filters: { segment: ['KA'] } });
    // A field's own filter does not narrow its choices; the other fields' choices are within KA.
    expect(options.segment.map((o) => o.value)).toEqual(valuesOf('segment'));
    const kaRegions = sample.accounts.filter((a) => a.segment === 'KA');
    expect(options.region.reduce((sum, o) => sum + o.count, 0)).toBe(kaRegions.length);
    const scoped = engine.filterOptions({ accountIds: ['acc-000001', 'acc-000002'] });
    expect(scoped.segment.reduce((sum, o) => sum + o.count, 0)).toBe(2);
  });

  it('a summary stays small: no per-account lists, a bounded set of quadrant points', () => {
    const summary = engine.summary({ period: { from: '2025-01', to: '2025-12' }, model: SAMPLE_HEALTH_MODEL });
    expect('movements' in summary.waterfall).toBe(false);
    expect('items' in summary.renewals).toBe(false);
    expect(summary.healthQuadrants.points.length).toBe(summary.healthQuadrants.accountCount);
    const points = summary.healthQuadrants.points.map((p) => p.arr);
    expect(points).toEqual([...points].sort((a, b) => b - a));
  });
});

describe('a compact engine', () => {
  it('answers as the full one after letting go of the per-month records, also for months past the data', () => {
    const snapshots: Dataset = {
      ...sample,
      contracts: [],
      arr: sample.accounts.flatMap((a, n) => ['2025-01', '2025-02', '2025-03'].map((month, m) => ({ accountId: a.id, month, arr: (n % 7) * 100 + m * 10 }))),
    };
    for (const dataset of [sample, snapshots]) {
      const copy = { ...dataset };
      const compact = prepareDataset(copy, { compact: true });
      expect(compact.dataset.health).toBeUndefined();
      for (const period of [{ from: '2025-01', to: '2025-12' }, { from: '2026-01', to: '2027-06' }]) {
        const view = { period, graceMonths: 1, model: SAMPLE_HEALTH_MODEL, filters: { segment: ['KA', 'MM'] } };
        expect(compact.summary(view)).toEqual(prepareDataset(dataset).summary(view));
      }
    }
  });

  it('keeps contracts as columns and dated records packed: rows, stories, drill-downs and the default period are those of the full engine', () => {
    const compact = prepareDataset({ ...sample }, { compact: true });
    const full = prepareDataset(sample);
    for (const name of ['contracts', 'nps', 'leads', 'advocacy', 'revenue'] as const) expect(compact.dataset[name]).toBeUndefined();
    expect(datasetInfo(compact)).toEqual(datasetInfo(full));
    const view = { period: { from: '2025-01', to: '2025-12' }, graceMonths: 1, model: SAMPLE_HEALTH_MODEL, asOf: '2025-10-15' };
    for (const rowSet of Object.keys(ROW_SETS) as RowSetName[]) expect(compact.rowsAll(view, rowSet)).toEqual(full.rowsAll(view, rowSet));
    for (const account of sample.accounts.slice(0, 40)) expect(compact.accountStory(view, account.id)).toEqual(full.accountStory(view, account.id));
    const optOut = compact.drillDown(view, { kind: 'attribution', field: 'optOutRetainedArr' });
    expect(optOut.length).toBeGreaterThan(0);
    expect(optOut).toEqual(full.drillDown(view, { kind: 'attribution', field: 'optOutRetainedArr' }));
    // Drill-downs that read the packed records' columns: NPS categories, leads won, advocacy, revenue by source.
    const targets: DrillDownTarget[] = [
      ...(['promoters', 'passives', 'detractors'] as const).map((category) => ({ kind: 'nps' as const, category })),
      ...(['csqlArr', 'csqaCount', 'pocArr', 'referralArr', 'premiumServicesArr', 'assistedSalesArr'] as const).map((field) => ({ kind: 'attribution' as const, field })),
    ];
    const found = targets.map((target) => compact.drillDown(view, target));
    expect(found).toEqual(targets.map((target) => full.drillDown(view, target)));
    // All but csm-assisted revenue (none in this sample's period) have accounts behind them.
    expect(found.filter((accounts) => accounts.length > 0).length).toBe(targets.length - 1);
    expect(compact.dashboard(view)).toEqual(full.dashboard(view));
  });
});

describe('time horizon and point in time', () => {
  const base: Dataset = {
    accounts: [{ id: 'a', name: 'A', signedAt: '2024-01-01' }, { id: 'b', name: 'B', signedAt: '2024-01-01' }],
    contracts: [
      { id: 'c1', accountId: 'a', start: '2024-01-01', end: '2024-12-31', arr: 100 },
      { id: 'c2', accountId: 'b', start: '2024-01-01', end: '2025-06-30', arr: 50 },
    ],
  };

  it('an evergreen contract (end 9999-12-31, or none) costs no more months than any other', () => {
    const evergreen: Dataset = { ...base, contracts: [...(base.contracts ?? []), { id: 'c3', accountId: 'a', start: '2025-01-01', end: '9999-12-31', arr: 120 }] };
    const open: Dataset = { ...base, contracts: [...(base.contracts ?? []), { id: 'c3', accountId: 'a', start: '2025-01-01', arr: 120 }] };
    for (const dataset of [evergreen, open]) {
      const waterfall = arrMovements(dataset, { period: { from: '2025-01', to: '2025-12' }, graceMonths: 1 });
      expect(waterfall.closing).toBe(120);
      expect(waterfall.expansion).toBe(20);
      expect(waterfall.churn).toBe(-50);
      // The matrix reaches the months asked for, not the contract's end.
      const matrix = indexDataset(dataset).cache.get('arr') as { count: number };
      expect(matrix.count).toBeLessThanOrEqual(36);
    }
    expect(renewals(open, { period: { from: '2025-01', to: '2099-12' } }).items.map((i) => i.contractId)).toEqual(['c2']);
  });

  it('appending ARR for months after asOf, or contracts starting after its month, never changes the waterfall as of asOf', () => {
    const months = 18;
    const series = fc.array(fc.array(fc.constantFrom(0, 0, 0, 40, 100, 130), { minLength: months, maxLength: months }), { minLength: 1, maxLength: 4 });
    fc.assert(fc.property(series, fc.integer({ min: 1, max: months - 2 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 5 }), (rows, asOfOffset, grace, later) => {
      const first = monthIndex('2024-01');
      const asOfMonth = first + asOfOffset;
      const known: Dataset = {
        accounts: rows.map((_, n) => ({ id: `a${n}`, name: `A${n}`, signedAt: '2023-01-01' })),
        arr: rows.flatMap((values, n) => values.slice(0, asOfOffset + 1).map((arr, m) => ({ accountId: `a${n}`, month: monthFromIndex(first + m), arr }))),
      };
      const future: Dataset = {
        ...known,
        arr: [...(known.arr ?? []), ...rows.flatMap((values, n) => values.slice(asOfOffset + 1, asOfOffset + 1 + later).map((arr, m) => ({
          accountId: `a${n}`, month: monthFromIndex(asOfMonth + 1 + m), arr: arr + 10,
        })))],
      };
      const options = { period: { from: monthFromIndex(first), to: monthFromIndex(asOfMonth) }, graceMonths: grace, asOf: `${monthFromIndex(asOfMonth)}-15` };
      expect(arrMovements(future, options)).toEqual(arrMovements(known, options));
    }), { numRuns: 300 });
    fc.assert(fc.property(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 6 }), (grace, startsAfter) => {
      const later: Dataset = { ...base, contracts: [...(base.contracts ?? []), { id: 'c9', accountId: 'a', start: `${monthFromIndex(monthIndex('2025-03') + startsAfter)}-01`, end: '2026-12-31', arr: 70 }] };
      const options = { period: { from: '2024-06', to: '2025-03' }, graceMonths: grace, asOf: '2025-03-20' };
      expect(arrMovements(later, options)).toEqual(arrMovements(base, options));
    }), { numRuns: 50 });
  });

  it('judges a gap open at asOf by its length so far, not by when it closes later (SPEC 2, point in time)', () => {
    // a: 100 through 2024-12, nothing in 2025-01 and 2025-02, back in 2025-03. As of 2025-01 the gap is 1 month: in grace.
    const gap: Dataset = {
      accounts: [{ id: 'a', name: 'A', signedAt: '2024-01-01' }],
      arr: [...['2024-10', '2024-11', '2024-12'].map((month) => ({ accountId: 'a', month, arr: 100 })), { accountId: 'a', month: '2025-03', arr: 100 }],
    };
    const asOfJanuary = arrMovements(gap, { period: { from: '2025-01', to: '2025-01' }, graceMonths: 1 });
    expect(asOfJanuary.closing).toBe(100);
    expect(asOfJanuary.churn).toBe(0);
    // As of February the open gap is 2 months, past grace: churned in January, though it closes in March.
    const asOfFebruary = arrMovements(gap, { period: { from: '2025-01', to: '2025-02' }, graceMonths: 1 });
    expect(asOfFebruary.churn).toBe(-100);
    expect(asOfFebruary.closing).toBe(0);
    // As of March the gap is closed and 2 months long: churn, then reactivation.
    const asOfMarch = arrMovements(gap, { period: { from: '2025-01', to: '2025-03' }, graceMonths: 1 });
    expect([asOfMarch.churn, asOfMarch.reactivation]).toEqual([-100, 100]);
  });
});

describe('account filters', () => {
  it('filterDataset takes filters by account field as well as a predicate', () => {
    const filtered = filterDataset(sample, { segment: ['KA'], region: ['EMEA', 'APAC'] });
    expect(filtered.accounts.map((a) => a.id)).toEqual(sample.accounts.filter((a) => a.segment === 'KA' && (a.region === 'EMEA' || a.region === 'APAC')).map((a) => a.id));
    expect(filterDataset(sample, {})).toBe(sample);
  });

  it('a view reads its filters in one form: the same accounts, the same filters and the same answers', () => {
    const period = { from: '2024-01', to: '2024-12' } as const;
    const messy = { period, filters: { region: ['EMEA', 'APAC', 'EMEA'], industry: [], segment: ['KA'] } };
    expect(resolveView(messy).filters).toEqual({ segment: ['KA'], region: ['APAC', 'EMEA'] });
    expect(Object.keys(resolveView(messy).filters)).toEqual(['segment', 'region']);
    expect(resolveView({ period, filters: { segment: [] } }).filters).toEqual({});
    const engine = prepareDataset({ ...sample });
    const tidy = { period, filters: { segment: ['KA'], region: ['APAC', 'EMEA'] } };
    expect(engine.metric(messy, 'kpis')).toEqual(prepareDataset({ ...sample }).metric(tidy, 'kpis'));
    expect(() => resolveView({ period, filters: { color: ['red'] } as never })).toThrow(/filters.color/);
  });
});
