/**
 * Issue 29's measure of "the same answer": the same JSON, money to the cent, ratios to 1e-9. Both engines sum the
 * same numbers, but a database adds them in its own order, so a rate may differ in its last bits; money is rounded to
 * whole cents by the same code in both, so it must be equal. `sameAnswer(actual, expected)` is `actual` with each
 * ratio (NRR, GRR, LTV, a cohort cell's value) within 1e-9 (relative) and each unrounded money figure within half a cent of
 * `expected`'s replaced by it: `expect(sameAnswer(a, e)).toEqual(e)` then shows any
 * other difference as it is.
 */
const RATIOS = new Set(['nrr', 'grr', 'nrr12', 'grr12', 'ltv', 'value', 'dollarRate', 'grossDollarRate', 'actual', 'attainment', 'expected', 'meanHealthScore', 'arrPerAccount', 'outcome', 'experience']);
/**
 * Money a part leaves unrounded (a cohort's starting ARR, a funnel stage's ARR, a health tier's or quadrant's ARR, the
 * warned accounts' ARR, the renewals ahead's sums, CS attribution's and credit's): to the cent.
 */
const MONEY = new Set([
  'startingArr', 'dueArr', 'renewalArr', 'arr', 'atRiskArr', 'expectedArr', 'expectedUnknownArr',
  'savedRenewalArr', 'wonRenewalArr', 'optOutRetainedArr', 'csqlArr', 'savedWonExpansionArr', 'pocArr', 'referralArr', 'premiumServicesArr',
  'assistedSalesArr', 'total', 'totalArr', 'premiumCsmArr', 'consultingArr', 'netNewArr', 'csqlWonArr',
]);

export function sameAnswer(actual: unknown, expected: unknown, key?: string): unknown {
  if (typeof actual === 'number' && typeof expected === 'number' && key !== undefined && RATIOS.has(key)) {
    return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)) ? expected : actual;
  }
  if (typeof actual === 'number' && typeof expected === 'number' && key !== undefined && MONEY.has(key)) {
    return Math.abs(actual - expected) < 0.005 ? expected : actual;
  }
  if (Array.isArray(actual) && Array.isArray(expected)) return actual.map((item, i) => sameAnswer(item, expected[i]));
  if (typeof actual === 'object' && actual !== null && typeof expected === 'object' && expected !== null && !Array.isArray(actual)) {
    return Object.fromEntries(Object.entries(actual).map(([k, v]) => [k, sameAnswer(v, (expected as Record<string, unknown>)[k], k)]));
  }
  return actual;
}
