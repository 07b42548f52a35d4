/** A small seeded PRNG (mulberry32): the same seed gives the same stream on every platform. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  between(min: number, max: number): number;
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by weight: `weighted([['a', 3], ['b', 1]])` returns 'a' three times as often. */
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T;
  /** Approximately normal (sum of uniforms), mean 0 and standard deviation 1. */
  normal(): number;
}

/** mulberry32's step of the state, and its output in [0, 1) for a state. */
const STEP = 0x6d2b79f5;
function output(state: number): number {
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

export function createRandom(seed: number): Random {
  let state = (seed >>> 0) ^ 0x9e3779b9;
  const next = () => {
    state = (state + STEP) >>> 0;
    return output(state);
  };
  const random: Random = {
    next,
    between: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    pick: (items) => items[Math.floor(next() * items.length)] as never,
    weighted: (items) => {
      let total = 0;
      for (const [, weight] of items) total += weight;
      let roll = next() * total;
      for (const [item, weight] of items) {
        roll -= weight;
        if (roll < 0) return item;
      }
      return (items[items.length - 1] as readonly [never, number])[0];
    },
    // `next()` six times over a local copy of the state (the same stream and sum, in the same order): the
    // generator's month loop draws ~10 M of these at 100k accounts, and the closure's state cell cost ~30% of them.
    normal: () => {
      let s = state;
      let sum = 0;
      for (let k = 0; k < 6; k += 1) {
        s = (s + STEP) >>> 0;
        sum += output(s);
      }
      state = s;
      return (sum - 3) * Math.SQRT2;
    },
  };
  return random;
}
