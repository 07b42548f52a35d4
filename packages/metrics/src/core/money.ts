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

/**
 * Moves `residue` cents (what rounding the parts to cents left between opening + parts and closing) onto the part
 * of largest magnitude, in place, when there is a nonzero part and the residue is at most `bound`; returns whether
 * it moved. Parts, opening and closing then agree in cents exactly.
 */
export function carryResidue(partCents: number[], residue: number, bound = Infinity): boolean {
  let largest = -1;
  partCents.forEach((cents, i) => { if (cents !== 0 && (largest < 0 || Math.abs(cents) > Math.abs(partCents[largest] as number))) largest = i; });
  if (largest < 0 || Math.abs(residue) > bound) return false;
  partCents[largest] = (partCents[largest] as number) + residue;
  return true;
}

/** Σ of whole cents. */
export function sumCents(cents: readonly number[]): number {
  return cents.reduce((sum, value) => sum + value, 0);
}
