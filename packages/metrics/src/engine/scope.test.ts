import { generateDataset, SAMPLE_HEALTH_MODEL } from '@cskit/sample-data';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountSubsets } from '../data/partition.js';
import { prepareDataset, SUMMARY_PARTS } from './prepared.js';
import { answerRequest, datasetInfo } from '../protocol/protocol.js';
import { ROW_SETS, type RowSetName } from './row-sets.js';
import type { DrillDownTarget } from './drill-down.js';

const sample = generateDataset({ seed: 5, accounts: 220, months: 30, start: '2023-07' });
const ids = sample.accounts.map((account) => account.id);
const csmIds = [...new Set(sample.accounts.map((account) => account.csmId as string))].sort();
const subsets = accountSubsets(sample);
const view = { period: { from: '2025-01', to: '2025-06' }, graceMonths: 1, model: SAMPLE_HEALTH_MODEL, breakdownDimensions: ['segment', 'csmId'] as const };

const scopes = fc.oneof(
  fc.subarray(ids, { minLength: 0, maxLength: 60 }),
  fc.subarray(csmIds, { minLength: 1, maxLength: 3 }).map((csms) => sample.accounts.filter((a) => csms.includes(a.csmId as string)).map((a) => a.id)),
);
const targets: fc.Arbitrary<DrillDownTarget> = fc.oneof(
  fc.constantFrom<DrillDownTarget>(
    { kind: 'movement', movement: 'churn' }, { kind: 'tier', month: '2025-06', tier: 'red' }, { kind: 'transition', transition: 'save' },
    { kind: 'nps', category: 'detractors' }, { kind: 'renewal-stage', stage: 'renewed' }, { kind: 'attribution', field: 'csqlArr' },
    { kind: 'group', dimension: 'segment', key: 'SMB' }, { kind: 'quadrant', quadrant: 'critical' }, { kind: 'due', month: '2025-06' },
  ),
  fc.subarray(ids, { minLength: 1, maxLength: 8 }).map((accountIds): DrillDownTarget => ({ kind: 'accounts', accountIds })),
);

/** The JSON a client receives: what a scoped answer must equal. */
const wire = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;
/** An answer or the error it threw, as a client would see either. */
const outcome = (ask: () => unknown) => {
  try {
    return wire(ask());
  } catch (error) {
    return { error: (error as Error).message };
  }
};

describe('a scoped engine (a viewer\'s scope as a mask)', () => {
  it('answers every request as a prepared dataset of the scope\'s own records would (property)', () => {
    const engine = prepareDataset({ ...sample }, { compact: true });
    fc.assert(fc.property(scopes, fc.constantFrom(...SUMMARY_PARTS), fc.constantFrom(...(Object.keys(ROW_SETS) as RowSetName[])), targets,
      fc.constantFrom<Record<string, string[]>>({}, { segment: ['SMB'] }, { region: ['EMEA', 'NA'] }),
      (scope, part, rowSet, target, filters) => {
        const scoped = engine.scoped(scope);
        const own = prepareDataset(subsets.of(scope));
        const v = { ...view, filters };
        expect(wire(scoped.metric(v, part))).toEqual(wire(own.metric(v, part)));
        expect(wire(scoped.rows(v, rowSet, { limit: 40, sort: [{ id: rowSet === 'accounts' ? 'arr' : 'accountId', desc: true }] })))
          .toEqual(wire(own.rows(v, rowSet, { limit: 40, sort: [{ id: rowSet === 'accounts' ? 'arr' : 'accountId', desc: true }] })));
        expect(scoped.drillDown(v, target)).toEqual(own.drillDown(v, target));
        expect(scoped.filterOptions({ filters })).toEqual(own.filterOptions({ filters }));
        expect(datasetInfo(scoped)).toEqual(datasetInfo(own));
        const story = scope[0];
        if (story !== undefined) expect(outcome(() => answerRequest(scoped, { kind: 'account-story', view: v, accountId: story }))).toEqual(outcome(() => own.accountStory(v, story)));
      }), { numRuns: 60 });
  }, 120_000);

  it('an account outside the scope is unknown, as one that does not exist; the whole engine still sees it', () => {
    const engine = prepareDataset({ ...sample });
    const scoped = engine.scoped(ids.slice(0, 5));
    const outside = ids[10] as string;
    expect(() => scoped.accountStory(view, outside)).toThrow(/no account with id/);
    expect(() => scoped.accountStory(view, 'no-such-account')).toThrow(/no account with id/);
    expect(engine.accountStory(view, outside).account.id).toBe(outside);
    expect(scoped.accountCount).toBe(5);
    expect(scoped.accountIds(view)).toEqual(ids.slice(0, 5));
    // A scope within a scope is their intersection; an empty scope answers for no account.
    expect(scoped.scoped(ids.slice(3, 20)).accountIds(view)).toEqual(ids.slice(3, 5));
    expect(engine.scoped([]).summary(view).accountCount).toBe(0);
  });

  it('a narrowed view sums from the facts every account\'s view keeps, to the last bit', () => {
    const withFacts = prepareDataset({ ...sample }, { compact: true });
    withFacts.summary(view);
    for (const step of withFacts.prefetch(view)) step();
    const alone = prepareDataset({ ...sample });
    const scope = sample.accounts.filter((a) => a.segment !== 'KA').map((a) => a.id);
    expect(withFacts.scoped(scope).summary(view)).toEqual(alone.scoped(scope).summary(view));
    expect(withFacts.scoped(scope).summary({ ...view, filters: { region: ['EMEA'] } })).toEqual(alone.scoped(scope).summary({ ...view, filters: { region: ['EMEA'] } }));
  });
});
