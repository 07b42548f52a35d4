/**
 * What the SQL engine keeps and how it runs many statements: figures and answers kept per data version (by count and
 * by bytes), the keys they are kept by (digests: a view may name 100,000 ids), and statements started in lanes.
 */
import { createHash } from 'node:crypto';
import { accountScopeKey, type CsRequest } from '@cskit/metrics';
import type { SqlClient } from '../client/clients.js';
import type { Predicate, SqlScope } from './scope-sql.js';

/**
 * Each key's `run`, started at once in at most `lanes` lanes (each lane takes the next key when its last is done); a
 * failure is the rejection of that key's promise alone, which the caller awaits (none is left unhandled meanwhile).
 */
export function startInLanes<K, T>(keys: readonly K[], lanes: number, run: (key: K) => Promise<T>): Map<K, Promise<T>> {
  const settle = keys.map(() => {
    let done!: { resolve: (value: T) => void; reject: (error: unknown) => void };
    const promise = new Promise<T>((resolve, reject) => { done = { resolve, reject }; });
    promise.catch(() => undefined);
    return { promise, ...done };
  });
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < keys.length) {
      const i = next++;
      const own = settle[i] as (typeof settle)[number];
      await run(keys[i] as K).then(own.resolve, own.reject);
    }
  };
  for (let i = 0; i < Math.min(Math.max(1, lanes), keys.length); i += 1) void lane();
  return new Map(keys.map((key, i) => [key, (settle[i] as (typeof settle)[number]).promise]));
}

/**
 * Figures of the data kept per data version: at most `max` keys (the oldest go first), all dropped when the version
 * changes; a failed figure is not kept.
 */
export function keptPerVersion<T>(max: number, budget?: { bytes: number; sizeOf: (value: T) => number }): (version: string, key: string, compute: () => Promise<T>) => Promise<T> {
  let kept: { version: string; values: Map<string, Promise<T>>; sizes: Map<string, number>; bytes: number } | null = null;
  const drop = (key: string) => {
    if (!kept) return;
    kept.values.delete(key);
    kept.bytes -= kept.sizes.get(key) ?? 0;
    kept.sizes.delete(key);
  };
  const fit = (limitBytes: number) => {
    if (!kept) return;
    for (const oldest of kept.values.keys()) {
      if (kept.values.size <= max && kept.bytes <= limitBytes) break;
      drop(oldest);
    }
  };
  return (version, key, compute) => {
    if (kept?.version !== version) kept = { version, values: new Map(), sizes: new Map(), bytes: 0 };
    const mine = kept;
    let value = mine.values.get(key);
    if (value === undefined) {
      value = compute();
      value.then((done) => {
        // Counted once known; the oldest go until the kept ones fit the budget again.
        if (!budget || mine !== kept || !mine.values.has(key)) return;
        const size = budget.sizeOf(done);
        mine.sizes.set(key, size);
        mine.bytes += size;
        fit(budget.bytes);
      }, () => { if (mine === kept) drop(key); });
      mine.values.set(key, value);
      fit(budget?.bytes ?? Number.POSITIVE_INFINITY);
    }
    return value;
  };
}

/** A key of a value as JSON: its SHA-256 digest (a view may name 100,000 account ids, a statement bind thousands). */
const digestOf = (value: unknown): string =>
  createHash('sha256').update(JSON.stringify(value, (_, part: unknown) => (typeof part === 'bigint' ? `${part}n` : part))).digest('base64');

/** A request's key for a scope: a digest of both. */
export const requestKey = (scope: SqlScope, request: CsRequest): string => digestOf([accountScopeKey(scope), request]);

/** A predicate's key: a digest of its text and bound values. */
export const predicateKey = (accounts: Predicate): string => digestOf([accounts.accountsOnly, accounts.params]);

/**
 * A client on which equal statements (the same SQL text and parameters) run once, for one answer of one data version
 * (a summary's parts read some of the same figures). Each caller gets its own copy of the rows' list; a failed
 * statement is not kept (a caller asking it again runs it again). Statements that write never go through it.
 */
export function sharingEqualStatements(client: SqlClient): SqlClient {
  const ran = new Map<string, Promise<Array<Record<string, unknown>>>>();
  return {
    query: async (sql, params) => {
      const key = digestOf([sql, params]);
      let rows = ran.get(key);
      if (!rows) {
        rows = client.query(sql, params);
        ran.set(key, rows);
        rows.catch(() => ran.delete(key));
      }
      return (await rows).slice();
    },
  };
}
