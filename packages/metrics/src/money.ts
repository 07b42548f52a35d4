/**
 * Money at the result boundary: totals are whole cents. Sums of amounts with cents in binary floating point carry
 * noise (0.1 + 0.2 = 0.30000000000000004; a year's ARR printed as 227749585.7999999); results round their money
 * totals to cents, and compute identities such as `opening + netNew = closing` in integer cents, so they hold in
 * cents exactly. Per-account amounts (movement rows, account ARR) are left as the data gives them.
 */

/** Whole cents of an amount (to the nearest; halves away from zero, so +x and -x round alike). */
export function toCents(amount: number): number {
  const cents = Math.round(Math.abs(amount) * 100);
  return amount < 0 && cents !== 0 ? -cents : cents;
}

/** An amount from whole cents. */
export function fromCents(cents: number): number {
  return cents / 100;
}

/** An amount rounded to cents. */
export function roundMoney(amount: number): number {
  return fromCents(toCents(amount));
}
