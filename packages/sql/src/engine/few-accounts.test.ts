/**
 * Pages of the `accounts` row set and account stories from SQL (their accounts chosen and ordered in the database,
 * built on those accounts' own records and the anchor of the whole data's spans: few-accounts.ts) equal the JS
 * engine's for every account, with each kind of health model (snapshots; components of measures and the activity
 * rate; components of roles' activity, tickets and NPS), on data where ARR comes from snapshots some accounts lack,
 * where activity, measures and tickets stop early for some accounts, and for scopes and filters.
 */
import { answerRequest, prepareDataset, type CsRequest, type Dataset, type ViewOptions } from '@cskit/metrics';
import { generateDataset, SAMPLE_HEALTH_MODEL, SERVICE_HEALTH_MODEL, SNAPSHOT_HEALTH_MODEL } from '@cskit/sample-data';
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../schema/dialect.js';
import { openDatabase, type TestDatabase } from '../test-support/databases.js';
import { sameAnswer } from '../test-support/same-answer.js';
import { writeDataset } from '../write/write-dataset.js';
import { createSqlEngine } from './sql-engine.js';

const generated = generateDataset({ seed: 29, accounts: 45 });
const ids = generated.accounts.map((a) => a.id);
const early = new Set(ids.filter((_, i) => i % 4 === 1));
/** The generated data with some accounts' activity, measures and tickets ending in 2024 (the whole data's go on). */
const stopping: Dataset = {
  ...generated,
  activity: generated.activity?.filter((r) => !early.has(r.accountId) || r.month < '2024-07'),
  measures: generated.measures?.filter((r) => !early.has(r.accountId) || r.month < '2024-04'),
  tickets: generated.tickets?.filter((r) => !early.has(r.accountId) || r.openedAt < '2024-02-01'),
};
/**
 * ARR from snapshots (SPEC 2) that every third account lacks: those read 0, never their contracts; the others' ARR
 * repeats every five accounts (ties keep the data's order), in each view's last month among others.
 */
const snapshots: Dataset = {
  ...generated,
  arr: generated.accounts.flatMap((a, i) => (i % 3 === 0 ? [] : ['2024-11', '2024-12', '2025-06', '2025-12'].map((month, k) => ({ accountId: a.id, month, arr: 1000 * ((i % 5) + 1 + k) })))),
};
/**
 * Pages of seven by ARR both ways, from the first to the last: 26-33 of the 40-45 accounts earn in these views, so
 * some page crosses where the earning accounts meet those of ARR 0 in each view, either way.
 */
const PAGES = [true, false].flatMap((desc) => [0, 10, 24, 31, 38].map((offset) => ({ sort: [{ id: 'arr', desc }], offset, limit: 7 })));

const VIEWS: ViewOptions[] = [
  { period: { from: '2025-01', to: '2025-12' }, graceMonths: 1, model: SAMPLE_HEALTH_MODEL },
  { period: { from: '2024-04', to: '2024-12' }, model: SERVICE_HEALTH_MODEL, asOf: '2024-10-20' },
  { period: { from: '2025-01', to: '2025-06' }, model: SNAPSHOT_HEALTH_MODEL, filters: { segment: ['MM', 'SMB'] } },
];

const asJson = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

async function outcome(answer: () => unknown): Promise<unknown> {
  try {
    return asJson(await answer());
  } catch (error) {
    return { error: (error as Error).name };
  }
}

describe.each(DIALECTS)('account rows and stories from SQL on %s', (dialect) => {
  let opened: TestDatabase | undefined;
  const open = async () => (opened = await openDatabase(dialect));
  afterEach(async () => {
    await opened?.close();
    opened = undefined;
  });

  it.each([['stopping records', stopping], ['ARR snapshots', snapshots]] as const)('%s: every account\'s row and story as the JS engine', async (_, data) => {
    const db = await open();
    await writeDataset(db.client, data, { dialect });
    const engine = createSqlEngine({ client: db.client, dialect });
    const js = prepareDataset(data);
    for (const view of VIEWS) {
      for (const query of [{ sort: [{ id: 'arr', desc: true }], limit: 5000 }, ...PAGES, { offset: 40, limit: 10 }, { sort: [{ id: 'arr', desc: true }], offset: Number.MAX_SAFE_INTEGER, limit: 5 }]) {
        const request: CsRequest = { kind: 'rows', view, rowSet: 'accounts', query };
        const expected = asJson(answerRequest(js, request));
        expect(sameAnswer(await engine.answer(request), expected), JSON.stringify(request)).toEqual(expected);
      }
      // The accounts whose records stop early (odd places) and those without ARR snapshots (every third).
      for (const accountId of [...ids.filter((_, i) => i % 2 === 1 || i % 3 === 0), 'nobody']) {
        const request: CsRequest = { kind: 'account-story', view, accountId };
        const expected = await outcome(() => answerRequest(js, request));
        expect(sameAnswer(await outcome(() => engine.answer(request)), expected), JSON.stringify(request)).toEqual(expected);
      }
    }
    // A CSM's book: their accounts' stories only; another's is answered as one that does not exist.
    const csmId = data.accounts[0]?.csmId as string;
    const book = data.accounts.filter((a) => a.csmId === csmId).map((a) => a.id);
    const scoped = js.scoped(book);
    for (const accountId of ids.slice(0, 12)) {
      const request: CsRequest = { kind: 'account-story', view: VIEWS[0] as ViewOptions, accountId };
      const expected = await outcome(() => answerRequest(scoped, request));
      expect(sameAnswer(await outcome(() => engine.answer(request, { scope: { csmIds: [csmId] } })), expected), accountId).toEqual(expected);
    }
    const page: CsRequest = { kind: 'rows', view: VIEWS[0] as ViewOptions, rowSet: 'accounts', query: { sort: [{ id: 'arr', desc: true }], limit: 20 } };
    expect(sameAnswer(await engine.answer(page, { scope: { csmIds: [csmId] } }), asJson(answerRequest(scoped, page)))).toEqual(asJson(answerRequest(scoped, page)));
    // None of it prepared the compact engine.
    expect(engine.status().preparedVersion).toBeNull();
  }, 120_000);

  it('a write while a page\'s accounts are read: read again, never rows of two versions', async () => {
    const db = await open();
    const named = (name: string): Dataset => ({ ...generated, accounts: generated.accounts.map((a) => ({ ...a, name: `${name} ${a.id}` })) });
    await writeDataset(db.client, named('First'), { dialect, version: 'v1' });
    let release = () => undefined as void;
    let hold: Promise<void> | null = new Promise<void>((done) => { release = done; });
    const client = {
      query: async (sql: string, params: unknown[]) => {
        if (hold && sql.includes('FROM cskit_contracts WHERE account_seq')) {
          const held = hold;
          hold = null;
          await held;
        }
        return db.client.query(sql, params);
      },
    };
    const engine = createSqlEngine({ client, dialect });
    const request: CsRequest = { kind: 'rows', view: VIEWS[0] as ViewOptions, rowSet: 'accounts', query: { sort: [{ id: 'arr', desc: true }], limit: 5 } };
    const answer = engine.answer(request) as Promise<{ rows: Array<{ name: string }> }>;
    await new Promise((done) => setTimeout(done, 50));
    await writeDataset(db.client, named('Second'), { dialect, version: 'v2' });
    release();
    expect((await answer).rows.map((r) => r.name.split(' ')[0])).toEqual(['Second', 'Second', 'Second', 'Second', 'Second']);
  });

  it.runIf(dialect === 'duckdb')('a ticket id of the anchor\'s own form changes no answer (the few accounts\' engine reads records as given)', async () => {
    const db = await open();
    // The whole data's tickets start early for the account holding the anchor-like id only: its span must stay the data's.
    const tickets = (stopping.tickets ?? []).map((t, i) => (i === 0 ? { ...t, id: '\u0000cskit-anchor-0', openedAt: '2023-01-02' } : t));
    const data: Dataset = { ...stopping, tickets };
    await writeDataset(db.client, data, { dialect });
    const engine = createSqlEngine({ client: db.client, dialect });
    const js = prepareDataset(data);
    const view = VIEWS[1] as ViewOptions;
    const others = ids.filter((id) => id !== tickets[0]?.accountId).slice(0, 6);
    const page: CsRequest = { kind: 'rows', view, rowSet: 'accounts', query: { limit: 5000 } };
    expect(sameAnswer(await engine.answer(page), asJson(answerRequest(js, page)))).toEqual(asJson(answerRequest(js, page)));
    for (const accountId of [tickets[0]?.accountId as string, ...others]) {
      const story: CsRequest = { kind: 'account-story', view, accountId };
      expect(sameAnswer(await engine.answer(story), asJson(answerRequest(js, story))), accountId).toEqual(asJson(answerRequest(js, story)));
    }
  }, 60_000);

  it('a page of more accounts than the dialect looks up one by one reads them as one list, with the same rows', async () => {
    const db = await open();
    const many = generateDataset({ seed: 31, accounts: 205, months: 12, start: '2024-01' });
    await writeDataset(db.client, many, { dialect });
    const texts: string[] = [];
    const engine = createSqlEngine({ client: { query: (sql, params) => { texts.push(sql); return db.client.query(sql, params); } }, dialect });
    const js = prepareDataset(many);
    for (const query of [{ sort: [{ id: 'arr', desc: true }], limit: 5000 }, { sort: [{ id: 'arr' }], offset: 20, limit: 3 }]) {
      const request: CsRequest = { kind: 'rows', view: VIEWS[1] as ViewOptions, rowSet: 'accounts', query };
      expect(sameAnswer(await engine.answer(request), asJson(answerRequest(js, request))), JSON.stringify(query)).toEqual(asJson(answerRequest(js, request)));
    }
    // 205 accounts: one list on either dialect; 3: one lookup each on DuckDB.
    expect(texts.filter((sql) => sql.includes('FROM cskit_health WHERE account_seq IN (')).length).toBe(dialect === 'duckdb' ? 1 : 2);
    expect(texts.filter((sql) => sql.includes('FROM cskit_health WHERE account_seq = CAST($3 AS INTEGER)')).length).toBe(dialect === 'duckdb' ? 1 : 0);
  }, 60_000);

  it('a page\'s total is counted once per data version and predicate: the next pages reuse it, a new write counts again', async () => {
    const db = await open();
    await writeDataset(db.client, generated, { dialect, version: 'v1' });
    const counts: string[] = [];
    const engine = createSqlEngine({ client: { query: (sql, params) => { if (sql.startsWith('SELECT count(*)')) counts.push(sql); return db.client.query(sql, params); } }, dialect });
    const page = (view: ViewOptions, offset: number) => engine.answer({ kind: 'rows', view, rowSet: 'accounts', query: { sort: [{ id: 'arr', desc: true }], offset, limit: 5 } }) as Promise<{ total: number }>;
    const mm = { ...(VIEWS[0] as ViewOptions), filters: { segment: ['MM'] } };
    const inMm = generated.accounts.filter((a) => a.segment === 'MM').length;
    expect([(await page(VIEWS[0] as ViewOptions, 0)).total, (await page(VIEWS[0] as ViewOptions, 5)).total, (await page(mm, 0)).total, (await page(mm, 10)).total]).toEqual([45, 45, inMm, inMm]);
    expect(counts).toHaveLength(2);
    await writeDataset(db.client, generateDataset({ seed: 30, accounts: 40 }), { dialect, version: 'v2' });
    expect((await page(VIEWS[0] as ViewOptions, 5)).total).toBe(40);
    expect(counts).toHaveLength(3);
  });

  it('once the compact engine of the version is prepared, pages and stories come from it (no records read per answer)', async () => {
    const db = await open();
    await writeDataset(db.client, stopping, { dialect });
    const texts: string[] = [];
    const engine = createSqlEngine({ client: { query: (sql, params) => { texts.push(sql); return db.client.query(sql, params); } }, dialect });
    const js = prepareDataset(stopping);
    const page: CsRequest = { kind: 'rows', view: VIEWS[1] as ViewOptions, rowSet: 'accounts', query: { sort: [{ id: 'arr', desc: true }], limit: 10 } };
    const story: CsRequest = { kind: 'account-story', view: VIEWS[1] as ViewOptions, accountId: ids[3] as string };
    const before = [asJson(await engine.answer(page)), asJson(await engine.answer(story))];
    expect(texts.some((sql) => sql.includes('WHERE account_seq'))).toBe(true);
    await engine.prepare();
    texts.length = 0;
    const after = [asJson(await engine.answer(page)), asJson(await engine.answer(story))];
    expect(texts.some((sql) => sql.includes('WHERE account_seq'))).toBe(false);
    expect(after).toEqual(before);
    expect(sameAnswer(after[0], asJson(answerRequest(js, page)))).toEqual(asJson(answerRequest(js, page)));
  });
});
