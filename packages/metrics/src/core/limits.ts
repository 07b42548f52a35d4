/**
 * Bounds on what one view or query may ask, so that no request (from a page, a worker message or the network)
 * costs unbounded time or memory: every loop a view drives (months of a period, grace and warning runs, the
 * renewals ahead, sort keys, filters) has a ceiling, checked where a view is resolved (`resolveView`, `checkQuery`,
 * `checkTarget`), so the page, the worker and the server share them. A refusal is a `ViewError` naming the
 * qualified field (`earlyWarning.months`); the protocol reports it as `view.earlyWarning.months` (an HTTP 400).
 *
 * The figures are generous for any dashboard (ten years on screen, two years of grace) and small enough that the
 * worst view over 100,000 accounts stays within a second or so.
 */

export const VIEW_LIMITS = {
  /** Months in a period or a comparison period (ten years). */
  periodMonths: 120,
  /**
   * How far past the data's last month (the last ARR snapshot or contract start) a view may read: monthly ARR is
   * built up to the latest month a view asks for, so a period in year 9999 would build thousands of months.
   */
  monthsPastData: 60,
  /** `graceMonths` (SPEC 2): each zero month looks back at most this far. */
  graceMonths: 24,
  /** `earlyWarning.months` (SPEC 5). */
  earlyWarningMonths: 24,
  /** `ahead.months`: the horizon of the renewals ahead (SPEC 9). */
  aheadMonths: 36,
  /** `lookbackMonths` (SPEC 6 attribution, SPEC 9 calibration). */
  lookbackMonths: 60,
  /** Values of one filter (SPEC 6 dimensions). */
  filterValues: 1_000,
  /** Characters of one filter value, id, group key or search text. */
  textLength: 200,
  /** Ids in a view's `accountIds` or a drill-down's `accountIds`. */
  accountIds: 100_000,
  /** Components on one side of a health model (SPEC 12). */
  modelComponents: 32,
  /** `ticketMonths` of a health model: the months of tickets a `tickets.` component reads (SPEC 12). */
  ticketMonths: 24,
  /** Segments in a health model's `segmentWeights`. */
  segmentWeights: 200,
  /** Sort keys of a row query (multi-column sorting). */
  sortKeys: 8,
  /** Column filters of a row query. */
  rowFilters: 16,
  /** Characters of a row query's `search`. */
  searchLength: 200,
} as const;

/**
 * A view, query or drill-down target that is not allowed, with the qualified field it names (`period.to`,
 * `earlyWarning.months`, `query.sort`). A `RangeError`, as every malformed view always was.
 */
export class ViewError extends RangeError {
  constructor(readonly field: string, message: string) {
    super(`${field} ${message}`);
    this.name = 'ViewError';
  }
}

/**
 * Runs a check of a nested part of a view and qualifies what it throws with the part's name: `months must be ...`
 * from the early-warning settings becomes a `ViewError` for `earlyWarning.months`.
 */
export function within<T>(prefix: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    throw qualified(prefix, error);
  }
}

/** An error of a nested check as a `ViewError` whose field starts with `prefix`. */
export function qualified(prefix: string, error: unknown): unknown {
  if (error instanceof ViewError) {
    const field = error.field === prefix || error.field.startsWith(`${prefix}.`) || error.field.startsWith(`${prefix}[`) ? error.field : `${prefix}.${error.field}`;
    return field === error.field ? error : new ViewError(field, error.message.slice(error.field.length + 1));
  }
  if (!(error instanceof RangeError || error instanceof TypeError)) return error;
  // Messages start with the field they name: `months must be ...`, `likelihood.blue: ...`, `period.to (2025-02) is ...`.
  const named = /^([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*|\[\d+\])*)(?=: | must | may | is | has | \()/.exec(error.message);
  const inner = named?.[1];
  if (inner === undefined) return new ViewError(prefix, error.message);
  const field = inner === prefix || inner.startsWith(`${prefix}.`) || inner.startsWith(`${prefix}[`) ? inner : `${prefix}.${inner}`;
  return new ViewError(field, error.message.slice(inner.length).replace(/^:? /, ''));
}

/** A whole number from `min` to `max`, else a `ViewError` for `field`. */
export function checkWhole(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ViewError(field, `must be a whole number from ${min} to ${max}, got ${describeValue(value)}`);
  }
  return value;
}

/** A list of at most `max` strings of at most `VIEW_LIMITS.textLength` characters, else a `ViewError` for `field`. */
export function checkStrings(value: unknown, field: string, max: number): readonly string[] {
  if (!Array.isArray(value)) throw new ViewError(field, `must be a list of strings, got ${describeValue(value)}`);
  if (value.length > max) throw new ViewError(field, `may hold at most ${max} values, got ${value.length}`);
  value.forEach((item, i) => checkText(item, `${field}[${i}]`));
  return value as readonly string[];
}

/** A string of at most `VIEW_LIMITS.textLength` characters, else a `ViewError` for `field`. */
export function checkText(value: unknown, field: string, maxLength: number = VIEW_LIMITS.textLength): string {
  if (typeof value !== 'string') throw new ViewError(field, `must be a string, got ${describeValue(value)}`);
  if (value.length > maxLength) throw new ViewError(field, `may be at most ${maxLength} characters long, got ${value.length}`);
  return value;
}

/** One of `values`, else a `ViewError` for `field` listing them. */
export function checkOneOf<T extends string>(value: unknown, field: string, values: readonly T[]): T {
  if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
    throw new ViewError(field, `must be one of ${values.join(', ')}, got ${describeValue(value)}`);
  }
  return value as T;
}

/** A short description of a value for an error message (never the whole of a long string). */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  return `a ${typeof value}`;
}
