/**
 * The one amount the contract keeps, ARR (SPEC 13): an ARR column as it is; an MRR column x 12; an amount per billing
 * interval x 12 / the interval's months (month, quarter, year, "n months"); a quantity x a unit price as the amount.
 * When a row has both ARR and MRR and they disagree by more than a cent x 12, the row is an issue.
 */
import type { Converted } from './cells.js';

/** The amount-bearing fields of a converted row. */
export interface AmountFields {
  arr?: number;
  mrr?: number;
  amount?: number;
  unitPrice?: number;
  quantity?: number;
  interval?: string;
  intervalCount?: number;
}

const UNITS: ReadonlyArray<[RegExp, number]> = [
  [/^(d|day|days|daily)$/, 12 / 365],
  [/^(w|wk|week|weeks|weekly)$/, 12 / 52],
  [/^(m|mo|mon|month|months|monthly)$/, 1],
  [/^(q|qtr|quarter|quarters|quarterly)$/, 3],
  [/^(semiannual|semiannually|halfyear|halfyearly|biannual)$/, 6],
  [/^(y|yr|year|years|yearly|annual|annually|a)$/, 12],
];

/** Months in one billing interval (`'month'` 1, `'quarter'` 3, `'2 years'` 24), or null when the text names none. */
export function monthsPerInterval(text: string, count = 1): number | null {
  const words = text.trim().toLowerCase().replace(/[-_]/g, '');
  const match = /^(?:(?:every|per)\s*)?(\d+(?:\.\d+)?)?\s*([a-z]+)$/.exec(words);
  if (!match) return null;
  const unit = UNITS.find(([pattern]) => pattern.test(match[2] as string));
  if (!unit) return null;
  const n = (match[1] === undefined ? 1 : Number(match[1])) * count;
  return n > 0 ? unit[1] * n : null;
}

/** How a table's amounts become ARR, said once in the notes. */
export type AmountRule = 'arr' | 'mrr' | 'interval' | 'bare-arr' | 'bare-mrr' | 'none';

export function amountRule(fields: ReadonlySet<string>, bare: 'arr' | 'mrr' | undefined): AmountRule {
  if (fields.has('arr')) return 'arr';
  if (fields.has('mrr')) return 'mrr';
  if (!fields.has('amount') && !fields.has('unitPrice')) return 'none';
  if (fields.has('interval') || fields.has('intervalCount')) return 'interval';
  return bare === 'mrr' ? 'bare-mrr' : 'bare-arr';
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** A row's ARR by its table's rule; undefined when the row gives no amount (the contract's check says so). */
export function arrOf(row: AmountFields, rule: AmountRule): Converted<number | undefined> {
  if (row.arr !== undefined && row.mrr !== undefined && Math.abs(row.arr - row.mrr * 12) > 0.12) {
    return { error: `ARR ${row.arr} and MRR ${row.mrr} disagree (12 x MRR = ${round2(row.mrr * 12)})` };
  }
  if (row.arr !== undefined) return { value: row.arr };
  if (row.mrr !== undefined) return { value: round2(row.mrr * 12) };
  const amount = row.amount ?? (row.unitPrice === undefined ? undefined : row.unitPrice * (row.quantity ?? 1));
  if (amount === undefined) return { value: undefined };
  if (rule === 'bare-mrr') return { value: round2(amount * 12) };
  if (rule !== 'interval') return { value: amount };
  if (row.interval === undefined) return { error: 'the row has no billing interval, so its amount cannot be made annual' };
  const months = monthsPerInterval(row.interval, row.intervalCount ?? 1);
  if (months === null) return { error: `'${row.interval}' is not a billing interval (month, quarter, year, or "n months")` };
  return { value: round2((amount * 12) / months) };
}
