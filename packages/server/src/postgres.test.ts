import { PGlite } from '@electric-sql/pglite';
import { prepareDataset, validateDataset } from '@cskit/metrics';
import { generateDataset } from '@cskit/sample-data';
import { describe, expect, it } from 'vitest';
import { createCsHandler } from './handler.js';
import { postgresLoader, postgresQueries, postgresSource, writeDatasetToPostgres } from './postgres.js';

describe('the PostgreSQL loader, on PGlite (Postgres in WebAssembly)', () => {
  it('reads back exactly the dataset written (same records, same order), and the handler answers as in process', async () => {
    const sample = generateDataset({ seed: 21, accounts: 60 });
    const db = new PGlite();
    try {
      await writeDatasetToPostgres(db, sample);
      const raw = await postgresLoader({ db })();
      const { dataset, issues } = validateDataset(raw);
      expect(issues).toEqual([]);
      // The same records in the same order; measures come in (account, month, key) order, which means the same.
      const byKey = (d: typeof dataset) => ({ ...d, measures: [...(d.measures ?? [])].sort((a, b) => (a.accountId + a.month + a.key < b.accountId + b.month + b.key ? -1 : 1)) });
      expect(byKey(dataset)).toEqual(byKey(validateDataset(sample).dataset));
      const handler = createCsHandler({ load: postgresLoader({ db }), scope: () => ({ all: true }) });
      const view = { period: { from: '2025-01', to: '2025-12' }, graceMonths: 1 };
      const response = await handler(new Request('http://127.0.0.1/v1/summary', { method: 'POST', body: JSON.stringify({ view }) }));
      expect(await response.json()).toEqual(JSON.parse(JSON.stringify(prepareDataset(sample).summary(view))));
    } finally {
      await db.close();
    }
  }, 60_000);

  it('streams the tables through cursors in batches: the same answers as the whole load, and an abort stops it', async () => {
    const sample = generateDataset({ seed: 22, accounts: 70 });
    const db = new PGlite();
    try {
      await writeDatasetToPostgres(db, sample);
      const chunks: Array<{ collection?: string; records?: readonly unknown[] }> = [];
      for await (const chunk of postgresSource({ db, batchRows: 500 })({ signal: new AbortController().signal })) chunks.push(chunk as (typeof chunks)[number]);
      expect(chunks[0]).toMatchObject({ currency: 'USD' });
      expect(chunks.filter((c) => c.collection === 'health').length).toBeGreaterThan(1);
      expect(chunks.every((c) => c.records === undefined || c.records.length <= 500)).toBe(true);
      const streamed = createCsHandler({ load: postgresSource({ db, batchRows: 500 }), scope: () => ({ all: true }) });
      const whole = createCsHandler({ load: postgresLoader({ db }), scope: () => ({ all: true }) });
      const ask = (handler: typeof whole) => handler(new Request('http://127.0.0.1/v1/summary', { method: 'POST', body: JSON.stringify({ view: { period: { from: '2025-01', to: '2025-12' } } }) })).then((r) => r.json());
      expect(await ask(streamed)).toEqual(await ask(whole));
      const controller = new AbortController();
      const reading = (async () => {
        for await (const chunk of postgresSource({ db, batchRows: 100 })({ signal: controller.signal })) if ('collection' in chunk && chunk.collection === 'contracts') controller.abort(new Error('stop'));
      })();
      await expect(reading).rejects.toThrow('stop');
      // The aborted read rolled back: the session takes queries again.
      expect((await db.query('SELECT count(*)::int AS n FROM accounts')).rows[0]).toEqual({ n: 70 });
    } finally {
      await db.close();
    }
  }, 60_000);

  it('the template SQL aliases every column to its contract field', () => {
    expect(postgresQueries().contracts).toBe(
      `SELECT id, account_id AS "accountId", to_char(start_date, 'YYYY-MM-DD') AS "start", to_char(end_date, 'YYYY-MM-DD') AS "end", arr, currency, to_char(opt_out_date, 'YYYY-MM-DD') AS "optOutDate" FROM contracts ORDER BY id`,
    );
  });
});
