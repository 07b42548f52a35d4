/**
 * Which band labels to show so they never overlap: every k-th one, k chosen so labels are at least `spacing` px
 * apart (a month label such as "Sep 2025" needs about 56 px at 11 px type).
 */
export function everyNth<T>(values: readonly T[], innerWidth: number, spacing = 56): T[] {
  const fit = Math.max(1, Math.floor(innerWidth / spacing));
  const every = Math.max(1, Math.ceil(values.length / fit));
  return values.filter((_, i) => i % every === 0);
}
