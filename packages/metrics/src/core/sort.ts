/**
 * Stable orders of number keys without a comparator: a radix sort over the IEEE-754 bits, four passes of 16 bits.
 * Row sets sorted by a number column (ARR), the quadrant's largest accounts and the health validation's ranks all
 * order tens of thousands of keys on every view; a comparator sort costs several times more there.
 */

/** Below this many keys a comparator sort is cheaper than four counting passes over 65,536 buckets. */
const RADIX_MIN = 1_024;

const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);
scratch[0] = 1;
/** Which 32-bit word of a double holds its sign and exponent (1 on little-endian machines). */
const HIGH = words[1] === 0x3ff00000 ? 1 : 0;
const LOW = 1 - HIGH;

/**
 * Positions `0 .. keys.length - 1` ordered by their key, ascending (or descending), equal keys in position order;
 * NaN keys come last in either direction, in position order. -0 equals 0. The order `Array.prototype.sort` gives
 * with `(a, b) => keys[a] - keys[b] || a - b` and NaN moved to the end.
 */
export function stableNumberOrder(keys: ArrayLike<number>, descending = false): Int32Array {
  const n = keys.length;
  const order = new Int32Array(n);
  let size = 0;
  let nans = n;
  // Numbers first, NaN from the end back (reversed afterwards, so they keep their position order).
  for (let i = 0; i < n; i += 1) {
    if (Number.isNaN(keys[i] as number)) order[--nans] = i;
    else order[size++] = i;
  }
  order.subarray(nans).reverse();
  const numbers = order.subarray(0, size);
  if (size < RADIX_MIN) {
    numbers.sort(descending
      ? (a, b) => compareNumbers(keys[b] as number, keys[a] as number) || a - b
      : (a, b) => compareNumbers(keys[a] as number, keys[b] as number) || a - b);
    return order;
  }
  radixSort(numbers, keys, descending);
  return order;
}

function compareNumbers(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts `positions` in place by the unsigned keys of their numbers: LSD radix, stable. */
function radixSort(positions: Int32Array<ArrayBufferLike>, keys: ArrayLike<number>, descending: boolean): void {
  const n = positions.length;
  // Two unsigned words per position whose unsigned order is the numbers' order (flipped for descending).
  const bits = new Uint32Array(keys.length * 2);
  for (let k = 0; k < n; k += 1) {
    const position = positions[k] as number;
    const value = keys[position] as number;
    scratch[0] = value === 0 ? 0 : value;
    let high = words[HIGH] as number;
    let low = words[LOW] as number;
    if (high >>> 31 === 1) {
      // Negative: all bits flipped, so larger magnitudes sort first.
      high = ~high >>> 0;
      low = ~low >>> 0;
    } else {
      high = (high | 0x80000000) >>> 0;
    }
    if (descending) {
      high = ~high >>> 0;
      low = ~low >>> 0;
    }
    bits[position * 2] = low;
    bits[position * 2 + 1] = high;
  }
  const counts = new Int32Array(65_537);
  let from: Int32Array<ArrayBufferLike> = positions;
  let to: Int32Array<ArrayBufferLike> = new Int32Array(n);
  for (let pass = 0; pass < 4; pass += 1) {
    const word = pass >> 1;
    const shift = (pass & 1) * 16;
    counts.fill(0);
    for (let k = 0; k < n; k += 1) {
      const digit = ((bits[(from[k] as number) * 2 + word] as number) >>> shift) & 0xffff;
      counts[digit + 1] = (counts[digit + 1] as number) + 1;
    }
    // A digit every key shares (the high bits of similar numbers) moves nothing.
    let same = false;
    for (let digit = 1; digit <= 65_536; digit += 1) {
      if (counts[digit] === n) {
        same = true;
        break;
      }
    }
    if (same) continue;
    for (let digit = 1; digit <= 65_536; digit += 1) counts[digit] = (counts[digit] as number) + (counts[digit - 1] as number);
    for (let k = 0; k < n; k += 1) {
      const position = from[k] as number;
      const digit = ((bits[position * 2 + word] as number) >>> shift) & 0xffff;
      to[counts[digit] as number] = position;
      counts[digit] = (counts[digit] as number) + 1;
    }
    const swap = from;
    from = to;
    to = swap;
  }
  if (from !== positions) positions.set(from);
}
