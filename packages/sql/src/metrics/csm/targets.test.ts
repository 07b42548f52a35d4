/**
 * Targets (SPEC 14) and the CSM scorecard in SQL: the figures worked out by hand in `@cskit/metrics`'
 * target-progress.test.ts, answered from SQL; and a property over every target metric, every kind of owner (a CSM,
 * a team, the company, a CSM and a team no account has), periods past, running and to come, random `asOf`, grace,
 * lookbacks, models and scopes: SQL answers equal the JS engine's on DuckDB and PGlite.
 */
import { accountFilter, answerRequest, prepareDataset, TARGET_METRICS, teamsOf, type CsRequest, type Dataset, type Target } from '@cskit/metrics';
import { generateDataset, SAMPLE_HEALTH_MODEL } from '@cskit/sample-data';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqlEngine, type SqlEngine } from '../../engine/sql-engine.js';
import type { SqlScope } from '../../engine/scope-sql.js';
import { DIALECTS } from '../../schema/dialect.js';
import { answeredLikeJs } from '../../test-support/by-hand.js';
import { openDatabase, type TestDatabase } from '../../test-support/databases.js';
import { sameAnswer } from '../../test-support/same-answer.js';
import { writeDataset } from '../../write/write-dataset.js';
// The hand-worked targets of the JS engine's tests, asserted from SQL here.
import { elapsed, TARGETS_BY_HAND } from '../../../../metrics/src/test-support/targets-by-hand.js';

// target-progress.test.ts's data (CSMs m1, m2 in East, m3 in West; accounts a, b of m1, c of m2, d of m3; as of
// 2025-03-31 the first half of 2025 has run 90 of its 181 days), with an account without a CSM and a lead of a's
// credited to m3.
const byHand: Dataset = {
  ...TARGETS_BY_HAND,
  accounts: [...TARGETS_BY_HAND.accounts, { id: 'e', name: 'E', signedAt: '2024-06-01' }],
  leads: [...(TARGETS_BY_HAND.leads ?? []), { id: 'l4', accountId: 'a', csmId: 'm3', createdAt: '2025-02-01', stage: 'submitted' }],
};

describe.each(DIALECTS)('targets and the scorecard in SQL on %s, by hand', (dialect) => {
  it('each target\'s actual, pacing and on-track as worked out by hand; the scorecard counts them per row', async () => {
    const { ask, close } = await answeredLikeJs(dialect, byHand);
    try {
      const view = { period: { from: '2025-01', to: '2025-03' }, asOf: '2025-03-31' };
      const targets = await ask({ kind: 'metric', metric: 'targets', view }) as { items: Array<{ target: Target; actual: number | null; expected: number | null; onTrack: boolean | null }> };
      expect(targets.items.map((item) => [item.target.id, item.actual, item.expected, item.onTrack])).toEqual([
        // m1: a renewed, b still open (1 of 2 accounts); dollars 1,800 / 1,800. East: a's +600 in February.
        ['t1', 0.5, 0.9, false], ['t2', 1, 0.95, true], ['t3', 600, 1200 * elapsed, true],
        // Everyone from 2024-12 to 2025-03: 3,300 -> 3,900; d did not move; c's leads l1 and l2 created, l1 won.
        ['t4', 3900 / 3300, 1, true], ['t5', 0, 100 * elapsed, false], ['t6', 2, 4 * elapsed, true], ['t7', 300, 1000 * elapsed, false],
        // H2 has not started; m1's accounts had no ARR in 2023-12, so GRR has no value.
        ['t8', 0, 0, true], ['t9', null, 0.9, null],
      ]);
      const scorecard = await ask({ kind: 'metric', metric: 'csmScorecard', view }) as { csms: Array<Record<string, unknown>>; totals: Record<string, unknown> };
      expect(scorecard.csms.map((row) => [row.csmId, row.targets, row.targetsOnTrack])).toEqual([['m1', 3, 1], ['m2', 2, 1], ['m3', 1, 0], [null, 0, 0]]);
      expect([scorecard.totals.targets, scorecard.totals.targetsOnTrack]).toEqual([2, 2]);
      // A view of a and e: m1's row (a's CSM), then the rows met: e's (no CSM), then the lead's m3, named by its id.
      const two = await ask({ kind: 'metric', metric: 'csmScorecard', view: { ...view, accountIds: ['e', 'a'] } }) as { csms: Array<Record<string, unknown>> };
      expect(two.csms.map((row) => [row.csmId, row.name, row.team, row.csqlCount])).toEqual([['m1', 'Mia', 'East', 0], [null, '(none)', null, 0], ['m3', 'm3', null, 1]]);
    } finally {
      await close();
    }
  }, 60_000);
});

const generated = generateDataset({ seed: 29, accounts: 50 });
const csmIds = [...new Set(generated.accounts.flatMap((a) => (a.csmId === undefined ? [] : [a.csmId])))].slice(0, 2);
const teams = [...new Set((generated.csms ?? []).flatMap((csm) => (csm.team === undefined ? [] : [csm.team])))];
const owners: Array<Pick<Target, 'csmId' | 'team'>> = [...csmIds.map((csmId) => ({ csmId })), ...teams.map((team) => ({ team })), {}];
const periods = [{ from: '2025-01', to: '2025-06' }, { from: '2024-07', to: '2025-06' }, { from: '2025-12', to: '2025-12' }, { from: '2026-01', to: '2026-03' }];
const edgeAccount = generated.accounts.find((a) => a.csmId === csmIds[0])?.id as string;
/** Records on the days the periods' bounds turn on: the first day of a period, the day before it, its last day. */
const edges = {
  leads: [
    { id: 'e1', accountId: edgeAccount, createdAt: '2024-12-31', stage: 'won' as const, closedAt: '2025-01-01', arr: 123 },
    { id: 'e2', accountId: edgeAccount, createdAt: '2025-01-01', stage: 'won' as const, closedAt: '2024-12-31', arr: 7 },
    { id: 'e3', accountId: edgeAccount, createdAt: '2025-06-30', stage: 'won' as const, closedAt: '2025-07-01', arr: 11 },
    // Credited to another CSM than the account's: a row of its own in a scorecard of this account alone.
    { id: 'e6', accountId: edgeAccount, csmId: csmIds[1] as string, createdAt: '2025-03-01', stage: 'won' as const, closedAt: '2025-04-01', arr: 13 },
  ],
  advocacy: [
    { id: 'e4', accountId: edgeAccount, date: '2025-01-01', kind: 'reference' as const }, { id: 'e5', accountId: edgeAccount, date: '2024-12-31', kind: 'event' as const },
  ],
};
const dataset: Dataset = {
  ...generated,
  // An account without a CSM: the scorecard's '(none)' row, met before the lead's CSM in a view of both.
  accounts: [...generated.accounts, { id: 'no-csm', name: 'No CSM', signedAt: '2024-01-01' }],
  contracts: [...(generated.contracts ?? []), { id: 'no-csm-1', accountId: 'no-csm', start: '2024-01-01', end: '2025-12-31', arr: 900 }],
  leads: [...(generated.leads ?? []), ...edges.leads],
  advocacy: [...(generated.advocacy ?? []), ...edges.advocacy],
  targets: TARGET_METRICS.flatMap((metric, m) => owners.flatMap((owner, o) => periods.map((period, p) => ({ id: `x${m}-${o}-${p}`, ...owner, period, metric, value: 1 + m + o + p })))),
};

function idsOf(scope: SqlScope): string[] {
  if ('all' in scope) return dataset.accounts.map((a) => a.id);
  if ('csmIds' in scope) return dataset.accounts.filter((a) => a.csmId !== undefined && scope.csmIds.includes(a.csmId)).map((a) => a.id);
  if ('accountIds' in scope) return dataset.accounts.filter((a) => scope.accountIds.includes(a.id)).map((a) => a.id);
  const keep = accountFilter(scope.filters, teamsOf(dataset.csms)) ?? (() => true);
  return dataset.accounts.filter((a) => keep(a)).map((a) => a.id);
}

describe.each(DIALECTS)('targets and the scorecard in SQL on %s', (dialect) => {
  let db: TestDatabase;
  let engine: SqlEngine;
  const js = prepareDataset(dataset);
  beforeAll(async () => {
    db = await openDatabase(dialect);
    await writeDataset(db.client, dataset, { dialect });
    engine = createSqlEngine({ client: db.client, dialect });
  }, 120_000);
  afterAll(async () => db?.close());

  it('equal the JS engine\'s for every target metric and owner, random asOf, grace, lookbacks, models, filters and scopes (property)', async () => {
    const scopes = fc.constantFrom<SqlScope>({ all: true }, { all: true }, { csmIds: [csmIds[0] as string] }, { filters: { region: ['EMEA', 'NA'] } }, { accountIds: dataset.accounts.slice(0, 7).map((a) => a.id) });
    const months = fc.integer({ min: 2024 * 12 + 5, max: 2026 * 12 + 5 }).map((m) => `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`);
    const request = fc.record({
      metric: fc.constantFrom('targets' as const, 'csmScorecard' as const),
      asOfMonth: months, day: fc.constantFrom('01', '15', '28'), span: fc.integer({ min: 0, max: 6 }), graceMonths: fc.integer({ min: 0, max: 3 }),
      lookbackMonths: fc.integer({ min: 0, max: 12 }), sampleModel: fc.boolean(), segment: fc.constantFrom([], ['MM'], ['KA', 'SMB']),
      accountIds: fc.option(fc.subarray([edgeAccount, 'no-csm', ...dataset.accounts.slice(0, 12).map((a) => a.id)]), { nil: undefined, freq: 3 }),
    });
    await fc.assert(fc.asyncProperty(request, scopes, async (r, scope) => {
      const [year, month] = r.asOfMonth.split('-').map(Number) as [number, number];
      const from = `${month - 1 - r.span < 0 ? year - 1 : year}-${String(((month - 1 - r.span + 12) % 12) + 1).padStart(2, '0')}`;
      const view = {
        period: { from, to: r.asOfMonth }, asOf: `${r.asOfMonth}-${r.day}`, graceMonths: r.graceMonths, lookbackMonths: r.lookbackMonths,
        filters: { segment: r.segment }, ...(r.sampleModel ? { model: SAMPLE_HEALTH_MODEL } : {}), ...(r.accountIds ? { accountIds: r.accountIds } : {}),
      };
      const asked: CsRequest = { kind: 'metric', metric: r.metric, view };
      const expected = JSON.parse(JSON.stringify(answerRequest('all' in scope ? js : js.scoped(idsOf(scope)), asked as never))) as unknown;
      const answer = JSON.parse(JSON.stringify(await engine.answer(asked, { scope }))) as unknown;
      expect(sameAnswer(answer, expected), JSON.stringify([asked, scope])).toEqual(expected);
    }), { numRuns: 40 });
  }, 180_000);
});
