/**
 * Writing health facts (facts/health-facts.ts): with the data (`writeDataset`'s `healthModels`, in its transaction), or
 * afterwards for the version written (`refreshHealthFacts`, on the host's schedule: a model the dashboard now uses).
 * Each model's cells come from the engine's own health SQL (`withHealth` over every account and the covered months),
 * so the facts equal what a statement would work out. Readers keep answering meanwhile: the facts and the header
 * naming them are written in one transaction, and an engine reads facts only once the header lists them.
 */
import { monthIndex, resolveHealthModel, type HealthModel, type HealthModelInput } from '@cskit/metrics';
import { inTransaction, type SqlClient } from '../client/clients.js';
import { healthFactsTable, healthModelKey, HEALTH_FACTS_PREFIX, type HealthFactsEntry } from '../facts/health-facts.js';
import { wholeDataSpan } from '../engine/info.js';
import { readHeader } from '../engine/read-chunks.js';
import { monthsCte, MAX_SERIES_MONTHS, Params } from '../metrics/arr/runs-sql.js';
import { modelFitsSql, withHealth } from '../metrics/health/health-sql.js';
import { checkDialect, DIALECT, tableName, type Dialect } from '../schema/dialect.js';
import { META_TABLE } from '../schema/tables.js';
import type { DataSpans } from '../facts/data-spans.js';

/** Months past the data's last month the facts cover (a dashboard's `asOf` is often a little past its data). */
export const HEALTH_FACTS_MONTHS_AHEAD = 12;

/** The months facts cover for data of these spans: its period and `HEALTH_FACTS_MONTHS_AHEAD` after; null without data. */
export function healthFactsCover(spans: DataSpans): { from: number; to: number } | null {
  const period = wholeDataSpan(spans)?.dataPeriod;
  if (!period) return null;
  const from = monthIndex(period.from);
  return { from, to: Math.min(monthIndex(period.to) + HEALTH_FACTS_MONTHS_AHEAD, from + MAX_SERIES_MONTHS - 1) };
}

/** The resolved models of `inputs`, each once (by key), leaving out those SQL does not work out (`modelFitsSql`). */
function modelsOf(inputs: readonly HealthModelInput[]): Array<{ key: string; model: HealthModel }> {
  const byKey = new Map<string, HealthModel>();
  for (const input of inputs) {
    const model = resolveHealthModel(input);
    if (modelFitsSql(model)) byKey.set(healthModelKey(model), model);
  }
  return [...byKey].map(([key, model]) => ({ key, model }));
}

/** Writes each model's facts over `cover` in `session` (replacing a table of the same key); their header entries. */
export async function writeHealthFacts(
  session: SqlClient, inputs: readonly HealthModelInput[], cover: { from: number; to: number } | null, dialect: Dialect, schema: string | undefined,
): Promise<HealthFactsEntry[]> {
  if (cover === null) return [];
  const { types } = DIALECT[dialect];
  const entries: HealthFactsEntry[] = [];
  for (const { key, model } of modelsOf(inputs)) {
    const table = healthFactsTable(key, schema);
    await session.query(`DROP TABLE IF EXISTS ${table}`, []);
    await session.query(`CREATE TABLE ${table} (acct ${types.int} NOT NULL, k ${types.int} NOT NULL, outcome ${types.number} NOT NULL,
  experience ${types.number} NOT NULL, score ${types.number} NOT NULL, tier ${types.int} NOT NULL)`, []);
    const p = new Params();
    const months = (params: Params) => `${monthsCte(params.int(cover.from), params.int(cover.to))},\nhm AS (SELECT k FROM months)`;
    // The engine's own health SQL over every account: the facts equal what a statement would work out.
    await session.query(`INSERT INTO ${table} (acct, k, outcome, experience, score, tier)
${withHealth({ client: session, accounts: null, schema, dialect }, p, model, months)}
SELECT ht.acct, ht.k, ht.outcome, ht.experience, ht.score, ht.tier FROM ht ORDER BY ${DIALECT[dialect].factsOrder}`, p.values);
    if (DIALECT[dialect].indexSeq) await session.query(`CREATE INDEX ${HEALTH_FACTS_PREFIX}${key}_cell ON ${table} (acct, k)`, []);
    if (DIALECT[dialect].analyze) await session.query(`ANALYZE ${table}`, []);
    entries.push({ key, ...cover });
  }
  return entries;
}

/** Drops the facts tables a header listed that are not among `kept`. */
export async function dropHealthFacts(session: SqlClient, listed: readonly HealthFactsEntry[], kept: readonly HealthFactsEntry[], schema: string | undefined): Promise<void> {
  const keep = new Set(kept.map((entry) => entry.key));
  for (const entry of listed) if (!keep.has(entry.key)) await session.query(`DROP TABLE IF EXISTS ${healthFactsTable(entry.key, schema)}`, []);
}

export interface RefreshHealthFactsOptions {
  dialect: Dialect;
  schema?: string;
  /** The health models whose facts to keep (others written before are dropped); e.g. the dashboard's. */
  models: readonly HealthModelInput[];
}

/**
 * Writes the health facts of `models` for the data version in the database (and drops those of other models), in one
 * transaction: engines keep answering meanwhile, and read the facts once the header lists them. Returns the entries.
 * For a host's schedule; `writeDataset`'s `healthModels` writes them with the data instead.
 */
export async function refreshHealthFacts(client: SqlClient, options: RefreshHealthFactsOptions): Promise<readonly HealthFactsEntry[]> {
  const dialect = checkDialect(options?.dialect, 'refreshHealthFacts');
  const { schema } = options;
  return inTransaction(client, async (session) => {
    const header = await readHeader(session, schema);
    const entries = await writeHealthFacts(session, options.models, healthFactsCover(header.spans), dialect, schema);
    await dropHealthFacts(session, header.healthFacts, entries, schema);
    const meta = tableName(META_TABLE, schema);
    await session.query(`DELETE FROM ${meta} WHERE key = $1`, ['healthFacts']);
    await session.query(`INSERT INTO ${meta} (key, value) VALUES ($1, $2)`, ['healthFacts', JSON.stringify(entries)]);
    return entries;
  });
}
