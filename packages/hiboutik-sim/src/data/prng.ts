/**
 * Small seeded PRNG. Every generated record draws from its own stream keyed by
 * (seed, stream, ids…), so any record can be rebuilt on demand without generating the
 * others: this is what keeps memory flat at 1,000,000 products.
 */

/** Stream tags: one per kind of record, so two kinds never share a sequence. */
export const Stream = {
  product: 1,
  stock: 2,
  customer: 3,
  salesDay: 4,
  sale: 5,
  saleLine: 6,
  saleCustomer: 7,
  saleReturn: 8,
  secrets: 9,
  oauth: 13,
  saleKey: 14,
  faults: 10,
  identity: 11,
  barcodes: 12,
} as const;

function mix(h: number, value: number): number {
  let k = Math.imul(value | 0, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  let x = h ^ k;
  x = (x << 13) | (x >>> 19);
  return (Math.imul(x, 5) + 0xe6546b64) | 0;
}

/** murmur3-style hash of integers (each may exceed 32 bits: the high part is mixed too). */
export function hash32(...parts: readonly number[]): number {
  let h = 0x9747b28c;
  for (const part of parts) {
    h = mix(h, part);
    const high = Math.floor(part / 4294967296);
    if (high !== 0) h = mix(h, high);
  }
  h ^= parts.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
const HEX = "0123456789abcdef";

/** mulberry32: tiny, fast, good enough for test data (not for secrets in production). */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error("Rng.pick on an empty list");
    return item;
  }

  /** Picks by relative weight: `[[value, weight], …]`. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of entries) total += weight;
    let roll = this.next() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    const last = entries[entries.length - 1];
    if (last === undefined) throw new Error("Rng.weighted on an empty list");
    return last[0];
  }

  /** Index into running weight sums (`[w0, w0+w1, …]`) by binary search: for long lists. */
  cumulative(sums: readonly number[]): number {
    const roll = this.next() * (sums[sums.length - 1] ?? 0);
    let lo = 0;
    let hi = sums.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((sums[mid] ?? 0) > roll) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  chars(length: number, alphabet: string): string {
    let out = "";
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }

  hex(length: number): string {
    return this.chars(length, HEX);
  }

  alnum(length: number): string {
    return this.chars(length, ALNUM);
  }

  digits(length: number): string {
    return this.chars(length, "0123456789");
  }
}

export function rngFor(...parts: readonly number[]): Rng {
  return new Rng(hash32(...parts));
}
