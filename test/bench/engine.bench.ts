/**
 * `pnpm bench` (with dashboard.bench.ts): the prepared dataset (SPEC 11) at 100k accounts x 36 months, warm (indexed
 * once), against peers in the same run:
 * - a filtered view (the metrics of the floor: waterfall, retention, renewals, tiers by month, quadrants, NPS, early
 *   warnings), each run a view not asked before, against the masked typed-array floor (`masked-floor.ts`);
 * - the ARR waterfall of a period, each run a period not asked before, against DuckDB's SQL window functions over
 *   the same monthly ARR rows (`duckdb-peer.ts`);
 * - an evergreen contract (end 9999-12-31): computeDashboard on 3,000 accounts with and without one.
 * Agreement of the peers with @cskit/metrics is tested in peer-agreement.test.ts.
 */
import { addMonthsToMonth, computeDashboard, prepareDataset, type AccountFilters, type Period } from '@cskit/metrics';
import { afterAll, bench, describe } from 'vitest';
import { duckWaterfall, prepareDuckDb, type DuckPeer } from './duckdb-peer.js';
import { engineView } from './engine-view.js';
import { fresh, MODEL, PERIOD, sampleDataset } from './fixtures.js';
import { floorView, prepareFloor } from './masked-floor.js';

const ACCOUNTS = Number(process.env.CSKIT_ENGINE_ACCOUNTS ?? 100_000);
const options = { iterations: 12, warmupIterations: 2, time: 0, warmupTime: 0 };

/** Distinct filters, so every run of the engine is a view it has not answered (its cache holds a few views). */
const FILTERS: AccountFilters[] = [];
for (const segment of [['KA'], ['MM'], ['SMB'], ['KA', 'MM'], []]) {
  for (const region of [['NA'], ['EMEA'], ['APAC'], ['LATAM'], ['NA', 'EMEA'], []]) {
    if (segment.length + region.length > 0) FILTERS.push({ ...(segment.length ? { segment } : {}), ...(region.length ? { region } : {}) });
  }
}
/** Distinct periods for the waterfall runs: 3 to 12 months ending from 2024-06 to 2025-12. */
const PERIODS: Period[] = [];
for (let end = 0; end < 19; end += 1) {
  for (const length of [3, 12]) {
    const to = addMonthsToMonth('2024-06', end);
    PERIODS.push({ from: addMonthsToMonth(to, -(length - 1)), to });
  }
}

describe(`filtered view, ${ACCOUNTS.toLocaleString('en-US')} accounts x 36 months`, () => {
  const dataset = sampleDataset(ACCOUNTS);
  const engine = prepareDataset(dataset);
  const floor = prepareFloor(dataset, PERIOD);
  const masks = FILTERS.map((filters) => Uint8Array.from(dataset.accounts, (account) =>
    (Object.entries(filters).every(([key, values]) => (values as string[]).includes(account[key as 'segment'] ?? '')) ? 1 : 0)));
  engineView(engine, PERIOD, {});
  let e = 0;
  let f = 0;

  bench('cskit engine, a new filtered view', () => {
    engineView(engine, PERIOD, FILTERS[e++ % FILTERS.length] as AccountFilters);
  }, options);

  bench('masked floor, the same view', () => {
    floorView(floor, masks[f++ % masks.length] as Uint8Array);
  }, options);
});

describe(`ARR waterfall, ${ACCOUNTS.toLocaleString('en-US')} accounts x 36 months`, () => {
  const dataset = sampleDataset(ACCOUNTS);
  const engine = prepareDataset(dataset);
  // Loaded during the warm-up runs (not measured), closed when the group ends.
  let peer: Promise<DuckPeer> | undefined;
  afterAll(async () => (await peer)?.close());
  let c = 0;
  let d = 0;

  bench('cskit engine waterfall, a new period', () => {
    engine.metric({ period: PERIODS[c++ % PERIODS.length] as Period }, 'waterfall');
  }, options);

  bench('duckdb waterfall (SQL window functions)', async () => {
    peer ??= prepareDuckDb(dataset);
    await duckWaterfall(await peer, PERIODS[d++ % PERIODS.length] as Period);
  }, options);
});

describe('evergreen contract, 3,000 accounts x 36 months', () => {
  const base = sampleDataset(3_000);
  const first = base.contracts?.[0];
  const evergreen = { ...base, contracts: [...(base.contracts ?? []), { id: 'evergreen', accountId: first?.accountId ?? '', start: '2024-01-01', end: '9999-12-31', arr: 1000 }] };

  bench('computeDashboard, without', () => {
    computeDashboard(fresh(base), { period: PERIOD, model: MODEL, graceMonths: 1 });
  }, { ...options, iterations: 6 });

  bench('computeDashboard, with one contract ending 9999-12-31', () => {
    computeDashboard(fresh(evergreen), { period: PERIOD, model: MODEL, graceMonths: 1 });
  }, { ...options, iterations: 6 });
});
