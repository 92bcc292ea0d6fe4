/**
 * Barcodes. Three kinds coexist in real accounts (doc §4.12): GS1 GTIN-13s printed by the
 * manufacturer, Hiboutik's internal `243` + 9-digit product id + check digit, and "".
 *
 * Generated GTINs are a bijection of (product id, slot) into the French GS1 range 300–379, so a
 * barcode search decodes the product in O(1) instead of scanning the catalog.
 */

const MODULUS = 80_000_000_000n; // 12-digit bodies 300000000000..379999999999
const BASE = 300_000_000_000n;
/** Slots per product: 0 = product level, n = size id n. */
export const BARCODE_SLOTS = 64;

export function ean13CheckDigit(body12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body12[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

export function isValidEan13(code: string): boolean {
  return /^\d{13}$/.test(code) && ean13CheckDigit(code.slice(0, 12)) === Number(code[12]);
}

/** Hiboutik's internal code: product 30 → "2430000000300" (pattern from real samples). */
export function internalBarcode(productId: number): string {
  const body = `243${String(productId).padStart(9, "0")}`;
  return `${body}${ean13CheckDigit(body)}`;
}

function modInverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [a, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  return ((oldS % m) + m) % m;
}

export class GtinCodec {
  private readonly multiplier: bigint;
  private readonly inverse: bigint;
  private readonly offset: bigint;

  constructor(seedHash: number) {
    // Odd and not a multiple of 5, hence coprime with 8·10^10: the map is a bijection.
    let a = BigInt(seedHash % 1_000_000_007) * 2n + 1_000_003n;
    while (a % 5n === 0n || a % 2n === 0n) a += 2n;
    this.multiplier = a;
    this.inverse = modInverse(a % MODULUS, MODULUS);
    this.offset = BigInt(seedHash) % MODULUS;
  }

  encode(productId: number, slot: number): string {
    const x = BigInt(productId) * BigInt(BARCODE_SLOTS) + BigInt(slot);
    const body = String(BASE + ((this.multiplier * x + this.offset) % MODULUS));
    return `${body}${ean13CheckDigit(body)}`;
  }

  decode(code: string): { productId: number; slot: number } | undefined {
    if (!isValidEan13(code)) return undefined;
    const body = BigInt(code.slice(0, 12));
    if (body < BASE || body >= BASE + MODULUS) return undefined;
    const x = (((body - BASE - this.offset) % MODULUS) + MODULUS) % MODULUS;
    const value = (this.inverse * x) % MODULUS;
    const slots = BigInt(BARCODE_SLOTS);
    return { productId: Number(value / slots), slot: Number(value % slots) };
  }
}

export function decodeInternalBarcode(code: string): number | undefined {
  if (!/^243\d{10}$/.test(code) || !isValidEan13(code)) return undefined;
  return Number(code.slice(3, 12));
}
