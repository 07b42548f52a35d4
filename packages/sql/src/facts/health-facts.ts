/**
 * Health facts (issue 29, item 5): a health model's scores per account and month worked out once per data version and
 * kept in a table, so the health family, the renewals ahead, CS attribution and credit, the breakdowns, targets, the
 * scorecard and their drill-downs and pages read each cell's health instead of working it out from the records again.
 *
 * `cskit_health_<key> (acct, k, outcome, experience, score, tier)`: the cells with health (`ht` of health-sql.ts: the
 * same SQL the engine would run, over every account and the months `from..to`), written sorted by month (a column
 * store skips the months a statement does not read). `key` names the resolved model (`healthModelKey`: a digest of its
 * JSON with sorted keys, so equal models share their facts). The data's header lists the facts written with it
 * (`healthFacts`), so an engine reads only facts of the version it answers; a month outside `from..to` is worked out
 * from the records as before.
 */
import { createHash } from 'node:crypto';
import type { HealthModel } from '@cskit/metrics';
// Canonical JSON (object keys sorted) for the model's key: a well-kept package rather than a hand-written walk.
import stableStringify from 'fast-json-stable-stringify';
import { tableName } from '../schema/dialect.js';

/** Facts of one model written with a data version: the model's key and the months (indexes) they cover. */
export interface HealthFactsEntry {
  key: string;
  from: number;
  to: number;
}

export const HEALTH_FACTS_PREFIX = 'cskit_health_';

/** A resolved model's key: 16 hex digits of the SHA-256 of its canonical JSON. */
export function healthModelKey(model: HealthModel): string {
  return createHash('sha256').update(stableStringify(model)).digest('hex').slice(0, 16);
}

/** The facts table of a model key. */
export const healthFactsTable = (key: string, schema: string | undefined): string => tableName(`${HEALTH_FACTS_PREFIX}${key}`, schema);

/** The facts of `model` among a header's, or null. */
export function healthFactsOf(entries: readonly HealthFactsEntry[] | undefined, model: HealthModel): HealthFactsEntry | null {
  if (!entries || entries.length === 0) return null;
  const key = healthModelKey(model);
  return entries.find((entry) => entry.key === key) ?? null;
}
