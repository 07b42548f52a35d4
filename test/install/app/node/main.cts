// CommonJS TypeScript against the packed packages: `module: nodenext` (TypeScript >= 5.8) on Node >= 20.19, where
// require() loads the packages' ES modules (docs/embedding.md).
import { prepareDataset, validateDataset } from '@cskit/metrics';
import { prepareInSlices } from '@cskit/metrics/load';
import { generateDataset } from '@cskit/sample-data';
import { join } from 'node:path';
import { createCsHandler } from '@cskit/server';
import { createDataWorker } from '@cskit/server/worker';
import { importTables } from '@cskit/import';
import { createSqlEngine, type SqlClient } from '@cskit/sql';

const { dataset, issues } = validateDataset(generateDataset({ seed: 7, accounts: 50 }));
const summary = prepareDataset(dataset).summary({ period: { from: '2025-01', to: '2025-12' } });
const imported = importTables([{ name: 'subscriptions.csv', text: 'customer_id,start_date,mrr\nC1,2025-01-01,100\n' }]);
const handler = createCsHandler({ load: () => dataset, scope: () => ({ all: true }) });
// A host's driver adapter: any `query(sql, params)` (no database is needed to build an engine).
const client: SqlClient = { query: async () => [] };
const sqlEngine = createSqlEngine({ client, dialect: 'duckdb' });

/** The data in a worker thread, from the packed package: its worker file ships and finds its dependencies. */
async function accountsInWorker(): Promise<number> {
  const data = createDataWorker({ module: join(__dirname, '..', 'node', 'load-data.mjs') });
  const inWorker = createCsHandler({ engine: data.engine, scope: () => ({ all: true }) });
  try {
    const response = await inWorker(new Request('http://127.0.0.1/api/cskit/v1/info', { method: 'POST', body: '{}' }));
    return ((await response.json()) as { accountCount: number }).accountCount;
  } finally {
    await data.close();
  }
}

void accountsInWorker().then((workerAccounts) => {
  console.log(JSON.stringify({ sql: typeof sqlEngine.answer, accounts: summary.accountCount, arr: summary.kpis.arr, issues: issues.length, slices: typeof prepareInSlices, handler: typeof handler, importedArr: imported.dataset.contracts?.[0]?.arr, workerAccounts }));
});
