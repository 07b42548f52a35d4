/**
 * The engine's queries in other dialects (SPEC 15: "document what was run and what was only parsed"). Every query the
 * engine sends while answering (the header, the table reads, scopes, `info`, `filter-options`, the metrics answered in
 * SQL: nps and the ARR family's recursive month series, window functions and grace CTEs; pages of accounts and a
 * story), with its `$n`
 * placeholders written as each dialect's drivers take them, parses with `node-sql-parser` for BigQuery, Snowflake,
 * Trino, Redshift and PostgreSQL. The DDL and the bulk inserts of `writeDataset` are dialect-specific
 * (`schema/dialect.ts`) and only run on DuckDB and PostgreSQL; ClickHouse and Spark SQL have no grammar there and
 * were neither run nor parsed.
 */
import { generateDataset, SAMPLE_HEALTH_MODEL } from '@cskit/sample-data';
import { Parser } from 'node-sql-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlClient } from '../client/clients.js';
import { openDatabase, type TestDatabase } from '../test-support/databases.js';
import { writeDataset } from '../write/write-dataset.js';
import { refreshHealthFacts } from '../write/health-facts.js';
import { createSqlEngine } from './sql-engine.js';

/**
 * Each dialect's placeholders: BigQuery's named `@p1`, Trino's `?`; Snowflake, Redshift and PostgreSQL take `$1`.
 * A page's row counts (`LIMIT $n OFFSET $n`) are bound too: Trino's own grammar takes `?` there (`rowCount:
 * INTEGER_VALUE | QUESTION_MARK`) but node-sql-parser's Trino grammar only a number, so for Trino they are parsed as
 * numbers.
 */
const PLACEHOLDERS: Record<string, (sql: string) => string> = {
  // BigQuery's double is FLOAT64 (its dialect table's number type).
  bigquery: (sql) => sql.replace(/\$(\d+)/g, '@p$1').replace(/ AS DOUBLE\)/g, ' AS FLOAT64)'),
  snowflake: (sql) => sql,
  trino: (sql) => sql.replace(/\b(LIMIT|OFFSET) \$\d+/g, '$1 10').replace(/\$\d+/g, '?'),
  redshift: (sql) => sql,
  postgresql: (sql) => sql,
};

let db: TestDatabase;
const queries = new Set<string>();

beforeAll(async () => {
  db = await openDatabase('duckdb');
  // Transaction control (BEGIN, COMMIT) is each driver's own; the queries are what a dialect must read.
  const client: SqlClient = { query: (sql, params) => { if (!/^(BEGIN|COMMIT|ROLLBACK)/.test(sql)) queries.add(sql); return db.client.query(sql, params); } };
  await writeDataset(db.client, generateDataset({ seed: 3, accounts: 30 }), { dialect: 'duckdb' });
  // Health facts of the sample's model, written by the statement it is (an INSERT of the health SQL), read by views of it.
  await refreshHealthFacts({ query: (sql, params) => { if (sql.startsWith('INSERT INTO cskit_health_')) queries.add(sql); return db.client.query(sql, params); } },
    { dialect: 'duckdb', models: [SAMPLE_HEALTH_MODEL] });
  const engine = createSqlEngine({ client, dialect: 'duckdb' });
  const view = { period: { from: '2025-01', to: '2025-12' } };
  await engine.answer({ kind: 'info' }, { scope: { filters: { segment: ['KA', '(none)'], team: ['East'], signedMonth: ['2024-01'] } } });
  await engine.answer({ kind: 'info' });
  await engine.answer({ kind: 'filter-options', view: { accountIds: ['a'], filters: { region: ['EMEA'] } } }, { scope: { csmIds: ['c'] } });
  for (const metric of ['nps', 'waterfall', 'retention', 'arrTrend', 'cohorts', 'renewals', 'renewalFunnel', 'renewalsAhead', 'kpis', 'earlyWarnings', 'roles', 'csAttribution', 'csCredit', 'healthScores', 'healthDistribution', 'healthTransitions', 'healthQuadrants', 'healthValidation'] as const) {
    await engine.answer({ kind: 'metric', metric, view: { ...view, graceMonths: 2, filters: { region: ['EMEA'] } } }, { scope: { csmIds: ['c'] } });
    await engine.answer({ kind: 'metric', metric, view });
  }
  for (const metric of ['healthDistribution', 'healthTransitions', 'csAttribution', 'renewalsAhead'] as const) await engine.answer({ kind: 'metric', metric, view: { ...view, model: SAMPLE_HEALTH_MODEL } });
  // Health built from components (activity, a role's, NPS, a measure), with segment weights and profiles.
  for (const metric of ['healthDistribution', 'healthQuadrants'] as const) {
    const model = { ...SAMPLE_HEALTH_MODEL, profiles: { by: 'segment' as const, models: { KA: { weights: { outcome: 1, experience: 1 }, components: { outcome: [{ key: 'activityRate.admin', weight: 1, floor: 0, target: 1 }] } } } } };
    await engine.answer({ kind: 'metric', metric, view: { ...view, model } }, { scope: { csmIds: ['c'] } });
  }
  // Pages of accounts (by ARR both ways, in the data's order) and a story: their accounts chosen, then their records read.
  for (const query of [{ sort: [{ id: 'arr', desc: true }], limit: 5 }, { sort: [{ id: 'arr' }], offset: 5, limit: 5 }, { limit: 5 }]) {
    await engine.answer({ kind: 'rows', view, rowSet: 'accounts', query }, { scope: { filters: { segment: ['MM'] } } });
  }
  await engine.answer({ kind: 'account-story', view, accountId: 'acc-000003' });
  // Pages of the movements, in the set's order and sorted.
  await engine.answer({ kind: 'rows', view, rowSet: 'movements', query: { sort: [{ id: 'kind' }, { id: 'amount', desc: true }], offset: 5, limit: 5 } }, { scope: { csmIds: ['c'] } });
  await engine.answer({ kind: 'rows', view, rowSet: 'movements', query: { offset: 1000 } });
  await engine.answer({ kind: 'rows', view, rowSet: 'renewals', query: { sort: [{ id: 'daysLate', desc: true }, { id: 'renewalArr' }], limit: 5 } });
  await engine.answer({ kind: 'rows', view, rowSet: 'retention-accounts', query: { sort: [{ id: 'endArr' }], limit: 5 } }, { scope: { csmIds: ['c'] } });
  await engine.answer({ kind: 'rows', view, rowSet: 'transitions', query: { sort: [{ id: 'toTier', desc: true }, { id: 'kind' }], limit: 5 } });
  await engine.answer({ kind: 'rows', view, rowSet: 'quadrant-accounts', query: { sort: [{ id: 'quadrant' }, { id: 'arr', desc: true }], limit: 5 } }, { scope: { csmIds: ['c'] } });
  await engine.answer({ kind: 'rows', view, rowSet: 'health-scores', query: { sort: [{ id: 'tier' }, { id: 'score', desc: true }], limit: 5 } });
  await engine.answer({ kind: 'rows', view: { ...view, ahead: { months: 12, likelihood: { green: 0.9 } } }, rowSet: 'renewals-ahead', query: { sort: [{ id: 'atRisk' }, { id: 'expectedArr', desc: true }], limit: 5 } });
  await engine.answer({ kind: 'rows', view, rowSet: 'renewals-ahead', query: { sort: [{ id: 'likelihood' }], limit: 5 } }, { scope: { csmIds: ['c'] } });
  await engine.answer({ kind: 'rows', view: { ...view, earlyWarning: { threshold: 0.5, months: 2 } }, rowSet: 'early-warnings', query: { limit: 5 } });
  await engine.answer({ kind: 'rows', view, rowSet: 'early-warnings', query: { sort: [{ id: 'rates' }, { id: 'name', desc: true }], limit: 5 } }, { scope: { csmIds: ['c'] } });
  await engine.answer({ kind: 'rows', view, rowSet: 'movements', query: { sort: [{ id: 'accountId' }], limit: 5 } });
  await engine.answer({ kind: 'rows', view, rowSet: 'movements', query: { search: 'e_%', filters: [{ id: 'amount', value: [100, null] }, { id: 'kind', value: 'churn' }], limit: 5 } });
  // Every kind of drill-down.
  for (const target of [
    { kind: 'tier', month: '2025-06', tier: 'red' }, { kind: 'transition', transition: 'save' }, { kind: 'tier-change', fromTier: 'red', toTier: 'green' },
    { kind: 'quadrant', quadrant: 'critical' }, { kind: 'due', month: '2025-06' }, { kind: 'due', month: '2025-06', tier: 'unknown' },
    ...(['savedWonExpansionArr', 'optOutRetainedArr', 'csqlArr', 'csqaCount', 'premiumServicesArr'] as const).map((field) => ({ kind: 'attribution', field }) as const),
    { kind: 'nps', category: 'detractors' }, { kind: 'group', dimension: 'team', key: 'East' }, { kind: 'movement', movement: 'churn' }, { kind: 'renewal-stage', stage: 'renewed' },
  ] as const) await engine.answer({ kind: 'drill-down', view, target }, { scope: { csmIds: ['c'] } });
  await engine.answer({ kind: 'summary', view }, { scope: { accountIds: ['x'] } });
}, 60_000);
afterAll(async () => db?.close());

describe('the engine\'s queries in other dialects (node-sql-parser)', () => {
  it.each(Object.keys(PLACEHOLDERS))('%s: every query parses', (dialect) => {
    expect(queries.size).toBeGreaterThan(20);
    // The health facts' INSERT and the statements reading them are among them.
    expect([...queries].filter((sql) => sql.includes('cskit_health_')).map((sql) => sql.startsWith('INSERT'))).toEqual(expect.arrayContaining([true, false]));
    const parser = new Parser();
    const refused = [...queries].filter((sql) => {
      try {
        parser.astify((PLACEHOLDERS[dialect] as (s: string) => string)(sql), { database: dialect });
        return false;
      } catch {
        return true;
      }
    });
    expect(refused.map((sql) => sql.slice(0, 400))).toEqual([]);
  });
});
