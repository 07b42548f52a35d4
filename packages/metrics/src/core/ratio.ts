/** A ratio whose denominator is 0 is null, never NaN or Infinity (SPEC 0). */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}
