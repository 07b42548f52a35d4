// The data worker's module (app/api/cskit/[...path]/route.ts): imported in the worker's thread by Node itself, so it
// is plain JavaScript. A host reads its database here (postgresSource from @cskit/server/postgres streams it in
// batches); the sample stands in for it.
import { generateDatasetChunks } from '@cskit/sample-data';

export const load = () => generateDatasetChunks({ seed: 2025, accounts: 300 });
