/**
 * `base(score) ** exponent` for the generator's scores, read from a table. Scores are kept to one decimal in 0..100
 * (`clampScore`), so 1,001 entries cover every one. `**` with a fractional exponent is a libm call: in the month loop
 * (4-10 of them per account-month) it took ~0.5 s of the 100k-account sample's ~2.2 s. A score off the table is
 * computed as before, so the numbers are the same either way (a table entry is the same expression on the same double).
 */
export function scorePower(exponent: number, base: (score: number) => number): (score: number) => number {
  const table = new Float64Array(1001);
  for (let k = 0; k <= 1000; k += 1) table[k] = base(k / 10) ** exponent;
  return (score) => {
    const k = Math.round(score * 10);
    return k >= 0 && k <= 1000 && k / 10 === score ? (table[k] as number) : base(score) ** exponent;
  };
}
